//! Sharing chosen journal entries with the patient's care team at the connected clinic, under a
//! 42 CFR Part 2 consent the patient reads and signs first (docs/share-protocol.md).
//!
//! The steps, and what each guarantees:
//!
//! 1. [`preview`]: exactly what would be sent: each entry as readable lines (the same fields the
//!    QuestionnaireResponse carries) and the consent text with every element Part 2 requires. Pure; no
//!    network.
//! 2. [`share`]: stores a [`SharedConsent`] (text, terms, a copy of every entry as sent) in the vault
//!    first, then reads the care team, signs the bundle with the device key, stores the signed bundle,
//!    and only then sends it. Later journal edits do not change what the consent holds.
//! 3. Offline or a busy clinic: [`Error::Offline`] (or [`Error::Clinic`]) and the consent stays
//!    [`ConsentState::Sending`]. It is **not** retried in the background: the patient sends it again
//!    with [`resend`] (or revokes it). A disclosure of substance-use records should happen when the
//!    patient acts, not hours later when a network comes back, and a consent that waited past its
//!    expiry is refused rather than sent. A resend sends the very same signed bytes with the same
//!    idempotency key, so a share whose reply was lost is stored once.
//! 4. [`consents`], [`revoke`] (the clinic deletes the shared responses and refuses access from then
//!    on), [`accounting`] (who at the clinic viewed them, and when).
//!
//! Consents are app state ([`RecordKind::is_app_state`]): not journal entries, not writable from the UI.

pub(crate) mod consent;
mod entry;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use ring::rand::SecureRandom;
use serde::{Deserialize, Serialize};
use tideline_wire::share::{ShareBundle, ShareResource, REVOKE_OPERATION};
use tideline_wire::{
    AuditEvent, Bundle, CareTeam, Consent, ConsentActor, ConsentData, ConsentPolicy,
    ConsentProvision, ConsentStatus, ConsentType, DataMeaning, Narrative, Period, Provenance,
    ProvenanceAgent, ProvenanceType, ProvisionType, Reference, Signature,
    TransactionResponseBundle, PART2_POLICY_URI, RAW_SIGNATURE_FORMAT,
};

use crate::error::{Error, Invalid, Result};
use crate::record::{Record, RecordId, RecordKind};
use crate::sync::{self, Client, Reply, Signed};
use crate::time::Stamp;
use crate::vault::{Query, Vault};

pub use consent::{ClinicCopy, SentResponse, SharePurpose, SharedConsent};
pub use entry::{describe, ShareKind, SharedEntry};

/// The notice every disclosed record carries (42 CFR 2.32).
pub const PART2_NOTICE: &str =
    "42 CFR part 2 prohibits unauthorized use or disclosure of these records.";

/// The most entries one share may hold: a consent lists each one, and a list longer than this is no
/// longer something a person reads before signing.
pub const MAX_ENTRIES: usize = 200;

/// The longest a consent may last: a year. Part 2 needs an end; a year keeps it meaningful.
pub const MAX_DAYS: i64 = 366;

/// Which entries to share.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct ShareSelection {
    /// Exactly these entries. When empty, every entry of `kinds` between `from` and `to`.
    #[serde(default)]
    pub entries: Vec<RecordId>,
    /// Only entries that happened at or after this instant.
    #[ts(type = "string | null")]
    pub from: Option<DateTime<Utc>>,
    /// Only entries that happened before this instant.
    #[ts(type = "string | null")]
    pub to: Option<DateTime<Utc>>,
    /// Only these kinds (all three when empty).
    #[serde(default)]
    pub kinds: Vec<ShareKind>,
}

/// What the patient agrees to, besides the entries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct ConsentTerms {
    /// The last day the clinic may view the entries (in the patient's zone; ends at midnight).
    #[ts(type = "string")]
    pub expires_on: NaiveDate,
    /// Why.
    #[serde(default)]
    pub purpose: SharePurpose,
}

