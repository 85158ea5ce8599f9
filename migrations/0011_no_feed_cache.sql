-- Migration 0011: built feed bodies are no longer kept in D1. A feed is
-- built from the stored VEVENT texts (event_components) with one query,
-- which costs less than gunzipping a stored body; the bodies stay in the
-- isolate's memory and the edge cache.
DROP TABLE feed_cache;
