-- Dashboard: annotations by time, for the project's activity per day and throughput per annotator. SQLite track.
CREATE INDEX ix_annotations_project_created ON annotations (project_id, created_at);
