//! Keys: the master key, the key slots that wrap it, and the recovery key.
//!
//! A random 256-bit master key encrypts everything (through keys derived from it with HKDF). It is
//! stored only wrapped, once per slot: under a key derived from the passphrase with Argon2id, under
//! a key derived from the recovery key, and (optional, phones) under a key derived from a random
//! device key that the platform keystore releases after biometrics. Changing the passphrase re-wraps
//! the master key; no record is touched. Key material lives in `Zeroizing` buffers that are wiped when dropped.

use argon2::{Algorithm, Argon2, Params, Version};
use ring::aead::{LessSafeKey, UnboundKey, AES_256_GCM};
use ring::hkdf;
use ring::rand::{SecureRandom, SystemRandom};
use zeroize::Zeroizing;

use super::envelope::{self, EnvelopeError};
use crate::error::{Error, FileProblem, Invalid, Result};
use crate::text::normalize_passphrase;

/// Version of the key-slot format; bound into every slot's associated data.
pub(crate) const SLOT_VERSION: u8 = 1;
const SLOT_MAGIC: &[u8; 4] = b"TLKS";
const SALT_LEN: usize = 16;

/// Argon2id cost parameters, stored with each passphrase slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KdfParams {
    /// Memory in KiB.
    pub memory_kib: u32,
    /// Passes over memory.
    pub iterations: u32,
    /// Lanes.
    pub parallelism: u32,
}

impl KdfParams {
    /// What new vaults use: m = 64 MiB, t = 3, p = 1.
    pub const DEFAULT: Self = Self {
        memory_kib: 64 * 1024,
        iterations: 3,
        parallelism: 1,
    };
    /// The compiled-in floor: OWASP's minimum for Argon2id (m = 19 MiB, t = 2, p = 1). A slot that
    /// claims weaker parameters is refused as damaged, so an attacker who edits the file cannot make
    /// the next passphrase change or unlock cheaper to attack.
    pub const FLOOR: Self = Self {
        memory_kib: 19 * 1024,
        iterations: 2,
        parallelism: 1,
    };
    /// Upper bounds that keep a hostile file from exhausting memory or time at unlock.
    const CEILING: Self = Self {
        memory_kib: 1024 * 1024,
        iterations: 16,
        parallelism: 8,
    };

    /// Whether these parameters are at or above the floor and within sane bounds.
    pub fn is_acceptable(&self) -> bool {
        (Self::FLOOR.memory_kib..=Self::CEILING.memory_kib).contains(&self.memory_kib)
            && (Self::FLOOR.iterations..=Self::CEILING.iterations).contains(&self.iterations)
            && (Self::FLOOR.parallelism..=Self::CEILING.parallelism).contains(&self.parallelism)
    }
}

/// The vault's master key. Never leaves the core; wiped on drop.
pub(crate) struct MasterKey(Zeroizing<[u8; 32]>);

impl std::fmt::Debug for MasterKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MasterKey(..)")
    }
}

impl MasterKey {
    pub(crate) fn generate(rng: &SystemRandom) -> Self {
        let mut key = Zeroizing::new([0u8; 32]);
        rng.fill(key.as_mut())
            .expect("system random number generator failed");
        Self(key)
    }

    /// An AES-256-GCM key for one purpose, derived with HKDF-SHA256 so that records, backups and any
    /// later use never share a key.
    pub(crate) fn subkey(&self, purpose: &'static [u8]) -> LessSafeKey {
        let prk = hkdf::Salt::new(hkdf::HKDF_SHA256, b"tideline").extract(self.0.as_ref());
        let info = [purpose];
        let okm = prk
            .expand(&info, &AES_256_GCM)
            .expect("HKDF output length is valid");
        LessSafeKey::new(UnboundKey::from(okm))
    }
}

/// Which secret a slot is opened with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SlotKind {
    Passphrase = 1,
    Recovery = 2,
    /// Quick unlock: the device key, kept behind biometrics in the platform keystore.
    Device = 3,
}

impl SlotKind {
    pub(crate) fn from_u8(v: u8) -> Option<Self> {
        match v {
            1 => Some(Self::Passphrase),
            2 => Some(Self::Recovery),
            3 => Some(Self::Device),
            _ => None,
        }
    }
}

