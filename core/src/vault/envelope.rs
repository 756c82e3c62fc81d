//! Versioned AEAD envelopes: `magic (4) | version (1) | nonce (12) | ciphertext and tag`.
//!
//! Every sealed thing in Tideline (records, key slots, backups) uses this one shape, with its own magic,
//! so a blob of one kind can never be opened as another. The associated data always starts with the
//! magic and the version, so neither can be edited without the tag failing.

use ring::aead::{Aad, LessSafeKey, Nonce, NONCE_LEN};
use ring::rand::{SecureRandom, SystemRandom};

/// Bytes before the ciphertext.
pub(crate) const HEADER_LEN: usize = 4 + 1 + NONCE_LEN;
/// Bytes the AEAD tag adds.
pub(crate) const TAG_LEN: usize = 16;

/// Why an envelope did not open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EnvelopeError {
    /// Shorter than a header and a tag.
    TooShort,
    /// Another kind of envelope, or not an envelope at all.
    WrongMagic,
    /// A version this build does not know.
    UnsupportedVersion(u8),
    /// The tag did not verify: wrong key, edited bytes, or a blob moved to another place.
    Tampered,
}

fn full_aad(magic: &[u8; 4], version: u8, aad: &[u8]) -> Vec<u8> {
    let mut all = Vec::with_capacity(5 + aad.len());
    all.extend_from_slice(magic);
    all.push(version);
    all.extend_from_slice(aad);
    all
}

/// Associated data binding an envelope to one row of one vault: `label`, the vault id, the row id.
/// `N` is the label's length plus 32.
pub(crate) fn row_aad<const N: usize>(label: &[u8], vault_id: &[u8; 16], id: &[u8; 16]) -> [u8; N] {
    assert_eq!(N, label.len() + 32, "the associated data's length");
    let mut aad = [0u8; N];
    aad[..label.len()].copy_from_slice(label);
    aad[label.len()..label.len() + 16].copy_from_slice(vault_id);
    aad[label.len() + 16..].copy_from_slice(id);
    aad
}

/// Seals `plaintext` under `key`; `aad` binds the envelope to where it belongs.
pub(crate) fn seal(
    key: &LessSafeKey,
    rng: &SystemRandom,
    magic: &[u8; 4],
    version: u8,
    aad: &[u8],
    plaintext: &[u8],
) -> Vec<u8> {
    let mut nonce = [0u8; NONCE_LEN];
    // The system RNG failing is an unrecoverable platform fault; nothing sensible can be sealed then.
    rng.fill(&mut nonce)
        .expect("system random number generator failed");
    let mut out = Vec::with_capacity(HEADER_LEN + plaintext.len() + TAG_LEN);
    out.extend_from_slice(magic);
    out.push(version);
    out.extend_from_slice(&nonce);
    let mut body = plaintext.to_vec();
    key.seal_in_place_append_tag(
        Nonce::assume_unique_for_key(nonce),
        Aad::from(full_aad(magic, version, aad)),
        &mut body,
    )
    .expect("AES-GCM sealing cannot fail for in-memory buffers below 64 GiB");
    out.extend_from_slice(&body);
    out
}

/// Opens an envelope made by [`seal`] with the same magic, version and associated data.
pub(crate) fn open(
    key: &LessSafeKey,
    magic: &[u8; 4],
    version: u8,
    aad: &[u8],
    envelope: &[u8],
) -> Result<Vec<u8>, EnvelopeError> {
    let mut body = Vec::new();
    let plain_len = open_into(key, magic, version, aad, envelope, &mut body)?.len();
    body.truncate(plain_len);
    Ok(body)
}

/// Opens an envelope like [`open`], decrypting into `buf` (which callers opening many envelopes
/// reuse, so the loop allocates once); returns the plaintext, which lives in `buf`.
pub(crate) fn open_into<'b>(
    key: &LessSafeKey,
    magic: &[u8; 4],
    version: u8,
    aad: &[u8],
    envelope: &[u8],
    buf: &'b mut Vec<u8>,
) -> Result<&'b [u8], EnvelopeError> {
    if envelope.len() < 5 {
        return Err(EnvelopeError::TooShort);
    }
    if &envelope[..4] != magic {
        return Err(EnvelopeError::WrongMagic);
    }
    if envelope[4] != version {
        return Err(EnvelopeError::UnsupportedVersion(envelope[4]));
    }
    if envelope.len() < HEADER_LEN + TAG_LEN {
        return Err(EnvelopeError::TooShort);
    }
    let mut nonce = [0u8; NONCE_LEN];
    nonce.copy_from_slice(&envelope[5..HEADER_LEN]);
    buf.clear();
    buf.extend_from_slice(&envelope[HEADER_LEN..]);
    // The full associated data on the stack when it fits (every record's does).
    let mut inline = [0u8; 64];
    let heap;
    let full: &[u8] = if 5 + aad.len() <= inline.len() {
        inline[..4].copy_from_slice(magic);
        inline[4] = version;
        inline[5..5 + aad.len()].copy_from_slice(aad);
        &inline[..5 + aad.len()]
    } else {
        heap = full_aad(magic, version, aad);
        &heap
    };
    let plain = key
        .open_in_place(Nonce::assume_unique_for_key(nonce), Aad::from(full), buf)
        .map_err(|_| EnvelopeError::Tampered)?;
    Ok(plain)
}

