//! Capture while locked: the lock screen can add a craving entry to the vault but read nothing.
//!
//! The vault has an X25519 key pair. Its public half is stored in the clear in the `inbox_key`
//! table, next to the vault id it belongs to; its private half is sealed there under a subkey of the
//! master key, so only an unlocked vault can use it. A capture while locked is an ephemeral X25519
//! agreement with the vault's public key (ring), HKDF-SHA256 over the shared secret (salt: both
//! public keys; info: a label and the vault id) into an AES-256-GCM key, and the entry sealed with
//! associated data binding the vault id and a random entry id, padded like records. The blob waits
//! in `locked_inbox`. At unlock each one is opened with the private key, added to the journal under
//! its entry id (so the same entry replayed is refused), and every row is deleted for real.
//!
//! Blob layout: `TLIB | version | ephemeral public key (32) | nonce (12) | ciphertext + tag`.

use ring::aead::{LessSafeKey, UnboundKey, AES_256_GCM};
use ring::agreement::{self, EphemeralPrivateKey, UnparsedPublicKey, X25519};
use ring::hkdf;
use ring::rand::SecureRandom;
use rusqlite::Connection;
use x25519_dalek::{PublicKey, StaticSecret};
use zeroize::Zeroizing;

use super::envelope;
use super::keys::MasterKey;
use crate::craving::CravingEntry;
use crate::error::{Error, Result};

const INBOX_MAGIC: &[u8; 4] = b"TLIB";
const INBOX_VERSION: u8 = 1;
const KEY_MAGIC: &[u8; 4] = b"TLIK";
const KEY_VERSION: u8 = 1;
const INFO: &[u8] = b"tideline locked inbox v1";
/// The master subkey that seals the vault's inbox private key.
pub(crate) const PRIVATE_KEY_PURPOSE: &[u8] = b"tideline inbox private key v1";
const PUBLIC_LEN: usize = 32;

/// The vault's inbox key pair, made once per vault.
pub(crate) struct InboxKeys {
    pub(crate) public: [u8; PUBLIC_LEN],
    pub(crate) sealed_private: Vec<u8>,
}

/// Makes a key pair; the private half sealed under `master`, bound to the vault id.
pub(crate) fn new_keys(
    master: &MasterKey,
    vault_id: &[u8; 16],
    rng: &ring::rand::SystemRandom,
) -> InboxKeys {
    let mut bytes = Zeroizing::new([0u8; 32]);
    rng.fill(bytes.as_mut())
        .expect("system random number generator failed");
    let secret = StaticSecret::from(*bytes);
    let public = PublicKey::from(&secret).to_bytes();
    let sealed_private = envelope::seal(
        &master.subkey(PRIVATE_KEY_PURPOSE),
        rng,
        KEY_MAGIC,
        KEY_VERSION,
        &[vault_id.as_slice(), &public].concat(),
        secret.as_bytes(),
    );
    InboxKeys {
        public,
        sealed_private,
    }
}

fn open_private(master: &MasterKey, vault_id: &[u8; 16], keys: &InboxKeys) -> Result<StaticSecret> {
    let plain = Zeroizing::new(
        envelope::open(
            &master.subkey(PRIVATE_KEY_PURPOSE),
            KEY_MAGIC,
            KEY_VERSION,
            &[vault_id.as_slice(), &keys.public].concat(),
            &keys.sealed_private,
        )
        .map_err(|_| Error::DamagedFile(crate::error::FileProblem::Corrupted))?,
    );
    let bytes: [u8; 32] = plain
        .as_slice()
        .try_into()
        .map_err(|_| Error::DamagedFile(crate::error::FileProblem::Corrupted))?;
    Ok(StaticSecret::from(bytes))
}

