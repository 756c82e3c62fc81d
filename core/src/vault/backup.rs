//! Encrypted backups: the whole vault in one file, restorable with the passphrase or the recovery key.
//!
//! Layout: `"TLBK" | version (1) | vault id (16) | slot count (1) | (slot length u16 LE | slot)* |
//! body envelope`. The key slots are the vault's own, so the same passphrase or recovery key opens the
//! backup; the body is sealed under a key derived from the master key for backups only, with the whole
//! header as associated data, so no byte of the file can be changed undetected.

use std::path::Path;

use chrono::{DateTime, Utc};
use zeroize::Zeroizing;

use super::keys::{KeySlot, MasterKey, RecoveryKey, SlotKind};
use super::{envelope, store, write_file_atomically, UnlockReport, Vault};
use crate::error::{Error, FileProblem, Result};
use crate::record::StoredRecord;

const MAGIC: &[u8; 4] = b"TLBK";
const VERSION: u8 = 1;
const BODY_MAGIC: &[u8; 4] = b"TLBB";
const BACKUP_KEY_PURPOSE: &[u8] = b"tideline backup v1";

/// The secret that opens a backup.
#[derive(Debug)]
pub enum BackupSecret {
    /// The vault passphrase at the time of the backup.
    Passphrase(Zeroizing<String>),
    /// The recovery key at the time of the backup.
    RecoveryKey(Zeroizing<String>),
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Body {
    records: Vec<StoredRecord>,
}

/// A record as a backup holds it: the clinic connection loses the device's signing key (see
/// [`crate::sync::ClinicConnection::for_backup`]); everything else as it is.
fn without_clinic_key(
    stored: &StoredRecord,
    random: &dyn ring::rand::SecureRandom,
) -> Result<StoredRecord> {
    let mut stored = stored.clone();
    if let crate::record::Record::Connection(link) = &stored.record {
        stored.record = crate::record::Record::Connection(link.for_backup(random)?);
    }
    Ok(stored)
}

pub(super) fn write(vault: &Vault, path: &Path) -> Result<()> {
    let mut header = Vec::new();
    header.extend_from_slice(MAGIC);
    header.push(VERSION);
    header.extend_from_slice(vault.vault_id());
    let slots = vault.key_slots()?;
    header.push(slots.len() as u8);
    for slot in &slots {
        let bytes = slot.to_bytes();
        header.extend_from_slice(&(bytes.len() as u16).to_le_bytes());
        header.extend_from_slice(&bytes);
    }
    let body = Body {
        records: vault
            .records()
            .map(|stored| without_clinic_key(stored, &vault.rng))
            .collect::<Result<_>>()?,
    };
    let json = Zeroizing::new(serde_json::to_vec(&body).expect("records always serialize"));
    let padded = Zeroizing::new(envelope::pad(&json));
    let key = vault.master().subkey(BACKUP_KEY_PURPOSE);
    let sealed = envelope::seal(&key, &vault.rng, BODY_MAGIC, VERSION, &header, &padded);
    let mut file = header;
    file.extend_from_slice(&sealed);
    write_file_atomically(path, &file)
}

struct Parsed<'a> {
    vault_id: [u8; 16],
    slots: Vec<KeySlot>,
    header: &'a [u8],
    body: &'a [u8],
}

fn parse(bytes: &[u8]) -> Result<Parsed<'_>> {
    if bytes.is_empty() {
        return Err(Error::DamagedFile(FileProblem::Empty));
    }
    if bytes.len() < 4 || &bytes[..4] != MAGIC {
        return Err(Error::DamagedFile(FileProblem::Foreign));
    }
    let truncated = || Error::DamagedFile(FileProblem::Truncated);
    let version = *bytes.get(4).ok_or_else(truncated)?;
    if version != VERSION {
        return Err(Error::UnsupportedVersion {
            found: version.into(),
        });
    }
    let vault_id: [u8; 16] = bytes
        .get(5..21)
        .ok_or_else(truncated)?
        .try_into()
        .expect("16 bytes");
    let count = *bytes.get(21).ok_or_else(truncated)?;
    let mut at = 22;
    let mut slots = Vec::new();
    for _ in 0..count {
        let len = u16::from_le_bytes(
            bytes
                .get(at..at + 2)
                .ok_or_else(truncated)?
                .try_into()
                .expect("2 bytes"),
        );
        at += 2;
        slots.push(KeySlot::from_bytes(
            bytes.get(at..at + len as usize).ok_or_else(truncated)?,
        )?);
        at += len as usize;
    }
    if bytes.len() < at + envelope::HEADER_LEN + envelope::TAG_LEN {
        return Err(truncated());
    }
    Ok(Parsed {
        vault_id,
        slots,
        header: &bytes[..at],
        body: &bytes[at..],
    })
}