/// A wrapped copy of the master key, as stored.
///
/// Layout: `kind (1) | memory_kib (4) | iterations (4) | parallelism (4) | salt (16) | envelope`.
/// The envelope's associated data binds slot kind, slot version, vault id, the KDF parameters and
/// the salt, so a slot edited in place or copied from another vault fails to open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct KeySlot {
    pub(crate) kind: SlotKind,
    params: KdfParams,
    salt: [u8; SALT_LEN],
    wrapped: Vec<u8>,
}

impl KeySlot {
    fn aad(kind: SlotKind, vault_id: &[u8; 16], params: &KdfParams, salt: &[u8]) -> Vec<u8> {
        let mut aad = b"tideline key slot".to_vec();
        aad.push(kind as u8);
        aad.push(SLOT_VERSION);
        aad.extend_from_slice(vault_id);
        aad.extend_from_slice(&params.memory_kib.to_le_bytes());
        aad.extend_from_slice(&params.iterations.to_le_bytes());
        aad.extend_from_slice(&params.parallelism.to_le_bytes());
        aad.extend_from_slice(salt);
        aad
    }

    fn wrap(
        kind: SlotKind,
        kek: &LessSafeKey,
        params: KdfParams,
        salt: [u8; SALT_LEN],
        master: &MasterKey,
        vault_id: &[u8; 16],
        rng: &SystemRandom,
    ) -> Self {
        let aad = Self::aad(kind, vault_id, &params, &salt);
        let wrapped = envelope::seal(kek, rng, SLOT_MAGIC, SLOT_VERSION, &aad, master.0.as_ref());
        Self {
            kind,
            params,
            salt,
            wrapped,
        }
    }

    /// Wraps `master` under `passphrase` with fresh salt.
    pub(crate) fn for_passphrase(
        passphrase: &str,
        params: KdfParams,
        master: &MasterKey,
        vault_id: &[u8; 16],
        rng: &SystemRandom,
    ) -> Result<Self> {
        if !params.is_acceptable() {
            return Err(Invalid::new(
                "kdf",
                "key derivation parameters are below the safe minimum",
            )
            .into());
        }
        let salt = random_salt(rng);
        let kek = passphrase_kek(passphrase, &salt, &params)?;
        Ok(Self::wrap(
            SlotKind::Passphrase,
            &kek,
            params,
            salt,
            master,
            vault_id,
            rng,
        ))
    }

    /// Wraps `master` under `recovery`.
    pub(crate) fn for_recovery(
        recovery: &RecoveryKey,
        master: &MasterKey,
        vault_id: &[u8; 16],
        rng: &SystemRandom,
    ) -> Self {
        let salt = random_salt(rng);
        let kek = recovery_kek(&recovery.0, &salt);
        Self::wrap(
            SlotKind::Recovery,
            &kek,
            RECOVERY_PARAMS,
            salt,
            master,
            vault_id,
            rng,
        )
    }

    /// Unwraps the master key with a passphrase. `Ok(None)` means the passphrase is wrong (or the slot
    /// was edited: the two cannot be told apart, by design of the AEAD).
    pub(crate) fn open_with_passphrase(
        &self,
        passphrase: &str,
        vault_id: &[u8; 16],
    ) -> Result<Option<MasterKey>> {
        if self.kind != SlotKind::Passphrase || !self.params.is_acceptable() {
            return Err(Error::DamagedFile(FileProblem::KeySlotDamaged));
        }
        let kek = passphrase_kek(passphrase, &self.salt, &self.params)?;
        self.unwrap_with(&kek, vault_id)
    }

    /// Unwraps the master key with the recovery key; `Ok(None)` when it is the wrong key.
    pub(crate) fn open_with_recovery(
        &self,
        recovery: &RecoveryKey,
        vault_id: &[u8; 16],
    ) -> Result<Option<MasterKey>> {
        if self.kind != SlotKind::Recovery {
            return Err(Error::DamagedFile(FileProblem::KeySlotDamaged));
        }
        let kek = recovery_kek(&recovery.0, &self.salt);
        self.unwrap_with(&kek, vault_id)
    }

    /// Wraps `master` under `device` (quick unlock).
    pub(crate) fn for_device(
        device: &DeviceKey,
        master: &MasterKey,
        vault_id: &[u8; 16],
        rng: &SystemRandom,
    ) -> Self {
        let salt = random_salt(rng);
        let kek = device_kek(&device.0, &salt);
        Self::wrap(
            SlotKind::Device,
            &kek,
            RECOVERY_PARAMS,
            salt,
            master,
            vault_id,
            rng,
        )
    }

