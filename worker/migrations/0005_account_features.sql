-- The citizen's account features: the passcode lockout and the notifications.

-- Wrong passcodes in a row. At 5 the passcode is locked until it is reset through "Quên mã passcode" (OTP).
ALTER TABLE accounts ADD COLUMN passcode_failures INTEGER NOT NULL DEFAULT 0;

-- "Thông báo": what the citizen is told in the app (approval, device change, card expiry, recovery).
-- `dedupe_key` makes a notice that is derived from state (an expiry warning) be written once.
CREATE TABLE notifications (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  account_id TEXT NOT NULL REFERENCES accounts(id),
  kind TEXT NOT NULL CHECK (kind IN ('approval', 'device', 'expiry', 'recovery')),
  at INTEGER NOT NULL,
  detail TEXT NOT NULL DEFAULT '{}',
  dedupe_key TEXT,
  read_at INTEGER,
  UNIQUE (account_id, dedupe_key)
);
CREATE INDEX notifications_by_account ON notifications(account_id, id);
