//! `POST /fhir`: a share transaction (docs/share-protocol.md), checked completely and then stored all
//! or nothing.
//!
//! The checks, in order: the bundle's structure and limits; that every resource names the calling
//! device's own patient, clinic and care team; that the consent carries every 42 CFR Part 2 element and
//! has not already expired; that each response answers a published questionnaire; that the Provenance
//! covers exactly the consent and the responses; and last that its signature verifies with the device's
//! enrolled key. Only then is anything written, inside the caller's savepoint, so a refusal stores
//! nothing.

use std::collections::HashSet;

use crate::db::{params, Connection, OptionalExtension};
use chrono::{DateTime, Utc};
use ring::digest::{digest, SHA256};
use ring::signature::{UnparsedPublicKey, ED25519};
use serde_json::value::RawValue;
use tideline_wire::share::{ShareBundle, ShareResource};
use tideline_wire::{
    base64, signing, BundleEntryResponse, BundleType, Consent, ConsentStatus, DataMeaning,
    Provenance, ProvisionType, QuestionnaireResponse, ResponseStatus, TransactionBundle,
    TransactionResponseBundle, TransactionResponseEntry, ACT_REASON_SYSTEM, CONSENT_SCOPE_SYSTEM,
    CONSENT_SIGNATURE_CODE, IDEMPOTENCY_KEY_SYSTEM, LOINC_SYSTEM, PART2_POLICY_URI,
    PARTICIPATION_TYPE_SYSTEM, PATIENT_CONSENT_LOINC, RAW_SIGNATURE_FORMAT, SHARE_ENTRY_SYSTEM,
    SIGNATURE_TYPE_SYSTEM,
};

use super::questionnaire;
use crate::access::Caller;
use crate::problem::Problem;

/// The largest share body the server reads (the other endpoints keep the smaller general limit).
pub const MAX_SHARE_BYTES: usize = 1024 * 1024;

/// The most entries one share may hold.
pub const MAX_RESPONSES: usize = 500;

/// The longest narrative (the consent text shown to the patient) accepted.
const MAX_NARRATIVE_BYTES: usize = 64 * 1024;

/// A share as read from the body: the typed bundle and, per entry, the resource exactly as received.
#[derive(Debug)]
pub struct Received {
    bundle: ShareBundle,
    raw: Vec<Box<RawValue>>,
    sha256: Vec<u8>,
}

/// Reads a share body. Done off the store thread; any error is reported only once the caller is known.
pub fn parse(body: &[u8]) -> Result<Received, Problem> {
    if body.len() > MAX_SHARE_BYTES {
        return Err(Problem::TooLarge);
    }
    let raw: TransactionBundle<Box<RawValue>> = crate::problem::parse_body(body)?;
    let bundle: ShareBundle = serde_json::from_slice(body).map_err(|_| {
        Problem::Invalid(
            "an entry is not a Consent, QuestionnaireResponse or Provenance of the share profile"
                .into(),
        )
    })?;
    Ok(Received {
        bundle,
        raw: raw.entry.into_iter().map(|entry| entry.resource).collect(),
        sha256: digest(&SHA256, body).as_ref().to_vec(),
    })
}

/// What a stored (or replayed) share produced.
#[derive(Debug, Clone)]
pub struct Stored {
    /// The transaction-response.
    pub answer: TransactionResponseBundle,
    /// The consent's id.
    pub consent_id: i64,
    /// The patient.
    pub patient_id: i64,
    /// How many responses the share holds.
    pub responses: usize,
    /// True when this was a retry of a share already stored.
    pub replay: bool,
}

fn invalid(why: &'static str) -> Problem {
    Problem::Invalid(why.into())
}

