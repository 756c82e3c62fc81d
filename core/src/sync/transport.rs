//! HTTP to the clinic: a small blocking client (rustls, never OpenSSL) that signs every request with
//! the device key in the format both sides build from [`tideline_wire::signing`].
//!
//! Every network failure becomes [`Error::Offline`]: to the patient a server that is down, a lost Wi-Fi
//! and a timeout are the same thing, and in each case nothing stored is touched.

use std::time::Duration;

use chrono::{DateTime, Utc};
use ring::digest::{digest, SHA256};
use ring::rand::SecureRandom;
use ring::signature::Ed25519KeyPair;
use tideline_wire::{hex, signing, IssueCode, OperationOutcome, FHIR_JSON};
use ureq::http::{self, Method};
use ureq::tls::{PemItem, RootCerts, TlsConfig};
use ureq::Agent;
use url::Url;

use crate::error::{Error, Invalid, Result};

/// How long to wait for a connection: long enough for a slow mobile network, short enough that the
/// app does not seem stuck when the clinic is down.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a whole request may take.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// The largest answer read: a 200-entry schedule page is well under 1 MiB; anything larger is refused
/// rather than read into memory.
const MAX_REPLY_BYTES: u64 = 8 * 1024 * 1024;
/// The response header carrying the schedule cursor.
const CURSOR_HEADER: &str = "tideline-cursor";

/// The server origin the patient typed, reduced to scheme, host and port (`https://clinic.example`).
///
/// Plain `http` is allowed only to this computer (trying a clinic server locally): anywhere else the
/// schedule and answers would cross the network readable by anyone on the way. No path is allowed,
/// because request signatures cover the path as the server sees it and a path prefix added by a proxy
/// would break every signature.
pub(crate) fn normalize_server(typed: &str) -> Result<String, Invalid> {
    let bad = Invalid::new(
        "server",
        "must be the clinic's address, such as https://clinic.example",
    );
    let url = Url::parse(typed.trim()).map_err(|_| bad.clone())?;
    let host = url.host_str().ok_or_else(|| bad.clone())?;
    let loopback = host.eq_ignore_ascii_case("localhost")
        || host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    match url.scheme() {
        "https" => {}
        "http" if loopback => {}
        "http" => {
            return Err(Invalid::new(
                "server",
                "must start with https:// so the connection is encrypted",
            ))
        }
        _ => return Err(bad),
    }
    if !url.username().is_empty()
        || url.password().is_some()
        || !matches!(url.path(), "" | "/")
        || url.query().is_some()
        || url.fragment().is_some()
    {
        return Err(bad);
    }
    Ok(url.origin().ascii_serialization())
}

/// Whether a stored server origin is still in normalized form.
pub(crate) fn check_server(server: &str) -> Result<(), Invalid> {
    match normalize_server(server) {
        Ok(normalized) if normalized == server => Ok(()),
        _ => Err(Invalid::new("server", "is not a clinic address")),
    }
}

/// What the server answered, reduced to what the sync logic reads.
#[derive(Debug)]
pub(crate) struct Reply {
    /// HTTP status.
    pub status: u16,
    /// `Retry-After`, as sent (seconds or an HTTP date).
    pub retry_after: Option<String>,
    /// `Tideline-Cursor`.
    pub cursor: Option<String>,
    /// `ETag`.
    pub etag: Option<String>,
    /// The body.
    pub body: Vec<u8>,
}

