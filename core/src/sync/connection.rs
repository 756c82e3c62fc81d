//! The link to the patient's clinic: where the server is, who this device is there, the key that proves
//! it, and how far the schedule has been read.

use chrono::{DateTime, Utc};
use ring::rand::SecureRandom;
use ring::signature::{Ed25519KeyPair, KeyPair};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::craving::{check_label, LABEL_MAX_CHARS};
use crate::error::{Error, Invalid, Result};

/// The largest trusted-certificate PEM accepted: a chain of a few certificates fits many times over.
const MAX_CERTIFICATE_CHARS: usize = 64 * 1024;

/// This device's link to its clinic (one per vault).
///
/// Sealed in the vault like every record, because it holds the device's private key: whoever has the
/// key can read the patient's schedule from the clinic and answer for them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct ClinicConnection {
    /// The server's origin (`https://clinic.example:8443`): scheme, host and port, no path.
    pub server: String,
    /// The id the clinic gave this device at enrollment.
    pub device_id: String,
    /// The patient this device acts for at the clinic (`Patient/3`).
    pub patient: String,
    /// The clinic's name, for "Connected to …".
    pub clinic_name: String,
    /// Path of the FHIR API on the server (`/fhir`).
    pub fhir_base: String,
    /// The device's Ed25519 key. Never shown to the UI: it is skipped in the TypeScript type, and the
    /// shell does not pass sync records to the UI at all (see [`crate::record::RecordKind::is_sync_state`]).
    #[ts(skip)]
    pub(crate) device_key: DeviceKey,
    /// A PEM certificate to trust for this server besides the public roots (a self-hosted clinic with
    /// its own certificate authority).
    pub trusted_certificate: Option<String>,
    /// The schedule cursor the server gave last (`Tideline-Cursor`); the next pull starts after it.
    pub cursor: Option<String>,
    /// The `ETag` of the last schedule answer, sent back as `If-None-Match`.
    pub etag: Option<String>,
    /// When the device enrolled.
    #[ts(type = "string")]
    pub connected_at: DateTime<Utc>,
    /// When a sync last completed (schedule read and every due answer tried).
    #[ts(type = "string | null")]
    pub last_synced: Option<DateTime<Utc>>,
    /// When the clinic first refused this device's key (revoked); syncing stops until the patient
    /// connects again.
    #[ts(type = "string | null")]
    pub refused_at: Option<DateTime<Utc>>,
    /// This connection came back from a backup, which never carries the device's key (an old
    /// backup and its passphrase must not be a working clinic credential): nothing is sent until
    /// the patient connects again with a new code.
    #[serde(default)]
    pub needs_reconnect: bool,
    /// The devices the clinic lists for the patient, and which the patient has acknowledged (see
    /// [`super::devices`]). Read through [`super::devices::list`], not by the UI from here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(skip)]
    pub(crate) devices: Option<super::devices::KnownDevices>,
    /// The key that replaces [`Self::device_key`] once the clinic confirms it (`POST /device/key`):
    /// made when the patient rotates the vault's master key and sealed in the same transaction, so
    /// neither a crash nor being offline loses it. Sent at the start of every sync until confirmed
    /// (see [`super::renewal`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(skip)]
    pub(crate) pending_key: Option<DeviceKey>,
}

