//! Patients of a clinic and their FHIR Patient view.

use crate::db::{params, Connection};
use chrono::{DateTime, Utc};
use tideline_wire::{HumanName, Meta, Patient, PatientType};

use crate::access::Caller;
use crate::problem::Problem;

/// Creates a patient in a clinic; staff of that clinic or the operator.
pub fn create(
    conn: &Connection,
    caller: &Caller,
    clinic_id: i64,
    given_name: &str,
    family_name: &str,
    now: DateTime<Utc>,
) -> Result<i64, Problem> {
    crate::staff::clinic_exists(conn, clinic_id)?;
    caller.may_manage(clinic_id)?;
    for part in [given_name, family_name] {
        if part.trim().is_empty() || part.len() > 200 {
            return Err(Problem::Invalid(
                "each name part must be 1 to 200 characters".into(),
            ));
        }
    }
    conn.execute(
        "INSERT INTO patient (clinic_id, given_name, family_name, updated_at_ms) VALUES (?1, ?2, ?3, ?4)",
        params![clinic_id, given_name.trim(), family_name.trim(), now.timestamp_millis()],
    )?;
    Ok(conn.last_insert_rowid())
}

pub use crate::access::patient_clinic as clinic_of;

/// The FHIR Patient.
pub fn read(conn: &Connection, caller: &Caller, patient_id: i64) -> Result<Patient, Problem> {
    crate::access::may_see_patient_records(conn, caller, patient_id)?;
    let (given, family, active, updated_at_ms): (String, String, bool, i64) = conn.query_row(
        "SELECT given_name, family_name, active, updated_at_ms FROM patient WHERE id = ?1",
        [patient_id],
        |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
    )?;
    Ok(Patient {
        resource_type: PatientType,
        id: patient_id.to_string(),
        meta: Meta {
            version_id: None,
            last_updated: DateTime::from_timestamp_millis(updated_at_ms),
        },
        active,
        name: vec![HumanName {
            text: None,
            family: Some(family),
            given: vec![given],
        }],
    })
}

/// A patient as lists show them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Listed {
    /// Id.
    pub id: i64,
    /// "Given Family".
    pub name: String,
}

/// Every active patient of a clinic, by family name; administrators.
pub fn list(conn: &Connection, caller: &Caller, clinic_id: i64) -> Result<Vec<Listed>, Problem> {
    caller.may_administer(clinic_id)?;
    let rows = conn
        .prepare_cached(
            "SELECT id, given_name || ' ' || family_name FROM patient WHERE clinic_id = ?1 AND active = 1
             ORDER BY family_name, given_name, id",
        )?
        .query_map([clinic_id], |row| {
            Ok(Listed {
                id: row.get(0)?,
                name: row.get(1)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// A patient's name, for a caller who may care for them.
pub fn name(conn: &Connection, caller: &Caller, patient_id: i64) -> Result<String, Problem> {
    crate::access::may_care_for(conn, caller, patient_id)?;
    Ok(conn
        .prepare_cached("SELECT given_name || ' ' || family_name FROM patient WHERE id = ?1")?
        .query_row([patient_id], |row| row.get(0))?)
}
