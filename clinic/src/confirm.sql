-- The grouped confirmations (clinic/src/confirm.rs), created in each PostgreSQL session's own
-- temporary schema. One row out per item in, in order: outcome, response id, its time, the patient.
-- No refusal raises an error; an error (the database failing) aborts the whole statement, and the
-- writer, which called it inside a savepoint, rolls it back and runs every item the ordinary way.
-- (No subtransaction per item: they would cost time and, past 64 in one transaction, slow every
-- other session's snapshots.)
CREATE OR REPLACE FUNCTION pg_temp.tideline_confirm(items jsonb)
RETURNS TABLE (out_outcome text, out_id bigint, out_at_ms bigint, out_patient bigint)
LANGUAGE plpgsql AS $confirm$
DECLARE
    item jsonb;
    dev record;
    earlier record;
    owner bigint;
BEGIN
    FOR item IN
        SELECT e.value FROM jsonb_array_elements(items) WITH ORDINALITY AS e(value, n) ORDER BY e.n
    LOOP
        out_outcome := NULL; out_id := NULL; out_at_ms := NULL; out_patient := NULL;
        BEGIN
            SELECT d.public_key, d.revoked_at, d.patient_id INTO dev
              FROM device d JOIN patient p ON p.id = d.patient_id
             WHERE d.id = (item->>'d')::bigint;
            IF NOT FOUND THEN
                out_outcome := 'unknown-device';
            ELSIF dev.revoked_at IS NOT NULL THEN
                out_outcome := 'revoked';
            ELSIF dev.public_key <> decode(item->>'k', 'hex') THEN
                out_outcome := 'recheck';
            ELSIF NOT (item->>'v')::boolean THEN
                out_outcome := 'bad-signature';
            ELSE
                out_patient := dev.patient_id;
                INSERT INTO nonce (device_id, nonce, expires_at)
                     VALUES ((item->>'d')::bigint, item->>'n', (item->>'x')::bigint)
                ON CONFLICT DO NOTHING;
                IF NOT FOUND THEN
                    out_outcome := 'replayed';
                ELSIF (item->>'p') IS DISTINCT FROM dev.patient_id::text THEN
                    out_outcome := 'not-own-patient';
                ELSE
                    SELECT r.id, r.appointment_id, r.participant_status, r.created_at_ms INTO earlier
                      FROM appointment_response r
                     WHERE r.patient_id = dev.patient_id AND r.idempotency_key = item->>'i';
                    IF FOUND THEN
                        IF earlier.appointment_id <> (item->>'a')::bigint
                           OR earlier.participant_status <> item->>'s' THEN
                            out_outcome := 'conflict';
                        ELSE
                            out_outcome := 'replay';
                            out_id := earlier.id;
                            out_at_ms := earlier.created_at_ms;
                        END IF;
                    ELSE
                        SELECT a.patient_id INTO owner
                          FROM appointment a JOIN session s ON s.id = a.session_id
                          JOIN program g ON g.id = s.program_id JOIN patient p ON p.id = a.patient_id
                         WHERE a.id = (item->>'a')::bigint;
                        IF NOT FOUND THEN
                            out_outcome := 'not-found';
                        ELSIF owner <> dev.patient_id THEN
                            out_outcome := 'not-own-record';
                        ELSE
                            INSERT INTO appointment_response
                                   (appointment_id, patient_id, device_id, idempotency_key,
                                    participant_status, created_at_ms)
                            VALUES ((item->>'a')::bigint, dev.patient_id, (item->>'d')::bigint,
                                    item->>'i', item->>'s', (item->>'t')::bigint)
                            RETURNING id INTO out_id;
                            UPDATE appointment
                               SET participant_status = item->>'s', version = version + 1,
                                   updated_at_ms = (item->>'t')::bigint,
                                   change_seq = (SELECT coalesce(max(change_seq), 0) + 1 FROM appointment)
                             WHERE id = (item->>'a')::bigint;
                            out_outcome := 'stored';
                            out_at_ms := (item->>'t')::bigint;
                        END IF;
                    END IF;
                END IF;
            END IF;
        END;
        RETURN NEXT;
    END LOOP;
END
$confirm$;