    /// Unwraps the master key with the device key; `Ok(None)` when it is not this slot's key.
    pub(crate) fn open_with_device(
        &self,
        device: &DeviceKey,
        vault_id: &[u8; 16],
    ) -> Result<Option<MasterKey>> {
        if self.kind != SlotKind::Device {
            return Err(Error::DamagedFile(FileProblem::KeySlotDamaged));
        }
        let kek = device_kek(&device.0, &self.salt);
        self.unwrap_with(&kek, vault_id)
    }

    fn unwrap_with(&self, kek: &LessSafeKey, vault_id: &[u8; 16]) -> Result<Option<MasterKey>> {
        let aad = Self::aad(self.kind, vault_id, &self.params, &self.salt);
        match envelope::open(kek, SLOT_MAGIC, SLOT_VERSION, &aad, &self.wrapped) {
            Ok(plain) => {
                let plain = Zeroizing::new(plain);
                let bytes: [u8; 32] = plain
                    .as_slice()
                    .try_into()
                    .map_err(|_| Error::DamagedFile(FileProblem::KeySlotDamaged))?;
                Ok(Some(MasterKey(Zeroizing::new(bytes))))
            }
            Err(EnvelopeError::Tampered) => Ok(None),
            Err(EnvelopeError::UnsupportedVersion(v)) => {
                Err(Error::UnsupportedVersion { found: v.into() })
            }
            Err(_) => Err(Error::DamagedFile(FileProblem::KeySlotDamaged)),
        }
    }

    /// The stored form.
    pub(crate) fn to_bytes(&self) -> Vec<u8> {
        let mut out = vec![self.kind as u8];
        out.extend_from_slice(&self.params.memory_kib.to_le_bytes());
        out.extend_from_slice(&self.params.iterations.to_le_bytes());
        out.extend_from_slice(&self.params.parallelism.to_le_bytes());
        out.extend_from_slice(&self.salt);
        out.extend_from_slice(&self.wrapped);
        out
    }

    /// Parses the stored form; any structural problem is a damaged slot.
    pub(crate) fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let damaged = || Error::DamagedFile(FileProblem::KeySlotDamaged);
        if bytes.len() < 13 + SALT_LEN {
            return Err(damaged());
        }
        let kind = SlotKind::from_u8(bytes[0]).ok_or_else(damaged)?;
        let u32_at = |i: usize| u32::from_le_bytes(bytes[i..i + 4].try_into().expect("4 bytes"));
        let params = KdfParams {
            memory_kib: u32_at(1),
            iterations: u32_at(5),
            parallelism: u32_at(9),
        };
        let salt: [u8; SALT_LEN] = bytes[13..13 + SALT_LEN].try_into().expect("salt length");
        Ok(Self {
            kind,
            params,
            salt,
            wrapped: bytes[13 + SALT_LEN..].to_vec(),
        })
    }

    /// The KDF parameters this slot was made with.
    pub(crate) fn params(&self) -> KdfParams {
        self.params
    }
}

/// Recovery and device slots store these placeholder parameters: their keys have 160 and 256 random
/// bits, so a fast HKDF is enough and Argon2 would only slow them down.
const RECOVERY_PARAMS: KdfParams = KdfParams {
    memory_kib: 0,
    iterations: 0,
    parallelism: 0,
};

fn random_salt(rng: &SystemRandom) -> [u8; SALT_LEN] {
    let mut salt = [0u8; SALT_LEN];
    rng.fill(&mut salt)
        .expect("system random number generator failed");
    salt
}

fn passphrase_kek(passphrase: &str, salt: &[u8], params: &KdfParams) -> Result<LessSafeKey> {
    let normalized = normalize_passphrase(passphrase);
    let argon_params = Params::new(
        params.memory_kib,
        params.iterations,
        params.parallelism,
        Some(32),
    )
    .map_err(|_| Error::DamagedFile(FileProblem::KeySlotDamaged))?;
    let mut out = Zeroizing::new([0u8; 32]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, argon_params)
        .hash_password_into(normalized.as_bytes(), salt, out.as_mut())
        .map_err(|_| Error::Storage("key derivation failed".to_owned()))?;
    Ok(LessSafeKey::new(
        UnboundKey::new(&AES_256_GCM, out.as_ref()).expect("32-byte key"),
    ))
}

