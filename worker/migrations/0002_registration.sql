-- Registration ("Đăng ký") flows, portrait photos (bytes in R2) and identification applications.

CREATE TABLE registration_flows (
  id_hash TEXT PRIMARY KEY,
  citizen_id TEXT NOT NULL REFERENCES registry(id),
  phone TEXT NOT NULL,
  step TEXT NOT NULL,
  otp_expires_at INTEGER,
  otp_resend_at INTEGER,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  ended_at INTEGER
);
CREATE INDEX registration_flows_by_citizen ON registration_flows(citizen_id);

CREATE TABLE photos (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id),
  r2_key TEXT NOT NULL UNIQUE,
  bytes INTEGER NOT NULL,
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  uploaded_at INTEGER NOT NULL
);
CREATE INDEX photos_by_account ON photos(account_id);

CREATE TABLE applications (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  account_id TEXT NOT NULL REFERENCES accounts(id),
  level INTEGER NOT NULL CHECK (level IN (1, 2)),
  channel TEXT NOT NULL CHECK (channel IN ('online', 'office')),
  status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
  card_json TEXT NOT NULL,
  photo_id TEXT REFERENCES photos(id),
  email TEXT,
  submitted_at INTEGER NOT NULL,
  decided_at INTEGER
);
CREATE INDEX applications_by_account ON applications(account_id, status);
