-- Who a consent discloses to: the members of the patient's care team when the patient signed it. Staff
-- added to the team later see nothing it covers until the patient shares again; staff removed from the
-- team stop seeing it (both conditions are checked on every read).
CREATE TABLE consent_recipient (
    consent_id INTEGER NOT NULL REFERENCES consent(id),
    staff_id INTEGER NOT NULL REFERENCES staff(id),
    PRIMARY KEY (consent_id, staff_id)
) WITHOUT ROWID;
-- Consents stored before this migration: the members assigned no later than the signing time.
INSERT INTO consent_recipient (consent_id, staff_id)
    SELECT c.id, m.staff_id FROM consent c
    JOIN care_team_member m ON m.patient_id = c.patient_id
    WHERE m.assigned_at <= c.signed_at;
