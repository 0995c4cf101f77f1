-- Police units and officers, officer sessions, reference numbers, level-2 intake photos, appointments; the
-- applications table gains the level-2 file (reference, unit, phone, papers, consent, the state before applying,
-- review and decision) and the `superseded` state. Times are unix seconds.

-- The province police and the commune and ward police (no district level since the 2025 reform), loaded from a
-- data file (`npm run units:import`). `place` is the folded place name ("phường tam thanh") that routes online
-- applications by address; `slots` is a JSON array of "HH:MM".
CREATE TABLE units (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('province', 'ward', 'commune')),
  parent TEXT,
  province_code TEXT NOT NULL,
  place TEXT NOT NULL,
  slots TEXT NOT NULL DEFAULT '[]',
  capacity_per_slot INTEGER NOT NULL CHECK (capacity_per_slot > 0),
  updated_at INTEGER NOT NULL
);

CREATE TABLE officers (
  username TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('officer', 'province_admin')),
  unit_code TEXT NOT NULL REFERENCES units(code),
  password_hash TEXT NOT NULL,
  must_change INTEGER NOT NULL DEFAULT 1,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

-- Only the SHA-256 of an officer session token is stored; officer sessions are apart from citizen sessions.
CREATE TABLE officer_sessions (
  token_hash TEXT PRIMARY KEY,
  username TEXT NOT NULL REFERENCES officers(username),
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  revoked_at INTEGER
);
CREATE INDEX officer_sessions_by_username ON officer_sessions(username);

-- The last sequence number handed out per prefix ("L2-020-2026").
CREATE TABLE reference_counters (
  prefix TEXT PRIMARY KEY,
  last INTEGER NOT NULL
);

-- Portraits taken at the police office (bytes in R2 under a random key), before the file exists; each serves one file.
CREATE TABLE intake_photos (
  id TEXT PRIMARY KEY,
  officer TEXT NOT NULL REFERENCES officers(username),
  r2_key TEXT NOT NULL UNIQUE,
  bytes INTEGER NOT NULL,
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  uploaded_at INTEGER NOT NULL,
  -- Set by the intake that uses the photo (once): the intake batch's random claim.
  claim TEXT UNIQUE
);

-- The applications table again, with the level-2 file's columns and the `superseded` state (SQLite cannot change a
-- CHECK constraint in place). Nothing references it, so it is rebuilt and renamed.
CREATE TABLE applications_next (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  account_id TEXT NOT NULL REFERENCES accounts(id),
  level INTEGER NOT NULL CHECK (level IN (1, 2)),
  channel TEXT NOT NULL CHECK (channel IN ('online', 'office')),
  status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'superseded')),
  card_json TEXT NOT NULL,
  photo_id TEXT REFERENCES photos(id),
  email TEXT,
  submitted_at INTEGER NOT NULL,
  decided_at INTEGER,
  reference TEXT UNIQUE,
  tracking_code TEXT,
  unit_code TEXT REFERENCES units(code),
  phone TEXT,
  papers TEXT NOT NULL DEFAULT '{}',
  consent_at INTEGER,
  prior_level INTEGER,
  prior_status TEXT,
  intake_photo_id TEXT UNIQUE REFERENCES intake_photos(id),
  intake_by TEXT REFERENCES officers(username),
  reviewing_at INTEGER,
  reviewing_by TEXT,
  decided_by TEXT,
  reason TEXT,
  superseded_by INTEGER,
  -- A random value written by the first statement of a batch; the batch's other statements check for it.
  claim TEXT
);
INSERT INTO applications_next (id, account_id, level, channel, status, card_json, photo_id, email, submitted_at, decided_at)
  SELECT id, account_id, level, channel, status, card_json, photo_id, email, submitted_at, decided_at FROM applications;
DROP TABLE applications;
ALTER TABLE applications_next RENAME TO applications;
CREATE INDEX applications_by_account ON applications(account_id, status);
CREATE INDEX applications_by_unit ON applications(unit_code, status, submitted_at);
CREATE INDEX applications_by_submitted ON applications(submitted_at);
CREATE INDEX applications_by_decided ON applications(decided_at);
CREATE INDEX applications_by_claim ON applications(claim);
CREATE INDEX applications_by_superseded ON applications(superseded_by);

-- "Đặt lịch hẹn": one row per booking; a slot's count is the rows `booked` for it.
CREATE TABLE appointments (
  code TEXT PRIMARY KEY,
  unit_code TEXT NOT NULL REFERENCES units(code),
  day TEXT NOT NULL,
  time TEXT NOT NULL,
  citizen_id TEXT NOT NULL,
  phone TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('booked', 'cancelled')),
  created_at INTEGER NOT NULL,
  cancelled_at INTEGER
);
CREATE INDEX appointments_by_slot ON appointments(unit_code, day, time, status);
CREATE INDEX appointments_by_citizen ON appointments(citizen_id, status, day);

-- Officer actions name their officer in the (still append-only) audit log.
ALTER TABLE audit_log ADD COLUMN officer TEXT;
CREATE INDEX audit_log_by_event ON audit_log(event, at);
CREATE INDEX audit_log_by_officer ON audit_log(officer, at);
CREATE INDEX audit_log_by_at ON audit_log(at);
