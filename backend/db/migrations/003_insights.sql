-- Insight records (one per turn, advocates' knowledge searches) and the knowledge-base overlay
-- (authors' decisions from the review queue), shared by every instance.

-- `at` and `subject` are columns (indexed) so the charts read a range of days, "delete my data"
-- and the RETENTION_DAYS sweep are plain deletes. `seq` orders records of the same instant in
-- the order they were written, as the embedded day files do.
CREATE TABLE insight_records (
  id text PRIMARY KEY,
  seq bigserial NOT NULL UNIQUE,
  at timestamptz NOT NULL,
  kind text NOT NULL,
  subject text,
  conversation text NOT NULL,
  record jsonb NOT NULL
);
CREATE INDEX insight_records_at ON insight_records (at, seq);
CREATE INDEX insight_records_subject ON insight_records (subject) WHERE subject IS NOT NULL;

-- One row per overlay version. The next version is taken under a transaction advisory lock in
-- the transaction of the insert, which also sends the NOTIFY (version only) to every instance.
-- `subjects`: whose questions a version holds, so an erasure finds them without reading all.
CREATE TABLE kb_overlay (
  version integer PRIMARY KEY,
  at timestamptz NOT NULL,
  subjects text[] NOT NULL DEFAULT '{}',
  change jsonb NOT NULL
);
CREATE INDEX kb_overlay_subjects ON kb_overlay USING gin (subjects);
