-- Migration 0005: organisers write clock items; the audit log records clocks too.

-- SQLite cannot change a CHECK constraint in place: the audit log is rebuilt
-- with the wider one, rows kept as they are.
CREATE TABLE audit_log_new (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  token_id INTEGER REFERENCES api_tokens (id),
  action TEXT NOT NULL CHECK (action IN ('create', 'update', 'cancel', 'delete')),
  entity TEXT NOT NULL CHECK (entity IN ('event', 'clock', 'clock_item')),
  entity_id TEXT NOT NULL,
  before_json TEXT,
  after_json TEXT
);
INSERT INTO audit_log_new (id, at, token_id, action, entity, entity_id, before_json, after_json)
  SELECT id, at, token_id, action, entity, entity_id, before_json, after_json FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE audit_log_new RENAME TO audit_log;
CREATE INDEX audit_log_by_entity ON audit_log (entity, entity_id, at);

-- The ETag of an item, and the guard that makes its write all-or-nothing.
ALTER TABLE clock_items ADD COLUMN revision TEXT NOT NULL DEFAULT 'initial';
ALTER TABLE clock_items ADD COLUMN updated_at TEXT;