/// Exactly what a share would send, shown before the patient signs.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct SharePreview {
    /// The entries, oldest first, each with every line that is sent.
    pub entries: Vec<SharedEntry>,
    /// The consent text, paragraph by paragraph.
    pub consent_text: Vec<String>,
    /// The clinic named as discloser and recipient.
    pub clinic_name: String,
    /// When the consent would end.
    #[ts(type = "string")]
    pub expires_at: DateTime<Utc>,
}

/// Where a consent stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub enum ConsentState {
    /// Signed and kept on this device, not yet confirmed by the clinic (offline, or the clinic was
    /// busy): send it again with [`resend`], or revoke it.
    Sending,
    /// The clinic has it; the care team may view the entries until it expires.
    Active,
    /// The patient revoked it.
    Revoked,
    /// Its end date has passed.
    Expired,
}

/// A consent as the sharing screen lists it.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct ConsentSummary {
    /// The consent record.
    pub id: RecordId,
    /// Where it stands.
    pub state: ConsentState,
    /// The clinic.
    pub clinic_name: String,
    /// When signed.
    #[ts(type = "string")]
    pub signed_at: DateTime<Utc>,
    /// When it ends.
    #[ts(type = "string")]
    pub expires_at: DateTime<Utc>,
    /// The consent text as signed.
    pub consent_text: Vec<String>,
    /// The entries as shared (copies: later edits to the journal do not change them).
    pub entries: Vec<SharedEntry>,
    /// The Consent's id at the clinic, once confirmed.
    pub clinic_consent_id: Option<String>,
}

/// One view of shared entries by clinic staff, from the accounting of disclosures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct Disclosure {
    /// The staff member's name as the clinic gave it.
    pub who: String,
    /// When they viewed.
    #[ts(type = "string")]
    pub viewed_at: DateTime<Utc>,
    /// How many of the shared entries that view showed.
    pub entries_viewed: u32,
}

/// The entries a selection names, oldest first: the same rule for a share and for a PDF report.
pub fn selected(vault: &Vault, selection: &ShareSelection) -> Result<Vec<SharedEntry>> {
    select(vault, selection)
}

/// How an entry's time is written for the patient (in the zone it was recorded in).
pub(crate) fn entry_when(stamp: &Stamp) -> String {
    entry::when(stamp)
}

fn select(vault: &Vault, selection: &ShareSelection) -> Result<Vec<SharedEntry>> {
    let mut chosen: Vec<SharedEntry> = if selection.entries.is_empty() {
        let kinds = if selection.kinds.is_empty() {
            ShareKind::ALL.to_vec()
        } else {
            selection.kinds.clone()
        };
        let query = Query {
            kinds: kinds.iter().map(|k| k.record_kind()).collect(),
            from: selection.from,
            to: selection.to,
            text: None,
            limit: None,
        };
        vault
            .query(&query)
            .into_iter()
            .filter_map(|stored| describe(stored.id, &stored.record))
            .collect()
    } else {
        let mut chosen = Vec::with_capacity(selection.entries.len());
        for id in &selection.entries {
            let stored = vault.get(id).ok_or(Error::NotFound)?;
            let described = describe(stored.id, &stored.record).ok_or(Invalid::new(
                "entries",
                "only craving records, HALT checks and urge-surfing sessions can be shared",
            ))?;
            if !chosen.iter().any(|c: &SharedEntry| c.entry == *id) {
                chosen.push(described);
            }
        }
        chosen
    };
    if chosen.is_empty() {
        return Err(Invalid::new("entries", "choose at least one entry to share").into());
    }
    if chosen.len() > MAX_ENTRIES {
        return Err(Invalid::new("entries", "share at most 200 entries at a time").into());
    }
    chosen.sort_by_key(|e| (e.occurred_at.utc, e.entry));
    Ok(chosen)
}

