-- Schema version 3: the therapist portal's browser sessions and its sign-in lockout counter.

-- One browser session. Only the SHA-256 of the random session id (the cookie value) is stored.
-- staff_id is NULL while the browser has only opened the sign-in form: that row exists so that the
-- sign-in POST carries a synchronizer token too, and it is replaced by a new row (new id) on sign-in.
CREATE TABLE portal_session (
    id_sha256 BLOB PRIMARY KEY,
    staff_id INTEGER REFERENCES staff(id),
    csrf_token TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX portal_session_seen ON portal_session(last_seen_at);

-- One failed portal sign-in: counted per email (whether or not the account exists, so the lockout
-- says nothing about which emails are accounts) and per remote address.
CREATE TABLE portal_sign_in_failure (
    email TEXT NOT NULL,
    address TEXT NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX portal_failure_email ON portal_sign_in_failure(email, at);
CREATE INDEX portal_failure_address ON portal_sign_in_failure(address, at);
