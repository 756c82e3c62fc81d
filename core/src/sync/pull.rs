//! Reading the clinic: the schedule pages after the cursor and the course of care.

#[allow(clippy::wildcard_imports)]
use super::*;

/// Reads the schedule from the cursor on, page by page, into `outcome`.
pub(super) fn pull(
    client: &mut Client,
    now: Stamp,
    random: &dyn SecureRandom,
    outcome: &mut SyncOutcome,
) -> Result<()> {
    let search = format!("{}/Appointment?", client.link.fhir_base);
    let mut path = match &client.link.cursor {
        Some(cursor) => format!("{search}_cursor={cursor}&_count={PAGE_SIZE}"),
        None => format!("{search}_count={PAGE_SIZE}"),
    };
    for _ in 0..MAX_PAGES {
        let etag = client.link.etag.clone();
        let request = Signed {
            method: Method::GET,
            path_and_query: &path,
            body: &[],
            if_none_match: etag.as_deref().filter(|_| client.link.cursor.is_some()),
        };
        let reply = client.send(&request, now, random)?;
        match reply.status {
            304 => return Ok(()),
            200 => {}
            401 => return Err(unauthorized(&reply)),
            status if outbox::is_transient(status) => return Err(busy()),
            _ => {
                return Err(Error::Clinic(
                    "the clinic refused to send the schedule; ask the clinic to check this device",
                ))
            }
        }
        let page: Bundle<serde_json::Value> =
            serde_json::from_slice(&reply.body).map_err(|_| unreadable())?;
        // Each entry is read on its own: one appointment the app does not understand is left out
        // instead of stopping the schedule for good.
        let mut appointments = Vec::with_capacity(page.entry.len());
        let mut skipped = 0;
        for entry in &page.entry {
            match serde_json::from_value(entry.resource.clone()) {
                Ok(appointment) => appointments.push(appointment),
                Err(_) => skipped += 1,
            }
        }
        let cursor = reply.cursor.filter(|cursor| connection::is_cursor(cursor));
        let etag = reply.etag.filter(|tag| tag.is_ascii() && tag.len() <= 200);
        outcome.pages.push(Page {
            appointments,
            unreadable: skipped,
            cursor: cursor.clone(),
            etag: etag.clone(),
        });
        // Without a cursor the page's sessions are still stored, but the sync stops there.
        client.link.cursor = Some(cursor.ok_or_else(unreadable)?);
        client.link.etag = etag;
        match page.link("next") {
            // Only a continuation of the same search is followed: a signed request must never be sent
            // where the server's reply points unchecked.
            Some(next) if next.starts_with(&search) && next != path && !next.contains('#') => {
                path = next.to_owned();
            }
            Some(_) => return Err(unreadable()),
            None => return Ok(()),
        }
    }
    Ok(())
}

/// One signed search over the patient's own resources, `GET {fhir}/{resource}?patient=<id>`: the
/// resources of the answer that read as `T` (one the app cannot read is left out rather than stopping
/// the sync). `None` when the clinic does not serve the search (an older server: 404), so what was
/// stored before stays; `refused` is the sentence for any other refusal.
pub(super) fn patient_search<T: serde::de::DeserializeOwned>(
    client: &Client,
    resource: &str,
    refused: &'static str,
    now: Stamp,
    random: &dyn SecureRandom,
) -> Result<Option<Vec<T>>> {
    let patient = client
        .link
        .patient
        .strip_prefix("Patient/")
        .unwrap_or(&client.link.patient);
    let path = format!("{}/{resource}?patient={patient}", client.link.fhir_base);
    let reply = client.send(&Signed::get(&path), now, random)?;
    match reply.status {
        200 => {}
        404 => return Ok(None),
        401 => return Err(unauthorized(&reply)),
        status if outbox::is_transient(status) => return Err(busy()),
        _ => return Err(Error::Clinic(refused)),
    }
    let page: Bundle<serde_json::Value> =
        serde_json::from_slice(&reply.body).map_err(|_| unreadable())?;
    Ok(Some(
        page.entry
            .iter()
            .filter_map(|entry| serde_json::from_value(entry.resource.clone()).ok())
            .collect(),
    ))
}

/// Reads the patient's course of care (`GET {fhir}/EpisodeOfCare?patient=<id>`, signed). `None` when
/// the clinic does not serve it (an older server: 404), so the course stored before stays.
pub(super) fn pull_course(
    client: &Client,
    now: Stamp,
    random: &dyn SecureRandom,
) -> Result<Option<Vec<tideline_wire::care::CareLevel>>> {
    let Some(episodes) = patient_search::<tideline_wire::EpisodeOfCare>(
        client,
        "EpisodeOfCare",
        "the clinic refused to send the course of care; ask the clinic to check this device",
        now,
        random,
    )?
    else {
        return Ok(None);
    };
    let episodes: Vec<tideline_wire::EpisodeOfCare> = episodes
        .into_iter()
        .filter(|episode: &tideline_wire::EpisodeOfCare| {
            episode.patient.reference == client.link.patient
        })
        .collect();
    Ok(Some(tideline_wire::care::course_from_episodes(&episodes)))
}

/// Stores the clinic's course of care when it changed; returns whether it did. A course the app
/// cannot use (a target outside its level's rule) is not stored: the one before stays.
pub(super) fn store_course(
    vault: &mut Vault,
    periods: Vec<tideline_wire::care::CareLevel>,
    now: Stamp,
) -> Result<bool> {
    let unchanged = crate::care::clinic_course(vault).is_some_and(|c| c.periods == periods);
    let course = crate::care::CareCourse {
        periods,
        read_at: now.utc,
    };
    if unchanged || course.validate().is_err() {
        return Ok(false);
    }
    vault.save(None, Record::CareCourse(course), now)?;
    Ok(true)
}