/// The instant a consent ending on `date` ends: the last second of that day in the patient's zone.
fn end_of(date: NaiveDate, now: Stamp) -> Result<DateTime<Utc>> {
    let next = date
        .succ_opt()
        .ok_or(Invalid::new("expiresOn", "is not a usable date"))?;
    let end = now.zone.resolve(next, NaiveTime::MIN) - Duration::seconds(1);
    if end <= now.utc {
        return Err(Invalid::new("expiresOn", "must be today or later").into());
    }
    if end - now.utc > Duration::days(MAX_DAYS) {
        return Err(Invalid::new("expiresOn", "a consent can last at most a year").into());
    }
    Ok(end)
}

/// The consent text: every element 42 CFR Part 2 requires, in plain words.
fn consent_text(
    clinic_name: &str,
    patient: &str,
    entries: &[SharedEntry],
    purpose: SharePurpose,
    expires_on: NaiveDate,
    now: Stamp,
) -> Vec<String> {
    let mut text = vec![
        format!(
            "Patient: me, the person this device is connected for at {clinic_name} ({patient})."
        ),
        format!("I allow {clinic_name}, the program treating me, to disclose these entries from my Tideline journal:"),
    ];
    text.extend(entries.iter().map(|e| format!("- {}", e.title)));
    text.push(format!(
        "To: my care team at {clinic_name} (the counselors and therapists assigned to me)."
    ));
    text.push(format!("Purpose: {}.", purpose.words()));
    text.push(format!(
        "This consent ends at the end of {}, unless I revoke it sooner.",
        expires_on.format("%-d %B %Y")
    ));
    text.push(format!(
        "I may revoke it at any time: in Tideline, under Sharing, choose Revoke, or tell {clinic_name} in writing. \
         Revoking stops all further access; it cannot undo what was already viewed."
    ));
    text.push("My treatment does not depend on signing this consent.".to_owned());
    text.push(format!(
        "Signed electronically on this device by me, the patient, on {} ({}).",
        now.local().format("%-d %B %Y at %H:%M"),
        now.zone.name()
    ));
    text.push(PART2_NOTICE.to_owned());
    text
}

fn linked(vault: &Vault) -> Result<&sync::ClinicConnection> {
    match sync::connection(vault) {
        Some(link) if link.is_refused() => Err(Error::DeviceRefused),
        Some(link) => Ok(link),
        None => Err(Error::Clinic("this device is not connected to a clinic")),
    }
}

/// Exactly what [`share`] would send for this selection and these terms, signed `now`.
pub fn preview(
    vault: &Vault,
    selection: &ShareSelection,
    terms: &ConsentTerms,
    now: Stamp,
) -> Result<SharePreview> {
    let link = linked(vault)?;
    let entries = select(vault, selection)?;
    let expires_at = end_of(terms.expires_on, now)?;
    Ok(SharePreview {
        consent_text: consent_text(
            &link.clinic_name,
            &link.patient,
            &entries,
            terms.purpose,
            terms.expires_on,
            now,
        ),
        entries,
        clinic_name: link.clinic_name.clone(),
        expires_at,
    })
}

fn random_hex(random: &dyn SecureRandom) -> Result<String> {
    let mut bytes = [0u8; 16];
    random
        .fill(&mut bytes)
        .map_err(|_| Error::Clinic("this device could not make a random number"))?;
    Ok(tideline_wire::hex::encode(&bytes))
}