fn recovery_kek(secret: &[u8; RECOVERY_BYTES], salt: &[u8]) -> LessSafeKey {
    let prk = hkdf::Salt::new(hkdf::HKDF_SHA256, salt).extract(secret);
    let okm = prk
        .expand(&[b"tideline recovery key v1"], &AES_256_GCM)
        .expect("HKDF output length is valid");
    LessSafeKey::new(UnboundKey::from(okm))
}

fn device_kek(secret: &[u8; DEVICE_BYTES], salt: &[u8]) -> LessSafeKey {
    let prk = hkdf::Salt::new(hkdf::HKDF_SHA256, salt).extract(secret);
    let okm = prk
        .expand(&[b"tideline device key v1"], &AES_256_GCM)
        .expect("HKDF output length is valid");
    LessSafeKey::new(UnboundKey::from(okm))
}

const DEVICE_BYTES: usize = 32;

/// The device key behind quick unlock: 256 random bits that wrap the master key in the vault's
/// device slot. The shell hands it to the platform keystore (sealed there by a key that only
/// biometrics release) and never stores it itself; it is never derived from the passphrase, so
/// releasing it reveals nothing about the passphrase.
pub struct DeviceKey(Zeroizing<[u8; DEVICE_BYTES]>);

impl std::fmt::Debug for DeviceKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DeviceKey(..)")
    }
}

impl DeviceKey {
    pub(crate) fn generate(rng: &SystemRandom) -> Self {
        let mut bytes = Zeroizing::new([0u8; DEVICE_BYTES]);
        rng.fill(bytes.as_mut())
            .expect("system random number generator failed");
        Self(bytes)
    }

    /// The text form handed to the keystore: 64 lowercase hexadecimal digits.
    pub fn to_text(&self) -> Zeroizing<String> {
        let mut text = Zeroizing::new(String::with_capacity(DEVICE_BYTES * 2));
        for b in self.0.iter() {
            text.push(char::from(HEX[usize::from(b >> 4)]));
            text.push(char::from(HEX[usize::from(b & 15)]));
        }
        text
    }

    /// Parses what the keystore gave back; anything but 64 hexadecimal digits is refused.
    pub fn from_text(text: &str) -> Result<Self> {
        let refused = || Error::QuickUnlockOff;
        let digits = text.trim().as_bytes();
        if digits.len() != DEVICE_BYTES * 2 {
            return Err(refused());
        }
        let mut bytes = Zeroizing::new([0u8; DEVICE_BYTES]);
        for (byte, pair) in bytes.iter_mut().zip(digits.chunks(2)) {
            let nibble = |c: u8| char::from(c).to_digit(16).ok_or_else(refused);
            *byte = ((nibble(pair[0])? << 4) | nibble(pair[1])?) as u8;
        }
        Ok(Self(bytes))
    }
}

const HEX: &[u8; 16] = b"0123456789abcdef";

const RECOVERY_BYTES: usize = 20;
/// Crockford's base32 alphabet: no I, L, O or U, so the code survives being read aloud or handwritten.
const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// The recovery key: 160 random bits, shown once to the patient as eight groups of four characters.
pub struct RecoveryKey(Zeroizing<[u8; RECOVERY_BYTES]>);

impl std::fmt::Debug for RecoveryKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RecoveryKey(..)")
    }
}

impl RecoveryKey {
    pub(crate) fn generate(rng: &SystemRandom) -> Self {
        let mut bytes = Zeroizing::new([0u8; RECOVERY_BYTES]);
        rng.fill(bytes.as_mut())
            .expect("system random number generator failed");
        Self(bytes)
    }

    /// The human-typeable form, e.g. `7K2M-Q9XD-...` (32 characters in groups of four).
    pub fn display_code(&self) -> Zeroizing<String> {
        let mut chars = Zeroizing::new(String::with_capacity(40));
        let mut acc: u64 = 0;
        let mut bits = 0;
        let mut n = 0;
        for &b in self.0.iter() {
            acc = (acc << 8) | u64::from(b);
            bits += 8;
            while bits >= 5 {
                bits -= 5;
                if n > 0 && n % 4 == 0 {
                    chars.push('-');
                }
                chars.push(CROCKFORD[((acc >> bits) & 31) as usize] as char);
                n += 1;
            }
        }
        // 160 bits are exactly 32 five-bit characters: nothing is left in `acc`.
        chars
    }

