//! A patient's care team: the staff assigned to them. It is the recipient every consent names
//! (`CareTeam/{patient id}`), so membership decides which therapists may see what a patient shares.
//!
//! Only a clinic's administrators (or the operator) assign and unassign: a therapist cannot put
//! themselves on a patient's team to read what the patient shared.

use crate::db::{params, Connection, OptionalExtension};
use chrono::{DateTime, Utc};
use serde::Serialize;
use tideline_wire::{CareTeam, CareTeamType, Meta, Reference};

use crate::access::Caller;
use crate::problem::Problem;

fn staff_clinic(conn: &Connection, staff_id: i64) -> Result<i64, Problem> {
    conn.prepare_cached("SELECT clinic_id FROM staff WHERE id = ?1 AND active = 1")?
        .query_row([staff_id], |row| row.get(0))
        .optional()?
        .ok_or(Problem::NotFound)
}

/// Puts a staff member on a patient's care team; both must belong to the caller's clinic. Returns
/// whether they were newly added (assigning twice is fine).
pub fn assign(
    conn: &Connection,
    caller: &Caller,
    patient_id: i64,
    staff_id: i64,
    now: DateTime<Utc>,
) -> Result<bool, Problem> {
    let clinic_id = crate::patient::clinic_of(conn, patient_id)?;
    caller.may_administer(clinic_id)?;
    if staff_clinic(conn, staff_id)? != clinic_id {
        return Err(Problem::Forbidden(
            "a care team holds staff of the patient's own clinic",
        ));
    }
    let added = conn
        .prepare_cached(
            "INSERT INTO care_team_member (patient_id, staff_id, assigned_at)
             VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
        )?
        .execute(params![patient_id, staff_id, now.timestamp()])?;
    Ok(added > 0)
}

/// Takes a staff member off a patient's care team; from the next request on they see nothing the
/// patient shared. Returns whether they were on it.
pub fn unassign(
    conn: &Connection,
    caller: &Caller,
    patient_id: i64,
    staff_id: i64,
) -> Result<bool, Problem> {
    let clinic_id = crate::patient::clinic_of(conn, patient_id)?;
    caller.may_administer(clinic_id)?;
    let removed = conn
        .prepare_cached("DELETE FROM care_team_member WHERE patient_id = ?1 AND staff_id = ?2")?
        .execute(params![patient_id, staff_id])?;
    Ok(removed > 0)
}

pub use crate::access::on_care_team as is_member;

/// One member of a care team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Member {
    /// Staff id (`Practitioner/{id}`).
    pub staff_id: i64,
    /// Their display name.
    pub display_name: String,
    /// When they were assigned.
    pub assigned_at: DateTime<Utc>,
}

