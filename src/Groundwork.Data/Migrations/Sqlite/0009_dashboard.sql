-- Dashboard and tasks table: annotations by time (activity per day, throughput per annotator); tasks by batch for
-- the table's batch filter; gold tasks by status, so progress counts need no row reads (both partial: most tasks
-- have no batch and are not gold, and imports should not pay for them). SQLite track.
CREATE INDEX ix_annotations_project_created ON annotations (project_id, created_at);
CREATE INDEX ix_tasks_project_batch ON tasks (project_id, batch, id) WHERE batch IS NOT NULL;
CREATE INDEX ix_tasks_project_gold ON tasks (project_id, status) WHERE gold_kind <> 0;