fn is_urn_uuid(full_url: &str) -> bool {
    let Some(uuid) = full_url.strip_prefix("urn:uuid:") else {
        return false;
    };
    uuid.len() == 36
        && uuid.char_indices().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => c == '-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// Stores a share from the calling device, or answers a retry of one with the same answer.
pub fn store(
    conn: &Connection,
    caller: &Caller,
    received: &Received,
    now: DateTime<Utc>,
) -> Result<Stored, Problem> {
    let Caller::Device {
        device_id,
        patient_id,
        clinic_id,
    } = *caller
    else {
        return Err(Problem::Forbidden(
            "shares come from the patient's own device",
        ));
    };
    if let Some(stored) = replayed(conn, received, patient_id)? {
        return Ok(stored);
    }
    let checked = check_share(conn, received, device_id, patient_id, clinic_id, now)?;
    let ids = insert_share(
        conn, received, &checked, device_id, patient_id, clinic_id, now,
    )?;
    let answer = answer_for(&received.bundle, &ids, now)?;
    let answer_json = serde_json::to_string(&answer).map_err(|_| Problem::Internal)?;
    conn.prepare_cached("UPDATE consent SET answer = ?1 WHERE id = ?2")?
        .execute(params![answer_json, ids.consent_id])?;
    Ok(Stored {
        answer,
        consent_id: ids.consent_id,
        patient_id,
        responses: checked.responses.len(),
        replay: false,
    })
}

/// The stored answer when this idempotency key was used before for the same bytes (a conflict when
/// for other bytes); `None` for a new share.
fn replayed(
    conn: &Connection,
    received: &Received,
    patient_id: i64,
) -> Result<Option<Stored>, Problem> {
    let bundle = &received.bundle;
    if bundle.kind != BundleType::Transaction {
        return Err(invalid("Bundle.type must be transaction"));
    }
    if bundle.identifier.system != IDEMPOTENCY_KEY_SYSTEM
        || !crate::response::is_valid_key(&bundle.identifier.value)
    {
        return Err(Problem::Required(
            "Bundle.identifier with the idempotency-key system and a 1 to 128 character key".into(),
        ));
    }
    let key = bundle.identifier.value.as_str();
    let earlier: Option<(i64, Vec<u8>, String, i64)> = conn
        .prepare_cached(
            "SELECT c.id, c.bundle_sha256, c.answer,
                    (SELECT count(*) FROM consent_data d WHERE d.consent_id = c.id)
             FROM consent c WHERE c.patient_id = ?1 AND c.idempotency_key = ?2",
        )?
        .query_row(params![patient_id, key], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
        })
        .optional()?;
    if let Some((consent_id, sha256, answer, responses)) = earlier {
        if sha256 != received.sha256 {
            return Err(Problem::Conflict(
                "idempotency key was already used for a different share",
            ));
        }
        let answer = serde_json::from_str(&answer).map_err(|_| Problem::Internal)?;
        return Ok(Some(Stored {
            answer,
            consent_id,
            patient_id,
            responses: usize::try_from(responses).unwrap_or(0),
            replay: true,
        }));
    }
    Ok(None)
}

/// What a share's checks found: its parts, and the patient's signature over it.
struct Checked<'a> {
    consent: &'a Consent,
    provenance: &'a Provenance,
    responses: Vec<(&'a str, &'a QuestionnaireResponse)>,
    signature: Vec<u8>,
}

/// Every check of a new share: structure, the consent, each answer, the provenance, and last the
/// device's Ed25519 signature.
fn check_share<'a>(
    conn: &Connection,
    received: &'a Received,
    device_id: i64,
    patient_id: i64,
    clinic_id: i64,
    now: DateTime<Utc>,
) -> Result<Checked<'a>, Problem> {
    let bundle = &received.bundle;
    // Structure: POST of each resource to its own type under a unique urn:uuid.
    if bundle.entry.len() != received.raw.len() {
        return Err(Problem::Internal);
    }
    if bundle.entry.len() < 3 || bundle.entry.len() > MAX_RESPONSES + 2 {
        return Err(invalid(
            "a share holds one Consent, 1 to 500 QuestionnaireResponses and one Provenance",
        ));
    }
    let mut full_urls = HashSet::new();
    for entry in &bundle.entry {
        let kind = match &entry.resource {
            ShareResource::Consent(_) => "Consent",
            ShareResource::QuestionnaireResponse(_) => "QuestionnaireResponse",
            ShareResource::Provenance(_) => "Provenance",
        };
        if entry.request.method != "POST" || entry.request.url != kind {
            return Err(invalid(
                "each entry's request must be POST to its resource type",
            ));
        }
        if !is_urn_uuid(&entry.full_url) || !full_urls.insert(entry.full_url.as_str()) {
            return Err(invalid("each entry needs its own urn:uuid fullUrl"));
        }
    }
    let consent = bundle
        .consent()
        .ok_or_else(|| invalid("a share holds exactly one Consent"))?;
    let provenance = bundle
        .provenance()
        .ok_or_else(|| invalid("a share holds exactly one Provenance"))?;
    let responses = bundle.responses();
    if responses.is_empty() {
        return Err(invalid("a share holds at least one QuestionnaireResponse"));
    }
    let consent_url = bundle
        .entry
        .iter()
        .find(|entry| matches!(entry.resource, ShareResource::Consent(_)))
        .map(|entry| entry.full_url.as_str())
        .ok_or(Problem::Internal)?;

    let patient = format!("Patient/{patient_id}");
    check_consent(consent, &patient, clinic_id, patient_id, now)?;
    let response_urls: Vec<&str> = responses.iter().map(|(url, _)| *url).collect();
    check_data(consent, &response_urls)?;
    for (_, response) in &responses {
        check_response(response, &patient)?;
    }
    let signature = check_provenance(provenance, &patient, consent_url, &response_urls, now)?;

    // The patient's electronic signature, with the key this device enrolled.
    let public_key: Vec<u8> = conn
        .prepare_cached("SELECT public_key FROM device WHERE id = ?1")?
        .query_row([device_id], |row| row.get(0))?;
    let input = bundle.signing_input().ok_or(Problem::Internal)?;
    UnparsedPublicKey::new(&ED25519, &public_key)
        .verify(&input, &signature)
        .map_err(|_| invalid("the share signature does not verify with this device's key"))?;
    Ok(Checked {
        consent,
        provenance,
        responses,
        signature,
    })
}

