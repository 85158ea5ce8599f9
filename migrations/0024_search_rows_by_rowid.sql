-- Migration 0024: a search row's rowid is its event's. The triggers found
-- an event's row by event_id, which FTS5 does not index, so every edit of a
-- title, description or place read the whole search index (16 ms of SQLite
-- at 50,000 events). The rows are written again with their events' rowids.
DROP TRIGGER events_fts_insert;
DROP TRIGGER events_fts_update;
DROP TRIGGER events_fts_delete;
DELETE FROM events_fts;
INSERT INTO events_fts (rowid, event_id, title, description, place)
SELECT
  rowid,
  id,
    ' ' || concat_ws(' ', title_fi, title_sv, title_en),
    ' ' || replace(replace(concat_ws(' ', description_fi, description_sv, description_en), char(13), ' '), char(10), ' '),
    ' ' || concat_ws(' ', location_place, location_address)
FROM events;

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