/// The AES key both sides derive from the shared secret.
fn derive(
    shared: &[u8],
    ephemeral: &[u8],
    vault_public: &[u8],
    vault_id: &[u8; 16],
) -> LessSafeKey {
    let salt = hkdf::Salt::new(hkdf::HKDF_SHA256, &[ephemeral, vault_public].concat());
    let info = [INFO, vault_id.as_slice()];
    let prk = salt.extract(shared);
    let okm = prk
        .expand(&info, &AES_256_GCM)
        .expect("32 bytes is a valid HKDF-SHA256 length");
    LessSafeKey::new(UnboundKey::from(okm))
}

fn aad(vault_id: &[u8; 16], entry_id: &[u8; 16]) -> Vec<u8> {
    [vault_id.as_slice(), entry_id].concat()
}

/// Seals `entry` to the vault's public key. Needs nothing secret: this is what the lock screen does.
pub(crate) fn seal(
    entry: &CravingEntry,
    vault_id: &[u8; 16],
    vault_public: &[u8; PUBLIC_LEN],
    entry_id: &[u8; 16],
    rng: &ring::rand::SystemRandom,
) -> Result<Vec<u8>> {
    let ephemeral =
        EphemeralPrivateKey::generate(&X25519, rng).expect("system random number generator failed");
    let ephemeral_public = ephemeral
        .compute_public_key()
        .expect("an X25519 public key always computes");
    let eph = ephemeral_public.as_ref().to_vec();
    let key = agreement::agree_ephemeral(
        ephemeral,
        &UnparsedPublicKey::new(&X25519, vault_public),
        |shared| derive(shared, &eph, vault_public, vault_id),
    )
    .map_err(|_| Error::DamagedFile(crate::error::FileProblem::Corrupted))?;
    let json = Zeroizing::new(serde_json::to_vec(entry).expect("entries always serialize"));
    let padded = Zeroizing::new(envelope::pad(&json));
    let sealed = envelope::seal(
        &key,
        rng,
        INBOX_MAGIC,
        INBOX_VERSION,
        &aad(vault_id, entry_id),
        &padded,
    );
    // magic | version | ephemeral public key | nonce | ciphertext + tag
    Ok([&sealed[..5], &eph, &sealed[5..]].concat())
}

/// Opens one blob with the vault's private key; `None` when it was not sealed to this vault under
/// this entry id, or was changed.
pub(crate) fn open(
    blob: &[u8],
    secret: &StaticSecret,
    vault_id: &[u8; 16],
    entry_id: &[u8; 16],
) -> Option<CravingEntry> {
    if blob.len() < 5 + PUBLIC_LEN || &blob[..4] != INBOX_MAGIC {
        return None;
    }
    let eph: [u8; PUBLIC_LEN] = blob[5..5 + PUBLIC_LEN].try_into().ok()?;
    let shared = Zeroizing::new(secret.diffie_hellman(&PublicKey::from(eph)).to_bytes());
    let public = PublicKey::from(secret).to_bytes();
    let key = derive(shared.as_slice(), &eph, &public, vault_id);
    let envelope_bytes = [&blob[..5], &blob[5 + PUBLIC_LEN..]].concat();
    let padded = Zeroizing::new(
        envelope::open(
            &key,
            INBOX_MAGIC,
            INBOX_VERSION,
            &aad(vault_id, entry_id),
            &envelope_bytes,
        )
        .ok()?,
    );
    let json = envelope::unpad(&padded)?;
    let entry: CravingEntry = serde_json::from_slice(json).ok()?;
    entry.validate().ok()?;
    Some(entry)
}

/// The private key of a vault whose keys are stored; made and stored first when they are not.
pub(crate) fn private_key(
    conn: &Connection,
    master: &MasterKey,
    vault_id: &[u8; 16],
    rng: &ring::rand::SystemRandom,
) -> Result<StaticSecret> {
    let keys = match super::store::inbox_keys(conn, vault_id)? {
        Some(keys) => keys,
        None => {
            let keys = new_keys(master, vault_id, rng);
            super::store::set_inbox_keys(conn, vault_id, &keys)?;
            keys
        }
    };
    open_private(master, vault_id, &keys)
}