impl Reply {
    fn read(response: http::Response<ureq::Body>) -> Result<Self> {
        let status = response.status().as_u16();
        let text = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|value| value.to_str().ok())
                .map(str::to_owned)
        };
        let (retry_after, cursor, etag) = (text("retry-after"), text(CURSOR_HEADER), text("etag"));
        let body = response
            .into_body()
            .with_config()
            .limit(MAX_REPLY_BYTES)
            .read_to_vec()
            .map_err(|error| match error {
                ureq::Error::BodyExceedsLimit(_) => {
                    Error::Clinic("the clinic sent more than the app can read; try again later")
                }
                _ => Error::Offline,
            })?;
        Ok(Reply {
            status,
            retry_after,
            cursor,
            etag,
            body,
        })
    }

    /// The first issue code of an OperationOutcome body, if the body is one.
    pub fn issue(&self) -> Option<IssueCode> {
        serde_json::from_slice::<OperationOutcome>(&self.body)
            .ok()?
            .issue
            .first()
            .map(|issue| issue.code)
    }

    /// When the server asked to be left alone until: `Retry-After` in seconds or as an HTTP date.
    pub fn retry_after(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let value = self.retry_after.as_deref()?.trim();
        if let Ok(seconds) = value.parse::<u32>() {
            return Some(now + chrono::Duration::seconds(i64::from(seconds)));
        }
        DateTime::parse_from_rfc2822(value)
            .ok()
            .map(|at| at.with_timezone(&Utc))
    }
}

/// A request signed with the device key.
#[derive(Debug)]
pub(crate) struct Signed<'a> {
    /// `GET` or `POST`.
    pub method: Method,
    /// Path and query exactly as sent (the signature covers them).
    pub path_and_query: &'a str,
    /// The body (empty for a GET).
    pub body: &'a [u8],
    /// `If-None-Match`, for the schedule.
    pub if_none_match: Option<&'a str>,
}

impl<'a> Signed<'a> {
    /// A signed `GET` of `path_and_query`.
    pub(crate) fn get(path_and_query: &'a str) -> Self {
        Self {
            method: Method::GET,
            path_and_query,
            body: &[],
            if_none_match: None,
        }
    }

    /// A signed `POST` of `body` to `path_and_query`.
    pub(crate) fn post(path_and_query: &'a str, body: &'a [u8]) -> Self {
        Self {
            method: Method::POST,
            path_and_query,
            body,
            if_none_match: None,
        }
    }
}

/// A client for one clinic server.
#[derive(Debug)]
pub(crate) struct Transport {
    agent: Agent,
    origin: String,
}

impl Transport {
    /// A client for `origin` (normalized), trusting `trusted_certificate` (PEM) besides the public roots.
    pub fn new(origin: &str, trusted_certificate: Option<&str>) -> Result<Self> {
        // A clinic that gives its own certificate (a private CA or a self-signed server) is trusted
        // through that certificate alone: the public roots cannot vouch for a server they never saw.
        let roots = match trusted_certificate {
            None => RootCerts::WebPki,
            Some(pem) => RootCerts::new_with_certs(&trusted_certificates(pem)?),
        };
        let agent: Agent = Agent::config_builder()
            .timeout_connect(Some(CONNECT_TIMEOUT))
            .timeout_global(Some(REQUEST_TIMEOUT))
            // A redirect would carry a signed request somewhere its signature was not made for: the
            // 3xx answer itself is returned and treated like any other refusal.
            .max_redirects(0)
            .max_redirects_will_error(false)
            // Status codes are answers the sync logic reads (429, 410, 412...), not transport errors.
            .http_status_as_error(false)
            .tls_config(TlsConfig::builder().root_certs(roots).build())
            .build()
            .into();
        Ok(Transport {
            agent,
            origin: origin.to_owned(),
        })
    }

    fn url(&self, path_and_query: &str) -> Result<Url> {
        Url::parse(&format!("{}{path_and_query}", self.origin))
            .map_err(|_| Error::Clinic("the clinic sent an address the app cannot use"))
    }

    fn run(&self, request: http::request::Builder, body: &[u8]) -> Result<Reply> {
        let request = request
            .body(body.to_vec())
            .map_err(|_| Error::Clinic("the stored clinic connection is damaged"))?;
        let response = self.agent.run(request).map_err(|_| Error::Offline)?;
        Reply::read(response)
    }

    /// `POST /enroll`: the one unsigned request (the device has no registered key yet).
    pub fn enroll(&self, body: &[u8]) -> Result<Reply> {
        let request = http::Request::post(self.url("/enroll")?.as_str())
            .header("content-type", "application/json")
            .header("accept", "application/json");
        self.run(request, body)
    }

