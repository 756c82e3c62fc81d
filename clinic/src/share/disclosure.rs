//! Who may see shared entries, the record of every time they did, and the patient's accounting of
//! those disclosures.
//!
//! The rule: a staff member sees a patient's shared QuestionnaireResponses only when their clinic is the
//! consent's (disclosing) clinic, they are on the patient's care team now and were when the patient
//! signed the consent (its recipients, stored with it), and the consent is active with its period not
//! ended. Every view is an audit row (action [`VIEW_ACTION`]) naming the consent and the
//! responses shown; those rows are what `GET /fhir/AuditEvent?entity=Consent/{id}` returns.

use crate::db::{params, Connection, OptionalExtension};
use chrono::{DateTime, Utc};
use serde_json::Value;
use tideline_wire::{
    AuditAction, AuditEvent, AuditEventAgent, AuditEventEntity, AuditEventSource, AuditEventType,
    Meta, Reference,
};

use super::consent::{self, StoredConsent};
use crate::access::Caller;
use crate::audit::{self, AuditEntry};
use crate::problem::Problem;

/// The audit action of a staff member viewing shared entries.
pub const VIEW_ACTION: &str = "view shared entries";

/// The v3 ActCode system of the security labels every disclosed response carries.
const ACT_CODE_SYSTEM: &str = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

/// The 42 CFR Part 2 notice that goes with every disclosed record (§ 2.32), for the portal to show.
pub const PART2_NOTICE: &str = "This record which has been disclosed to you is protected by federal \
confidentiality rules (42 CFR part 2). These rules prohibit you from using or disclosing this record, or \
testimony that describes the information contained in this record, in any civil, criminal, \
administrative, or legislative proceedings by any Federal, State, or local authority, against the \
patient, unless authorized by the consent of the patient, except as provided at 42 CFR 2.12(c)(5) or as \
authorized by a court in accordance with 42 CFR 2.64 or 2.65. In addition, the federal rules prohibit you \
from making any other use or disclosure of this record unless at least one of the following applies: \
further use or disclosure is expressly permitted by the written consent of the individual whose \
information is being disclosed in this record or as otherwise permitted by 42 CFR part 2. A general \
authorization for the release of medical or other information is NOT sufficient for this purpose (see \
42 CFR 2.31).";

/// One shared entry as served: the QuestionnaireResponse exactly as the patient's device sent it, plus
/// the server's `id` and a `meta` with the Part 2 security labels.
#[derive(Debug, Clone, PartialEq)]
pub struct SharedEntry {
    /// `QuestionnaireResponse/{id}`.
    pub id: i64,
    /// Canonical `url|version` of the questionnaire it answers.
    pub questionnaire: String,
    /// The FHIR resource (JSON). Parse it with `tideline_wire::QuestionnaireResponse` after removing
    /// nothing: `id` and `meta` are FHIR elements the wire type reads.
    pub resource: Value,
}

/// One consent in force and the entries it discloses.
#[derive(Debug, Clone)]
pub struct VisibleShare {
    /// The consent, as FHIR.
    pub consent: StoredConsent,
    /// Its entries, in the order they were stored.
    pub entries: Vec<SharedEntry>,
}

fn staff_of(caller: &Caller) -> Result<(i64, i64), Problem> {
    match caller {
        Caller::Staff {
            staff_id,
            clinic_id,
            ..
        } => Ok((*staff_id, *clinic_id)),
        _ => Err(Problem::Forbidden(
            "shared entries are shown to the patient's care team",
        )),
    }
}

/// Fails unless `caller` is staff of the patient's clinic on the patient's care team.
pub fn check_recipient(conn: &Connection, caller: &Caller, patient_id: i64) -> Result<(), Problem> {
    let (staff_id, clinic_id) = staff_of(caller)?;
    if crate::patient::clinic_of(conn, patient_id)? != clinic_id {
        return Err(Problem::Forbidden("record belongs to another clinic"));
    }
    if !super::care_team::is_member(conn, patient_id, staff_id)? {
        return Err(Problem::Forbidden("not on the patient's care team"));
    }
    Ok(())
}

/// Whether the consent names this staff member among its recipients (on the care team at signing).
fn names_recipient(conn: &Connection, consent_id: i64, staff_id: i64) -> Result<bool, Problem> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM consent_recipient WHERE consent_id = ?1 AND staff_id = ?2)",
        )?
        .query_row(params![consent_id, staff_id], |row| row.get(0))?)
}

