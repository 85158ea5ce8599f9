-- Hytekello: the complete schema of a fresh database.
--
-- Migrations in migrations/ upgrade existing databases; test/schema.test.ts
-- proves that applying every migration gives exactly this schema.
-- Reference data (municipalities, event types, …) lives in the migrations.
--
-- Conventions: instants are UTC text 'YYYY-MM-DDTHH:MM:SSZ' (sortable);
-- wall-clock times are 'YYYY-MM-DDTHH:MM' in the event's time zone;
-- all-day dates are 'YYYY-MM-DD'. Slugs are stable, lower-case and URL-safe.

CREATE TABLE areas (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE CHECK (slug <> '' AND slug NOT GLOB '*[^a-z0-9-]*'),
  name_fi TEXT NOT NULL,
  name_sv TEXT,
  name_en TEXT
);

CREATE TABLE municipalities (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE CHECK (slug <> '' AND slug NOT GLOB '*[^a-z0-9-]*'),
  -- Statistics Finland municipality code, e.g. '564' for Oulu.
  code TEXT NOT NULL UNIQUE CHECK (length(code) = 3 AND code NOT GLOB '*[^0-9]*'),
  name_fi TEXT NOT NULL,
  name_sv TEXT,
  name_en TEXT,
  area_id INTEGER NOT NULL REFERENCES areas (id)
);

CREATE TABLE event_types (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE CHECK (slug <> '' AND slug NOT GLOB '*[^a-z0-9-]*'),
  name_fi TEXT NOT NULL,
  name_sv TEXT,
  name_en TEXT
);

CREATE TABLE networks (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE CHECK (slug <> '' AND slug NOT GLOB '*[^a-z0-9-]*'),
  name_fi TEXT NOT NULL,
  name_sv TEXT,
  name_en TEXT,
  description_fi TEXT
);

CREATE TABLE audiences (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE CHECK (slug <> '' AND slug NOT GLOB '*[^a-z0-9-]*'),
  name_fi TEXT NOT NULL,
  name_sv TEXT,
  name_en TEXT
);

CREATE TABLE organisations (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE CHECK (slug <> '' AND slug NOT GLOB '*[^a-z0-9-]*'),
  name_fi TEXT NOT NULL,
  name_sv TEXT,
  name_en TEXT,
  kind TEXT NOT NULL CHECK (kind IN ('wellbeing-county', 'regional-council', 'municipality', 'state', 'ngo', 'parish', 'project', 'partner')),
  municipality_id INTEGER REFERENCES municipalities (id),
  website TEXT CHECK (website IS NULL OR website LIKE 'https://%')
);

-- Clocks: the network's regional annual clock and organisations' own, each
-- with rings (lanes) and items. Annual items recur on a span of months or
-- dates that may cross New Year; term items belong to years 1–4 of the
-- council term. An event may name the item it realises.
CREATE TABLE clocks (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE CHECK (slug <> '' AND slug NOT GLOB '*[^a-z0-9-]*'),
  name_fi TEXT NOT NULL CHECK (name_fi <> ''),
  name_sv TEXT,
  name_en TEXT,
  -- NULL for the network's regional clock.
  organisation_id INTEGER REFERENCES organisations (id),
  -- The month at the top of the wheel (1 = January, 8 = a school year).
  start_month INTEGER NOT NULL DEFAULT 1 CHECK (start_month BETWEEN 1 AND 12),
  created_at TEXT NOT NULL
);

CREATE TABLE clock_rings (
  id INTEGER PRIMARY KEY,
  clock_id INTEGER NOT NULL REFERENCES clocks (id) ON DELETE CASCADE,
  slug TEXT NOT NULL CHECK (slug <> '' AND slug NOT GLOB '*[^a-z0-9-]*'),
  name_fi TEXT NOT NULL CHECK (name_fi <> ''),
  name_sv TEXT,
  name_en TEXT,
  -- 0 is the outermost ring.
  position INTEGER NOT NULL CHECK (position >= 0),
  UNIQUE (clock_id, slug)
);