/// The ids a stored share got.
struct ShareIds {
    consent_id: i64,
    response_ids: std::collections::HashMap<String, i64>,
    provenance_id: i64,
}

/// Writes a checked share: the consent, its recipients (the care team at signing), each response, the
/// consent's data list and the provenance.
fn insert_share(
    conn: &Connection,
    received: &Received,
    checked: &Checked<'_>,
    device_id: i64,
    patient_id: i64,
    clinic_id: i64,
    now: DateTime<Utc>,
) -> Result<ShareIds, Problem> {
    let bundle = &received.bundle;
    let Checked {
        consent,
        provenance,
        signature,
        ..
    } = checked;
    let key = bundle.identifier.value.as_str();
    // Everything holds: store.
    let now_ms = now.timestamp_millis();
    let mut raw_of = bundle.entry.iter().zip(&received.raw);
    let consent_raw = raw_of
        .clone()
        .find(|(entry, _)| matches!(entry.resource, ShareResource::Consent(_)))
        .map(|(_, raw)| raw.get())
        .ok_or(Problem::Internal)?;
    let expires_at = consent.expires().ok_or(Problem::Internal)?.timestamp();
    conn.prepare_cached(
        "INSERT INTO consent (patient_id, clinic_id, device_id, idempotency_key, bundle_sha256, status,
            signed_at, expires_at, received, answer, created_at_ms, updated_at_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, 'active', ?6, ?7, ?8, '', ?9, ?9)",
    )?
    .execute(params![
        patient_id,
        clinic_id,
        device_id,
        key,
        received.sha256,
        consent.date_time.timestamp(),
        expires_at,
        consent_raw,
        now_ms
    ])?;
    let consent_id = conn.last_insert_rowid();
    // The consent names its recipients: the care team as it is now, at signing.
    conn.prepare_cached(
        "INSERT INTO consent_recipient (consent_id, staff_id)
         SELECT ?1, m.staff_id FROM care_team_member m JOIN staff s ON s.id = m.staff_id
         WHERE m.patient_id = ?2 AND s.active = 1",
    )?
    .execute(params![consent_id, patient_id])?;
    let mut response_ids = std::collections::HashMap::new();
    for (entry, raw) in raw_of.by_ref() {
        if let ShareResource::QuestionnaireResponse(response) = &entry.resource {
            conn.prepare_cached(
                "INSERT INTO shared_response (consent_id, patient_id, clinic_id, questionnaire, resource,
                    created_at_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                consent_id,
                patient_id,
                clinic_id,
                response.questionnaire,
                raw.get(),
                now_ms
            ])?;
            response_ids.insert(entry.full_url.clone(), conn.last_insert_rowid());
        }
    }
    for (position, data) in consent.provision.data.iter().enumerate() {
        let response_id = response_ids
            .get(data.reference.reference.as_str())
            .ok_or(Problem::Internal)?;
        conn.prepare_cached(
            "INSERT INTO consent_data (consent_id, position, full_url, response_id) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![
            consent_id,
            i64::try_from(position).unwrap_or(i64::MAX),
            data.reference.reference,
            response_id
        ])?;
    }
    let provenance_raw = bundle
        .entry
        .iter()
        .zip(&received.raw)
        .find(|(entry, _)| matches!(entry.resource, ShareResource::Provenance(_)))
        .map(|(_, raw)| raw.get())
        .ok_or(Problem::Internal)?;
    conn.prepare_cached(
        "INSERT INTO share_provenance (consent_id, device_id, signature, recorded_at, received)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        consent_id,
        device_id,
        signature,
        provenance.recorded.timestamp(),
        provenance_raw
    ])?;
    let provenance_id = conn.last_insert_rowid();
    Ok(ShareIds {
        consent_id,
        response_ids,
        provenance_id,
    })
}

