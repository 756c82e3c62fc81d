//! Enrollment: the app trades a one-time code from the clinic for a registered device key.
//!
//! `POST /enroll` with `Content-Type: application/json` (not FHIR: nothing here is a clinical record).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What the app sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EnrollmentRequest {
    /// The code as the patient typed it; the server ignores case, spaces and dashes.
    pub code: String,
    /// The device's Ed25519 public key, 32 bytes as lowercase hex.
    pub public_key: String,
    /// Ed25519 signature (hex) over [`crate::signing::enrollment_proof_input`], proving the app holds the
    /// private key it is registering.
    pub proof: String,
}

/// A device's new key (`POST /device/key`, signed with the current key): after it, the clinic accepts
/// only the new key for this device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KeyRenewal {
    /// The new Ed25519 public key, 32 bytes as lowercase hex.
    pub public_key: String,
    /// Ed25519 signature (hex) by the NEW key over [`crate::signing::key_renewal_proof_input`].
    pub proof: String,
}

/// What the server answers on success.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EnrollmentResponse {
    /// The id to send in [`crate::signing::DEVICE_HEADER`] from now on.
    pub device_id: String,
    /// The patient this device acts for (`"Patient/3"`).
    pub patient: String,
    /// The clinic's display name, for "Connected to …" in the app.
    pub clinic_name: String,
    /// Base path of the FHIR API (`"/fhir"`).
    pub fhir_base: String,
    /// The server's clock, so the app can warn when its own clock is off by more than the allowed skew.
    pub server_time: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn enrollment_has_the_exact_shape() {
        let request = json!({"code": "K7MP-4XRT", "publicKey": "ab", "proof": "cd"});
        let parsed: EnrollmentRequest = serde_json::from_value(request.clone()).unwrap();
        assert_eq!(serde_json::to_value(parsed).unwrap(), request);
        let response = EnrollmentResponse {
            device_id: "d1".into(),
            patient: "Patient/3".into(),
            clinic_name: "Harbor IOP".into(),
            fhir_base: "/fhir".into(),
            server_time: "2026-03-01T00:00:00Z".parse().unwrap(),
        };
        assert_eq!(
            serde_json::to_value(response).unwrap(),
            json!({"deviceId": "d1", "patient": "Patient/3", "clinicName": "Harbor IOP", "fhirBase": "/fhir",
                   "serverTime": "2026-03-01T00:00:00Z"})
        );
    }
}