fn entries_of(conn: &Connection, consent_id: i64) -> Result<Vec<SharedEntry>, Problem> {
    let mut statement = conn.prepare_cached(
        "SELECT id, questionnaire, resource, created_at_ms FROM shared_response
         WHERE consent_id = ?1 ORDER BY id",
    )?;
    let rows = statement
        .query_map([consent_id], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, i64>(3)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(|(id, questionnaire, resource, created_at_ms)| {
            Ok(SharedEntry {
                id,
                questionnaire,
                resource: served(id, &resource, created_at_ms)?,
            })
        })
        .collect()
}

/// The stored JSON with the server's id and meta (version, time stored, Part 2 security labels).
fn served(id: i64, stored: &str, created_at_ms: i64) -> Result<Value, Problem> {
    let received: serde_json::Map<String, Value> =
        serde_json::from_str(stored).map_err(|_| Problem::Internal)?;
    let mut out = serde_json::Map::new();
    let mut fields = received.into_iter();
    if let Some((key, value)) = fields.next() {
        out.insert(key, value);
    }
    out.insert("id".into(), Value::String(id.to_string()));
    out.insert(
        "meta".into(),
        serde_json::json!({
            "versionId": "1",
            "lastUpdated": DateTime::from_timestamp_millis(created_at_ms)
                .map(|at| at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)),
            "security": [
                {"system": ACT_CODE_SYSTEM, "code": "42CFRPart2", "display": "42 CFR Part2"},
                {"system": ACT_CODE_SYSTEM, "code": "NORDSCLCD",
                 "display": "no redisclosure without consent directive"}
            ]
        }),
    );
    out.extend(fields);
    Ok(Value::Object(out))
}

/// What `caller` may see of a patient's shares at `now`: every consent in force and its entries.
/// Refused (Forbidden) for anyone but staff of the patient's clinic on the care team. Writes nothing:
/// whoever shows the result must call [`record_view`] in the same store job (or use [`view_shares`]).
pub fn visible_shares(
    conn: &Connection,
    caller: &Caller,
    patient_id: i64,
    now: DateTime<Utc>,
) -> Result<Vec<VisibleShare>, Problem> {
    check_recipient(conn, caller, patient_id)?;
    let (staff_id, clinic_id) = staff_of(caller)?;
    let mut in_force = Vec::new();
    for stored in consent::of_patient(conn, patient_id)? {
        if stored.clinic_id == clinic_id
            && stored.is_in_force(now)
            && names_recipient(conn, stored.id, staff_id)?
        {
            in_force.push(stored);
        }
    }
    in_force
        .into_iter()
        .map(|stored| {
            let entries = entries_of(conn, stored.id)?;
            Ok(VisibleShare {
                consent: stored,
                entries,
            })
        })
        .collect()
}

/// One consent's share, for staff, refused when it is revoked or expired (Forbidden) as well as under
/// the rule of [`visible_shares`]. Writes nothing, like [`visible_shares`].
pub fn visible_share(
    conn: &Connection,
    caller: &Caller,
    consent_id: i64,
    now: DateTime<Utc>,
) -> Result<VisibleShare, Problem> {
    let stored = consent::load(conn, consent_id)?;
    check_recipient(conn, caller, stored.patient_id)?;
    let (staff_id, clinic_id) = staff_of(caller)?;
    if stored.clinic_id != clinic_id {
        return Err(Problem::Forbidden("record belongs to another clinic"));
    }
    if !names_recipient(conn, consent_id, staff_id)? {
        return Err(Problem::Forbidden(
            "this consent was signed before you joined the care team",
        ));
    }
    if !stored.active {
        return Err(Problem::Forbidden("the patient revoked this consent"));
    }
    if !stored.is_in_force(now) {
        return Err(Problem::Forbidden("this consent has expired"));
    }
    let entries = entries_of(conn, consent_id)?;
    Ok(VisibleShare {
        consent: stored,
        entries,
    })
}

/// Writes one audit row per consent shown: who (the staff caller), when (`now`), from where
/// (`address`: the remote IP), and which consent and responses. This is the patient's accounting of
/// disclosures; call it in the same store job that reads what is shown.
pub fn record_view(
    conn: &Connection,
    caller: &Caller,
    shares: &[VisibleShare],
    address: &str,
    now: DateTime<Utc>,
) -> Result<(), Problem> {
    staff_of(caller)?;
    for share in shares {
        let mut target = format!(
            "Consent/{} Patient/{}",
            share.consent.id, share.consent.patient_id
        );
        for entry in &share.entries {
            target.push_str(&format!(" QuestionnaireResponse/{}", entry.id));
        }
        audit::append(
            conn,
            now,
            &AuditEntry {
                actor: caller.actor(),
                action: VIEW_ACTION.into(),
                target,
                outcome: "allowed".into(),
                address: address.to_owned(),
            },
        )?;
    }
    Ok(())
}

