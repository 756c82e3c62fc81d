//! Where the portal gets whom a therapist treats and what patients shared with them. Every read of
//! shared data goes through the share module, which owns consents, the care team and the audit of
//! disclosures; this file is the portal's only link to it.

use crate::db::{params, Connection, OptionalExtension};
use chrono::{DateTime, Utc};
use serde_json::Value;

use super::session::StaffMember;
use crate::problem::Problem;
use crate::share::{self, VisibleShare};

/// A patient on the therapist's care team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatientName {
    /// Id.
    pub id: i64,
    /// Given name.
    pub given: String,
    /// Family name.
    pub family: String,
}

impl PatientName {
    /// "Sam Rivera".
    pub fn full(&self) -> String {
        format!("{} {}", self.given, self.family)
    }
}

/// What one consent currently discloses to the therapist.
#[derive(Debug, Clone, PartialEq)]
pub struct Disclosure {
    /// The Consent id.
    pub consent_id: String,
    /// When the patient signed it.
    pub signed: Option<DateTime<Utc>>,
    /// When it ends.
    pub expires: Option<DateTime<Utc>>,
    /// The purposes (v3 ActReason code, the display the app stored), worded by the page.
    pub purposes: Vec<(String, Option<String>)>,
    /// The shared QuestionnaireResponses, as FHIR JSON.
    pub responses: Vec<Value>,
}

fn patient_name(conn: &Connection, patient_id: i64) -> Result<Option<PatientName>, Problem> {
    Ok(conn
        .query_row(
            "SELECT given_name, family_name FROM patient WHERE id = ?1 AND active = 1",
            [patient_id],
            |row| {
                Ok(PatientName {
                    id: patient_id,
                    given: row.get(0)?,
                    family: row.get(1)?,
                })
            },
        )
        .optional()?)
}

/// The therapist's patients, by family name.
pub fn my_patients(conn: &Connection, member: &StaffMember) -> Result<Vec<PatientName>, Problem> {
    let mut statement = conn.prepare_cached(
        "SELECT p.id, p.given_name, p.family_name FROM care_team_member t
         JOIN patient p ON p.id = t.patient_id
         WHERE t.staff_id = ?1 AND p.clinic_id = ?2 AND p.active = 1
         ORDER BY p.family_name, p.given_name, p.id",
    )?;
    let rows = statement.query_map(params![member.staff_id, member.clinic_id], |row| {
        Ok(PatientName {
            id: row.get(0)?,
            given: row.get(1)?,
            family: row.get(2)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The patient, if the therapist may see them (same clinic and on the care team); else Forbidden or
/// NotFound.
pub fn check_patient(
    conn: &Connection,
    member: &StaffMember,
    patient_id: i64,
) -> Result<PatientName, Problem> {
    share::disclosure::check_recipient(conn, &member.caller, patient_id)?;
    patient_name(conn, patient_id)?.ok_or(Problem::NotFound)
}

/// What the patient shares with this therapist now (consents in force, their responses), through the
/// share module's rule: same clinic, on the care team, consent active and not expired. Writes nothing;
/// [`record_view`] must follow in the same store job once the page is built.
pub fn disclosures(
    conn: &Connection,
    member: &StaffMember,
    patient_id: i64,
    now: DateTime<Utc>,
) -> Result<(Vec<VisibleShare>, Vec<Disclosure>), Problem> {
    let shares = share::visible_shares(conn, &member.caller, patient_id, now)?;
    let shown = shares
        .iter()
        .map(|visible| {
            let consent = &visible.consent.resource;
            Disclosure {
                consent_id: visible.consent.id.to_string(),
                signed: Some(consent.date_time),
                expires: Some(visible.consent.expires_at),
                purposes: consent
                    .provision
                    .purpose
                    .iter()
                    .map(|coding| (coding.code.clone(), coding.display.clone()))
                    .collect(),
                responses: visible
                    .entries
                    .iter()
                    .map(|entry| entry.resource.clone())
                    .collect(),
            }
        })
        .collect();
    Ok((shares, shown))
}

/// Records that the therapist viewed these shares: one audit row per consent through the share module,
/// which is what the patient's accounting of disclosures lists.
pub fn record_view(
    conn: &Connection,
    member: &StaffMember,
    shown: &[VisibleShare],
    now: DateTime<Utc>,
    address: &str,
) -> Result<(), Problem> {
    share::record_view(conn, &member.caller, shown, address, now)
}
