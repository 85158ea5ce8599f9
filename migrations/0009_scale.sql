-- Migration 0009: reads that stay cheap as the data grows.

-- Windows of events are read by where events end. A window [from, to)
-- needs events that start before `to` and end after `from` (or never end).
-- The index led by span_start read every event that began before `to`,
-- i.e. all of history; led by span_end, a read touches only the events
-- that end after `from`, however long the history is.
DROP INDEX events_by_span;
CREATE INDEX events_by_span_end ON events (status, span_end, span_start);

-- The VEVENT text of each event per language, so that a feed built in a
-- fresh isolate concatenates stored texts instead of writing every event
-- again. A text is valid for one context: the event's version and what
-- else the text depends on (origin, UID domain, names of terms).
CREATE TABLE event_components (
  event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  language TEXT NOT NULL CHECK (language IN ('fi', 'sv', 'en')),
  context TEXT NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (event_id, language)
);
