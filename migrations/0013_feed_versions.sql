-- Migration 0013: a version per feed term, so that a write changes the
-- validators of only the feeds it can change, not of every feed.
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
