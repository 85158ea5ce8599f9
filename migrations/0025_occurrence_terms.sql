-- Migration 0025: the stored occurrences once more per network, event
-- type, municipality and organisation of their event, in time order. A
-- filtered list read the window's occurrences of every event and skipped
-- the others' row by row (a network's month beside another network's 100
-- daily series read their 3,000 rows); it reads its terms' ranges of this
-- index instead. Kept by the triggers below (an occurrence written, an
-- event's terms changed); an occurrence deleted takes its rows with it.
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

INSERT INTO occurrence_terms (kind, term_id, long, starts_at, event_id, recurrence_id)
SELECT t.kind, t.term_id, o.long, o.starts_at, o.event_id, o.recurrence_id
FROM occurrences o JOIN (
  SELECT 'network' AS kind, network_id AS term_id, event_id FROM event_networks
  UNION ALL SELECT 'type', event_type_id, id FROM events
  UNION ALL SELECT 'municipality', municipality_id, event_id FROM event_municipalities
  UNION ALL SELECT 'organisation', organisation_id, event_id FROM event_organisations
) t ON t.event_id = o.event_id;

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
