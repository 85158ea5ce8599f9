-- Migration 0008: people sign in; memberships give rights; every write names who made it.

-- People who sign in. Email is the key that Cloudflare Access and invitations use.
CREATE TABLE people (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL CHECK (name <> ''),
  email TEXT NOT NULL UNIQUE CHECK (email <> '' AND email = lower(email)),
  -- 'pbkdf2-sha256$<iterations>$<salt>$<hash>'; NULL until an invitation is used.
  password_hash TEXT,
  created_at TEXT NOT NULL,
  last_sign_in_at TEXT
);

-- administrator: everything; organiser: events and clock items of the
-- organisation; viewer: members-only content.
CREATE TABLE memberships (
  person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  organisation_id INTEGER NOT NULL REFERENCES organisations (id),
  role TEXT NOT NULL CHECK (role IN ('administrator', 'organiser', 'viewer')),
  PRIMARY KEY (person_id, organisation_id)
);
CREATE INDEX memberships_by_organisation ON memberships (organisation_id);

-- Single-use links with which a person sets a password; only the hash is kept.
CREATE TABLE invitations (
  token_hash TEXT PRIMARY KEY CHECK (length(token_hash) = 64),
  person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  created_by INTEGER REFERENCES people (id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT
);
CREATE INDEX invitations_by_person ON invitations (person_id);

-- Signed-in browsers. The cookie holds a random secret; only its hash is kept.
CREATE TABLE sessions (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
  person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX sessions_by_person ON sessions (person_id);

-- Failed sign-ins, counted per account and per address to slow down guessing.
CREATE TABLE login_failures (
  id INTEGER PRIMARY KEY,
  -- 'account:<email>' or 'address:<ip>'
  key TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX login_failures_by_key ON login_failures (key, at);

-- Personal secret feed URLs with members-only events; only the hash is kept.
CREATE TABLE feed_keys (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
  person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX feed_keys_by_person ON feed_keys (person_id);

ALTER TABLE api_tokens ADD COLUMN created_by INTEGER REFERENCES people (id) ON DELETE SET NULL;

-- Members-only events are left out of public lists and feeds.
ALTER TABLE events ADD COLUMN visibility TEXT NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'members'));

-- The audit log names the person, session or token behind each write, and
-- covers people, memberships, tokens and reference data too. Rebuilt for
-- the wider CHECKs; rows and ids kept (the newest id is the data version).
CREATE TABLE audit_log_new (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  -- How the writer signed in: 'token', 'session', 'access'; 'system' for scripts.
  via TEXT NOT NULL DEFAULT 'token' CHECK (via IN ('token', 'session', 'access', 'system')),
  token_id INTEGER REFERENCES api_tokens (id),
  person_id INTEGER REFERENCES people (id) ON DELETE SET NULL,
  session_id INTEGER REFERENCES sessions (id) ON DELETE SET NULL,
  action TEXT NOT NULL CHECK (action IN ('create', 'update', 'cancel', 'delete', 'revoke', 'invite')),
  entity TEXT NOT NULL CHECK (entity IN ('event', 'clock', 'clock_item', 'person', 'membership', 'token', 'invitation', 'organisation', 'network')),
  entity_id TEXT NOT NULL,
  before_json TEXT,
  after_json TEXT
);
INSERT INTO audit_log_new (id, at, via, token_id, action, entity, entity_id, before_json, after_json)
  SELECT id, at, CASE WHEN token_id IS NULL THEN 'system' ELSE 'token' END, token_id, action, entity, entity_id, before_json, after_json FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE audit_log_new RENAME TO audit_log;
CREATE INDEX audit_log_by_entity ON audit_log (entity, entity_id, at);
CREATE INDEX audit_log_by_person ON audit_log (person_id);

-- Idempotency keys belong to whoever wrote: a token ('token:<id>') or a person ('person:<id>').
CREATE TABLE idempotency_keys_new (
  actor TEXT NOT NULL CHECK (actor <> ''),
  key TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
  request_hash TEXT NOT NULL CHECK (length(request_hash) = 64),
  event_id TEXT NOT NULL REFERENCES events (id),
  created_at TEXT NOT NULL,
  PRIMARY KEY (actor, key)
);
INSERT INTO idempotency_keys_new (actor, key, request_hash, event_id, created_at)
  SELECT 'token:' || token_id, key, request_hash, event_id, created_at FROM idempotency_keys;
DROP TABLE idempotency_keys;
ALTER TABLE idempotency_keys_new RENAME TO idempotency_keys;