-- The statutory wellbeing cycle, and the network's own yearly events.
CREATE TABLE clock_template_items (
  key TEXT PRIMARY KEY CHECK (key <> '' AND key NOT GLOB '*[^a-z0-9-]*'),
  ring TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('annual', 'term')),
  title_fi TEXT NOT NULL,
  title_sv TEXT,
  title_en TEXT,
  description_fi TEXT,
  start_month INTEGER CHECK (start_month BETWEEN 1 AND 12),
  end_month INTEGER CHECK (end_month BETWEEN 1 AND 12),
  repeat TEXT NOT NULL DEFAULT 'yearly' CHECK (repeat IN ('yearly', 'odd-years', 'even-years')),
  term_year_start INTEGER CHECK (term_year_start BETWEEN 1 AND 4),
  term_year_end INTEGER CHECK (term_year_end BETWEEN 1 AND 4),
  colour TEXT NOT NULL CHECK (length(colour) = 7 AND colour GLOB '#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
  -- Where the duty or the practice is written down.
  source TEXT NOT NULL CHECK (source <> ''),
  position INTEGER NOT NULL,
  category TEXT NOT NULL DEFAULT 'muu' CHECK (category IN ('talous', 'hyvinvointikertomus', 'tiedonkeruu', 'yhteistyo', 'verkosto', 'jarjestot', 'muu')),
  -- Short names for the wheel, where the full name does not fit its arc.
  short_title_fi TEXT,
  short_title_sv TEXT,
  short_title_en TEXT,
  -- A decision the item leads to every year, with preparation steps in working days before it (JSON); dates are computed when read.
  decision TEXT CHECK (decision IS NULL OR (json_valid(decision) AND json_type(decision) = 'object')),
  CHECK ((kind = 'annual') = (start_month IS NOT NULL AND end_month IS NOT NULL)),
  CHECK ((kind = 'term') = (term_year_start IS NOT NULL AND term_year_end IS NOT NULL))
);

CREATE TABLE clock_items (
  id INTEGER PRIMARY KEY,
  title_fi TEXT NOT NULL CHECK (title_fi <> ''),
  title_sv TEXT,
  title_en TEXT,
  clock_id INTEGER REFERENCES clocks (id),
  ring_id INTEGER REFERENCES clock_rings (id),
  kind TEXT NOT NULL DEFAULT 'annual' CHECK (kind IN ('annual', 'term')),
  description_fi TEXT,
  description_sv TEXT,
  description_en TEXT,
  -- Annual items: from start (month, day) to end (month, day); a missing day
  -- means the whole month; an end before the start crosses New Year.
  start_month INTEGER CHECK (start_month BETWEEN 1 AND 12),
  start_day INTEGER CHECK (start_day BETWEEN 1 AND 31),
  end_month INTEGER CHECK (end_month BETWEEN 1 AND 12),
  end_day INTEGER CHECK (end_day BETWEEN 1 AND 31),
  repeat TEXT NOT NULL DEFAULT 'yearly' CHECK (repeat IN ('yearly', 'odd-years', 'even-years', 'once')),
  once_year INTEGER CHECK (once_year BETWEEN 2000 AND 2100),
  -- Term items: years of the council term, 1–4.
  term_year_start INTEGER CHECK (term_year_start BETWEEN 1 AND 4),
  term_year_end INTEGER CHECK (term_year_end BETWEEN 1 AND 4),
  colour TEXT NOT NULL DEFAULT '#00508c' CHECK (length(colour) = 7 AND colour GLOB '#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
  responsible_organisation_id INTEGER REFERENCES organisations (id),
  source TEXT,
  template_key TEXT,
  -- Links to documents: a JSON array of {"title", "url"}.
  links TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(links) AND json_type(links) = 'array'),
  -- The ETag of an item, and the guard that makes its write all-or-nothing.
  revision TEXT NOT NULL DEFAULT 'initial',
  updated_at TEXT,
  -- For the wheel's colour legend.
  category TEXT NOT NULL DEFAULT 'muu' CHECK (category IN ('talous', 'hyvinvointikertomus', 'tiedonkeruu', 'yhteistyo', 'verkosto', 'jarjestot', 'muu')),
  -- Short names for the wheel, where the full name does not fit its arc.
  short_title_fi TEXT,
  short_title_sv TEXT,
  short_title_en TEXT,
  -- A decision the item leads to every year, with preparation steps in working days before it (JSON); dates are computed when read.
  decision TEXT CHECK (decision IS NULL OR (json_valid(decision) AND json_type(decision) = 'object')),
  -- A roll-over's drafts are seen only by the clock's editors until published.
  status TEXT NOT NULL DEFAULT 'published' CHECK (status IN ('published', 'draft')),
  -- A version for one year (a 'once' item) or one council term (for_term_start): the item whose occurrence it replaces.
  replaces_item_id INTEGER REFERENCES clock_items (id),
  for_term_start INTEGER CHECK (for_term_start BETWEEN 2000 AND 2100)
);
CREATE INDEX clock_items_by_clock ON clock_items (clock_id, kind);
-- One version of an item per year and per term, whatever its status.
CREATE UNIQUE INDEX clock_items_one_version_a_year ON clock_items (replaces_item_id, once_year) WHERE replaces_item_id IS NOT NULL AND kind = 'annual';
CREATE UNIQUE INDEX clock_items_one_version_a_term ON clock_items (replaces_item_id, for_term_start) WHERE replaces_item_id IS NOT NULL AND kind = 'term';

