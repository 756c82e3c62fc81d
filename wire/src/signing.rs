//! The signed-request format: how a device proves, on every request, that it holds its enrolled key.
//!
//! The app signs, with its Ed25519 key, the bytes from [`request_signing_input`] and sends four headers:
//!
//! | header                 | value                                                        |
//! |------------------------|--------------------------------------------------------------|
//! | `Tideline-Device`      | the `deviceId` from enrollment                               |
//! | `Tideline-Timestamp`   | Unix time in whole seconds (the server allows ±300 s)        |
//! | `Tideline-Nonce`       | 16 to 64 characters of `A-Z a-z 0-9 - _`, fresh per request  |
//! | `Tideline-Signature`   | the 64-byte Ed25519 signature as lowercase hex               |
//!
//! The signature covers the device id, method, the request target exactly as sent (path and query),
//! the timestamp, the nonce and the SHA-256 of the body, so no part of a request can be changed or
//! moved to another endpoint, and the server refuses any nonce it has already seen within the window.

/// Header carrying the device id.
pub const DEVICE_HEADER: &str = "tideline-device";
/// Header carrying the Unix timestamp in seconds.
pub const TIMESTAMP_HEADER: &str = "tideline-timestamp";
/// Header carrying the nonce.
pub const NONCE_HEADER: &str = "tideline-nonce";
/// Header carrying the hex signature.
pub const SIGNATURE_HEADER: &str = "tideline-signature";

/// How far a request's timestamp may be from the server's clock, either way.
pub const MAX_CLOCK_SKEW_SECONDS: i64 = 300;

const REQUEST_DOMAIN: &str = "tideline-request-v1";
const ENROLLMENT_DOMAIN: &str = "tideline-enrollment-v1";
const KEY_RENEWAL_DOMAIN: &str = "tideline-key-renewal-v1";

/// Whether a nonce has the allowed length and characters (it goes into a line-based signing input, so
/// it must not be able to contain a newline).
pub fn is_valid_nonce(nonce: &str) -> bool {
    (16..=64).contains(&nonce.len())
        && nonce
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The fields a request signature covers.
#[derive(Debug, Clone, Copy)]
pub struct SignedRequest<'a> {
    /// The device id.
    pub device_id: &'a str,
    /// HTTP method in upper case.
    pub method: &'a str,
    /// The request target as sent: path plus `?query` if any.
    pub path_and_query: &'a str,
    /// Unix seconds.
    pub timestamp: i64,
    /// The nonce.
    pub nonce: &'a str,
    /// SHA-256 of the body (empty body included) as lowercase hex.
    pub body_sha256_hex: &'a str,
}

/// The exact bytes a device signs for a request: a domain line, then each field on its own line.
///
/// The domain line keeps a request signature from ever being valid as an enrollment proof.
pub fn request_signing_input(request: &SignedRequest<'_>) -> Vec<u8> {
    format!(
        "{REQUEST_DOMAIN}\n{}\n{}\n{}\n{}\n{}\n{}",
        request.device_id,
        request.method,
        request.path_and_query,
        request.timestamp,
        request.nonce,
        request.body_sha256_hex
    )
    .into_bytes()
}

/// The exact bytes a device signs to prove it holds the key it enrolls.
///
/// `code` is normalised by [`normalize_code`] first, so "k7mp 4xrt" and "K7MP-4XRT" sign the same.
pub fn enrollment_proof_input(code: &str, public_key_hex: &str) -> Vec<u8> {
    format!(
        "{ENROLLMENT_DOMAIN}\n{}\n{public_key_hex}",
        normalize_code(code)
    )
    .into_bytes()
}

/// The exact bytes a device signs with its NEW key when it renews its key (`POST /device/key`), proving
/// it holds the key it asks the clinic to accept in place of the current one.
pub fn key_renewal_proof_input(device_id: &str, public_key_hex: &str) -> Vec<u8> {
    format!("{KEY_RENEWAL_DOMAIN}\n{device_id}\n{public_key_hex}").into_bytes()
}

/// An enrollment code as the server compares it: upper case, without spaces or dashes.
pub fn normalize_code(code: &str) -> String {
    code.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_signing_input_is_pinned() {
        let input = request_signing_input(&SignedRequest {
            device_id: "d1",
            method: "POST",
            path_and_query: "/fhir/AppointmentResponse",
            timestamp: 1_772_323_200,
            nonce: "0123456789abcdef",
            body_sha256_hex: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        });
        assert_eq!(
            String::from_utf8(input).unwrap(),
            "tideline-request-v1\nd1\nPOST\n/fhir/AppointmentResponse\n1772323200\n0123456789abcdef\n\
             e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn enrollment_proof_ignores_how_the_code_was_typed() {
        assert_eq!(
            enrollment_proof_input("k7mp 4xrt", "ab"),
            enrollment_proof_input("K7MP-4XRT", "ab")
        );
        assert_eq!(
            String::from_utf8(enrollment_proof_input("K7MP-4XRT", "ab")).unwrap(),
            "tideline-enrollment-v1\nK7MP4XRT\nab"
        );
    }

    #[test]
    fn nonces_cannot_smuggle_lines() {
        assert!(is_valid_nonce("0123456789abcdef"));
        assert!(
            !is_valid_nonce("0123456789abcde"),
            "too short to be unguessable"
        );
        assert!(!is_valid_nonce("0123456789abcdef\nx"));
        assert!(!is_valid_nonce(&"a".repeat(65)));
    }
}
