-- Migration 0012: an organisation becomes a co-organiser of an event only
-- when an organiser of it accepts. Until then it is an invitation: not
-- shown with the event, and without rights to it.
CREATE TABLE co_organiser_invitations (
  event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  organisation_id INTEGER NOT NULL REFERENCES organisations (id),
  invited_at TEXT NOT NULL,
  PRIMARY KEY (event_id, organisation_id)
);
CREATE INDEX co_organiser_invitations_by_organisation ON co_organiser_invitations (organisation_id);

-- The audit trail records accepting and declining such invitations.
-- Rebuilt for the wider CHECK; rows and ids kept (the newest id is the data version).
CREATE TABLE audit_log_new (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  -- How the writer signed in: 'token', 'session', 'access'; 'system' for scripts.
  via TEXT NOT NULL DEFAULT 'token' CHECK (via IN ('token', 'session', 'access', 'system')),
  token_id INTEGER REFERENCES api_tokens (id),
  person_id INTEGER REFERENCES people (id) ON DELETE SET NULL,
  session_id INTEGER REFERENCES sessions (id) ON DELETE SET NULL,
  action TEXT NOT NULL CHECK (action IN ('create', 'update', 'cancel', 'delete', 'revoke', 'invite', 'accept', 'decline')),
  entity TEXT NOT NULL CHECK (entity IN ('event', 'clock', 'clock_item', 'person', 'membership', 'token', 'invitation', 'organisation', 'network')),
  entity_id TEXT NOT NULL,
  before_json TEXT,
  after_json TEXT
);
INSERT INTO audit_log_new (id, at, via, token_id, person_id, session_id, action, entity, entity_id, before_json, after_json)
  SELECT id, at, via, token_id, person_id, session_id, action, entity, entity_id, before_json, after_json FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE audit_log_new RENAME TO audit_log;
CREATE INDEX audit_log_by_entity ON audit_log (entity, entity_id, at);
CREATE INDEX audit_log_by_person ON audit_log (person_id);