/// The active members of a patient's care team, in the order they were assigned.
pub fn members(conn: &Connection, patient_id: i64) -> Result<Vec<Member>, Problem> {
    let mut statement = conn.prepare_cached(
        "SELECT m.staff_id, s.display_name, m.assigned_at FROM care_team_member m
         JOIN staff s ON s.id = m.staff_id
         WHERE m.patient_id = ?1 AND s.active = 1 ORDER BY m.assigned_at, m.staff_id",
    )?;
    let rows = statement.query_map([patient_id], |row| {
        Ok(Member {
            staff_id: row.get(0)?,
            display_name: row.get(1)?,
            assigned_at: DateTime::from_timestamp(row.get(2)?, 0).unwrap_or_default(),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The ids of the patients a staff member is on the care team of (the portal's "my patients").
pub fn patients_of(conn: &Connection, staff_id: i64) -> Result<Vec<i64>, Problem> {
    let mut statement = conn.prepare_cached(
        "SELECT patient_id FROM care_team_member WHERE staff_id = ?1 ORDER BY patient_id",
    )?;
    let rows = statement.query_map([staff_id], |row| row.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The patient's CareTeam, for the patient's own device and the staff of their clinic. It names the
/// clinic (`managingOrganization`), which is what the app puts in a consent as the discloser.
pub fn read(conn: &Connection, caller: &Caller, patient_id: i64) -> Result<CareTeam, Problem> {
    let clinic_id = crate::patient::clinic_of(conn, patient_id)?;
    caller.may_see_patient(clinic_id, patient_id)?;
    let clinic_name = crate::staff::clinic_name(conn, clinic_id)?;
    let last_change = members(conn, patient_id)?
        .iter()
        .map(|member| member.assigned_at)
        .max();
    Ok(CareTeam {
        resource_type: CareTeamType,
        id: patient_id.to_string(),
        meta: last_change.map(|at| Meta {
            version_id: None,
            last_updated: Some(at),
        }),
        status: "active".into(),
        name: Some(format!("Care team at {clinic_name}")),
        subject: Reference::to("Patient", &patient_id.to_string()),
        managing_organization: vec![Reference::to("Organization", &clinic_id.to_string())],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> DateTime<Utc> {
        "2026-03-02T12:00:00Z".parse().unwrap()
    }

    /// A database left at schema 1 by an older server, with a clinic, two staff and a patient in it.
    fn version_one() -> (tempfile::TempDir, Connection) {
        let dir = tempfile::tempdir().unwrap();
        let conn =
            Connection::sqlite(rusqlite::Connection::open(dir.path().join("clinic.db")).unwrap());
        conn.execute_batch(include_str!("../migrations/0001_initial.sql"))
            .unwrap();
        conn.execute_batch("PRAGMA user_version = 1").unwrap();
        conn.execute_batch(
            "INSERT INTO clinic (id, name, created_at) VALUES (1, 'Harbor IOP', 0), (2, 'Cedar IOP', 0);
             INSERT INTO staff (id, clinic_id, email, display_name, password_hash, is_admin, updated_at_ms)
               VALUES (1, 1, 'lee@h', 'Dr. Lee', 'x', 1, 0), (2, 1, 'kim@h', 'Kim', 'x', 0, 0),
                      (3, 2, 'ash@c', 'Ash', 'x', 1, 0);
             INSERT INTO patient (id, clinic_id, given_name, family_name, updated_at_ms)
               VALUES (1, 1, 'Sam', 'Rivera', 0);",
        )
        .unwrap();
        (dir, conn)
    }

    #[test]
    fn a_schema_one_database_migrates_and_keeps_its_rows() {
        let (_dir, mut conn) = version_one();
        crate::store::migrate(&mut conn).unwrap();
        let version: i64 = conn
            .as_sqlite()
            .unwrap()
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .unwrap();
        assert_eq!(version as usize, crate::store::SCHEMA_VERSION);
        assert_eq!(crate::patient::clinic_of(&conn, 1), Ok(1), "rows survive");
        assert_eq!(
            members(&conn, 1).unwrap(),
            vec![],
            "no one is on a team yet"
        );
    }

    #[test]
    fn administrators_of_the_patients_clinic_assign_its_own_staff_only() {
        let (_dir, mut conn) = version_one();
        crate::store::migrate(&mut conn).unwrap();
        let admin = Caller::Staff {
            staff_id: 1,
            clinic_id: 1,
            admin: true,
        };
        let therapist = Caller::Staff {
            staff_id: 2,
            clinic_id: 1,
            admin: false,
        };
        let other_admin = Caller::Staff {
            staff_id: 3,
            clinic_id: 2,
            admin: true,
        };
        assert!(matches!(
            assign(&conn, &therapist, 1, 2, at()),
            Err(Problem::Forbidden(_))
        ));
        assert!(matches!(
            assign(&conn, &other_admin, 1, 3, at()),
            Err(Problem::Forbidden(_))
        ));
        assert!(
            matches!(
                assign(&conn, &admin, 1, 3, at()),
                Err(Problem::Forbidden(_)),
            ),
            "staff of another clinic cannot join the team"
        );
        assert_eq!(assign(&conn, &admin, 1, 2, at()), Ok(true));
        assert_eq!(
            assign(&conn, &admin, 1, 2, at()),
            Ok(false),
            "twice is fine"
        );
        assert_eq!(is_member(&conn, 1, 2), Ok(true));
        assert_eq!(patients_of(&conn, 2), Ok(vec![1]));
        let team = read(&conn, &therapist, 1).unwrap();
        assert_eq!(team.managing_organization[0].reference, "Organization/1");
        assert!(
            read(&conn, &other_admin, 1).is_err(),
            "another clinic's staff"
        );
        assert_eq!(unassign(&conn, &admin, 1, 2), Ok(true));
        assert_eq!(is_member(&conn, 1, 2), Ok(false));
    }
}
