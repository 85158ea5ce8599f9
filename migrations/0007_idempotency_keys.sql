-- Migration 0007: a retried create with the same Idempotency-Key makes no second event.
CREATE TABLE idempotency_keys (
  token_id INTEGER NOT NULL REFERENCES api_tokens (id),
  key TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
  -- SHA-256 of the request body: the same key with another body is refused.
  request_hash TEXT NOT NULL CHECK (length(request_hash) = 64),
  event_id TEXT NOT NULL REFERENCES events (id),
  created_at TEXT NOT NULL,
  PRIMARY KEY (token_id, key)
);
