-- Schema version 4: the clinic runs its program (issue 10): program defaults, session kinds and
-- places, series, cancellations and moves, attendance marks, the course of care and aftercare.
-- Days (`*_day`) are ISO dates in the program's time zone; times of day (`*_time`) are local HH:MM.

ALTER TABLE program ADD COLUMN level_of_care TEXT NOT NULL DEFAULT 'iop';
-- NULL: the level's own minimum (wire::care::LevelOfCare::default_weekly_target_minutes).
ALTER TABLE program ADD COLUMN weekly_target_minutes INTEGER;

-- A recurring series as staff scheduled it; its sessions point back at it.
CREATE TABLE session_series (
    id INTEGER PRIMARY KEY,
    program_id INTEGER NOT NULL REFERENCES program(id),
    weekdays TEXT NOT NULL,
    start_time TEXT NOT NULL,
    end_time TEXT NOT NULL,
    first_day TEXT NOT NULL,
    last_day TEXT NOT NULL,
    created_at_ms INTEGER NOT NULL
);

ALTER TABLE session ADD COLUMN kind TEXT NOT NULL DEFAULT 'group-therapy';
ALTER TABLE session ADD COLUMN topic TEXT;
ALTER TABLE session ADD COLUMN place TEXT;
ALTER TABLE session ADD COLUMN video_link TEXT;
ALTER TABLE session ADD COLUMN series_id INTEGER REFERENCES session_series(id);
-- Set when staff cancel the occurrence; its appointments become `cancelled` with this reason.
ALTER TABLE session ADD COLUMN cancelled_reason TEXT;
-- Set when staff move the occurrence (the last reason given).
ALTER TABLE session ADD COLUMN moved_reason TEXT;

-- Staff's attendance mark (wire::care::Attendance code and its minutes), who and when.
ALTER TABLE appointment ADD COLUMN attendance TEXT;
ALTER TABLE appointment ADD COLUMN attendance_minutes INTEGER;
ALTER TABLE appointment ADD COLUMN marked_by INTEGER REFERENCES staff(id);
ALTER TABLE appointment ADD COLUMN marked_at_ms INTEGER;
-- Why this one patient's appointment was cancelled (e.g. at discharge), when the session itself was not.
ALTER TABLE appointment ADD COLUMN cancelled_reason TEXT;
CREATE INDEX appointment_session ON appointment(session_id);

-- The course of care: one row per level-of-care period (FHIR EpisodeOfCare; its id is this id).
-- until_day is NULL while the period is open; discharge closes the last one and opens aftercare.
CREATE TABLE care_level (
    id INTEGER PRIMARY KEY,
    patient_id INTEGER NOT NULL REFERENCES patient(id),
    program_id INTEGER NOT NULL REFERENCES program(id),
    level TEXT NOT NULL,
    weekly_target_minutes INTEGER,
    from_day TEXT NOT NULL,
    until_day TEXT,
    recorded_by TEXT NOT NULL,
    version INTEGER NOT NULL,
    updated_at_ms INTEGER NOT NULL
);
CREATE INDEX care_level_patient ON care_level(patient_id, from_day);
