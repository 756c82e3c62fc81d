-- The audit chain is keyed (HMAC-SHA256, key outside the database; see audit.rs). One row once the
-- chain is under the key: an older SHA-256 chain is re-chained by audit::adopt_key at the first open.
CREATE TABLE audit_keyed (id INTEGER PRIMARY KEY CHECK (id = 1));
