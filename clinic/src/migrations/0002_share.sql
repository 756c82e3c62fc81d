-- Schema version 2: care teams, and what patients share with them (docs/share-protocol.md).

-- The staff assigned to a patient: the patient's care team, the recipient every consent names.
-- A patient has one care team; its FHIR CareTeam id is the patient's id.
CREATE TABLE care_team_member (
    patient_id INTEGER NOT NULL REFERENCES patient(id),
    staff_id INTEGER NOT NULL REFERENCES staff(id),
    assigned_at INTEGER NOT NULL,
    PRIMARY KEY (patient_id, staff_id)
) WITHOUT ROWID;
CREATE INDEX care_team_member_staff ON care_team_member(staff_id, patient_id);

-- One share's consent. Kept after revocation (status 'inactive') as the record of what was permitted;
-- `received` is the Consent exactly as the device sent and signed it (urn:uuid references).
-- (patient_id, idempotency_key) makes a retried share a no-op; bundle_sha256 tells a retry from a
-- different bundle reusing the key; `answer` is the transaction-response a retry gets again.
CREATE TABLE consent (
    id INTEGER PRIMARY KEY,
    patient_id INTEGER NOT NULL REFERENCES patient(id),
    clinic_id INTEGER NOT NULL REFERENCES clinic(id),
    device_id INTEGER NOT NULL REFERENCES device(id),
    idempotency_key TEXT NOT NULL,
    bundle_sha256 BLOB NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('active', 'inactive')),
    signed_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    received TEXT NOT NULL,
    answer TEXT NOT NULL,
    created_at_ms INTEGER NOT NULL,
    updated_at_ms INTEGER NOT NULL,
    revoked_at_ms INTEGER,
    UNIQUE (patient_id, idempotency_key)
);
CREATE INDEX consent_clinic_patient ON consent(clinic_id, patient_id);

-- What each consent disclosed, by position in provision.data: survives the deletion of the copies, so
-- a revoked consent still says which QuestionnaireResponse ids it covered.
CREATE TABLE consent_data (
    consent_id INTEGER NOT NULL REFERENCES consent(id),
    position INTEGER NOT NULL,
    full_url TEXT NOT NULL,
    response_id INTEGER NOT NULL,
    PRIMARY KEY (consent_id, position)
) WITHOUT ROWID;

-- The shared copies: each QuestionnaireResponse exactly as received, with the columns access needs.
-- Revocation DELETEs these rows (secure_delete overwrites them); nothing else refers to them.
CREATE TABLE shared_response (
    id INTEGER PRIMARY KEY,
    consent_id INTEGER NOT NULL REFERENCES consent(id),
    patient_id INTEGER NOT NULL REFERENCES patient(id),
    clinic_id INTEGER NOT NULL REFERENCES clinic(id),
    questionnaire TEXT NOT NULL,
    resource TEXT NOT NULL,
    created_at_ms INTEGER NOT NULL
);
CREATE INDEX shared_response_consent ON shared_response(consent_id);
CREATE INDEX shared_response_patient ON shared_response(patient_id, clinic_id);

-- The patient's electronic signature over a share (Provenance), verifiable with the device's enrolled
-- public key while the signed copies exist.
CREATE TABLE share_provenance (
    id INTEGER PRIMARY KEY,
    consent_id INTEGER NOT NULL UNIQUE REFERENCES consent(id),
    device_id INTEGER NOT NULL REFERENCES device(id),
    signature BLOB NOT NULL,
    recorded_at INTEGER NOT NULL,
    received TEXT NOT NULL
);

-- The accounting of disclosures reads staff views of a consent back from the audit trail by action.
CREATE INDEX audit_action ON audit(action, seq);
