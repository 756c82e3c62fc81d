//! A new clinic key for this device when the patient rotates the vault's master key ("someone may
//! know my passphrase"): whoever copied the vault and knew the old passphrase also holds the device's
//! clinic key, so rotation renews it too.
//!
//! The new key is made before the rotation and sealed, as [`ClinicConnection::pending_key`], in the
//! rotation's own transaction. It is sent (`POST /device/key`, signed with the current key, with a
//! proof by the new key) right after the rotation and, until the clinic confirms, at the start of
//! every sync before anything else. On the clinic's answer the connection signs with the new key and
//! the old one is dropped (its buffer zeroized). If the answer to a renewal was lost, the next try is
//! refused for the old key; the same renewal signed with the new key then finds it already in place.

use ring::rand::SecureRandom;
use serde::Serialize;
use tideline_wire::{hex, signing, KeyRenewal};

use super::connection::{ClinicConnection, DeviceKey};
use super::transport::Signed;
use super::{busy, connection, unauthorized, Client};
use crate::error::{Error, Result};
use crate::record::Record;
use crate::time::Stamp;
use crate::vault::{KdfParams, RecoveryKey, Vault};

/// Where a device renews its key.
const RENEWAL_PATH: &str = "/device/key";

/// What became of this device's clinic key when the master key was rotated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ClinicKey {
    /// The clinic took the new key; the old one no longer works there.
    Renewed,
    /// The clinic could not confirm it now: the new key is kept and sent at the next connection.
    AtNextConnection,
    /// The clinic no longer accepts this device: nothing is sent until the patient connects again.
    DeviceRefused,
}

impl ClinicKey {
    /// The one sentence the app shows about it, in `lang` (English: exactly [`ClinicKey::message`]).
    pub fn words(self, lang: crate::language::Lang) -> String {
        let id = match self {
            ClinicKey::Renewed => "sync-clinic-key-renewed",
            ClinicKey::AtNextConnection => "sync-clinic-key-next-connection",
            ClinicKey::DeviceRefused => "sync-clinic-key-device-refused",
        };
        crate::language::t(lang, id)
    }

    /// The one sentence the app shows about it, in English.
    pub fn message(self) -> &'static str {
        match self {
            ClinicKey::Renewed => {
                "This device's clinic key was renewed too: a copy of your journal made before can no longer act for you at the clinic."
            }
            ClinicKey::AtNextConnection => {
                "The clinic could not be reached, so this device's clinic key will be renewed at the next connection, before anything else is sent."
            }
            ClinicKey::DeviceRefused => {
                "The clinic no longer accepts this device, so there was no clinic key to renew; connect again with a new code from the clinic."
            }
        }
    }
}

/// A master key rotation, with what became of the clinic key.
#[derive(Debug)]
pub struct Rotated {
    /// The new recovery key, to show once.
    pub recovery: RecoveryKey,
    /// `None` when this vault has no working clinic connection.
    pub clinic_key: Option<ClinicKey>,
}

/// [`Vault::rotate_master_key`], renewing the device's clinic key when the vault is connected: the
/// new key is sealed in the rotation's transaction, then sent at once (blocks at most the
/// transport's timeouts).
pub fn rotate_master_key(
    vault: &mut Vault,
    current: &str,
    next: &str,
    params: KdfParams,
    now: Stamp,
    random: &dyn SecureRandom,
) -> Result<Rotated> {
    let pending = match connection(vault) {
        Some(link) if !link.is_refused() => Some(DeviceKey::generate(random)?),
        _ => None,
    };
    let recovery = vault.rotate_master_key_changing(current, next, params, |stored| {
        Ok(match (&stored.record, &pending) {
            (Record::Connection(link), Some(key)) => Some(Record::Connection(ClinicConnection {
                pending_key: Some(key.clone()),
                ..link.clone()
            })),
            _ => None,
        })
    })?;
    drop(pending);
    let clinic_key = renew(vault, now, random)?;
    Ok(Rotated {
        recovery,
        clinic_key,
    })
}

/// Sends the waiting new key, if there is one, and stores the clinic's answer. `None` when no key
/// waits, the vault is not connected, or the clinic already refused this device (the app shows that
/// as it is).
pub fn renew(
    vault: &mut Vault,
    now: Stamp,
    random: &dyn SecureRandom,
) -> Result<Option<ClinicKey>> {
    if !connection(vault).is_some_and(|link| link.pending_key.is_some() && !link.is_refused()) {
        return Ok(None);
    }
    let mut client = Client::for_vault(vault)?;
    match send(&mut client, now, random) {
        Ok(Some(public_key)) => {
            promote(vault, &public_key, now)?;
            Ok(Some(ClinicKey::Renewed))
        }
        Ok(None) => Ok(None),
        Err(Error::DeviceRefused) => {
            client.link.refused_at.get_or_insert(now.utc);
            vault.save(None, Record::Connection(client.link), now)?;
            Ok(Some(ClinicKey::DeviceRefused))
        }
        Err(_) => Ok(Some(ClinicKey::AtNextConnection)),
    }
}

/// Sends the client's waiting key. On the clinic's confirmation the client signs with the new key
/// from then on, and the new public key (hex) is returned for [`promote`]; `None` when no key waits.
pub(super) fn send(
    client: &mut Client,
    now: Stamp,
    random: &dyn SecureRandom,
) -> Result<Option<String>> {
    let Some(pending) = client.link.pending_key.clone() else {
        return Ok(None);
    };
    let new_pair = pending.pair()?;
    let public_key = pending.public_key_hex()?;
    let proof = new_pair.sign(&signing::key_renewal_proof_input(
        &client.link.device_id,
        &public_key,
    ));
    let body = serde_json::to_vec(&KeyRenewal {
        public_key: public_key.clone(),
        proof: hex::encode(proof.as_ref()),
    })
    .expect("a key renewal always serializes");
    let request = Signed::post(RENEWAL_PATH, &body);
    let mut reply = client.send(&request, now, random)?;
    if reply.status == 401 {
        // The clinic may have taken the new key and its answer been lost: ask again with the new key.
        let again =
            client
                .transport
                .send(&client.link.device_id, &new_pair, &request, now.utc, random)?;
        if again.status == 401 {
            return Err(unauthorized(&reply));
        }
        reply = again;
    }
    match reply.status {
        200..=299 => {
            client.key = new_pair;
            client.link.device_key = pending;
            client.link.pending_key = None;
            Ok(Some(public_key))
        }
        401 => Err(unauthorized(&reply)),
        _ => Err(busy()),
    }
}

/// Makes the waiting key the device's key, if the stored connection still waits for the key the
/// clinic confirmed (`public_key`, hex); the old key's buffer is zeroized as it is dropped.
pub(super) fn promote(vault: &mut Vault, public_key: &str, now: Stamp) -> Result<()> {
    let Some(mut link) = connection(vault).cloned() else {
        return Ok(());
    };
    let Some(pending) = link.pending_key.take() else {
        return Ok(());
    };
    if pending.public_key_hex()? != public_key {
        return Ok(());
    }
    link.device_key = pending;
    vault.save(None, Record::Connection(link), now)?;
    Ok(())
}
