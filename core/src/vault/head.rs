//! A record's head: its kind and its time (when it happened, else when it was made), sealed on its own
//! beside the record (table `heads`), so unlocking can tell which few records the home screen needs
//! before it has opened all of them (`load.rs`).
//!
//! Every head seals the same 28 bytes (the kind's name in 16 zero-padded bytes, the time's seconds and
//! nanoseconds), so the file tells no kind or time apart. The associated data binds a head to its vault
//! and its row, like a record's; a head is only a guide to which rows to open: the records opened by
//! it must agree with it, or the home screen waits for the whole vault (`load::early`).

use chrono::{DateTime, Utc};
use ring::aead::LessSafeKey;
use ring::rand::SystemRandom;
use serde::de::value::StrDeserializer;
use serde::de::IntoDeserializer;
use serde::Deserialize;
use zeroize::Zeroizing;

use super::envelope;
use crate::record::{RecordKind, StoredRecord};

const HEAD_MAGIC: &[u8; 4] = b"TLHD";
const HEAD_VERSION: u8 = 1;
/// Bytes of the kind's name in a head.
const KIND_LEN: usize = 16;
/// Bytes a head seals.
const HEAD_LEN: usize = KIND_LEN + 8 + 4;

/// What a head says about its record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Head {
    pub(crate) kind: RecordKind,
    pub(crate) at: DateTime<Utc>,
}

impl Head {
    /// The head of `record`: its kind, and the time the model orders it by.
    pub(crate) fn of(record: &StoredRecord) -> Self {
        Self {
            kind: record.record.kind(),
            at: super::model::sort_time(record),
        }
    }

    fn encode(self) -> [u8; HEAD_LEN] {
        let mut bytes = [0u8; HEAD_LEN];
        let name = kind_name(self.kind);
        bytes[..name.len()].copy_from_slice(name.as_bytes());
        bytes[KIND_LEN..KIND_LEN + 8].copy_from_slice(&self.at.timestamp().to_le_bytes());
        bytes[KIND_LEN + 8..].copy_from_slice(&self.at.timestamp_subsec_nanos().to_le_bytes());
        bytes
    }

    fn decode(bytes: &[u8]) -> Option<Self> {
        if bytes.len() != HEAD_LEN {
            return None;
        }
        let name = &bytes[..KIND_LEN];
        let name = &name[..name.iter().position(|b| *b == 0).unwrap_or(KIND_LEN)];
        // Straight from the bytes: unlocking decodes every head, so no allocation per head.
        let name: StrDeserializer<'_, serde::de::value::Error> =
            std::str::from_utf8(name).ok()?.into_deserializer();
        let kind = RecordKind::deserialize(name).ok()?;
        let secs = i64::from_le_bytes(bytes[KIND_LEN..KIND_LEN + 8].try_into().ok()?);
        let nanos = u32::from_le_bytes(bytes[KIND_LEN + 8..].try_into().ok()?);
        Some(Self {
            kind,
            at: DateTime::from_timestamp(secs, nanos)?,
        })
    }
}

/// The kind's stored name (its serde name, the same as in the record itself).
fn kind_name(kind: RecordKind) -> String {
    match serde_json::to_value(kind) {
        Ok(serde_json::Value::String(name)) if name.len() <= KIND_LEN => name,
        // Checked for every kind by the tests below.
        _ => unreachable!("every kind's name fits a head"),
    }
}

fn head_aad(vault_id: &[u8; 16], id: &[u8; 16]) -> [u8; 45] {
    envelope::row_aad(b"tideline head", vault_id, id)
}

/// Seals the head of `record` under `key` (the record key).
pub(crate) fn seal(
    key: &LessSafeKey,
    rng: &SystemRandom,
    vault_id: &[u8; 16],
    record: &StoredRecord,
) -> Vec<u8> {
    let plain = Zeroizing::new(Head::of(record).encode());
    envelope::seal(
        key,
        rng,
        HEAD_MAGIC,
        HEAD_VERSION,
        &head_aad(vault_id, &record.id.0),
        &plain[..],
    )
}

/// Opens the sealed head of row `id`, decrypting into `buf`; `None` when it does not open.
pub(crate) fn open(
    key: &LessSafeKey,
    vault_id: &[u8; 16],
    id: &[u8; 16],
    sealed: &[u8],
    buf: &mut Vec<u8>,
) -> Option<Head> {
    let plain = envelope::open_into(
        key,
        HEAD_MAGIC,
        HEAD_VERSION,
        &head_aad(vault_id, id),
        sealed,
        buf,
    )
    .ok()?;
    Head::decode(plain)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    const KINDS: [RecordKind; 14] = [
        RecordKind::Craving,
        RecordKind::Halt,
        RecordKind::Urge,
        RecordKind::Session,
        RecordKind::Contact,
        RecordKind::Plan,
        RecordKind::Program,
        RecordKind::Settings,
        RecordKind::Connection,
        RecordKind::Outbox,
        RecordKind::ReminderMark,
        RecordKind::Consent,
        RecordKind::CareCourse,
        RecordKind::Draft,
    ];

    /// Fails to compile when a kind is added, so the list above (and this test) stays whole.
    #[allow(dead_code)]
    fn every_kind_is_listed(kind: RecordKind) {
        match kind {
            RecordKind::Craving
            | RecordKind::Halt
            | RecordKind::Urge
            | RecordKind::Session
            | RecordKind::Contact
            | RecordKind::Plan
            | RecordKind::Program
            | RecordKind::Settings
            | RecordKind::Connection
            | RecordKind::Outbox
            | RecordKind::ReminderMark
            | RecordKind::Consent
            | RecordKind::CareCourse
            | RecordKind::Draft => {}
        }
    }

    #[test]
    fn every_kind_and_time_survives_a_head() {
        let times = [
            Utc.with_ymd_and_hms(1969, 7, 20, 20, 17, 40).unwrap(),
            Utc.with_ymd_and_hms(2026, 11, 30, 18, 0, 0).unwrap()
                + chrono::Duration::nanoseconds(123_456_789),
            DateTime::<Utc>::MAX_UTC,
        ];
        for kind in KINDS {
            for at in times {
                let head = Head { kind, at };
                assert_eq!(Head::decode(&head.encode()), Some(head));
            }
        }
        assert_eq!(Head::decode(&[0u8; HEAD_LEN]), None);
        assert_eq!(Head::decode(&[0u8; HEAD_LEN - 1]), None);
    }
}