/// Bytes a bucket leaves for the envelope's header and tag and for the database row around it
/// (its id, format and SQLite's cell header), so that a sealed record of a bucket up to 4 KiB fits
/// in its page at the vault's 16 KiB page size (see ARCHITECTURE.md, "Vault file layout").
const BUCKET_ROOM: usize = 64 + HEADER_LEN + TAG_LEN;

/// Pads `payload` to a size bucket so a ciphertext's length says little about what it holds:
/// `length (u32 LE) | payload | zeros`. Buckets are powers of two from 256 bytes to 16 KiB, then
/// multiples of 16 KiB, less [`BUCKET_ROOM`]: sealed, every record of a bucket has the same length,
/// 64 bytes under the power of two. One length per power of two, as before: no finer.
pub(crate) fn pad(payload: &[u8]) -> Vec<u8> {
    let needed = payload.len() + 4 + BUCKET_ROOM;
    let bucket = if needed <= 16 * 1024 {
        needed.next_power_of_two().max(256)
    } else {
        needed.div_ceil(16 * 1024) * 16 * 1024
    };
    let mut out = Vec::with_capacity(bucket - BUCKET_ROOM);
    out.extend_from_slice(&(payload.len() as u32).to_le_bytes());
    out.extend_from_slice(payload);
    out.resize(bucket - BUCKET_ROOM, 0);
    out
}

/// Reverses [`pad`]; `None` when the length prefix does not fit the buffer.
pub(crate) fn unpad(padded: &[u8]) -> Option<&[u8]> {
    let len_bytes: [u8; 4] = padded.get(..4)?.try_into().ok()?;
    let len = u32::from_le_bytes(len_bytes) as usize;
    padded.get(4..4 + len)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ring::aead::{UnboundKey, AES_256_GCM};

    fn key(byte: u8) -> LessSafeKey {
        LessSafeKey::new(UnboundKey::new(&AES_256_GCM, &[byte; 32]).unwrap())
    }

    #[test]
    fn round_trip_including_empty_plaintext() {
        let rng = SystemRandom::new();
        for plain in [&b""[..], b"x", &[7u8; 5000]] {
            let sealed = seal(&key(1), &rng, b"TEST", 1, b"where", plain);
            assert_eq!(open(&key(1), b"TEST", 1, b"where", &sealed).unwrap(), plain);
        }
    }

    #[test]
    fn every_flipped_bit_is_detected() {
        let rng = SystemRandom::new();
        let sealed = seal(&key(1), &rng, b"TEST", 1, b"aad", b"hello");
        for i in 0..sealed.len() {
            let mut bad = sealed.clone();
            bad[i] ^= 0x01;
            assert!(
                open(&key(1), b"TEST", 1, b"aad", &bad).is_err(),
                "flipping byte {i} must not open"
            );
        }
    }

    #[test]
    fn wrong_key_magic_version_or_aad_is_refused() {
        let rng = SystemRandom::new();
        let sealed = seal(&key(1), &rng, b"TEST", 1, b"aad", b"hello");
        assert_eq!(
            open(&key(2), b"TEST", 1, b"aad", &sealed),
            Err(EnvelopeError::Tampered)
        );
        assert_eq!(
            open(&key(1), b"OTHR", 1, b"aad", &sealed),
            Err(EnvelopeError::WrongMagic)
        );
        assert_eq!(
            open(&key(1), b"TEST", 2, b"aad", &sealed),
            Err(EnvelopeError::UnsupportedVersion(1))
        );
        assert_eq!(
            open(&key(1), b"TEST", 1, b"moved", &sealed),
            Err(EnvelopeError::Tampered)
        );
        assert_eq!(
            open(&key(1), b"TEST", 1, b"aad", &sealed[..20]),
            Err(EnvelopeError::TooShort)
        );
    }

    #[test]
    fn padding_hides_exact_length_and_round_trips() {
        let room = BUCKET_ROOM;
        assert_eq!(room, 97);
        assert_eq!(pad(b"").len(), 256 - room);
        assert_eq!(pad(&[1; 252 - 97]).len(), 256 - room);
        assert_eq!(pad(&[1; 253 - 97]).len(), 512 - room);
        assert_eq!(pad(&[1; 20_000]).len(), 32 * 1024 - room);
        // Sealed, a bucket is 64 bytes under its power of two.
        let rng = SystemRandom::new();
        for n in [0usize, 900, 3000] {
            let sealed = seal(&key(1), &rng, b"TEST", 1, b"", &pad(&vec![1; n]));
            assert_eq!((sealed.len() + 64).count_ones(), 1, "{n} bytes");
        }
        for n in [0usize, 1, 251, 252, 253, 4000, 70_000] {
            let payload = vec![9u8; n];
            assert_eq!(unpad(&pad(&payload)).unwrap(), &payload[..]);
        }
        assert_eq!(
            unpad(&[255, 255, 0, 0, 1]),
            None,
            "a length beyond the buffer is refused"
        );
    }
}