fn open_master(parsed: &Parsed<'_>, secret: &BackupSecret) -> Result<MasterKey> {
    let wanted = match secret {
        BackupSecret::Passphrase(_) => SlotKind::Passphrase,
        BackupSecret::RecoveryKey(_) => SlotKind::Recovery,
    };
    let slot = parsed
        .slots
        .iter()
        .find(|s| s.kind == wanted)
        .ok_or(Error::DamagedFile(FileProblem::KeySlotDamaged))?;
    match secret {
        BackupSecret::Passphrase(p) => slot
            .open_with_passphrase(p, &parsed.vault_id)?
            .ok_or(Error::WrongPassphrase),
        BackupSecret::RecoveryKey(code) => {
            let key = RecoveryKey::parse(code)?;
            slot.open_with_recovery(&key, &parsed.vault_id)?
                .ok_or(Error::WrongRecoveryKey)
        }
    }
}

/// Restores the backup at `backup` into `dir` and returns the restored vault, unlocked.
///
/// If `dir` already holds a vault, nothing happens unless `replace_existing` is true (the patient's
/// explicit choice). The restored vault is built beside the old one and renamed into place only when
/// complete, so a failure at any point leaves the existing vault as it was.
pub fn restore_backup(
    backup: &Path,
    dir: &Path,
    secret: &BackupSecret,
    replace_existing: bool,
    now: DateTime<Utc>,
) -> Result<(Vault, UnlockReport)> {
    let target = store::vault_path(dir);
    if target.exists() && !replace_existing {
        return Err(Error::VaultExists);
    }
    let bytes = std::fs::read(backup).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => {
            Error::from(crate::error::Invalid::new("path", "no file at that place"))
        }
        _ => e.into(),
    })?;
    let parsed = parse(&bytes)?;
    let master = open_master(&parsed, secret)?;
    let key = master.subkey(BACKUP_KEY_PURPOSE);
    let padded = Zeroizing::new(
        envelope::open(&key, BODY_MAGIC, VERSION, parsed.header, parsed.body)
            .map_err(|_| Error::DamagedFile(FileProblem::Corrupted))?,
    );
    let json = envelope::unpad(&padded).ok_or(Error::DamagedFile(FileProblem::Corrupted))?;
    let body: Body =
        serde_json::from_slice(json).map_err(|_| Error::DamagedFile(FileProblem::Corrupted))?;

    let tmp = dir.join(format!("{}.restoring", store::FILE_NAME));
    super::remove_db_files(&tmp)?;
    let built = (|| {
        let conn = store::create_new(&tmp, &parsed.vault_id, &parsed.slots)?;
        let staging = Vault::from_parts(
            conn,
            dir,
            parsed.vault_id,
            master,
            super::Model::default(),
            now,
        );
        let tx = staging.conn.unchecked_transaction()?;
        for record in &body.records {
            store::put_record(&tx, &staging.seal_record(record))?;
        }
        tx.commit()?;
        store::checkpoint(&staging.conn)?;
        drop(staging);
        super::remove_db_files_sidecars(&tmp)
    })();
    if let Err(e) = built {
        let _ = super::remove_db_files(&tmp);
        return Err(e);
    }
    // The old vault's WAL must not outlive it: a stale WAL beside the new file would be replayed
    // into it. The caller has locked (closed) the old vault before restoring.
    super::remove_db_files_sidecars(&target)?;
    std::fs::rename(&tmp, &target)?;
    super::sync_dir(dir)?;
    match secret {
        BackupSecret::Passphrase(p) => Vault::unlock(dir, p, now),
        BackupSecret::RecoveryKey(code) => Vault::unlock_with_recovery_key(dir, code, now),
    }
}
