-- Tideline clinic server, schema version 1.
-- Times are Unix seconds (INTEGER) unless the column name ends in _ms (Unix milliseconds).

CREATE TABLE clinic (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE staff (
    id INTEGER PRIMARY KEY,
    clinic_id INTEGER NOT NULL REFERENCES clinic(id),
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    is_admin INTEGER NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    updated_at_ms INTEGER NOT NULL
);

-- Bearer tokens for the staff API; only their SHA-256 is stored.
CREATE TABLE staff_token (
    token_sha256 BLOB PRIMARY KEY,
    staff_id INTEGER NOT NULL REFERENCES staff(id),
    expires_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE patient (
    id INTEGER PRIMARY KEY,
    clinic_id INTEGER NOT NULL REFERENCES clinic(id),
    given_name TEXT NOT NULL,
    family_name TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    updated_at_ms INTEGER NOT NULL
);

-- A program is a track a patient follows (an IOP evening group, individual counseling).
CREATE TABLE program (
    id INTEGER PRIMARY KEY,
    clinic_id INTEGER NOT NULL REFERENCES clinic(id),
    name TEXT NOT NULL,
    time_zone TEXT NOT NULL
);

CREATE TABLE program_member (
    program_id INTEGER NOT NULL REFERENCES program(id),
    patient_id INTEGER NOT NULL REFERENCES patient(id),
    PRIMARY KEY (program_id, patient_id)
) WITHOUT ROWID;

-- One meeting of a program.
CREATE TABLE session (
    id INTEGER PRIMARY KEY,
    program_id INTEGER NOT NULL REFERENCES program(id),
    start_at INTEGER NOT NULL,
    end_at INTEGER NOT NULL
);
CREATE INDEX session_program_start ON session(program_id, start_at);

-- One patient's place in one session: the FHIR Appointment.
-- change_seq orders every change across the server; it is the incremental-sync cursor.
CREATE TABLE appointment (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES session(id),
    patient_id INTEGER NOT NULL REFERENCES patient(id),
    status TEXT NOT NULL,
    participant_status TEXT NOT NULL,
    version INTEGER NOT NULL,
    updated_at_ms INTEGER NOT NULL,
    change_seq INTEGER NOT NULL UNIQUE,
    UNIQUE (session_id, patient_id)
);
CREATE INDEX appointment_patient_change ON appointment(patient_id, change_seq);

CREATE TABLE device (
    id INTEGER PRIMARY KEY,
    patient_id INTEGER NOT NULL REFERENCES patient(id),
    public_key BLOB NOT NULL UNIQUE,
    enrolled_at INTEGER NOT NULL,
    revoked_at INTEGER
);

-- A patient's answer; (patient_id, idempotency_key) makes a resent answer a no-op.
CREATE TABLE appointment_response (
    id INTEGER PRIMARY KEY,
    appointment_id INTEGER NOT NULL REFERENCES appointment(id),
    patient_id INTEGER NOT NULL REFERENCES patient(id),
    device_id INTEGER NOT NULL REFERENCES device(id),
    idempotency_key TEXT NOT NULL,
    participant_status TEXT NOT NULL,
    created_at_ms INTEGER NOT NULL,
    UNIQUE (patient_id, idempotency_key)
);

-- Enrollment codes: the first half (code_index) finds the code, so wrong guesses at the second half
-- count against that code; only the SHA-256 of the whole code is stored.
CREATE TABLE enrollment_code (
    id INTEGER PRIMARY KEY,
    patient_id INTEGER NOT NULL REFERENCES patient(id),
    code_index TEXT NOT NULL,
    code_sha256 BLOB NOT NULL,
    expires_at INTEGER NOT NULL,
    failed_tries INTEGER NOT NULL DEFAULT 0,
    used_at INTEGER
);
CREATE INDEX enrollment_code_lookup ON enrollment_code(code_index);

CREATE TABLE enrollment_failure (
    address TEXT NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX enrollment_failure_address ON enrollment_failure(address, at);

-- Nonces seen from each device, kept until the request's timestamp leaves the skew window.
CREATE TABLE nonce (
    device_id INTEGER NOT NULL,
    nonce TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (device_id, nonce)
) WITHOUT ROWID;
CREATE INDEX nonce_expiry ON nonce(expires_at);

-- Append-only, hash-chained: hash = SHA-256 over prev_hash and every other column (see audit.rs).
CREATE TABLE audit (
    seq INTEGER PRIMARY KEY,
    at_ms INTEGER NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    outcome TEXT NOT NULL,
    address TEXT NOT NULL,
    prev_hash BLOB NOT NULL,
    hash BLOB NOT NULL
);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
