-- Work queue: per-project queue settings, gold and qualification tasks, leases, gold answers,
-- member pauses and paused batches. SQLite track.
ALTER TABLE projects ADD COLUMN lease_seconds INTEGER NOT NULL DEFAULT 600 CHECK (lease_seconds >= 1);
ALTER TABLE projects ADD COLUMN gold_rate REAL NOT NULL DEFAULT 0 CHECK (gold_rate >= 0 AND gold_rate <= 1);
ALTER TABLE projects ADD COLUMN gold_threshold REAL;
ALTER TABLE projects ADD COLUMN gold_window INTEGER NOT NULL DEFAULT 20 CHECK (gold_window >= 1);
ALTER TABLE projects ADD COLUMN qualification_pass_mark REAL;

ALTER TABLE tasks ADD COLUMN lease_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tasks ADD COLUMN gold_kind INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tasks ADD COLUMN ground_truth TEXT;
CREATE INDEX ix_tasks_queue ON tasks (project_id, gold_kind, priority DESC, status, id) WHERE status IN ('in_progress', 'queued');

ALTER TABLE project_members ADD COLUMN paused_at TEXT;
ALTER TABLE project_members ADD COLUMN paused_reason TEXT;
ALTER TABLE project_members ADD COLUMN reinstated_at TEXT;
ALTER TABLE project_members ADD COLUMN qualified_at TEXT;

CREATE TABLE leases (
    id          INTEGER PRIMARY KEY,
    project_id  INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    task_id     INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    state       INTEGER NOT NULL DEFAULT 0,
    gold_kind   INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT    NOT NULL,
    expires_at  TEXT    NOT NULL,
    ended_at    TEXT,
    skip_reason TEXT
);
CREATE UNIQUE INDEX ux_leases_task_user ON leases (task_id, user_id);
CREATE INDEX ix_leases_live_expiry ON leases (expires_at) WHERE state = 0;
CREATE INDEX ix_leases_live_user ON leases (project_id, user_id) WHERE state = 0;

CREATE TABLE gold_answers (
    id         INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    task_id    INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    gold_kind  INTEGER NOT NULL,
    label      TEXT,
    score      REAL    NOT NULL,
    correct    INTEGER NOT NULL,
    created_at TEXT    NOT NULL
);
CREATE INDEX ix_gold_answers_user ON gold_answers (project_id, user_id, id);

CREATE TABLE paused_batches (
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    batch      TEXT    NOT NULL,
    paused_at  TEXT    NOT NULL,
    PRIMARY KEY (project_id, batch)
);
