-- The grouped confirmations (clinic/src/confirm.rs), created in each PostgreSQL session's own
-- temporary schema. One row out per item in, in order: outcome, response id, its time, the patient.
-- No refusal raises an error; an error (the database failing) aborts the whole statement, and the
-- writer, which called it inside a savepoint, rolls it back and runs every item the ordinary way.
-- (No subtransaction per item: they would cost time and, past 64 in one transaction, slow every
-- other session's snapshots.)
-- The items are read once into typed columns; lookups join only what the foreign keys do not already
-- guarantee; the change cursor is read once, since the writer lock keeps every other writer out until
-- commit.
CREATE OR REPLACE FUNCTION pg_temp.tideline_confirm(items jsonb)
RETURNS TABLE (out_outcome text, out_id bigint, out_at_ms bigint, out_patient bigint)
LANGUAGE plpgsql AS $confirm$
DECLARE
    it record;
    dev record;
    earlier record;
    owner bigint;
    last_seq bigint;
BEGIN
    SELECT coalesce(max(change_seq), 0) INTO last_seq FROM appointment;
    FOR it IN
        SELECT r.* FROM ROWS FROM (jsonb_to_recordset(items) AS (
                   d bigint, n text, x bigint, k text, v boolean, i text, a bigint, p text,
                   s text, t bigint)) WITH ORDINALITY AS r(d, n, x, k, v, i, a, p, s, t, ord)
         ORDER BY r.ord
    LOOP
        out_outcome := NULL; out_id := NULL; out_at_ms := NULL; out_patient := NULL;
        SELECT dv.public_key, dv.revoked_at, dv.patient_id INTO dev FROM device dv WHERE dv.id = it.d;
        IF NOT FOUND THEN
            out_outcome := 'unknown-device';
        ELSIF dev.revoked_at IS NOT NULL THEN
            out_outcome := 'revoked';
        ELSIF dev.public_key <> decode(it.k, 'hex') THEN
            out_outcome := 'recheck';
        ELSIF NOT it.v THEN
            out_outcome := 'bad-signature';
        ELSE
            out_patient := dev.patient_id;
            INSERT INTO nonce (device_id, nonce, expires_at) VALUES (it.d, it.n, it.x)
            ON CONFLICT DO NOTHING;
            IF NOT FOUND THEN
                out_outcome := 'replayed';
            ELSIF it.p IS DISTINCT FROM dev.patient_id::text THEN
                out_outcome := 'not-own-patient';
            ELSE
                SELECT r.id, r.appointment_id, r.participant_status, r.created_at_ms INTO earlier
                  FROM appointment_response r
                 WHERE r.patient_id = dev.patient_id AND r.idempotency_key = it.i;
                IF FOUND THEN
                    IF earlier.appointment_id <> it.a OR earlier.participant_status <> it.s THEN
                        out_outcome := 'conflict';
                    ELSE
                        out_outcome := 'replay';
                        out_id := earlier.id;
                        out_at_ms := earlier.created_at_ms;
                    END IF;
                ELSE
                    -- session, program and patient rows exist for every appointment (foreign keys)
                    SELECT ap.patient_id INTO owner FROM appointment ap WHERE ap.id = it.a;
                    IF NOT FOUND THEN
                        out_outcome := 'not-found';
                    ELSIF owner <> dev.patient_id THEN
                        out_outcome := 'not-own-record';
                    ELSE
                        INSERT INTO appointment_response
                               (appointment_id, patient_id, device_id, idempotency_key,
                                participant_status, created_at_ms)
                        VALUES (it.a, dev.patient_id, it.d, it.i, it.s, it.t)
                        RETURNING id INTO out_id;
                        last_seq := last_seq + 1;
                        UPDATE appointment
                           SET participant_status = it.s, version = version + 1,
                               updated_at_ms = it.t, change_seq = last_seq
                         WHERE id = it.a;
                        out_outcome := 'stored';
                        out_at_ms := it.t;
                    END IF;
                END IF;
            END IF;
        END IF;
        RETURN NEXT;
    END LOOP;
END
$confirm$;