impl ClinicConnection {
    /// Checks every field, so a damaged or tampered record is refused before it is used to sign.
    pub fn validate(&self) -> Result<(), Invalid> {
        super::transport::check_server(&self.server)?;
        check_label("deviceId", &self.device_id)?;
        if !self.patient.starts_with("Patient/") {
            return Err(Invalid::new("patient", "must be a Patient reference"));
        }
        check_label("clinicName", &self.clinic_name)?;
        if !self.fhir_base.starts_with('/') || self.fhir_base.contains(['?', '#']) {
            return Err(Invalid::new("fhirBase", "must be a path on the server"));
        }
        if self.device_key.pair().is_err() {
            return Err(Invalid::new("deviceKey", "is not a usable Ed25519 key"));
        }
        if self
            .pending_key
            .as_ref()
            .is_some_and(|key| key.pair().is_err())
        {
            return Err(Invalid::new("pendingKey", "is not a usable Ed25519 key"));
        }
        if let Some(pem) = &self.trusted_certificate {
            if pem.len() > MAX_CERTIFICATE_CHARS || !pem.contains("-----BEGIN CERTIFICATE-----") {
                return Err(Invalid::new(
                    "trustedCertificate",
                    "must be a PEM certificate",
                ));
            }
        }
        if let Some(cursor) = &self.cursor {
            if !is_cursor(cursor) {
                return Err(Invalid::new("cursor", "is not a cursor the clinic gave"));
            }
        }
        if let Some(etag) = &self.etag {
            if etag.len() > LABEL_MAX_CHARS || !etag.is_ascii() || etag.contains(['\r', '\n']) {
                return Err(Invalid::new("etag", "is not an entity tag"));
            }
        }
        Ok(())
    }

    /// Whether the clinic has refused this device; nothing is sent until the patient reconnects.
    pub fn is_refused(&self) -> bool {
        self.refused_at.is_some() || self.needs_reconnect
    }

    /// The connection as a backup keeps it: the same clinic and device id, for the patient's
    /// reference, with a fresh key the clinic never saw in place of the enrolled one, marked to
    /// reconnect.
    pub(crate) fn for_backup(&self, random: &dyn SecureRandom) -> Result<Self> {
        Ok(Self {
            device_key: DeviceKey::generate(random)?,
            pending_key: None,
            needs_reconnect: true,
            ..self.clone()
        })
    }
}

/// Whether a server cursor can go into a query string unescaped: the server's cursors are numbers, but
/// the app treats them as opaque and only checks they cannot change the query.
pub(crate) fn is_cursor(cursor: &str) -> bool {
    (1..=64).contains(&cursor.len())
        && cursor
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// The device's private key as a PKCS#8 document. Lives only in this zeroized buffer and inside the
/// sealed record; `Debug` shows nothing of it.
#[derive(Clone)]
pub(crate) struct DeviceKey(Zeroizing<Vec<u8>>);

impl DeviceKey {
    /// A new Ed25519 key from the system's secure random source.
    pub(crate) fn generate(random: &dyn SecureRandom) -> Result<Self> {
        let document = Ed25519KeyPair::generate_pkcs8(random)
            .map_err(|_| Error::Clinic("this device could not make a key to connect with"))?;
        Ok(Self(Zeroizing::new(document.as_ref().to_vec())))
    }

    /// The key pair, to sign with.
    pub(crate) fn pair(&self) -> Result<Ed25519KeyPair> {
        Ed25519KeyPair::from_pkcs8(&self.0).map_err(|_| {
            Error::Clinic("the stored clinic connection is damaged; connect to the clinic again")
        })
    }

    /// The public half as lowercase hex, as enrollment sends it.
    pub(crate) fn public_key_hex(&self) -> Result<String> {
        Ok(tideline_wire::hex::encode(
            self.pair()?.public_key().as_ref(),
        ))
    }
}

impl std::fmt::Debug for DeviceKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DeviceKey(..)")
    }
}

impl PartialEq for DeviceKey {
    fn eq(&self, other: &Self) -> bool {
        // Only used to compare whole records (tests, unchanged-record checks), never to check a secret.
        self.0.as_slice() == other.0.as_slice()
    }
}

impl Serialize for DeviceKey {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        let mut text = Zeroizing::new(String::with_capacity(self.0.len() * 2));
        for byte in self.0.iter() {
            text.push(char::from(DIGITS[usize::from(byte >> 4)]));
            text.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
        }
        s.serialize_str(&text)
    }
}

impl<'de> Deserialize<'de> for DeviceKey {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let text = Zeroizing::new(String::deserialize(d)?);
        tideline_wire::hex::decode(&text)
            .map(|bytes| Self(Zeroizing::new(bytes)))
            .ok_or_else(|| serde::de::Error::custom("the device key is not hexadecimal"))
    }
}
