-- Migration 0019: imports and syncs run as jobs, a few events per request.
-- A job keeps its calendar cut into event groups (import_job_items, one per
-- UID, in the order of the file) and what was done to each
-- (import_job_results). A step reads the groups from `position` on; the
-- result row of an event is written in the event's own batch, so a step
-- that runs twice (retried, or after its lease ran out) writes nothing
-- twice. The Cron Trigger continues running jobs, least recently stepped
-- first, and removes finished ones after a day.
CREATE TABLE import_jobs (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('preview', 'import', 'sync')),
  organisation_id INTEGER NOT NULL REFERENCES organisations (id),
  -- NULL for the preview of a first import, which has no source yet.
  source_id INTEGER REFERENCES import_sources (id) ON DELETE CASCADE,
  url TEXT NOT NULL DEFAULT '',
  mapping_json TEXT NOT NULL,
  -- Who started it: the audit rows of its writes name them.
  actor_json TEXT NOT NULL,
  calendar_zone TEXT NOT NULL,
  -- The VTIMEZONE texts of the calendar by TZID; a step reads only those its events name.
  zones_json TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('running', 'done', 'failed')),
  total INTEGER NOT NULL CHECK (total >= 0),
  position INTEGER NOT NULL DEFAULT 0,
  error TEXT,
  created_at TEXT NOT NULL,
  stepped_at TEXT NOT NULL,
  -- A step holds the job until then; a step that died lets go when it passes.
  lease_until TEXT,
  finished_at TEXT
);
CREATE INDEX import_jobs_to_continue ON import_jobs (state, stepped_at);
CREATE INDEX import_jobs_by_organisation ON import_jobs (organisation_id, id);
-- One import or sync of a source at a time: two would both create its new events.
CREATE UNIQUE INDEX import_jobs_one_per_source ON import_jobs (source_id) WHERE state = 'running' AND kind <> 'preview';

CREATE TABLE import_job_items (
  job_id INTEGER NOT NULL REFERENCES import_jobs (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  uid TEXT,
  title TEXT,
  text TEXT NOT NULL,
  PRIMARY KEY (job_id, position)
) WITHOUT ROWID;

CREATE TABLE import_job_results (
  job_id INTEGER NOT NULL REFERENCES import_jobs (id) ON DELETE CASCADE,
  -- The item's position; events gone from the source come after the last item.
  position INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  uid TEXT,
  status TEXT NOT NULL CHECK (status IN ('new', 'changed', 'unchanged', 'unparseable', 'gone')),
  title TEXT,
  reason TEXT,
  event_id TEXT,
  cancelled INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0, 1)),
  -- NULL in a preview, which writes nothing.
  outcome TEXT CHECK (outcome IN ('created', 'updated', 'cancelled', 'none', 'failed')),
  -- A preview's event as it would be written.
  event_json TEXT,
  PRIMARY KEY (job_id, position, seq)
);
CREATE UNIQUE INDEX import_job_results_by_uid ON import_job_results (job_id, uid);
