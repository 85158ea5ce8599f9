-- Calendars that events are imported from. A source is an iCalendar URL
-- (synced on a schedule when `sync` is 1) or, with url '', the files an
-- organisation uploads by hand. `mapping_json` is what the organiser chose:
-- event type, networks, municipalities.
CREATE TABLE import_sources (
  id INTEGER PRIMARY KEY,
  organisation_id INTEGER NOT NULL REFERENCES organisations (id),
  url TEXT NOT NULL DEFAULT '' CHECK (url = '' OR url LIKE 'http://%' OR url LIKE 'https://%'),
  mapping_json TEXT NOT NULL,
  sync INTEGER NOT NULL DEFAULT 0 CHECK (sync IN (0, 1)),
  created_at TEXT NOT NULL,
  last_synced_at TEXT,
  last_error TEXT,
  UNIQUE (organisation_id, url)
);

-- Which event a source's UID became, and a hash of what was imported, so
-- that a second import knows what is new, changed, unchanged or gone.
CREATE TABLE imported_events (
  source_id INTEGER NOT NULL REFERENCES import_sources (id) ON DELETE CASCADE,
  uid TEXT NOT NULL,
  event_id TEXT NOT NULL UNIQUE REFERENCES events (id) ON DELETE CASCADE,
  fingerprint TEXT NOT NULL,
  PRIMARY KEY (source_id, uid)
);
