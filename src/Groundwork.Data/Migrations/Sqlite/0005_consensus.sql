-- Consensus per task and skill per annotator, computed in the background by the quality engine;
-- per-project consensus method and adaptive overlap. SQLite track.
ALTER TABLE projects ADD COLUMN consensus_method TEXT NOT NULL DEFAULT 'ds';
ALTER TABLE projects ADD COLUMN adaptive_target REAL;
ALTER TABLE projects ADD COLUMN adaptive_max INTEGER;
ALTER TABLE projects ADD COLUMN consensus_signature TEXT;

CREATE TABLE consensus (
    task_id     INTEGER PRIMARY KEY REFERENCES tasks (id) ON DELETE CASCADE,
    project_id  INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    method      TEXT    NOT NULL,
    label       TEXT    NOT NULL,
    confidence  REAL    NOT NULL,
    result      TEXT    NOT NULL,
    annotations INTEGER NOT NULL,
    computed_at TEXT    NOT NULL
);
CREATE INDEX ix_consensus_project ON consensus (project_id, task_id);

CREATE TABLE annotator_skills (
    project_id  INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    method      TEXT    NOT NULL,
    skill       REAL    NOT NULL,
    labels      INTEGER NOT NULL,
    agreement   REAL,
    computed_at TEXT    NOT NULL,
    PRIMARY KEY (project_id, user_id)
);