/// A random `urn:uuid:` (version 4).
fn random_urn(random: &dyn SecureRandom) -> Result<String> {
    let mut b = [0u8; 16];
    random
        .fill(&mut b)
        .map_err(|_| Error::Clinic("this device could not make a random number"))?;
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h = tideline_wire::hex::encode(&b);
    Ok(format!(
        "urn:uuid:{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    ))
}

/// Signs and shares the selected entries: see the module documentation for the order of steps.
///
/// The consent is in the vault before anything touches the network; on [`Error::Offline`] it stays
/// [`ConsentState::Sending`] and [`resend`] sends it later.
pub fn share(
    vault: &mut Vault,
    selection: &ShareSelection,
    terms: &ConsentTerms,
    now: Stamp,
    random: &dyn SecureRandom,
) -> Result<ConsentSummary> {
    let shown = preview(vault, selection, terms, now)?;
    let patient = linked(vault)?.patient.clone();
    let mut responses = Vec::with_capacity(shown.entries.len());
    for entry in &shown.entries {
        let record = &vault.get(&entry.entry).ok_or(Error::NotFound)?.record;
        let response = entry::response(record, &patient, random_hex(random)?)
            .ok_or(Invalid::new("entries", "this entry cannot be shared"))?;
        responses.push(SentResponse {
            full_url: random_urn(random)?,
            response,
        });
    }
    let consent = SharedConsent {
        signed_at: now.utc,
        zone: now.zone,
        expires_on: terms.expires_on,
        expires_at: shown.expires_at,
        purpose: terms.purpose,
        clinic_name: shown.clinic_name,
        text: shown.consent_text,
        entries: shown.entries,
        responses,
        idempotency_key: random_hex(random)?,
        bundle: None,
        clinic: None,
        revoked_at: None,
    };
    let stored = vault.save(None, Record::Consent(consent), now)?;
    send(vault, stored.id, now, random)
}

/// Sends a consent that is still [`ConsentState::Sending`] again (the same signed bundle, so the
/// clinic stores it once). Refused once the consent has expired or was revoked.
pub fn resend(
    vault: &mut Vault,
    id: RecordId,
    now: Stamp,
    random: &dyn SecureRandom,
) -> Result<ConsentSummary> {
    send(vault, id, now, random)
}

fn load(vault: &Vault, id: RecordId) -> Result<SharedConsent> {
    match vault.get(&id).map(|stored| &stored.record) {
        Some(Record::Consent(consent)) => Ok(consent.clone()),
        _ => Err(Error::NotFound),
    }
}

fn summary(id: RecordId, consent: &SharedConsent, now: DateTime<Utc>) -> ConsentSummary {
    let state = if consent.revoked_at.is_some() {
        ConsentState::Revoked
    } else if now > consent.expires_at {
        ConsentState::Expired
    } else if consent.clinic.is_none() {
        ConsentState::Sending
    } else {
        ConsentState::Active
    };
    ConsentSummary {
        id,
        state,
        clinic_name: consent.clinic_name.clone(),
        signed_at: consent.signed_at,
        expires_at: consent.expires_at,
        consent_text: consent.text.clone(),
        entries: consent.entries.clone(),
        clinic_consent_id: consent.clinic.as_ref().map(|c| c.consent_id.clone()),
    }
}

/// The patient's active care team at the clinic.
fn care_team(
    client: &mut Client,
    vault: &mut Vault,
    now: Stamp,
    random: &dyn SecureRandom,
) -> Result<CareTeam> {
    let path = format!(
        "{}/CareTeam?patient={}",
        client.link.fhir_base, client.link.patient
    );
    let reply = request(
        client,
        vault,
        &Signed::get(&path),
        now,
        random,
        "the clinic has no care team for you yet; ask the clinic",
    )?;
    let found: Bundle<serde_json::Value> =
        serde_json::from_slice(&reply.body).map_err(|_| sync::unreadable())?;
    found
        .entry
        .into_iter()
        .filter_map(|entry| serde_json::from_value::<CareTeam>(entry.resource).ok())
        .find(|team| {
            team.status == "active"
                && team.subject.reference == client.link.patient
                && team.managing_organization.len() == 1
        })
        .ok_or(Error::Clinic(
            "the clinic has no care team for you yet; ask the clinic",
        ))
}

/// Sends one signed request; a non-2xx reply becomes the error it means (`refused` for a refusal
/// that is not about the device, the network or a busy clinic).
fn request(
    client: &mut Client,
    vault: &mut Vault,
    signed: &Signed<'_>,
    now: Stamp,
    random: &dyn SecureRandom,
    refused: &'static str,
) -> Result<Reply> {
    let reply = client.send(signed, now, random)?;
    match reply.status {
        200..=299 => Ok(reply),
        401 => Err(client.unauthorized(vault, &reply, now)?),
        408 | 429 | 500..=599 => Err(sync::busy()),
        _ => Err(Error::Clinic(refused)),
    }
}

fn build_bundle(
    consent: &SharedConsent,
    team: &CareTeam,
    patient: &str,
    client: &Client,
    random: &dyn SecureRandom,
) -> Result<ShareBundle> {
    let patient_ref = Reference {
        reference: patient.to_owned(),
    };
    let fhir_consent = Consent {
        resource_type: ConsentType,
        id: None,
        meta: None,
        text: Narrative::paragraphs(&consent.text),
        status: ConsentStatus::Active,
        scope: Consent::privacy_scope(),
        category: vec![Consent::patient_consent_category()],
        patient: patient_ref.clone(),
        date_time: consent.signed_at,
        performer: vec![patient_ref.clone()],
        organization: team.managing_organization.clone(),
        policy: vec![ConsentPolicy {
            uri: PART2_POLICY_URI.into(),
        }],
        provision: ConsentProvision {
            kind: ProvisionType::Permit,
            period: Period {
                start: Some(consent.signed_at),
                end: Some(consent.expires_at),
            },
            actor: vec![ConsentActor {
                role: Consent::recipient_role(),
                reference: Reference::to("CareTeam", &team.id),
            }],
            purpose: vec![match consent.purpose {
                SharePurpose::Treatment => Consent::treatment_purpose(),
            }],
            data: consent
                .responses
                .iter()
                .map(|r| ConsentData {
                    meaning: DataMeaning::Instance,
                    reference: Reference {
                        reference: r.full_url.clone(),
                    },
                })
                .collect(),
        },
    };
    let responses: Vec<_> = consent
        .responses
        .iter()
        .map(|r| r.response.clone())
        .collect();
    let signature = client.sign(&tideline_wire::share::signing_input(
        &fhir_consent,
        &responses,
    ));
    let consent_url = random_urn(random)?;
    let mut targets = vec![Reference {
        reference: consent_url.clone(),
    }];
    targets.extend(consent.responses.iter().map(|r| Reference {
        reference: r.full_url.clone(),
    }));
    let provenance = Provenance {
        resource_type: ProvenanceType,
        id: None,
        target: targets,
        recorded: consent.signed_at,
        agent: vec![ProvenanceAgent {
            who: patient_ref.clone(),
        }],
        signature: vec![Signature {
            kind: Signature::consent_signature_type(),
            when: consent.signed_at,
            who: patient_ref,
            sig_format: RAW_SIGNATURE_FORMAT.into(),
            data: tideline_wire::base64::encode(&signature),
        }],
    };
    let mut entries = vec![(consent_url, "Consent", ShareResource::Consent(fhir_consent))];
    entries.extend(consent.responses.iter().map(|r| {
        (
            r.full_url.clone(),
            "QuestionnaireResponse",
            ShareResource::QuestionnaireResponse(r.response.clone()),
        )
    }));
    entries.push((
        random_urn(random)?,
        "Provenance",
        ShareResource::Provenance(provenance),
    ));
    Ok(ShareBundle::create(&consent.idempotency_key, entries))
}

/// Reads the clinic's ids out of its transaction-response, in the order of the bundle's entries.
fn clinic_ids(reply: &Reply, count: usize, now: DateTime<Utc>) -> Result<ClinicCopy> {
    let answer: TransactionResponseBundle =
        serde_json::from_slice(&reply.body).map_err(|_| sync::unreadable())?;
    let mut ids = answer.entry.iter().map(|e| e.response.created());
    let consent_id = match ids.next().flatten() {
        Some(("Consent", id)) => id.to_owned(),
        _ => return Err(sync::unreadable()),
    };
    let mut response_ids = Vec::with_capacity(count);
    for _ in 0..count {
        match ids.next().flatten() {
            Some(("QuestionnaireResponse", id)) => response_ids.push(id.to_owned()),
            _ => return Err(sync::unreadable()),
        }
    }
    Ok(ClinicCopy {
        consent_id,
        response_ids,
        confirmed_at: now,
    })
}

fn send(
    vault: &mut Vault,
    id: RecordId,
    now: Stamp,
    random: &dyn SecureRandom,
) -> Result<ConsentSummary> {
    let mut consent = load(vault, id)?;
    if consent.revoked_at.is_some() {
        return Err(
            Invalid::new("consent", "this consent was revoked; share again instead").into(),
        );
    }
    if consent.clinic.is_some() {
        return Ok(summary(id, &consent, now.utc));
    }
    if now.utc > consent.expires_at {
        return Err(Invalid::new(
            "consent",
            "this consent expired before it was sent; nothing was shared",
        )
        .into());
    }
    let mut client = Client::for_vault(vault)?;
    let bundle = match &consent.bundle {
        Some(bundle) => bundle.clone(),
        None => {
            let team = care_team(&mut client, vault, now, random)?;
            let patient = client.link.patient.clone();
            let bundle = build_bundle(&consent, &team, &patient, &client, random)?;
            // Stored before it is sent: a resend after a lost reply must send these very bytes.
            consent.bundle = Some(bundle.clone());
            vault.save(Some(id), Record::Consent(consent.clone()), now)?;
            bundle
        }
    };
    let body = serde_json::to_vec(&bundle).expect("a share bundle always serializes");
    let base = client.link.fhir_base.clone();
    let reply = request(
        &mut client,
        vault,
        &Signed::post(&base, &body),
        now,
        random,
        "the clinic did not accept this share; nothing was disclosed",
    )?;
    consent.clinic = Some(clinic_ids(&reply, consent.responses.len(), now.utc)?);
    vault.save(Some(id), Record::Consent(consent.clone()), now)?;
    Ok(summary(id, &consent, now.utc))
}

/// Every consent on this device, newest first, with where it stands at `now`.
pub fn consents(vault: &Vault, now: DateTime<Utc>) -> Vec<ConsentSummary> {
    let mut all: Vec<ConsentSummary> = vault
        .of_kind(RecordKind::Consent)
        .filter_map(|stored| match &stored.record {
            Record::Consent(consent) => Some(summary(stored.id, consent, now)),
            _ => None,
        })
        .collect();
    all.sort_by(|a, b| b.signed_at.cmp(&a.signed_at).then(a.id.cmp(&b.id)));
    all
}

/// Revokes a consent. When the clinic may hold it, the clinic is told first (it sets the Consent
/// inactive and deletes the shared responses) and the local state changes only on its confirmation;
/// a consent never sent is revoked on the device alone.
///
/// A consent whose sending was interrupted (the reply was lost) may or may not be at the clinic; its
/// same bundle is sent once more to learn its ids (stored once, by its idempotency key) and revoked
/// at once, so nothing stays disclosed that the patient believes revoked.
pub fn revoke(
    vault: &mut Vault,
    id: RecordId,
    now: Stamp,
    random: &dyn SecureRandom,
) -> Result<ConsentSummary> {
    let mut consent = load(vault, id)?;
    if consent.revoked_at.is_some() {
        return Ok(summary(id, &consent, now.utc));
    }
    if consent.clinic.is_none() && consent.bundle.is_none() {
        consent.revoked_at = Some(now.utc);
        vault.save(Some(id), Record::Consent(consent.clone()), now)?;
        return Ok(summary(id, &consent, now.utc));
    }
    if consent.clinic.is_none() {
        if now.utc > consent.expires_at {
            // Past its end the clinic refuses every view of it (its period has ended) whether or not
            // an earlier attempt reached it, so revoking on the device is enough.
            consent.revoked_at = Some(now.utc);
            vault.save(Some(id), Record::Consent(consent.clone()), now)?;
            return Ok(summary(id, &consent, now.utc));
        }
        send(vault, id, now, random)?;
        consent = load(vault, id)?;
    }
    let clinic_id = consent
        .clinic
        .as_ref()
        .map(|c| c.consent_id.clone())
        .ok_or(Error::NotFound)?;
    let mut client = Client::for_vault(vault)?;
    let path = format!(
        "{}/Consent/{clinic_id}/{REVOKE_OPERATION}",
        client.link.fhir_base
    );
    let reply = request(
        &mut client,
        vault,
        &Signed::post(&path, &[]),
        now,
        random,
        "the clinic did not accept the revocation; try again or tell the clinic in writing",
    )?;
    let answer: Consent = serde_json::from_slice(&reply.body).map_err(|_| sync::unreadable())?;
    if answer.status != ConsentStatus::Inactive {
        return Err(sync::unreadable());
    }
    consent.revoked_at = Some(now.utc);
    vault.save(Some(id), Record::Consent(consent.clone()), now)?;
    Ok(summary(id, &consent, now.utc))
}

/// The accounting of disclosures for one consent: each time clinic staff viewed the shared entries,
/// oldest first. Read from the clinic each time (it is the clinic's audit log, not the device's).
pub fn accounting(
    vault: &mut Vault,
    id: RecordId,
    now: Stamp,
    random: &dyn SecureRandom,
) -> Result<Vec<Disclosure>> {
    let consent = load(vault, id)?;
    let Some(clinic) = consent.clinic else {
        return Ok(Vec::new());
    };
    let mut client = Client::for_vault(vault)?;
    let path = format!(
        "{}/AuditEvent?entity=Consent/{}",
        client.link.fhir_base, clinic.consent_id
    );
    let reply = request(
        &mut client,
        vault,
        &Signed::get(&path),
        now,
        random,
        "the clinic did not send the list of views; try again later",
    )?;
    let found: Bundle<serde_json::Value> =
        serde_json::from_slice(&reply.body).map_err(|_| sync::unreadable())?;
    let mut views = Vec::with_capacity(found.entry.len());
    for entry in found.entry {
        let event: AuditEvent =
            serde_json::from_value(entry.resource).map_err(|_| sync::unreadable())?;
        let who = event
            .agent
            .iter()
            .find(|agent| agent.requestor)
            .or(event.agent.first())
            .map(|agent| {
                agent
                    .name
                    .clone()
                    .unwrap_or_else(|| agent.who.reference.clone())
            })
            .unwrap_or_else(|| "Clinic staff".to_owned());
        let entries_viewed = event
            .entity
            .iter()
            .filter(|e| e.what.id_of("QuestionnaireResponse").is_some())
            .count();
        views.push(Disclosure {
            who,
            viewed_at: event.recorded,
            entries_viewed: u32::try_from(entries_viewed).unwrap_or(u32::MAX),
        });
    }
    views.sort_by_key(|v| v.viewed_at);
    Ok(views)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::Zone;

    fn stamp(utc: &str) -> Stamp {
        Stamp::new(utc.parse().unwrap(), Zone::new("America/Chicago").unwrap())
    }

    #[test]
    fn a_consent_ends_at_the_last_second_of_its_day_in_the_patients_zone() {
        let now = stamp("2026-03-01T18:00:00Z");
        let end = end_of(NaiveDate::from_ymd_opt(2026, 3, 31).unwrap(), now).unwrap();
        assert_eq!(
            end,
            "2026-04-01T04:59:59Z".parse::<DateTime<Utc>>().unwrap(),
            "CDT is UTC-5"
        );
        let today = end_of(now.local_date(), now).unwrap();
        assert!(today > now.utc, "today is allowed: it ends tonight");
        assert!(
            end_of(now.local_date().pred_opt().unwrap(), now).is_err(),
            "yesterday is refused"
        );
        let far = now.local_date() + Duration::days(400);
        assert!(end_of(far, now).is_err(), "more than a year is refused");
    }

    #[test]
    fn random_urns_are_version_4_uuids() {
        let urn = random_urn(&ring::rand::SystemRandom::new()).unwrap();
        let uuid = urn.strip_prefix("urn:uuid:").unwrap();
        assert_eq!(uuid.len(), 36);
        assert_eq!(&uuid[14..15], "4");
        assert!(matches!(&uuid[19..20], "8" | "9" | "a" | "b"));
    }
}
