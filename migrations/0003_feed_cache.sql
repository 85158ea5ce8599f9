-- Migration 0003: built iCalendar feeds, kept between requests and isolates.
CREATE TABLE feed_cache (
  -- The feed's selection (filters, language, origin), normalised.
  key TEXT PRIMARY KEY,
  -- The ETag the body was built for; a different ETag means rebuild.
  etag TEXT NOT NULL,
  -- The body, gzip-compressed (D1 rows are limited to 2 MB).
  body BLOB NOT NULL,
  built_at TEXT NOT NULL
);