    /// Sends a request signed for `device_id` with `key`, stamped `now` and a fresh random nonce.
    pub fn send(
        &self,
        device_id: &str,
        key: &Ed25519KeyPair,
        request: &Signed<'_>,
        now: DateTime<Utc>,
        random: &dyn SecureRandom,
    ) -> Result<Reply> {
        let mut nonce = [0u8; 16];
        random
            .fill(&mut nonce)
            .map_err(|_| Error::Clinic("this device could not make a random number"))?;
        let nonce = hex::encode(&nonce);
        let timestamp = now.timestamp();
        let body_sha256_hex = hex::encode(digest(&SHA256, request.body).as_ref());
        let input = signing::request_signing_input(&signing::SignedRequest {
            device_id,
            method: request.method.as_str(),
            path_and_query: request.path_and_query,
            timestamp,
            nonce: &nonce,
            body_sha256_hex: &body_sha256_hex,
        });
        let signature = hex::encode(key.sign(&input).as_ref());
        let mut builder = http::Request::builder()
            .method(request.method.clone())
            .uri(self.url(request.path_and_query)?.as_str())
            .header(signing::DEVICE_HEADER, device_id)
            .header(signing::TIMESTAMP_HEADER, timestamp.to_string())
            .header(signing::NONCE_HEADER, &nonce)
            .header(signing::SIGNATURE_HEADER, &signature)
            .header("accept", FHIR_JSON);
        if let Some(tag) = request.if_none_match {
            builder = builder.header("if-none-match", tag);
        }
        if !request.body.is_empty() {
            builder = builder.header("content-type", FHIR_JSON);
        }
        self.run(builder, request.body)
    }
}

/// The certificates of a PEM text; anything else in it, or none at all, is refused.
fn trusted_certificates(pem: &str) -> Result<Vec<ureq::tls::Certificate<'static>>> {
    let refused = || Invalid::new("trustedCertificate", "must be a PEM certificate");
    let mut certificates = Vec::new();
    for item in ureq::tls::parse_pem(pem.as_bytes()) {
        match item.map_err(|_| refused())? {
            PemItem::Certificate(certificate) => certificates.push(certificate),
            _ => return Err(refused().into()),
        }
    }
    if certificates.is_empty() {
        return Err(refused().into());
    }
    Ok(certificates)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_server_address_is_reduced_to_its_origin() {
        assert_eq!(
            normalize_server(" https://Clinic.Example/ ").unwrap(),
            "https://clinic.example"
        );
        assert_eq!(
            normalize_server("https://clinic.example:8443").unwrap(),
            "https://clinic.example:8443"
        );
        assert_eq!(
            normalize_server("http://127.0.0.1:8080").unwrap(),
            "http://127.0.0.1:8080"
        );
    }

    #[test]
    fn plain_http_is_refused_beyond_this_computer() {
        let refused = normalize_server("http://clinic.example").unwrap_err();
        assert_eq!(refused.field, "server");
        assert!(
            refused.reason.contains("https"),
            "the patient must learn what to type instead"
        );
    }

    #[test]
    fn paths_credentials_and_other_schemes_are_refused() {
        for typed in [
            "https://clinic.example/tideline",
            "https://user:pw@clinic.example",
            "https://clinic.example/?x=1",
            "ftp://clinic.example",
            "clinic.example",
            "",
        ] {
            assert!(
                normalize_server(typed).is_err(),
                "{typed:?} must be refused"
            );
        }
    }

    #[test]
    fn retry_after_is_read_as_seconds_or_a_date() {
        let now: DateTime<Utc> = "2026-03-02T12:00:00Z".parse().unwrap();
        let reply = |value: &str| Reply {
            status: 429,
            retry_after: Some(value.to_owned()),
            cursor: None,
            etag: None,
            body: Vec::new(),
        };
        assert_eq!(
            reply("120").retry_after(now),
            Some(now + chrono::Duration::seconds(120))
        );
        assert_eq!(
            reply("Mon, 02 Mar 2026 12:05:00 GMT").retry_after(now),
            Some("2026-03-02T12:05:00Z".parse().unwrap())
        );
        assert_eq!(reply("soon").retry_after(now), None);
    }
}