/// The transaction-response bundle: one `201 Created` with its location per entry, in order.
fn answer_for(
    bundle: &ShareBundle,
    ids: &ShareIds,
    now: DateTime<Utc>,
) -> Result<TransactionResponseBundle, Problem> {
    let ShareIds {
        consent_id,
        response_ids,
        provenance_id,
    } = ids;
    let created = |location: String| TransactionResponseEntry {
        response: BundleEntryResponse {
            status: "201 Created".into(),
            location: Some(location),
            last_modified: Some(now),
        },
    };
    let entry = bundle
        .entry
        .iter()
        .map(|entry| match &entry.resource {
            ShareResource::Consent(_) => Ok(created(format!("Consent/{consent_id}"))),
            ShareResource::QuestionnaireResponse(_) => response_ids
                .get(entry.full_url.as_str())
                .map(|id| created(format!("QuestionnaireResponse/{id}")))
                .ok_or(Problem::Internal),
            ShareResource::Provenance(_) => Ok(created(format!("Provenance/{provenance_id}"))),
        })
        .collect::<Result<Vec<_>, Problem>>()?;
    let answer = TransactionResponseBundle {
        resource_type: tideline_wire::BundleResourceType,
        meta: Some(tideline_wire::Meta {
            version_id: None,
            last_updated: Some(now),
        }),
        kind: BundleType::TransactionResponse,
        entry,
    };
    Ok(answer)
}

fn one_reference_to(references: &[tideline_wire::Reference], expected: &str) -> bool {
    references.len() == 1 && references[0].reference == expected
}

/// Every element 42 CFR Part 2 asks of a consent, and that it names this patient, clinic and team.
fn check_consent(
    consent: &Consent,
    patient: &str,
    clinic_id: i64,
    patient_id: i64,
    now: DateTime<Utc>,
) -> Result<(), Problem> {
    if consent.id.is_some() || consent.meta.is_some() {
        return Err(invalid("resources are sent without id and meta"));
    }
    if consent.patient.reference != patient || !one_reference_to(&consent.performer, patient) {
        return Err(Problem::Forbidden(
            "a device gives consent only for its own patient",
        ));
    }
    if !one_reference_to(&consent.organization, &format!("Organization/{clinic_id}")) {
        return Err(Problem::Forbidden(
            "the disclosing organization must be the patient's own clinic",
        ));
    }
    let care_team = format!("CareTeam/{patient_id}");
    if consent.provision.actor.is_empty()
        || consent.provision.actor.iter().any(|actor| {
            actor.reference.reference != care_team
                || !actor.role.has(PARTICIPATION_TYPE_SYSTEM, "IRCP")
        })
    {
        return Err(Problem::Forbidden(
            "the recipient must be the patient's own care team, as information recipient",
        ));
    }
    if consent.status != ConsentStatus::Active {
        return Err(Problem::CodeInvalid(
            "a new consent has status active".into(),
        ));
    }
    if !consent.scope.has(CONSENT_SCOPE_SYSTEM, "patient-privacy")
        || !consent
            .category
            .iter()
            .any(|category| category.has(LOINC_SYSTEM, PATIENT_CONSENT_LOINC))
    {
        return Err(Problem::CodeInvalid(
            "scope patient-privacy and category LOINC 59284-0 are required".into(),
        ));
    }
    if !consent
        .policy
        .iter()
        .any(|policy| policy.uri == PART2_POLICY_URI)
    {
        return Err(Problem::Required("policy 42 CFR Part 2".into()));
    }
    if consent.provision.kind != ProvisionType::Permit {
        return Err(Problem::CodeInvalid("provision.type must be permit".into()));
    }
    if consent.provision.purpose.is_empty()
        || consent
            .provision
            .purpose
            .iter()
            .any(|purpose| purpose.system != ACT_REASON_SYSTEM || purpose.code.is_empty())
    {
        return Err(Problem::Required("provision.purpose (v3 ActReason)".into()));
    }
    let div = &consent.text.div;
    if !div.starts_with("<div") || div.len() > MAX_NARRATIVE_BYTES || div.len() < 30 {
        return Err(Problem::Required(
            "the consent text as shown to the patient, including the right to revoke".into(),
        ));
    }
    if consent.date_time > now + chrono::Duration::seconds(signing::MAX_CLOCK_SKEW_SECONDS) {
        return Err(invalid("the consent is dated in the future"));
    }
    let end = consent
        .expires()
        .ok_or_else(|| Problem::Required("provision.period.end (the expiry)".into()))?;
    if end <= now {
        return Err(invalid("the consent's period has already ended"));
    }
    if consent
        .provision
        .period
        .start
        .is_some_and(|start| start > end)
    {
        return Err(invalid("the consent's period starts after it ends"));
    }
    Ok(())
}

