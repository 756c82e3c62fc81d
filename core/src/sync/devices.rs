//! The patient's devices: every device the clinic has enrolled in the patient's name, read at each
//! sync (`GET {fhir}/Device?patient=<id>`, signed), so the patient notices one they did not enroll.
//! Staff can enroll a device for any patient of their clinic, and such a device could sign or revoke
//! consents in the patient's name; the patient is the one who can tell it is not theirs.
//!
//! The list is sync state, kept in the sealed connection record. A device that is active, is not this
//! one, and the patient has not acknowledged yet makes a warning that stays until they acknowledge it.
//! An older server without the endpoint (404) keeps the list as it was.

use chrono::{DateTime, Utc};
use ring::rand::SecureRandom;
use serde::{Deserialize, Serialize};
use tideline_wire::DeviceStatus;

use super::{connection, Client};
use crate::error::Result;
use crate::record::Record;
use crate::time::Stamp;
use crate::vault::Vault;

/// The warning, in plain words, with what to do.
pub const NEW_DEVICE_WARNING: &str = "A new device was connected to your clinic account. If this \
    was you, you can dismiss this. If this was not you, tell your clinic; they can remove it.";

impl ClinicDevices {
    /// The same list with its warning in `lang` (English: exactly [`NEW_DEVICE_WARNING`]).
    pub fn in_lang(mut self, lang: crate::language::Lang) -> Self {
        if self.warning.is_some() {
            self.warning = Some(crate::language::t(lang, "sync-new-device-warning"));
        }
        self
    }
}

/// The most devices kept from one answer (a patient has a handful).
const MAX_DEVICES: usize = 100;

/// One device as the clinic listed it (stored in the connection record).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListedDevice {
    /// The clinic's device id.
    pub id: String,
    /// When it enrolled, if the clinic said.
    pub enrolled_at: Option<DateTime<Utc>>,
    /// When it was revoked, if it was.
    pub revoked_at: Option<DateTime<Utc>>,
}

/// The devices as last read, and which ones the patient has acknowledged.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KnownDevices {
    /// The clinic's list at the last sync that read it.
    pub listed: Vec<ListedDevice>,
    /// Device ids the patient has seen and acknowledged.
    pub acknowledged: Vec<String>,
    /// When the list as stored was read (a sync that finds it unchanged writes nothing).
    pub read_at: Option<DateTime<Utc>>,
}

/// A device as Settings shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct ClinicDevice {
    /// The clinic's device id.
    pub id: String,
    /// When it enrolled.
    #[ts(type = "string | null")]
    pub enrolled_at: Option<DateTime<Utc>>,
    /// When it was revoked (it can no longer act for the patient).
    #[ts(type = "string | null")]
    pub revoked_at: Option<DateTime<Utc>>,
    /// This device.
    pub this_device: bool,
    /// Active, not this device, and not acknowledged yet.
    pub unacknowledged: bool,
}

/// The devices enrolled in the patient's name, and the warning to show until acknowledged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct ClinicDevices {
    /// Oldest first.
    pub devices: Vec<ClinicDevice>,
    /// [`NEW_DEVICE_WARNING`] while a device is unacknowledged.
    pub warning: Option<String>,
    /// When the list as shown was read; `None` before the first sync that read it (or with a
    /// server that does not list devices).
    #[ts(type = "string | null")]
    pub read_at: Option<DateTime<Utc>>,
}

/// What Settings and the sync warning show. Empty when not connected.
pub fn list(vault: &impl crate::vault::Records) -> ClinicDevices {
    let Some(link) = connection(vault) else {
        return ClinicDevices {
            devices: Vec::new(),
            warning: None,
            read_at: None,
        };
    };
    let known = link.devices.clone().unwrap_or_default();
    let devices: Vec<ClinicDevice> = known
        .listed
        .iter()
        .map(|device| {
            let this_device = device.id == link.device_id;
            ClinicDevice {
                id: device.id.clone(),
                enrolled_at: device.enrolled_at,
                revoked_at: device.revoked_at,
                this_device,
                unacknowledged: !this_device
                    && device.revoked_at.is_none()
                    && !known.acknowledged.contains(&device.id),
            }
        })
        .collect();
    let warning = devices
        .iter()
        .any(|device| device.unacknowledged)
        .then(|| NEW_DEVICE_WARNING.to_owned());
    ClinicDevices {
        devices,
        warning,
        read_at: known.read_at,
    }
}

/// The patient has seen the list: every device listed now stops warning.
pub fn acknowledge(vault: &mut Vault, now: Stamp) -> Result<ClinicDevices> {
    let Some(mut link) = connection(vault).cloned() else {
        return Err(super::not_connected());
    };
    let mut known = link.devices.take().unwrap_or_default();
    for device in &known.listed {
        if !known.acknowledged.contains(&device.id) {
            known.acknowledged.push(device.id.clone());
        }
    }
    link.devices = Some(known);
    vault.save(None, Record::Connection(link), now)?;
    Ok(list(vault))
}

/// Reads the list (`GET {fhir}/Device?patient=<id>`, signed). `None` when the clinic does not serve
/// it (an older server: 404), so the list stored before stays. Devices of another patient are left out.
pub(super) fn pull(
    client: &Client,
    now: Stamp,
    random: &dyn SecureRandom,
) -> Result<Option<Vec<ListedDevice>>> {
    let Some(devices) = super::pull::patient_search::<tideline_wire::Device>(
        client,
        "Device",
        "the clinic refused to list this account's devices; ask the clinic to check this device",
        now,
        random,
    )?
    else {
        return Ok(None);
    };
    Ok(Some(
        devices
            .into_iter()
            .filter(|device| device.patient.reference == client.link.patient)
            .filter(|device| crate::craving::check_label("deviceId", &device.id).is_ok())
            .take(MAX_DEVICES)
            .map(|device| ListedDevice {
                enrolled_at: device.enrolled_at(),
                revoked_at: device
                    .revoked_at()
                    .or((device.status != DeviceStatus::Active).then_some(now.utc)),
                id: device.id,
            })
            .collect(),
    ))
}

/// Stores the list read by a sync; returns how many devices warn now that did not before.
pub(super) fn store(vault: &mut Vault, listed: Vec<ListedDevice>, now: Stamp) -> Result<u32> {
    let before = list(vault)
        .devices
        .into_iter()
        .filter(|device| device.unacknowledged)
        .count();
    let Some(mut link) = connection(vault).cloned() else {
        return Ok(0);
    };
    let mut known = link.devices.take().unwrap_or_default();
    if known.listed == listed && known.read_at.is_some() {
        link.devices = Some(known);
        return Ok(0);
    }
    known.listed = listed;
    known.read_at = Some(now.utc);
    link.devices = Some(known);
    vault.save(None, Record::Connection(link), now)?;
    let after = list(vault)
        .devices
        .into_iter()
        .filter(|device| device.unacknowledged)
        .count();
    Ok(u32::try_from(after.saturating_sub(before)).unwrap_or(u32::MAX))
}
