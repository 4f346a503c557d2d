-- Background export jobs. SQLite track.
-- A job is queued by the API and run by one worker at a time: claimed_by names the claim that holds it and
-- claimed_until is its lease, renewed with every progress write. A running job whose lease expired (its
-- process died) is claimed again; attempts counts the claims. The finished file lives in the blob store
-- under blob_key; file_name and content_type are what the download answers with.
CREATE TABLE export_jobs (
    id            INTEGER PRIMARY KEY,
    project_id    INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    format        TEXT    NOT NULL,
    annotations   TEXT    NOT NULL,
    state         TEXT    NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'succeeded', 'failed')),
    tasks_written INTEGER NOT NULL DEFAULT 0,
    tasks_total   INTEGER,
    bytes         INTEGER NOT NULL DEFAULT 0,
    file_name     TEXT,
    content_type  TEXT,
    blob_key      TEXT,
    error         TEXT,
    attempts      INTEGER NOT NULL DEFAULT 0,
    claimed_by    TEXT,
    claimed_until TEXT,
    created_by    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at    TEXT    NOT NULL,
    started_at    TEXT,
    finished_at   TEXT
);
CREATE INDEX ix_export_jobs_project ON export_jobs (project_id, id);
CREATE INDEX ix_export_jobs_pending ON export_jobs (id) WHERE state IN ('queued', 'running');
