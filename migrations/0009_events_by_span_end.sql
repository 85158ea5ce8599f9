-- Migration 0009: windows of events are read by where events end.
-- A window [from, to) needs events that start before `to` and end after
-- `from` (or never end). The index led by span_start read every event that
-- began before `to`, i.e. all of history; led by span_end, a read touches
-- only the events that end after `from`, however long the history is.
DROP INDEX events_by_span;
CREATE INDEX events_by_span_end ON events (status, span_end, span_start);