/// [`visible_shares`] and [`record_view`] together: what the portal and the staff API use, so nothing
/// is shown without its audit row.
pub fn view_shares(
    conn: &Connection,
    caller: &Caller,
    patient_id: i64,
    address: &str,
    now: DateTime<Utc>,
) -> Result<Vec<VisibleShare>, Problem> {
    let shares = visible_shares(conn, caller, patient_id, now)?;
    record_view(conn, caller, &shares, address, now)?;
    Ok(shares)
}

/// [`visible_share`] and [`record_view`] together.
pub fn view_share(
    conn: &Connection,
    caller: &Caller,
    consent_id: i64,
    address: &str,
    now: DateTime<Utc>,
) -> Result<VisibleShare, Problem> {
    let share = visible_share(conn, caller, consent_id, now)?;
    record_view(conn, caller, std::slice::from_ref(&share), address, now)?;
    Ok(share)
}

/// `GET /fhir/QuestionnaireResponse/{id}`: the patient's own device sees its copy; staff under the rule
/// of [`visible_share`], and the view is recorded. A revoked share's copies no longer exist (NotFound).
pub fn read_response(
    conn: &Connection,
    caller: &Caller,
    response_id: i64,
    address: &str,
    now: DateTime<Utc>,
) -> Result<(SharedEntry, i64), Problem> {
    let found: Option<(i64, i64)> = conn
        .prepare_cached("SELECT consent_id, patient_id FROM shared_response WHERE id = ?1")?
        .query_row([response_id], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?;
    let (consent_id, patient_id) = found.ok_or(Problem::NotFound)?;
    if let Caller::Device { .. } = caller {
        crate::access::may_see_patient_records(conn, caller, patient_id)?;
        let entry = entries_of(conn, consent_id)?
            .into_iter()
            .find(|entry| entry.id == response_id)
            .ok_or(Problem::NotFound)?;
        return Ok((entry, patient_id));
    }
    let mut share = visible_share(conn, caller, consent_id, now)?;
    share.entries.retain(|entry| entry.id == response_id);
    record_view(conn, caller, std::slice::from_ref(&share), address, now)?;
    let entry = share.entries.pop().ok_or(Problem::NotFound)?;
    Ok((entry, patient_id))
}

/// `GET /fhir/AuditEvent?entity=Consent/{id}`: every recorded view of what a consent disclosed, oldest
/// first, for the consent's own patient's device only.
pub fn accounting(
    conn: &Connection,
    caller: &Caller,
    consent_id: i64,
) -> Result<Vec<AuditEvent>, Problem> {
    let stored = consent::load(conn, consent_id)?;
    match caller {
        Caller::Device { patient_id, .. } if *patient_id == stored.patient_id => {}
        Caller::Device { .. } => {
            return Err(Problem::Forbidden("record belongs to another patient"))
        }
        _ => {
            return Err(Problem::Forbidden(
                "the accounting of disclosures is the patient's",
            ))
        }
    }
    let prefix = format!("Consent/{consent_id} ");
    let mut statement = conn.prepare_cached(
        "SELECT a.seq, a.at_ms, a.actor, a.target, s.display_name FROM audit a
         LEFT JOIN staff s ON a.actor = 'staff:' || s.id
         WHERE a.action = ?1 AND a.outcome = 'allowed' AND substr(a.target, 1, length(?2)) = ?2
         ORDER BY a.seq",
    )?;
    let rows = statement
        .query_map(params![VIEW_ACTION, prefix], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, i64>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, String>(3)?,
                row.get::<_, Option<String>>(4)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows
        .into_iter()
        .map(|(seq, at_ms, actor, target, name)| {
            let recorded = DateTime::from_timestamp_millis(at_ms).unwrap_or_default();
            let who = match actor.strip_prefix("staff:") {
                Some(id) => Reference::to("Practitioner", id),
                None => Reference::to("Organization", &stored.clinic_id.to_string()),
            };
            AuditEvent {
                resource_type: AuditEventType,
                id: seq.to_string(),
                meta: Some(Meta {
                    version_id: None,
                    last_updated: Some(recorded),
                }),
                kind: AuditEvent::rest_type(),
                subtype: vec![AuditEvent::read_subtype()],
                action: Some(AuditAction::R),
                recorded,
                agent: vec![AuditEventAgent {
                    who,
                    name,
                    requestor: true,
                }],
                source: AuditEventSource {
                    observer: Reference::to("Organization", &stored.clinic_id.to_string()),
                },
                entity: target
                    .split(' ')
                    .filter(|part| {
                        part.starts_with("Consent/") || part.starts_with("QuestionnaireResponse/")
                    })
                    .map(|part| AuditEventEntity {
                        what: Reference {
                            reference: part.to_owned(),
                        },
                    })
                    .collect(),
            }
        })
        .collect())
}
