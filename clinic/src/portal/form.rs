//! `application/x-www-form-urlencoded` bodies and query strings, and the few header values the portal
//! reads (cookies).

use axum::http::{header, HeaderMap};

/// Decodes one form component (`+` is a space, `%XX` a byte); invalid UTF-8 is replaced.
fn decode(component: &str) -> String {
    let bytes = component.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        match bytes[index] {
            b'+' => out.push(b' '),
            b'%' if index + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[index + 1..index + 3]).ok();
                match hex.and_then(|hex| u8::from_str_radix(hex, 16).ok()) {
                    Some(byte) => {
                        out.push(byte);
                        index += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            byte => out.push(byte),
        }
        index += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The fields of a form body or query string, in order.
pub fn fields(encoded: &str) -> Vec<(String, String)> {
    encoded
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(name), decode(value))
        })
        .collect()
}

/// The first value of `name`.
pub fn field<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.as_str())
}

/// The value of cookie `name`.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.trim().to_owned())
}

/// A safe place to return to after sign-in: a portal path made only of plain characters, never another
/// Percent-encodes a query value (everything but unreserved characters and `/`).
pub fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// site (`//evil.example`) or a scheme.
pub fn safe_next(next: Option<&str>) -> Option<String> {
    let next = next?;
    let plain = next
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '_'));
    (plain && next.starts_with("/portal/") && !next.contains("//") && next.len() <= 200)
        .then(|| next.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_fields_decode_plus_and_percent() {
        let parsed = fields("email=kim%40harbor.example&password=a+b%2Bc%&csrf=");
        assert_eq!(field(&parsed, "email"), Some("kim@harbor.example"));
        assert_eq!(field(&parsed, "password"), Some("a b+c%"));
        assert_eq!(field(&parsed, "csrf"), Some(""));
        assert_eq!(field(&parsed, "next"), None);
    }

    #[test]
    fn only_portal_paths_are_returned_to() {
        assert_eq!(
            safe_next(Some("/portal/patients/3")).as_deref(),
            Some("/portal/patients/3")
        );
        for bad in [
            "//evil.example/portal/",
            "https://evil.example",
            "/portal/../x",
            "/fhir/Patient/1",
            "/portal//x",
        ] {
            assert_eq!(safe_next(Some(bad)), None, "{bad} must not be followed");
        }
    }

    #[test]
    fn the_named_cookie_is_found_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            "a=1; tideline-portal=abc; b=2".parse().unwrap(),
        );
        assert_eq!(cookie(&headers, "tideline-portal").as_deref(), Some("abc"));
        assert_eq!(cookie(&headers, "c"), None);
    }
}
