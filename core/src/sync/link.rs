//! The link to the clinic: connecting with an enrollment code, disconnecting, and asking the
//! clinic to revoke this device.

#[allow(clippy::wildcard_imports)]
use super::*;

/// Connects to a clinic: makes this device's key, registers it with the one-time `code` from the
/// clinic, and stores the connection. `trusted_certificate` is a PEM certificate to trust for a
/// self-hosted clinic. Replaces a connection the clinic has refused; refuses to replace a working one
/// (disconnect first). Does not sync: call [`sync`] next.
pub fn connect(
    vault: &mut Vault,
    server: &str,
    code: &str,
    trusted_certificate: Option<&str>,
    now: Stamp,
    random: &dyn SecureRandom,
) -> Result<SyncStatus> {
    let server = transport::normalize_server(server)?;
    if connection(vault).is_some_and(|link| !link.is_refused()) {
        return Err(Invalid::new(
            "server",
            "this device is already connected to a clinic; disconnect first",
        )
        .into());
    }
    let normalized = signing::normalize_code(code);
    if normalized.is_empty() || normalized.len() > 64 {
        return Err(Invalid::new("code", "type the code the clinic gave you").into());
    }
    let transport = Transport::new(&server, trusted_certificate)?;
    let device_key = DeviceKey::generate(random)?;
    let public_key = device_key.public_key_hex()?;
    let proof = tideline_wire::hex::encode(
        device_key
            .pair()?
            .sign(&signing::enrollment_proof_input(code, &public_key))
            .as_ref(),
    );
    let request = EnrollmentRequest {
        code: code.trim().to_owned(),
        public_key,
        proof,
    };
    let body = serde_json::to_vec(&request).expect("an enrollment request always serializes");
    let reply = transport.enroll(&body)?;
    match reply.status {
        200 | 201 => {}
        429 => {
            let wait = reply
                .retry_after(now.utc)
                .map_or(60, |at| (at - now.utc).num_seconds().max(1));
            return Err(Error::LockedOut {
                retry_after_secs: u64::try_from(wait).unwrap_or(60),
            });
        }
        400..=499 => {
            return Err(Invalid::new(
                "code",
                "that code did not work; check it, or ask the clinic for a new one (codes last 15 minutes)",
            )
            .into())
        }
        _ => return Err(busy()),
    }
    let enrolled: EnrollmentResponse =
        serde_json::from_slice(&reply.body).map_err(|_| unreadable())?;
    let link = ClinicConnection {
        server,
        device_id: enrolled.device_id,
        patient: enrolled.patient,
        clinic_name: enrolled.clinic_name,
        fhir_base: enrolled.fhir_base,
        device_key,
        trusted_certificate: trusted_certificate.map(str::to_owned),
        cursor: None,
        etag: None,
        connected_at: now.utc,
        last_synced: None,
        refused_at: None,
        needs_reconnect: false,
        devices: None,
        pending_key: None,
    };
    if link.validate().is_err() {
        return Err(unreadable());
    }
    vault.save(None, Record::Connection(link), now)?;
    Ok(status(vault))
}

/// Forgets the clinic on this device: the connection and its key are deleted. Sessions stay (they are
/// the patient's history), and so do answers not yet sent: they go out if the patient connects again.
pub fn disconnect(vault: &mut Vault, now: DateTime<Utc>) -> Result<SyncStatus> {
    // The clinic's course of care goes with the connection: without a clinic, the patient's own
    // level in Settings counts again.
    let ids: Vec<RecordId> = vault
        .of_kind(RecordKind::Connection)
        .chain(vault.of_kind(RecordKind::CareCourse))
        .map(|stored| stored.id)
        .collect();
    for id in ids {
        vault.delete(&id, now)?;
    }
    Ok(status(vault))
}

/// Tells the clinic to stop accepting this device's key (`POST /device/revoke`, signed), before the
/// patient disconnects, so the key in this vault (and in any copy of it) stops working at once. A
/// device the clinic already refuses, or one restored from a backup, has nothing to revoke.
/// Refused with [`Error::Offline`] when the clinic cannot be reached: the caller disconnects anyway.
pub fn revoke_at_clinic(vault: &Vault, now: Stamp, random: &dyn SecureRandom) -> Result<()> {
    let client = match Client::for_vault(vault) {
        Err(Error::DeviceRefused) => return Ok(()),
        other => other?,
    };
    let reply = client.send(&transport::Signed::post("/device/revoke", &[]), now, random)?;
    match reply.status {
        204 | 401 => Ok(()),
        _ => Err(Error::Clinic(
            "the clinic did not confirm that this device is disconnected",
        )),
    }
}