    /// Parses a typed code: case, spaces and dashes do not matter, and the letters people confuse
    /// with digits (O, I, L) are read as the digits.
    pub fn parse(typed: &str) -> Result<Self> {
        let invalid = || {
            Error::from(Invalid::new(
                "recoveryKey",
                "a recovery key has 32 letters and digits",
            ))
        };
        let mut bytes = Zeroizing::new([0u8; RECOVERY_BYTES]);
        let mut acc: u64 = 0;
        let mut bits = 0;
        let mut out = 0;
        let mut count = 0;
        for c in typed.chars() {
            let c = match c.to_ascii_uppercase() {
                ' ' | '-' | '\t' => continue,
                'O' => '0',
                'I' | 'L' => '1',
                other => other,
            };
            let value = CROCKFORD
                .iter()
                .position(|&a| a as char == c)
                .ok_or_else(invalid)?;
            count += 1;
            if count > 32 {
                return Err(invalid());
            }
            acc = (acc << 5) | value as u64;
            bits += 5;
            if bits >= 8 {
                bits -= 8;
                bytes[out] = (acc >> bits) as u8;
                out += 1;
            }
        }
        if count != 32 {
            return Err(invalid());
        }
        Ok(Self(bytes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovery_code_round_trips_and_forgives_typing() {
        let rng = SystemRandom::new();
        for _ in 0..50 {
            let key = RecoveryKey::generate(&rng);
            let code = key.display_code();
            assert_eq!(code.len(), 39, "32 characters in 8 groups of 4");
            let relaxed = code
                .to_lowercase()
                .replace('-', " ")
                .replace('0', "o")
                .replace('1', "l");
            assert_eq!(*RecoveryKey::parse(&relaxed).unwrap().0, *key.0);
        }
        assert!(RecoveryKey::parse("ABCD").is_err());
        assert!(
            RecoveryKey::parse(&"U".repeat(32)).is_err(),
            "U is not in the alphabet"
        );
    }

    #[test]
    fn default_parameters_are_the_briefed_ones_and_above_the_floor() {
        assert_eq!(
            KdfParams::DEFAULT,
            KdfParams {
                memory_kib: 65536,
                iterations: 3,
                parallelism: 1
            }
        );
        assert!(KdfParams::DEFAULT.is_acceptable());
        assert!(KdfParams::FLOOR.is_acceptable());
        let weak = KdfParams {
            memory_kib: 1024,
            ..KdfParams::FLOOR
        };
        assert!(!weak.is_acceptable());
        assert!(
            !RECOVERY_PARAMS.is_acceptable(),
            "recovery params must never pass as Argon2 params"
        );
    }

    #[test]
    fn normalization_makes_composed_and_decomposed_equal() {
        assert_eq!(
            *normalize_passphrase("caf\u{e9}"),
            *normalize_passphrase("cafe\u{301}")
        );
    }

    #[test]
    fn slot_refuses_other_vault_and_weakened_params() {
        let rng = SystemRandom::new();
        let master = MasterKey::generate(&rng);
        let id = [1u8; 16];
        let slot =
            KeySlot::for_passphrase("correct horse", KdfParams::FLOOR, &master, &id, &rng).unwrap();
        let reparsed = KeySlot::from_bytes(&slot.to_bytes()).unwrap();
        assert_eq!(reparsed, slot);
        let opened = reparsed
            .open_with_passphrase("correct horse", &id)
            .unwrap()
            .unwrap();
        assert_eq!(*opened.0, *master.0);
        assert!(reparsed
            .open_with_passphrase("wrong", &id)
            .unwrap()
            .is_none());
        assert!(reparsed
            .open_with_passphrase("correct horse", &[2u8; 16])
            .unwrap()
            .is_none());
        // An attacker lowering the stored cost: refused before any derivation.
        let mut bytes = slot.to_bytes();
        bytes[1..5].copy_from_slice(&1024u32.to_le_bytes());
        let weakened = KeySlot::from_bytes(&bytes).unwrap();
        assert!(matches!(
            weakened.open_with_passphrase("correct horse", &id),
            Err(Error::DamagedFile(FileProblem::KeySlotDamaged))
        ));
        // Raising it (still acceptable) changes the AAD, so the tag fails.
        let mut bytes = slot.to_bytes();
        bytes[5..9].copy_from_slice(&3u32.to_le_bytes());
        let edited = KeySlot::from_bytes(&bytes).unwrap();
        assert!(edited
            .open_with_passphrase("correct horse", &id)
            .unwrap()
            .is_none());
    }
}
