-- Account security: "Quên mật khẩu" / "Quên mã passcode" flows, the security-answer lockout of password recovery,
-- an opaque public id for each citizen session ("Quản lý thiết bị"), and the citizen's own activity list.

-- A server-side recovery flow; its bearer id is stored as a SHA-256. `question_slot` is the security question
-- (1 or 2) this password-recovery flow asks, picked at random when the flow opens and kept for the flow.
CREATE TABLE recovery_flows (
  id_hash TEXT PRIMARY KEY,
  purpose TEXT NOT NULL CHECK (purpose IN ('password', 'passcode')),
  account_id TEXT NOT NULL REFERENCES accounts(id),
  phone TEXT NOT NULL,
  step TEXT NOT NULL,
  question_slot INTEGER CHECK (question_slot IN (1, 2)),
  otp_expires_at INTEGER,
  otp_resend_at INTEGER,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  ended_at INTEGER,
  -- The final step's batch writes a random claim here; its other statements check for it.
  claim TEXT
);
CREATE INDEX recovery_flows_by_account ON recovery_flows(account_id, purpose);
CREATE INDEX recovery_flows_by_claim ON recovery_flows(claim);

-- Wrong security answers in password recovery, across flows; the fifth locks recovery until `recovery_locked_until`.
ALTER TABLE accounts ADD COLUMN recovery_failures INTEGER NOT NULL DEFAULT 0;
ALTER TABLE accounts ADD COLUMN recovery_locked_until INTEGER NOT NULL DEFAULT 0;

-- What the API shows of a session instead of its token hash: random, set by the trigger on every insert.
ALTER TABLE sessions ADD COLUMN public_id TEXT;
UPDATE sessions SET public_id = lower(hex(randomblob(12))) WHERE public_id IS NULL;
CREATE UNIQUE INDEX sessions_by_public_id ON sessions(public_id);
CREATE TRIGGER sessions_public_id AFTER INSERT ON sessions WHEN NEW.public_id IS NULL BEGIN UPDATE sessions SET public_id = lower(hex(randomblob(12))) WHERE token_hash = NEW.token_hash; END;

-- "Hoạt động của tôi": an account's newest audit lines.
CREATE INDEX audit_log_by_account ON audit_log(account_id, id);
