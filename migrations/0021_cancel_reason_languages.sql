-- Migration 0021: the reason of a cancellation in Swedish and English too.
-- Feeds and pages in those languages show theirs, or else the Finnish one
-- (cancel_reason), as with titles and descriptions.
ALTER TABLE events ADD COLUMN cancel_reason_sv TEXT;
ALTER TABLE events ADD COLUMN cancel_reason_en TEXT;
