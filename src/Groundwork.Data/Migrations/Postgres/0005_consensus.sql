-- Consensus per task and skill per annotator, computed in the background by the quality engine;
-- per-project consensus method and adaptive overlap. PostgreSQL track.
ALTER TABLE projects ADD COLUMN consensus_method text NOT NULL DEFAULT 'ds';
ALTER TABLE projects ADD COLUMN adaptive_target double precision;
ALTER TABLE projects ADD COLUMN adaptive_max integer;
ALTER TABLE projects ADD COLUMN consensus_signature text;

CREATE TABLE consensus (
    task_id     bigint           PRIMARY KEY REFERENCES tasks (id) ON DELETE CASCADE,
    project_id  bigint           NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    method      text             NOT NULL,
    label       text             NOT NULL,
    confidence  double precision NOT NULL,
    result      jsonb            NOT NULL,
    annotations integer          NOT NULL,
    computed_at timestamptz      NOT NULL
);
CREATE INDEX ix_consensus_project ON consensus (project_id, task_id);

CREATE TABLE annotator_skills (
    project_id  bigint           NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    user_id     bigint           NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    method      text             NOT NULL,
    skill       double precision NOT NULL,
    labels      integer          NOT NULL,
    agreement   double precision,
    computed_at timestamptz      NOT NULL,
    PRIMARY KEY (project_id, user_id)
);
