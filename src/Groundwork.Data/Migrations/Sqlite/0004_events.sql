-- Webhooks (transactional outbox), per-task callbacks and the audit log. SQLite track.

-- Scale-style per-task callback: when the task completes, its result is POSTed here.
ALTER TABLE tasks ADD COLUMN callback_url TEXT;

-- A project's webhook subscriptions. The secret is protected with ASP.NET Data Protection (keys in the
-- data directory): only the server can read it. events is the list of wanted event kinds, each
-- surrounded by spaces (' task.created annotation.created '), so one LIKE finds the subscribers.
CREATE TABLE webhooks (
    id         INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    url        TEXT    NOT NULL,
    secret     TEXT    NOT NULL,
    events     TEXT    NOT NULL,
    active     INTEGER NOT NULL DEFAULT 1,
    created_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT    NOT NULL,
    updated_at TEXT    NOT NULL
);
CREATE INDEX ix_webhooks_project ON webhooks (project_id, active);

-- The secret that signs a project's per-task callbacks (protected like webhook secrets).
CREATE TABLE callback_secrets (
    project_id INTEGER PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
    secret     TEXT    NOT NULL,
    created_at TEXT    NOT NULL
);

-- The outbox: one row per event per receiver, written in the transaction of the change it reports.
-- webhook_id is NULL for a task's callback. claimed_until/claimed_by let several server processes
-- share the work: a row is sent by whoever holds an unexpired claim.
CREATE TABLE webhook_deliveries (
    id              INTEGER PRIMARY KEY,
    project_id      INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    webhook_id      INTEGER REFERENCES webhooks (id) ON DELETE CASCADE,
    target_url      TEXT    NOT NULL,
    event           TEXT    NOT NULL,
    payload         TEXT    NOT NULL,
    state           TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'dead')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT    NOT NULL,
    claimed_until   TEXT,
    claimed_by      TEXT,
    last_status     INTEGER,
    last_error      TEXT,
    created_at      TEXT    NOT NULL,
    requeued_at     TEXT,
    delivered_at    TEXT
);
CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (next_attempt_at, id) WHERE state = 'pending';
CREATE INDEX ix_webhook_deliveries_webhook ON webhook_deliveries (webhook_id, id);
CREATE INDEX ix_webhook_deliveries_project ON webhook_deliveries (project_id, id);

-- Every attempt to send a delivery, successful or not.
CREATE TABLE webhook_attempts (
    id           INTEGER PRIMARY KEY,
    delivery_id  INTEGER NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    status_code  INTEGER,
    error        TEXT,
    duration_ms  INTEGER NOT NULL,
    attempted_at TEXT    NOT NULL,
    sent_by      TEXT
);
CREATE INDEX ix_webhook_attempts_delivery ON webhook_attempts (delivery_id, id);

-- Who did what to which thing, when, from where. Append-only: no foreign keys (the record outlives
-- the project or user it names) and triggers refuse every change.
CREATE TABLE audit_events (
    id            INTEGER PRIMARY KEY,
    occurred_at   TEXT    NOT NULL,
    actor_id      INTEGER,
    actor_address TEXT,
    project_id    INTEGER,
    action        TEXT    NOT NULL,
    subject_type  TEXT    NOT NULL,
    subject_id    TEXT,
    details       TEXT
);
CREATE INDEX ix_audit_events_project ON audit_events (project_id, id);
CREATE INDEX ix_audit_events_actor ON audit_events (actor_id, id);

CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit events are append-only');
END;

CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit events are append-only');
END;
