-- Registry, accounts, devices, sessions, activation flows, SMS outbox, audit log. Times are unix seconds.

CREATE TABLE security_questions (
  id INTEGER PRIMARY KEY,
  text TEXT NOT NULL
);

-- The local stand-in for the national population database (CSDL quốc gia về dân cư).
CREATE TABLE registry (
  id TEXT PRIMARY KEY CHECK (length(id) = 12),
  old_id TEXT NOT NULL DEFAULT '',
  full_name TEXT NOT NULL,
  dob TEXT NOT NULL,
  gender TEXT NOT NULL CHECK (gender IN ('Nam', 'Nữ')),
  address TEXT NOT NULL,
  phone TEXT NOT NULL,
  card_type TEXT NOT NULL,
  card_issued TEXT NOT NULL,
  qr TEXT NOT NULL DEFAULT '',
  updated_at INTEGER NOT NULL
);

CREATE TABLE accounts (
  id TEXT PRIMARY KEY REFERENCES registry(id),
  phone TEXT NOT NULL,
  level INTEGER NOT NULL,
  status TEXT NOT NULL,
  password_hash TEXT,
  passcode_hash TEXT,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  activated_at INTEGER,
  CHECK ((level = 0 AND status = 'app') OR (level IN (1, 2) AND status IN ('pending', 'approved', 'active')))
);

CREATE TABLE security_answers (
  account_id TEXT NOT NULL REFERENCES accounts(id),
  slot INTEGER NOT NULL CHECK (slot IN (1, 2)),
  question_id INTEGER NOT NULL REFERENCES security_questions(id),
  answer_hash TEXT NOT NULL,
  PRIMARY KEY (account_id, slot)
);

-- One device per account and one account per device.
CREATE TABLE devices (
  device_id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL UNIQUE REFERENCES accounts(id),
  bound_at INTEGER NOT NULL
);

-- Only the SHA-256 of a session token is stored.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id),
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  revoked_at INTEGER
);
CREATE INDEX sessions_by_account ON sessions(account_id);

-- A server-side activation flow; its bearer id is stored as a SHA-256.
CREATE TABLE activation_flows (
  id_hash TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id),
  phone TEXT NOT NULL,
  device_id TEXT NOT NULL,
  step TEXT NOT NULL,
  needs_password INTEGER NOT NULL,
  device_status TEXT NOT NULL,
  password_hash TEXT,
  passcode_hash TEXT,
  otp_expires_at INTEGER,
  otp_resend_at INTEGER,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  ended_at INTEGER
);
CREATE INDEX activation_flows_by_account ON activation_flows(account_id);

-- The local SMS adapter's outbox.
CREATE TABLE sms_outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  to_phone TEXT NOT NULL,
  text TEXT NOT NULL,
  sent_at INTEGER NOT NULL
);
CREATE INDEX sms_outbox_by_phone ON sms_outbox(to_phone, id);

-- Append-only: the triggers refuse updates and deletes.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  event TEXT NOT NULL,
  account_id TEXT,
  detail TEXT NOT NULL DEFAULT '{}'
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- Development only: how far POST /api/dev/clock has moved the server clock.
CREATE TABLE dev_clock (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  offset_seconds INTEGER NOT NULL
);
