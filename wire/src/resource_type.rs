//! `resourceType` markers: each resource struct carries one, so a Patient body can never be read as an
//! Appointment and every emitted resource names its type.

use serde::de::{Deserializer, Error as _};
use serde::{Deserialize, Serialize, Serializer};

macro_rules! resource_type {
    ($(#[$doc:meta])* $name:ident, $value:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
        pub struct $name;

        impl $name {
            /// The `resourceType` string.
            pub const NAME: &'static str = $value;
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str($value)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let found = String::deserialize(deserializer)?;
                if found == $value {
                    Ok($name)
                } else {
                    Err(D::Error::custom(format_args!(
                        "expected resourceType {}, found another type",
                        $value
                    )))
                }
            }
        }
    };
}

resource_type!(
    /// `"Patient"`.
    PatientType,
    "Patient"
);
resource_type!(
    /// `"Practitioner"`.
    PractitionerType,
    "Practitioner"
);
resource_type!(
    /// `"Appointment"`.
    AppointmentType,
    "Appointment"
);
resource_type!(
    /// `"AppointmentResponse"`.
    AppointmentResponseType,
    "AppointmentResponse"
);
resource_type!(
    /// `"CapabilityStatement"`.
    CapabilityStatementType,
    "CapabilityStatement"
);
resource_type!(
    /// `"OperationOutcome"`.
    OperationOutcomeType,
    "OperationOutcome"
);
resource_type!(
    /// `"Bundle"`.
    BundleType,
    "Bundle"
);

resource_type!(
    /// `"Consent"`.
    ConsentType,
    "Consent"
);
resource_type!(
    /// `"Questionnaire"`.
    QuestionnaireType,
    "Questionnaire"
);
resource_type!(
    /// `"QuestionnaireResponse"`.
    QuestionnaireResponseType,
    "QuestionnaireResponse"
);
resource_type!(
    /// `"Provenance"`.
    ProvenanceType,
    "Provenance"
);
resource_type!(
    /// `"AuditEvent"`.
    AuditEventType,
    "AuditEvent"
);
resource_type!(
    /// `"CareTeam"`.
    CareTeamType,
    "CareTeam"
);
resource_type!(
    /// `"EpisodeOfCare"`.
    EpisodeOfCareType,
    "EpisodeOfCare"
);
resource_type!(
    /// `"Device"`.
    DeviceType,
    "Device"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_marker_refuses_another_resource_type() {
        assert!(serde_json::from_str::<PatientType>("\"Appointment\"").is_err());
        assert_eq!(
            serde_json::from_str::<PatientType>("\"Patient\"").ok(),
            Some(PatientType)
        );
    }
}
