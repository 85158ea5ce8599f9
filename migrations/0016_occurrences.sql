-- Migration 0016: stored occurrences. Lists read an indexed range of these
-- instead of evaluating every series' rule on every request, so that a
-- read costs the same whether ten series exist or ten thousand.
--
-- Published and cancelled events only. An event that does not recur has its
-- one occurrence; a series has those that start in the index window of its
-- last write (two years back, 400 days ahead), and the Cron Trigger moves
-- the window's end forward as days pass (events.indexed_until).
CREATE TABLE occurrences (
  event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  -- The occurrence as the rule gives it (see recurrence); '' for an event that does not recur.
  recurrence_id TEXT NOT NULL,
  starts_at TEXT NOT NULL,
  ends_at TEXT NOT NULL,
  -- Start and end as the API shows them: offset date-times, or dates (the last day) for all-day events.
  start_text TEXT NOT NULL,
  end_text TEXT NOT NULL,
  cancelled INTEGER NOT NULL CHECK (cancelled IN (0, 1)),
  moved INTEGER NOT NULL CHECK (moved IN (0, 1)),
  place TEXT,
  -- Lasts more than a day: read through its own part of the index, so that
  -- finding what is still going on at a window's start looks back a day for
  -- the others, not a year.
  long INTEGER NOT NULL CHECK (long IN (0, 1)),
  PRIMARY KEY (event_id, recurrence_id),
  CHECK (ends_at > starts_at)
) WITHOUT ROWID;

CREATE INDEX occurrences_in_time ON occurrences (long, starts_at, event_id, recurrence_id);

-- NULL: not indexed yet (written before this migration, or restored); else
-- the instant up to which the occurrences are stored, '9999-12-31T00:00:00Z'
-- when all of them are. Lists expand the few events not yet indexed
-- themselves, and the Cron Trigger indexes them.
ALTER TABLE events ADD COLUMN indexed_until TEXT;

CREATE INDEX events_to_index ON events (indexed_until) WHERE status IN ('published', 'cancelled');

-- Moving indexed_until forward changes no text: search is rewritten only when a text changes.
DROP TRIGGER events_fts_update;
CREATE TRIGGER events_fts_update AFTER UPDATE OF title_fi, title_sv, title_en, description_fi, description_sv, description_en, location_place, location_address ON events BEGIN
  DELETE FROM events_fts WHERE event_id = old.id;
  INSERT INTO events_fts (event_id, title, description, place) VALUES (
    new.id,
    concat_ws(' ', new.title_fi, new.title_sv, new.title_en),
    concat_ws(' ', new.description_fi, new.description_sv, new.description_en),
    concat_ws(' ', new.location_place, new.location_address)
  );
END;