/// `provision.data` names each response of the bundle exactly once, and nothing else.
fn check_data(consent: &Consent, response_urls: &[&str]) -> Result<(), Problem> {
    let mut named = HashSet::new();
    for data in &consent.provision.data {
        if data.meaning != DataMeaning::Instance {
            return Err(Problem::CodeInvalid(
                "provision.data.meaning must be instance".into(),
            ));
        }
        if !response_urls.contains(&data.reference.reference.as_str()) {
            return Err(invalid(
                "provision.data references a resource that is not a QuestionnaireResponse of this bundle",
            ));
        }
        if !named.insert(data.reference.reference.as_str()) {
            return Err(invalid("provision.data names a response twice"));
        }
    }
    if named.len() != response_urls.len() {
        return Err(invalid(
            "every QuestionnaireResponse must be named in provision.data",
        ));
    }
    Ok(())
}

fn check_response(response: &QuestionnaireResponse, patient: &str) -> Result<(), Problem> {
    if response.id.is_some() || response.meta.is_some() {
        return Err(invalid("resources are sent without id and meta"));
    }
    if response.subject.reference != patient || response.author.reference != patient {
        return Err(Problem::Forbidden(
            "a device shares only its own patient's entries",
        ));
    }
    if response.status != ResponseStatus::Completed {
        return Err(Problem::CodeInvalid(
            "a shared response has status completed".into(),
        ));
    }
    if response.identifier.system != SHARE_ENTRY_SYSTEM
        || !crate::response::is_valid_key(&response.identifier.value)
    {
        return Err(Problem::Required(
            "identifier with the share-entry system".into(),
        ));
    }
    questionnaire::check_answers(response)
}

/// The Provenance covers exactly this share and carries the patient's signature; returns its bytes.
fn check_provenance(
    provenance: &Provenance,
    patient: &str,
    consent_url: &str,
    response_urls: &[&str],
    now: DateTime<Utc>,
) -> Result<Vec<u8>, Problem> {
    if provenance.id.is_some() {
        return Err(invalid("resources are sent without id and meta"));
    }
    let mut expected: HashSet<&str> = response_urls.iter().copied().collect();
    expected.insert(consent_url);
    let targets: HashSet<&str> = provenance
        .target
        .iter()
        .map(|target| target.reference.as_str())
        .collect();
    if targets != expected || provenance.target.len() != expected.len() {
        return Err(invalid(
            "Provenance.target must be the Consent and every QuestionnaireResponse, once each",
        ));
    }
    if provenance.agent.len() != 1 || provenance.agent[0].who.reference != patient {
        return Err(Problem::Forbidden("the share is signed by the patient"));
    }
    let [signature] = provenance.signature.as_slice() else {
        return Err(invalid("Provenance carries exactly one signature"));
    };
    if signature.who.reference != patient {
        return Err(Problem::Forbidden("the share is signed by the patient"));
    }
    if !signature
        .kind
        .iter()
        .any(|coding| coding.is(SIGNATURE_TYPE_SYSTEM, CONSENT_SIGNATURE_CODE))
        || signature.sig_format != RAW_SIGNATURE_FORMAT
    {
        return Err(Problem::CodeInvalid(
            "the signature must be a Consent Signature in application/octet-stream".into(),
        ));
    }
    let skew = chrono::Duration::seconds(signing::MAX_CLOCK_SKEW_SECONDS);
    if provenance.recorded > now + skew || signature.when > now + skew {
        return Err(invalid("the signature is dated in the future"));
    }
    base64::decode(&signature.data)
        .filter(|bytes| bytes.len() == 64)
        .ok_or_else(|| invalid("the signature must be base64 of 64 bytes"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_urn_uuids_name_entries() {
        assert!(is_urn_uuid("urn:uuid:6f1c2f7e-1b1e-4c55-8d43-0d1a2b3c4d5e"));
        assert!(!is_urn_uuid("urn:uuid:6f1c2f7e"));
        assert!(!is_urn_uuid("Consent/1"));
        assert!(!is_urn_uuid(
            "urn:uuid:6f1c2f7e-1b1e-4c55-8d43-0d1a2b3c4d5g"
        ));
    }
}
