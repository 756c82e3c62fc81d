//! Record ids (plain data, no record).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::Invalid;

/// A record's id: 128 random bits, shown as 32 lowercase hex digits. Random, so ids reveal neither
/// order nor time.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, ts_rs::TS)]
#[ts(export_to = "../../ui/src/lib/generated/", type = "string")]
pub struct RecordId(pub(crate) [u8; 16]);

impl RecordId {
    /// The raw bytes as stored.
    pub fn as_bytes(&self) -> &[u8; 16] {
        &self.0
    }
}

impl fmt::Display for RecordId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for b in self.0 {
            write!(f, "{b:02x}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for RecordId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RecordId({self})")
    }
}

impl std::str::FromStr for RecordId {
    type Err = Invalid;
    fn from_str(s: &str) -> std::result::Result<Self, Invalid> {
        let bad = Invalid::new("id", "an entry id is 32 hexadecimal digits");
        if s.len() != 32 || !s.is_ascii() {
            return Err(bad);
        }
        let mut out = [0u8; 16];
        for (i, byte) in out.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).map_err(|_| bad.clone())?;
        }
        Ok(Self(out))
    }
}

impl Serialize for RecordId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for RecordId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}
