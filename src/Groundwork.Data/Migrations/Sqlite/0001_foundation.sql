-- Groundwork schema, SQLite track. Times are ISO 8601 text in UTC; JSON columns are text checked by the application.
CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    email         TEXT    NOT NULL COLLATE NOCASE,
    name          TEXT    NOT NULL,
    password_hash TEXT,
    is_admin      INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT    NOT NULL
);
CREATE UNIQUE INDEX ux_users_email ON users (email);

CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT    NOT NULL,
    prefix       TEXT    NOT NULL,
    token_hash   TEXT    NOT NULL,
    created_at   TEXT    NOT NULL,
    last_used_at TEXT,
    revoked_at   TEXT
);
CREATE UNIQUE INDEX ux_api_tokens_hash ON api_tokens (token_hash);
CREATE INDEX ix_api_tokens_user ON api_tokens (user_id);

CREATE TABLE projects (
    id           INTEGER PRIMARY KEY,
    name         TEXT    NOT NULL,
    label_config TEXT    NOT NULL,
    instructions TEXT    NOT NULL DEFAULT '',
    overlap      INTEGER NOT NULL DEFAULT 1 CHECK (overlap >= 1),
    created_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL
);

CREATE TABLE project_members (
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role       INTEGER NOT NULL,
    created_at TEXT    NOT NULL,
    PRIMARY KEY (project_id, user_id)
);
CREATE INDEX ix_project_members_user ON project_members (user_id);

CREATE TABLE tasks (
    id               INTEGER PRIMARY KEY,
    project_id       INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    data             TEXT    NOT NULL,
    unique_id        TEXT,
    metadata         TEXT,
    priority         INTEGER NOT NULL DEFAULT 0,
    batch            TEXT,
    status           TEXT    NOT NULL DEFAULT 'queued',
    overlap          INTEGER CHECK (overlap IS NULL OR overlap >= 1),
    annotation_count INTEGER NOT NULL DEFAULT 0,
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL
);
CREATE UNIQUE INDEX ux_tasks_project_unique_id ON tasks (project_id, unique_id) WHERE unique_id IS NOT NULL;
CREATE INDEX ix_tasks_project ON tasks (project_id, id);
CREATE INDEX ix_tasks_project_status ON tasks (project_id, status, id);

CREATE TABLE annotations (
    id         INTEGER PRIMARY KEY,
    task_id    INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    author_id  INTEGER NOT NULL REFERENCES users (id),
    result     TEXT    NOT NULL,
    lead_time  REAL,
    origin     TEXT    NOT NULL DEFAULT 'human',
    created_at TEXT    NOT NULL,
    updated_at TEXT    NOT NULL
);
CREATE INDEX ix_annotations_project_task ON annotations (project_id, task_id, id);
CREATE INDEX ix_annotations_task ON annotations (task_id, id);
-- One person answers a task once (promise 2). Imported annotations keep the importer as author, so they are exempt.
CREATE UNIQUE INDEX ux_annotations_task_author ON annotations (task_id, author_id) WHERE origin <> 'imported';

CREATE TABLE predictions (
    id            INTEGER PRIMARY KEY,
    task_id       INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    project_id    INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    result        TEXT    NOT NULL,
    model_version TEXT,
    score         REAL,
    created_at    TEXT    NOT NULL
);
CREATE INDEX ix_predictions_project_task ON predictions (project_id, task_id, id);