CREATE TABLE events (
  id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64 AND id NOT GLOB '*[^a-z0-9-]*'),
  status TEXT NOT NULL CHECK (status IN ('draft', 'published', 'cancelled')),
  title_fi TEXT NOT NULL CHECK (title_fi <> ''),
  title_sv TEXT,
  title_en TEXT,
  description_fi TEXT NOT NULL DEFAULT '',
  description_sv TEXT,
  description_en TEXT,
  event_type_id INTEGER NOT NULL REFERENCES event_types (id),
  time_zone TEXT NOT NULL,
  all_day INTEGER NOT NULL CHECK (all_day IN (0, 1)),
  -- Wall-clock start and end of the (first) occurrence; for all-day events
  -- the first and the last day, both inclusive.
  start_local TEXT NOT NULL,
  end_local TEXT NOT NULL,
  rrule TEXT,
  -- Instants of the first occurrence, and the span that covers every
  -- occurrence (moved ones too); span_end is NULL when the series never ends.
  starts_at TEXT NOT NULL,
  ends_at TEXT NOT NULL,
  span_start TEXT NOT NULL,
  span_end TEXT,
  location_place TEXT,
  location_address TEXT,
  location_municipality_id INTEGER REFERENCES municipalities (id),
  online_url TEXT,
  contact_name TEXT,
  contact_email TEXT,
  contact_phone TEXT,
  -- Comma-separated language codes, e.g. 'fi' or 'fi,sv'.
  languages TEXT NOT NULL CHECK (languages <> '' AND languages NOT GLOB '*[^a-z,]*'),
  registration_url TEXT,
  registration_deadline TEXT,
  clock_item_id INTEGER REFERENCES clock_items (id),
  cancel_reason TEXT,
  -- iCalendar SEQUENCE: grows when time, place or status change.
  sequence INTEGER NOT NULL DEFAULT 0 CHECK (sequence >= 0),
  -- Random per write; the ETag, and the guard that makes a write all-or-nothing.
  revision TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  -- Members-only events are left out of public lists and feeds.
  visibility TEXT NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'members')),
  -- How far the event's occurrences are stored (see occurrences): NULL when
  -- not indexed yet, '9999-12-31T00:00:00Z' when all of them are.
  indexed_until TEXT,
  -- The reason of a cancellation in Swedish and English, beside cancel_reason (Finnish).
  cancel_reason_sv TEXT,
  cancel_reason_en TEXT,
  -- A decision made at the event, on the day of each occurrence, and its preparation steps:
  -- {"title": {fi, sv, en}, "steps": [{"title", "workingDaysBefore"}]}.
  decision TEXT CHECK (decision IS NULL OR (json_valid(decision) AND json_type(decision) = 'object')),
  CHECK (ends_at > starts_at),
  CHECK (span_end IS NULL OR span_end >= ends_at),
  CHECK (span_start <= starts_at),
  CHECK (status <> 'cancelled' OR cancel_reason IS NULL OR cancel_reason <> '')
);

CREATE INDEX events_by_type ON events (event_type_id);
CREATE INDEX events_by_updated ON events (updated_at);
CREATE INDEX events_by_clock_item ON events (clock_item_id);
-- Windows [from, to) read the events that end after `from` (or never end):
-- the window and what follows it, not all of history.
CREATE INDEX events_by_span_end ON events (status, span_end, span_start);
CREATE INDEX events_to_index ON events (indexed_until) WHERE status IN ('published', 'cancelled');

-- Occurrences of published and cancelled events, for lists that read a range
-- of this index instead of evaluating rules: a single event's one, and a
-- series' in the index window of its write, which the Cron Trigger extends.
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

