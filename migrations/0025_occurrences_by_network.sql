-- Migration 0025: the stored occurrences again, once per network of their
-- event, in time order. A list filtered by network read the window's
-- occurrences of every network and skipped the others' row by row (a
-- network's month beside another network's 100 daily series read their
-- 3,000 rows); it reads its networks' ranges of this index instead. Kept
-- by triggers: an occurrence written, a network added to or taken from an
-- event; an occurrence deleted takes its rows with it.
CREATE TABLE occurrence_networks (
  network_id INTEGER NOT NULL,
  long INTEGER NOT NULL,
  starts_at TEXT NOT NULL,
  event_id TEXT NOT NULL,
  recurrence_id TEXT NOT NULL,
  PRIMARY KEY (network_id, long, starts_at, event_id, recurrence_id),
  FOREIGN KEY (event_id, recurrence_id) REFERENCES occurrences (event_id, recurrence_id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE INDEX occurrence_networks_by_occurrence ON occurrence_networks (event_id, recurrence_id);

INSERT INTO occurrence_networks (network_id, long, starts_at, event_id, recurrence_id)
SELECT en.network_id, o.long, o.starts_at, o.event_id, o.recurrence_id
FROM occurrences o JOIN event_networks en ON en.event_id = o.event_id;

CREATE TRIGGER occurrence_networks_of_occurrence AFTER INSERT ON occurrences BEGIN
  INSERT OR IGNORE INTO occurrence_networks (network_id, long, starts_at, event_id, recurrence_id)
  SELECT network_id, new.long, new.starts_at, new.event_id, new.recurrence_id FROM event_networks WHERE event_id = new.event_id;
END;

CREATE TRIGGER occurrence_networks_of_network AFTER INSERT ON event_networks BEGIN
  INSERT OR IGNORE INTO occurrence_networks (network_id, long, starts_at, event_id, recurrence_id)
  SELECT new.network_id, long, starts_at, event_id, recurrence_id FROM occurrences WHERE event_id = new.event_id;
END;

CREATE TRIGGER occurrence_networks_without_network AFTER DELETE ON event_networks BEGIN
  DELETE FROM occurrence_networks WHERE event_id = old.event_id AND network_id = old.network_id;
END;
