//! Stored consents: rendering them back as FHIR, the patient's list of them, and revocation.

use crate::db::{params, Connection, OptionalExtension};
use chrono::{DateTime, Utc};
use tideline_wire::{Consent, ConsentStatus, Meta};

use crate::access::Caller;
use crate::problem::Problem;

/// A consent row with what access needs.
#[derive(Debug, Clone)]
pub struct StoredConsent {
    /// Id.
    pub id: i64,
    /// The patient who gave it.
    pub patient_id: i64,
    /// The disclosing clinic.
    pub clinic_id: i64,
    /// `active` and not revoked.
    pub active: bool,
    /// `provision.period.end`.
    pub expires_at: DateTime<Utc>,
    /// The FHIR resource as served: id, meta and status from the server, `provision.data` pointing at
    /// the stored QuestionnaireResponses.
    pub resource: Consent,
}

impl StoredConsent {
    /// Whether staff may still see what it covers at `now`: not revoked, inside its period.
    pub fn is_in_force(&self, now: DateTime<Utc>) -> bool {
        self.active && now <= self.expires_at && self.resource.is_in_force(now)
    }
}

const COLUMNS: &str =
    "id, patient_id, clinic_id, status, expires_at, received, created_at_ms, updated_at_ms, revoked_at_ms";

fn from_row(conn: &Connection, row: &crate::db::Row<'_>) -> Result<StoredConsent, Problem> {
    let id: i64 = row.get(0)?;
    let status: String = row.get(3)?;
    let received: String = row.get(5)?;
    let updated_at_ms: i64 = row.get(7)?;
    let revoked: Option<i64> = row.get(8)?;
    let mut resource: Consent = serde_json::from_str(&received).map_err(|_| Problem::Internal)?;
    let active = status == "active";
    resource.id = Some(id.to_string());
    resource.meta = Some(Meta {
        version_id: Some(if revoked.is_some() { "2" } else { "1" }.into()),
        last_updated: DateTime::from_timestamp_millis(updated_at_ms),
    });
    resource.status = if active {
        ConsentStatus::Active
    } else {
        ConsentStatus::Inactive
    };
    let mut statement = conn
        .prepare_cached("SELECT full_url, response_id FROM consent_data WHERE consent_id = ?1")?;
    let mapping = statement
        .query_map([id], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    for data in &mut resource.provision.data {
        if let Some((_, response_id)) = mapping
            .iter()
            .find(|(full_url, _)| *full_url == data.reference.reference)
        {
            data.reference.reference = format!("QuestionnaireResponse/{response_id}");
        }
    }
    Ok(StoredConsent {
        id,
        patient_id: row.get(1)?,
        clinic_id: row.get(2)?,
        active,
        expires_at: DateTime::from_timestamp(row.get(4)?, 0).unwrap_or_default(),
        resource,
    })
}

/// One consent by id, without any access check (callers check).
pub fn load(conn: &Connection, consent_id: i64) -> Result<StoredConsent, Problem> {
    let mut statement =
        conn.prepare_cached(&format!("SELECT {COLUMNS} FROM consent WHERE id = ?1"))?;
    let mut rows = statement.query([consent_id])?;
    match rows.next()? {
        Some(row) => from_row(conn, row),
        None => Err(Problem::NotFound),
    }
}

/// Every consent a patient gave, newest first.
pub fn of_patient(conn: &Connection, patient_id: i64) -> Result<Vec<StoredConsent>, Problem> {
    let mut statement = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM consent WHERE patient_id = ?1 ORDER BY id DESC"
    ))?;
    let mut rows = statement.query([patient_id])?;
    let mut found = Vec::new();
    while let Some(row) = rows.next()? {
        found.push(from_row(conn, row)?);
    }
    Ok(found)
}

/// Fails unless the caller is the device of the consent's own patient.
fn patients_own_device(caller: &Caller, patient_id: i64) -> Result<(), Problem> {
    match caller {
        Caller::Device {
            patient_id: own, ..
        } if *own == patient_id => Ok(()),
        Caller::Device { .. } => Err(Problem::Forbidden("record belongs to another patient")),
        _ => Err(Problem::Forbidden(
            "consents are managed from the patient's own device",
        )),
    }
}

/// `GET /fhir/Consent?patient=`: the calling device's own patient's consents.
pub fn search(
    conn: &Connection,
    caller: &Caller,
    patient_id: i64,
) -> Result<Vec<StoredConsent>, Problem> {
    patients_own_device(caller, patient_id)?;
    of_patient(conn, patient_id)
}

/// Revokes a consent for its patient's device: the consent becomes `inactive` and every shared copy it
/// covers is deleted in the same transaction. Revoking again changes nothing. Returns the consent and
/// how many copies were deleted now.
pub fn revoke(
    conn: &Connection,
    caller: &Caller,
    consent_id: i64,
    now: DateTime<Utc>,
) -> Result<(StoredConsent, usize), Problem> {
    let patient_id: i64 = conn
        .prepare_cached("SELECT patient_id FROM consent WHERE id = ?1")?
        .query_row([consent_id], |row| row.get(0))
        .optional()?
        .ok_or(Problem::NotFound)?;
    patients_own_device(caller, patient_id)?;
    let now_ms = now.timestamp_millis();
    conn.prepare_cached(
        "UPDATE consent SET status = 'inactive', revoked_at_ms = ?1, updated_at_ms = ?1
         WHERE id = ?2 AND status = 'active'",
    )?
    .execute(params![now_ms, consent_id])?;
    let deleted = conn
        .prepare_cached("DELETE FROM shared_response WHERE consent_id = ?1")?
        .execute([consent_id])?;
    // The deleted copies are overwritten in the database (secure_delete); their older versions in the
    // write-ahead log go when the log is checkpointed and truncated after this commit.
    crate::store::checkpoint_after_commit();
    Ok((load(conn, consent_id)?, deleted))
}