-- A single occurrence of a recurring event that was removed (EXDATE),
-- cancelled (kept, marked cancelled) or moved (RECURRENCE-ID override).
CREATE TABLE event_exceptions (
  event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  -- Wall-clock start of the occurrence as the rule generates it.
  occurrence TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('removed', 'cancelled', 'moved')),
  start_local TEXT,
  end_local TEXT,
  location_place TEXT,
  PRIMARY KEY (event_id, occurrence),
  CHECK ((kind = 'moved') = (start_local IS NOT NULL AND end_local IS NOT NULL))
);

CREATE TABLE event_organisations (
  event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  organisation_id INTEGER NOT NULL REFERENCES organisations (id),
  PRIMARY KEY (event_id, organisation_id)
);
CREATE INDEX event_organisations_by_organisation ON event_organisations (organisation_id);

-- An organisation named as co-organiser by another: not shown with the
-- event, and without rights to it, until an organiser of it accepts.
CREATE TABLE co_organiser_invitations (
  event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  organisation_id INTEGER NOT NULL REFERENCES organisations (id),
  invited_at TEXT NOT NULL,
  PRIMARY KEY (event_id, organisation_id)
);
CREATE INDEX co_organiser_invitations_by_organisation ON co_organiser_invitations (organisation_id);

CREATE TABLE event_networks (
  event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  network_id INTEGER NOT NULL REFERENCES networks (id),
  PRIMARY KEY (event_id, network_id)
);
CREATE INDEX event_networks_by_network ON event_networks (network_id);

CREATE TABLE event_municipalities (
  event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  municipality_id INTEGER NOT NULL REFERENCES municipalities (id),
  PRIMARY KEY (event_id, municipality_id)
);
CREATE INDEX event_municipalities_by_municipality ON event_municipalities (municipality_id);

