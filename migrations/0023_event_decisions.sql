-- Migration 0023: an event may carry a decision, e.g. the council meeting
-- that approves the wellbeing report, and its preparation steps in working
-- days before it: {"title": {fi, sv, en}, "steps": [{"title", "workingDaysBefore"}]}.
-- The decision's day is the day of each occurrence; the steps' dates are
-- computed (over Finnish holidays) when the clock of the event's item is read.
ALTER TABLE events ADD COLUMN decision TEXT CHECK (decision IS NULL OR (json_valid(decision) AND json_type(decision) = 'object'));

-- /clock.ics holds the decisions of the events that realise its items: a
-- write of an event that has or had one bumps the clock's version too.
CREATE TRIGGER feed_versions_event_decision AFTER INSERT ON audit_log
WHEN new.entity = 'event'
  AND (coalesce(new.before_json ->> '$.status', 'draft') <> 'draft' OR coalesce(new.after_json ->> '$.status', 'draft') <> 'draft')
  AND (new.before_json ->> '$.decision' IS NOT NULL OR new.after_json ->> '$.decision' IS NOT NULL)
BEGIN
  INSERT INTO feed_versions (kind, slug, version, changed_at) VALUES ('clock', '', new.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  ON CONFLICT (kind, slug) DO UPDATE SET version = excluded.version, changed_at = max(changed_at, excluded.changed_at);
END;
