//! `Device`: one app installation enrolled for a patient at the clinic. The patient's own device reads
//! the list (`GET /fhir/Device?patient=<id>`), so the patient sees every device that can act in their
//! name and notices one they did not enroll.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{DeviceType, Extension, Reference};

/// When the device enrolled (`valueDateTime`).
pub const DEVICE_ENROLLED_EXTENSION_URL: &str = "urn:tideline:extension:device-enrolled";
/// When the device was revoked (`valueDateTime`); absent while it is active.
pub const DEVICE_REVOKED_EXTENSION_URL: &str = "urn:tideline:extension:device-revoked";

/// `Device.status`, the FHIR R4 value set in full.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DeviceStatus {
    /// Enrolled and not revoked: its signed requests are accepted.
    Active,
    /// Revoked: its signed requests are refused.
    Inactive,
    /// Created by mistake.
    EnteredInError,
    /// Not known.
    Unknown,
}

/// `Device`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Device {
    /// Always `"Device"`.
    pub resource_type: DeviceType,
    /// The device id (the `Tideline-Device` header's value).
    pub id: String,
    /// When it enrolled ([`DEVICE_ENROLLED_EXTENSION_URL`]) and was revoked
    /// ([`DEVICE_REVOKED_EXTENSION_URL`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
    /// Active or revoked.
    pub status: DeviceStatus,
    /// The patient the device acts for.
    pub patient: Reference,
}

impl Device {
    /// A device of `patient_id`, enrolled at `enrolled_at`, revoked at `revoked_at` if it was.
    pub fn enrolled(
        id: &str,
        patient_id: &str,
        enrolled_at: DateTime<Utc>,
        revoked_at: Option<DateTime<Utc>>,
    ) -> Self {
        let mut extension = vec![Extension::date_time(
            DEVICE_ENROLLED_EXTENSION_URL,
            enrolled_at,
        )];
        extension
            .extend(revoked_at.map(|at| Extension::date_time(DEVICE_REVOKED_EXTENSION_URL, at)));
        Device {
            resource_type: DeviceType,
            id: id.into(),
            extension,
            status: if revoked_at.is_some() {
                DeviceStatus::Inactive
            } else {
                DeviceStatus::Active
            },
            patient: Reference::to("Patient", patient_id),
        }
    }

    /// When the device enrolled, if the server said.
    pub fn enrolled_at(&self) -> Option<DateTime<Utc>> {
        Extension::find(&self.extension, DEVICE_ENROLLED_EXTENSION_URL)
            .and_then(|found| found.value_date_time)
    }

    /// When the device was revoked, if it was.
    pub fn revoked_at(&self) -> Option<DateTime<Utc>> {
        Extension::find(&self.extension, DEVICE_REVOKED_EXTENSION_URL)
            .and_then(|found| found.value_date_time)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_device_has_the_exact_fhir_shape() {
        let enrolled = "2026-03-02T15:04:05Z".parse().unwrap();
        let revoked = "2026-03-09T08:00:00Z".parse().unwrap();
        let device = Device::enrolled("7", "3", enrolled, Some(revoked));
        let expected = json!({
            "resourceType": "Device", "id": "7",
            "extension": [
                {"url": "urn:tideline:extension:device-enrolled", "valueDateTime": "2026-03-02T15:04:05Z"},
                {"url": "urn:tideline:extension:device-revoked", "valueDateTime": "2026-03-09T08:00:00Z"}
            ],
            "status": "inactive",
            "patient": {"reference": "Patient/3"}
        });
        assert_eq!(serde_json::to_value(&device).unwrap(), expected);
        let back: Device = serde_json::from_value(expected).unwrap();
        assert_eq!(back, device);
        assert_eq!(back.enrolled_at(), Some(enrolled));
        assert_eq!(back.revoked_at(), Some(revoked));
        let active = Device::enrolled("8", "3", enrolled, None);
        assert_eq!(active.status, DeviceStatus::Active);
        assert_eq!(active.revoked_at(), None);
    }
}