-- The stored occurrences again, once per network, event type, municipality
-- and organisation of their event, in time order: a list filtered by any of
-- them reads its terms' ranges, not every occurrence of the window. Kept by
-- the triggers below (an occurrence written, an event's terms changed); an
-- occurrence deleted takes its rows with it.
CREATE TABLE occurrence_terms (
  kind TEXT NOT NULL CHECK (kind IN ('network', 'type', 'municipality', 'organisation')),
  term_id INTEGER NOT NULL,
  long INTEGER NOT NULL,
  starts_at TEXT NOT NULL,
  event_id TEXT NOT NULL,
  recurrence_id TEXT NOT NULL,
  PRIMARY KEY (kind, term_id, long, starts_at, event_id, recurrence_id),
  FOREIGN KEY (event_id, recurrence_id) REFERENCES occurrences (event_id, recurrence_id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE INDEX occurrence_terms_by_occurrence ON occurrence_terms (event_id, recurrence_id);

CREATE TRIGGER occurrence_terms_of_occurrence AFTER INSERT ON occurrences BEGIN
  INSERT OR IGNORE INTO occurrence_terms (kind, term_id, long, starts_at, event_id, recurrence_id)
  SELECT 'network', network_id, new.long, new.starts_at, new.event_id, new.recurrence_id FROM event_networks WHERE event_id = new.event_id
  UNION ALL SELECT 'type', event_type_id, new.long, new.starts_at, new.event_id, new.recurrence_id FROM events WHERE id = new.event_id
  UNION ALL SELECT 'municipality', municipality_id, new.long, new.starts_at, new.event_id, new.recurrence_id FROM event_municipalities WHERE event_id = new.event_id
  UNION ALL SELECT 'organisation', organisation_id, new.long, new.starts_at, new.event_id, new.recurrence_id FROM event_organisations WHERE event_id = new.event_id;
END;

CREATE TRIGGER occurrence_terms_of_type AFTER UPDATE OF event_type_id ON events WHEN new.event_type_id IS NOT old.event_type_id BEGIN
  DELETE FROM occurrence_terms WHERE event_id = old.id AND kind = 'type';
  INSERT OR IGNORE INTO occurrence_terms (kind, term_id, long, starts_at, event_id, recurrence_id)
  SELECT 'type', new.event_type_id, long, starts_at, event_id, recurrence_id FROM occurrences WHERE event_id = new.id;
END;

CREATE TRIGGER occurrence_terms_of_network AFTER INSERT ON event_networks BEGIN
  INSERT OR IGNORE INTO occurrence_terms (kind, term_id, long, starts_at, event_id, recurrence_id)
  SELECT 'network', new.network_id, long, starts_at, event_id, recurrence_id FROM occurrences WHERE event_id = new.event_id;
END;

CREATE TRIGGER occurrence_terms_without_network AFTER DELETE ON event_networks BEGIN
  DELETE FROM occurrence_terms WHERE event_id = old.event_id AND kind = 'network' AND term_id = old.network_id;
END;

CREATE TRIGGER occurrence_terms_of_municipality AFTER INSERT ON event_municipalities BEGIN
  INSERT OR IGNORE INTO occurrence_terms (kind, term_id, long, starts_at, event_id, recurrence_id)
  SELECT 'municipality', new.municipality_id, long, starts_at, event_id, recurrence_id FROM occurrences WHERE event_id = new.event_id;
END;

CREATE TRIGGER occurrence_terms_without_municipality AFTER DELETE ON event_municipalities BEGIN
  DELETE FROM occurrence_terms WHERE event_id = old.event_id AND kind = 'municipality' AND term_id = old.municipality_id;
END;

CREATE TRIGGER occurrence_terms_of_organisation AFTER INSERT ON event_organisations BEGIN
  INSERT OR IGNORE INTO occurrence_terms (kind, term_id, long, starts_at, event_id, recurrence_id)
  SELECT 'organisation', new.organisation_id, long, starts_at, event_id, recurrence_id FROM occurrences WHERE event_id = new.event_id;
END;

CREATE TRIGGER occurrence_terms_without_organisation AFTER DELETE ON event_organisations BEGIN
  DELETE FROM occurrence_terms WHERE event_id = old.event_id AND kind = 'organisation' AND term_id = old.organisation_id;
END;

CREATE TABLE event_audiences (
  event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  audience_id INTEGER NOT NULL REFERENCES audiences (id),
  PRIMARY KEY (event_id, audience_id)
);
CREATE INDEX event_audiences_by_audience ON event_audiences (audience_id);

CREATE TABLE event_materials (
  event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  position INTEGER NOT NULL CHECK (position >= 0),
  kind TEXT NOT NULL CHECK (kind IN ('slides', 'recording', 'document', 'link')),
  title TEXT NOT NULL CHECK (title <> ''),
  url TEXT NOT NULL CHECK (url LIKE 'https://%' OR url LIKE 'http://%'),
  PRIMARY KEY (event_id, position)
);

-- Full-text search over every language's title, description and place, by
-- trigrams: a search matches inside words, so compounds and inflected forms
-- are found (see searchExpression). Texts begin with a space and have no
-- line breaks, so that a short word is searched as " ii", a word's start.
-- Kept in step with events by the triggers below; a row's rowid is its
-- event's, so that an edit replaces it by key (event_id is not indexed:
-- finding a row by it reads the whole index).
CREATE VIRTUAL TABLE events_fts USING fts5 (
  event_id UNINDEXED,
  title,
  description,
  place,
  tokenize = 'trigram remove_diacritics 1'
);

CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN
  INSERT INTO events_fts (rowid, event_id, title, description, place) VALUES (
    new.rowid,
    new.id,
    ' ' || concat_ws(' ', new.title_fi, new.title_sv, new.title_en),
    ' ' || replace(replace(concat_ws(' ', new.description_fi, new.description_sv, new.description_en), char(13), ' '), char(10), ' '),
    ' ' || concat_ws(' ', new.location_place, new.location_address)
  );
END;

-- Only a change of a text rewrites search (not, e.g., moving indexed_until forward).
CREATE TRIGGER events_fts_update AFTER UPDATE OF title_fi, title_sv, title_en, description_fi, description_sv, description_en, location_place, location_address ON events BEGIN
  DELETE FROM events_fts WHERE rowid = old.rowid;
  INSERT INTO events_fts (rowid, event_id, title, description, place) VALUES (
    new.rowid,
    new.id,
    ' ' || concat_ws(' ', new.title_fi, new.title_sv, new.title_en),
    ' ' || replace(replace(concat_ws(' ', new.description_fi, new.description_sv, new.description_en), char(13), ' '), char(10), ' '),
    ' ' || concat_ws(' ', new.location_place, new.location_address)
  );
END;

CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN
  DELETE FROM events_fts WHERE rowid = old.rowid;
END;

CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL CHECK (name <> ''),
  organisation_id INTEGER NOT NULL REFERENCES organisations (id),
  -- SHA-256 of the token, hex; the token itself is shown once and never stored.
  token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
  created_at TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at TEXT,
  created_by INTEGER REFERENCES people (id) ON DELETE SET NULL
);


-- The VEVENT text of each event per language, valid for one context (the
-- event's version, origin, UID domain, names of terms): a feed built in a
-- fresh isolate concatenates these instead of writing every event again.
CREATE TABLE event_components (
  event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  language TEXT NOT NULL CHECK (language IN ('fi', 'sv', 'en')),
  context TEXT NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (event_id, language)
);

-- A retried create with the same Idempotency-Key makes no second event.
-- Keys belong to whoever wrote: a token ('token:<id>') or a person ('person:<id>').
CREATE TABLE idempotency_keys (
  actor TEXT NOT NULL CHECK (actor <> ''),
  key TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
  -- SHA-256 of the request body: the same key with another body is refused.
  request_hash TEXT NOT NULL CHECK (length(request_hash) = 64),
  event_id TEXT NOT NULL REFERENCES events (id),
  created_at TEXT NOT NULL,
  PRIMARY KEY (actor, key)
);

-- Who changed what, when: one row per write, with the state before and after.
-- The id of the newest row is the data version that feeds' ETags are made of.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  -- How the writer signed in: 'token', 'session', 'access'; 'system' for scripts.
  via TEXT NOT NULL DEFAULT 'token' CHECK (via IN ('token', 'session', 'access', 'system')),
  token_id INTEGER REFERENCES api_tokens (id),
  person_id INTEGER REFERENCES people (id) ON DELETE SET NULL,
  session_id INTEGER REFERENCES sessions (id) ON DELETE SET NULL,
  action TEXT NOT NULL CHECK (action IN ('create', 'update', 'cancel', 'delete', 'revoke', 'invite', 'accept', 'decline')),
  entity TEXT NOT NULL CHECK (entity IN ('event', 'clock', 'clock_item', 'person', 'membership', 'token', 'invitation', 'organisation', 'network')),
  entity_id TEXT NOT NULL,
  before_json TEXT,
  after_json TEXT
);
CREATE INDEX audit_log_by_entity ON audit_log (entity, entity_id, at);
CREATE INDEX audit_log_by_person ON audit_log (person_id);

-- Versions that feeds' validators are made of, so that a write changes the
-- ETag of only the feeds it can change. Kept by the triggers below from the
-- audit log, which every write goes through: an event write that is not
-- only a draft's bumps 'all' and each network, type, municipality and
-- organisation the event had before or has after; a write of a network or
-- an organisation bumps 'names' (feeds show their names); a write of a
-- clock or a clock item bumps 'clock'.
CREATE TABLE feed_versions (
  kind TEXT NOT NULL CHECK (kind IN ('all', 'network', 'type', 'municipality', 'organisation', 'names', 'clock')),
  slug TEXT NOT NULL,
  -- The audit-log row of the newest write that bumped it, and when that write
  -- was made by the database's clock: in the order of commits, unlike the
  -- writers' clocks, so a later write never has an earlier time.
  version INTEGER NOT NULL,
  changed_at TEXT NOT NULL,
  PRIMARY KEY (kind, slug)
) WITHOUT ROWID;

CREATE TRIGGER feed_versions_event AFTER INSERT ON audit_log
WHEN new.entity = 'event'
  AND (coalesce(new.before_json ->> '$.status', 'draft') <> 'draft' OR coalesce(new.after_json ->> '$.status', 'draft') <> 'draft')
BEGIN
  INSERT INTO feed_versions (kind, slug, version, changed_at) VALUES ('all', '', new.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  ON CONFLICT (kind, slug) DO UPDATE SET version = excluded.version, changed_at = max(changed_at, excluded.changed_at);
  -- The terms of the state before (b) and after (a): 'type', and the elements of 'networks', 'municipalities', 'organisations'.
  INSERT INTO feed_versions (kind, slug, version, changed_at)
  SELECT DISTINCT
    CASE WHEN t.key = 'type' THEN 'type' WHEN t.path GLOB '*networks' THEN 'network' WHEN t.path GLOB '*municipalities' THEN 'municipality' ELSE 'organisation' END,
    t.atom, new.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
  FROM json_tree(json_object('b', json(coalesce(new.before_json, '{}')), 'a', json(coalesce(new.after_json, '{}')))) t
  WHERE t.type = 'text'
    AND ((t.path IN ('$.b', '$.a') AND t.key = 'type')
      OR t.path IN ('$.b.networks', '$.a.networks', '$.b.municipalities', '$.a.municipalities', '$.b.organisations', '$.a.organisations'))
  ON CONFLICT (kind, slug) DO UPDATE SET version = excluded.version, changed_at = max(changed_at, excluded.changed_at);
END;

CREATE TRIGGER feed_versions_names AFTER INSERT ON audit_log
WHEN new.entity IN ('network', 'organisation')
BEGIN
  INSERT INTO feed_versions (kind, slug, version, changed_at) VALUES ('names', '', new.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  ON CONFLICT (kind, slug) DO UPDATE SET version = excluded.version, changed_at = max(changed_at, excluded.changed_at);
END;

CREATE TRIGGER feed_versions_clock AFTER INSERT ON audit_log
WHEN new.entity IN ('clock', 'clock_item')
BEGIN
  INSERT INTO feed_versions (kind, slug, version, changed_at) VALUES ('clock', '', new.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  ON CONFLICT (kind, slug) DO UPDATE SET version = excluded.version, changed_at = max(changed_at, excluded.changed_at);
END;

-- /clock.ics holds the decisions of the events that realise its items.
CREATE TRIGGER feed_versions_event_decision AFTER INSERT ON audit_log
WHEN new.entity = 'event'
  AND (coalesce(new.before_json ->> '$.status', 'draft') <> 'draft' OR coalesce(new.after_json ->> '$.status', 'draft') <> 'draft')
  AND (new.before_json ->> '$.decision' IS NOT NULL OR new.after_json ->> '$.decision' IS NOT NULL)
BEGIN
  INSERT INTO feed_versions (kind, slug, version, changed_at) VALUES ('clock', '', new.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  ON CONFLICT (kind, slug) DO UPDATE SET version = excluded.version, changed_at = max(changed_at, excluded.changed_at);
END;

-- People who sign in. Email is the key that Cloudflare Access and invitations use.
CREATE TABLE people (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL CHECK (name <> ''),
  email TEXT NOT NULL UNIQUE CHECK (email <> '' AND email = lower(email)),
  -- 'pbkdf2-sha256$<iterations>$<salt>$<hash>'; NULL until an invitation is used.
  password_hash TEXT,
  created_at TEXT NOT NULL,
  last_sign_in_at TEXT
);

-- administrator: everything; organiser: events and clock items of the
-- organisation; viewer: members-only content.
CREATE TABLE memberships (
  person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  organisation_id INTEGER NOT NULL REFERENCES organisations (id),
  role TEXT NOT NULL CHECK (role IN ('administrator', 'organiser', 'viewer')),
  PRIMARY KEY (person_id, organisation_id)
);
CREATE INDEX memberships_by_organisation ON memberships (organisation_id);

-- Single-use links with which a person sets a password; only the hash is kept.
CREATE TABLE invitations (
  token_hash TEXT PRIMARY KEY CHECK (length(token_hash) = 64),
  person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  created_by INTEGER REFERENCES people (id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT
);
CREATE INDEX invitations_by_person ON invitations (person_id);

-- Signed-in browsers. The cookie holds a random secret; only its hash is kept.
CREATE TABLE sessions (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
  person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX sessions_by_person ON sessions (person_id);

-- Failed sign-ins, counted per account and per address to slow down guessing.
CREATE TABLE login_failures (
  id INTEGER PRIMARY KEY,
  -- 'account:<email>' or 'address:<ip>'
  key TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX login_failures_by_key ON login_failures (key, at);

-- Personal secret feed URLs with members-only events; only the hash is kept.
CREATE TABLE feed_keys (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
  person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX feed_keys_by_person ON feed_keys (person_id);

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

-- Imports and syncs run as jobs, a few events per request (migration
-- 0019): the calendar cut into event groups, and what was done to each,
-- written in the event's own batch so that a step run twice writes
-- nothing twice.
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

-- Rules of the whole service that a batch must leave holding (e.g. an administrator stays): a batch that
-- could break one ends by inserting whether it holds, then deletes the row; the CHECK rolls a breaking batch back.
CREATE TABLE rule_checks (
  holds INTEGER NOT NULL CONSTRAINT rule_holds CHECK (holds = 1)
);
