-- Review: the project's review policy, a reviewer's decision on an annotation (one per annotation), and the
-- review lease a reviewer holds on the annotation the review queue handed them. SQLite track.
ALTER TABLE projects ADD COLUMN review_policy TEXT NOT NULL DEFAULT 'none' CHECK (review_policy IN ('none', 'all', 'uncertain'));
ALTER TABLE projects ADD COLUMN review_sample_rate REAL NOT NULL DEFAULT 1 CHECK (review_sample_rate > 0 AND review_sample_rate <= 1);
ALTER TABLE projects ADD COLUMN review_threshold REAL;

-- review_state: NULL (not reviewed), 'accepted', 'rejected' (no longer counts toward the task's overlap) or
-- 'fixed' (fixed_result, the reviewer's corrected result, is the accepted answer; result keeps the original).
ALTER TABLE annotations ADD COLUMN review_state TEXT CHECK (review_state IS NULL OR review_state IN ('accepted', 'rejected', 'fixed'));
ALTER TABLE annotations ADD COLUMN fixed_result TEXT;
ALTER TABLE annotations ADD COLUMN review_lease_by INTEGER;
ALTER TABLE annotations ADD COLUMN review_lease_until TEXT;
CREATE INDEX ix_annotations_unreviewed ON annotations (project_id, id) WHERE review_state IS NULL;

CREATE TABLE reviews (
    id            INTEGER PRIMARY KEY,
    project_id    INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    task_id       INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    annotation_id INTEGER NOT NULL REFERENCES annotations (id) ON DELETE CASCADE,
    annotator_id  INTEGER NOT NULL,
    reviewer_id   INTEGER NOT NULL,
    decision      TEXT    NOT NULL CHECK (decision IN ('accepted', 'rejected', 'fixed')),
    comment       TEXT,
    result        TEXT,
    created_at    TEXT    NOT NULL
);
CREATE UNIQUE INDEX ux_reviews_annotation ON reviews (annotation_id);
CREATE INDEX ix_reviews_project ON reviews (project_id, id);
CREATE INDEX ix_reviews_project_task ON reviews (project_id, task_id, id);
CREATE INDEX ix_reviews_project_annotator ON reviews (project_id, annotator_id, id);
