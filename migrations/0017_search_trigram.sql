-- Migration 0017: search finds inflected and compound forms.
-- The index is of trigrams (every run of three characters), so a search
-- matches anywhere inside a word: "kertomus" finds "hyvinvointikertomus",
-- and the stem the query cuts ("mielentervey") finds "mielenterveyden".
-- Every text begins with a space and has no line breaks, so that " ii"
-- (a space and a short word) finds a word beginning with "ii".
DROP TRIGGER events_fts_insert;
DROP TRIGGER events_fts_update;
DROP TRIGGER events_fts_delete;
DROP TABLE events_fts;

CREATE VIRTUAL TABLE events_fts USING fts5 (
  event_id UNINDEXED,
  title,
  description,
  place,
  tokenize = 'trigram remove_diacritics 1'
);

CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN
  INSERT INTO events_fts (event_id, title, description, place) VALUES (
    new.id,
    ' ' || concat_ws(' ', new.title_fi, new.title_sv, new.title_en),
    ' ' || replace(replace(concat_ws(' ', new.description_fi, new.description_sv, new.description_en), char(13), ' '), char(10), ' '),
    ' ' || concat_ws(' ', new.location_place, new.location_address)
  );
END;

CREATE TRIGGER events_fts_update AFTER UPDATE OF title_fi, title_sv, title_en, description_fi, description_sv, description_en, location_place, location_address ON events BEGIN
  DELETE FROM events_fts WHERE event_id = old.id;
  INSERT INTO events_fts (event_id, title, description, place) VALUES (
    new.id,
    ' ' || concat_ws(' ', new.title_fi, new.title_sv, new.title_en),
    ' ' || replace(replace(concat_ws(' ', new.description_fi, new.description_sv, new.description_en), char(13), ' '), char(10), ' '),
    ' ' || concat_ws(' ', new.location_place, new.location_address)
  );
END;

CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN
  DELETE FROM events_fts WHERE event_id = old.id;
END;

INSERT INTO events_fts (event_id, title, description, place)
SELECT
  id,
  ' ' || concat_ws(' ', title_fi, title_sv, title_en),
  ' ' || replace(replace(concat_ws(' ', description_fi, description_sv, description_en), char(13), ' '), char(10), ' '),
  ' ' || concat_ws(' ', location_place, location_address)
FROM events;
