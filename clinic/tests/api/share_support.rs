//! Share bundles built the way the app builds them: wire types, signed with the device's Ed25519 key.

use chrono::{DateTime, Duration, Utc};
use reqwest::{Method, StatusCode};
use ring::rand::{SecureRandom, SystemRandom};
use serde_json::{json, Value};
use tideline_clinic::clock::Clock;
use tideline_wire::questionnaire::{self, halt};
use tideline_wire::share::{ShareBundle, ShareResource};
use tideline_wire::{
    base64, Answer, Consent, ConsentActor, ConsentData, ConsentPolicy, ConsentProvision,
    ConsentStatus, ConsentType, DataMeaning, Identifier, Narrative, Period, Provenance,
    ProvenanceAgent, ProvenanceType, ProvisionType, QuestionnaireResponse,
    QuestionnaireResponseType, Reference, ResponseItem, ResponseStatus, Signature,
    PART2_POLICY_URI, RAW_SIGNATURE_FORMAT, SHARE_ENTRY_SYSTEM,
};

use crate::support::{reply, Clinic, Device, Harness, Reply};

pub fn uuid() -> String {
    let mut bytes = [0u8; 16];
    SystemRandom::new().fill(&mut bytes).unwrap();
    let hex = tideline_wire::hex::encode(&bytes);
    format!(
        "urn:uuid:{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

/// A staff account in the clinic (created by its administrator), signed in: `(staff id, token)`.
pub async fn therapist(harness: &Harness, clinic: &Clinic, email: &str) -> (i64, String) {
    let created = harness
        .staff(
            Some(&clinic.token),
            Method::POST,
            "/staff/accounts",
            json!({"email": email, "displayName": format!("Therapist {email}"),
                   "password": "correct horse battery staple"}),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    (
        created.body["id"].as_i64().unwrap(),
        sign_in(harness, email).await,
    )
}

pub async fn sign_in(harness: &Harness, email: &str) -> String {
    let signed_in = harness
        .staff(
            None,
            Method::POST,
            "/staff/sign-in",
            json!({"email": email, "password": "correct horse battery staple"}),
        )
        .await;
    assert_eq!(signed_in.status, StatusCode::OK);
    signed_in.body["token"].as_str().unwrap().to_owned()
}

/// Puts a staff member on the clinic's patient's care team.
pub async fn assign(harness: &Harness, clinic: &Clinic, staff_id: i64) {
    let assigned = harness
        .staff(
            Some(&clinic.token),
            Method::POST,
            &format!("/staff/patients/{}/care-team", clinic.patient),
            json!({"staffId": staff_id}),
        )
        .await;
    assert_eq!(assigned.status, StatusCode::OK, "{}", assigned.body);
}

/// The care team and clinic a consent names, read the way the app reads them.
pub async fn recipients(harness: &Harness, device: &Device) -> (String, String) {
    let found = harness
        .device_get(
            device,
            &format!("/fhir/CareTeam?patient={}", device.patient),
        )
        .await;
    assert_eq!(found.status, StatusCode::OK, "{}", found.body);
    let team = &found.body["entry"][0]["resource"];
    (
        format!("CareTeam/{}", team["id"].as_str().unwrap()),
        team["managingOrganization"][0]["reference"]
            .as_str()
            .unwrap()
            .to_owned(),
    )
}

/// A HALT check answered for `patient`, with a note that names it.
pub fn halt_check(patient: &str, note: &str) -> QuestionnaireResponse {
    let at: DateTime<Utc> = "2026-03-01T09:00:00Z".parse().unwrap();
    let mut item = vec![ResponseItem::answered(
        halt::TAKEN_AT,
        Answer::ValueDateTime(at),
    )];
    for (link_id, level) in [
        (halt::HUNGRY, 2),
        (halt::ANGRY, 0),
        (halt::LONELY, 3),
        (halt::TIRED, 1),
    ] {
        item.push(ResponseItem::answered(link_id, Answer::ValueInteger(level)));
    }
    item.push(ResponseItem::answered(
        halt::NOTE,
        Answer::ValueString(note.into()),
    ));
    QuestionnaireResponse {
        resource_type: QuestionnaireResponseType,
        id: None,
        meta: None,
        identifier: Identifier {
            system: SHARE_ENTRY_SYSTEM.into(),
            value: uuid().trim_start_matches("urn:uuid:").to_owned(),
        },
        questionnaire: questionnaire::halt_check().canonical(),
        status: ResponseStatus::Completed,
        subject: Reference {
            reference: patient.into(),
        },
        authored: at,
        author: Reference {
            reference: patient.into(),
        },
        item,
    }
}

/// The parts of a share before it is put in a bundle and signed; tests change them to make bad shares.
pub struct Draft {
    pub key: String,
    pub consent_url: String,
    pub consent: Consent,
    pub responses: Vec<(String, QuestionnaireResponse)>,
    pub provenance_url: String,
    pub signer: String,
    pub now: DateTime<Utc>,
}

impl Draft {
    /// A share of `notes.len()` HALT checks to the patient's care team, expiring in 30 days.
    pub async fn new(harness: &Harness, device: &Device, notes: &[&str]) -> Draft {
        let (team, organization) = recipients(harness, device).await;
        let now = harness.clock.now();
        let responses: Vec<(String, QuestionnaireResponse)> = notes
            .iter()
            .map(|note| (uuid(), halt_check(&device.patient, note)))
            .collect();
        let patient = Reference {
            reference: device.patient.clone(),
        };
        let consent = Consent {
            resource_type: ConsentType,
            id: None,
            meta: None,
            text: Narrative::paragraphs(&[
                "I agree that Harbor IOP may disclose the journal entries listed to my care team for my treatment.",
                "I may revoke this consent at any time in the app (Sharing, Revoke); it expires on its own after 30 days.",
            ]),
            status: ConsentStatus::Active,
            scope: Consent::privacy_scope(),
            category: vec![Consent::patient_consent_category()],
            patient: patient.clone(),
            date_time: now,
            performer: vec![patient],
            organization: vec![Reference { reference: organization }],
            policy: vec![ConsentPolicy { uri: PART2_POLICY_URI.into() }],
            provision: ConsentProvision {
                kind: ProvisionType::Permit,
                period: Period { start: Some(now), end: Some(now + Duration::days(30)) },
                actor: vec![ConsentActor {
                    role: Consent::recipient_role(),
                    reference: Reference { reference: team },
                }],
                purpose: vec![Consent::treatment_purpose()],
                data: responses
                    .iter()
                    .map(|(url, _)| ConsentData {
                        meaning: DataMeaning::Instance,
                        reference: Reference { reference: url.clone() },
                    })
                    .collect(),
            },
        };
        Draft {
            key: uuid().trim_start_matches("urn:uuid:").to_owned(),
            consent_url: uuid(),
            consent,
            responses,
            provenance_url: uuid(),
            signer: device.patient.clone(),
            now,
        }
    }

    /// A copy of another draft (same patient, recipients and entries) under fresh urn:uuids.
    pub fn new_unchecked_like(other: &Draft) -> Draft {
        let mut consent = other.consent.clone();
        let responses: Vec<(String, QuestionnaireResponse)> = other
            .responses
            .iter()
            .map(|(_, response)| (uuid(), response.clone()))
            .collect();
        for (data, (url, _)) in consent.provision.data.iter_mut().zip(&responses) {
            data.reference = Reference {
                reference: url.clone(),
            };
        }
        Draft {
            key: uuid().trim_start_matches("urn:uuid:").to_owned(),
            consent_url: uuid(),
            consent,
            responses,
            provenance_url: uuid(),
            signer: other.signer.clone(),
            now: other.now,
        }
    }

    /// The bundle, with the Provenance signed by `device` over exactly these resources.
    pub fn signed_by(&self, device: &Device) -> ShareBundle {
        let mut bundle = self.unsigned();
        let input = bundle.signing_input().unwrap();
        let signature = base64::encode(&device.sign(&input));
        if let Some(entry) = bundle.entry.last_mut() {
            if let ShareResource::Provenance(provenance) = &mut entry.resource {
                provenance.signature[0].data = signature;
            }
        }
        bundle
    }

    fn unsigned(&self) -> ShareBundle {
        let signer = Reference {
            reference: self.signer.clone(),
        };
        let mut targets = vec![Reference {
            reference: self.consent_url.clone(),
        }];
        targets.extend(self.responses.iter().map(|(url, _)| Reference {
            reference: url.clone(),
        }));
        let provenance = Provenance {
            resource_type: ProvenanceType,
            id: None,
            target: targets,
            recorded: self.now,
            agent: vec![ProvenanceAgent {
                who: signer.clone(),
            }],
            signature: vec![Signature {
                kind: Signature::consent_signature_type(),
                when: self.now,
                who: signer,
                sig_format: RAW_SIGNATURE_FORMAT.into(),
                data: base64::encode(&[0u8; 64]),
            }],
        };
        let mut entries = vec![(
            self.consent_url.clone(),
            "Consent",
            ShareResource::Consent(self.consent.clone()),
        )];
        for (url, response) in &self.responses {
            entries.push((
                url.clone(),
                "QuestionnaireResponse",
                ShareResource::QuestionnaireResponse(response.clone()),
            ));
        }
        entries.push((
            self.provenance_url.clone(),
            "Provenance",
            ShareResource::Provenance(provenance),
        ));
        ShareBundle::create(&self.key, entries)
    }
}

pub async fn post_share(harness: &Harness, device: &Device, body: &str) -> Reply {
    reply(
        harness
            .signed(device, Method::POST, "/fhir", body, 0)
            .send()
            .await
            .unwrap(),
    )
    .await
}

/// The `Type/id` locations of a transaction-response, in order.
pub fn locations(answer: &Value) -> Vec<String> {
    answer["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| entry["response"]["location"].as_str().unwrap().to_owned())
        .collect()
}

pub fn count(harness: &Harness, table: &str) -> i64 {
    harness
        .db()
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |row| {
            row.get(0)
        })
        .unwrap()
}
