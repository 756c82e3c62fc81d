//! Signing and sending a share: the consent is stored first, then the care team is read, the
//! bundle signed with the device key and saved, then sent; a resend sends the same bytes.

#[allow(clippy::wildcard_imports)]
use super::*;

pub(super) fn linked(vault: &Vault) -> Result<&sync::ClinicConnection> {
    match sync::connection(vault) {
        Some(link) if link.is_refused() => Err(Error::DeviceRefused),
        Some(link) => Ok(link),
        None => Err(Error::Clinic("this device is not connected to a clinic")),
    }
}

pub(super) fn random_hex(random: &dyn SecureRandom) -> Result<String> {
    let mut bytes = [0u8; 16];
    random
        .fill(&mut bytes)
        .map_err(|_| Error::Clinic("this device could not make a random number"))?;
    Ok(tideline_wire::hex::encode(&bytes))
}

/// A random `urn:uuid:` (version 4).
pub(super) fn random_urn(random: &dyn SecureRandom) -> Result<String> {
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
    lang: crate::language::Lang,
) -> Result<ConsentSummary> {
    let shown = preview(vault, selection, terms, now, lang)?;
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

pub(super) fn load(vault: &Vault, id: RecordId) -> Result<SharedConsent> {
    match vault.get(&id).map(|stored| &stored.record) {
        Some(Record::Consent(consent)) => Ok(consent.clone()),
        _ => Err(Error::NotFound),
    }
}

/// The patient's active care team at the clinic.
pub(super) fn care_team(
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
pub(super) fn request(
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

pub(super) fn build_bundle(
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
pub(super) fn clinic_ids(reply: &Reply, count: usize, now: DateTime<Utc>) -> Result<ClinicCopy> {
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

pub(super) fn send(
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
    let mut client = Client::ready(vault, now, random)?;
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
