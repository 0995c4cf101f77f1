-- Texts sent after a commit go through the queue vneid-sms (worker/src/domain/texts.ts). What keeps failing is
-- dead-lettered and kept here for "Tin nhắn lỗi", where a province_admin sees it and can "Gửi lại".
CREATE TABLE sms_failed (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  -- The idempotency key the provider de-duplicates on (`<event>:<digest>`); one row per text.
  idem_key TEXT NOT NULL UNIQUE,
  -- What the text was about (activation.completed, application.approved…).
  event TEXT NOT NULL,
  account_id TEXT,
  -- E.164, kept for "Gửi lại"; the screen shows phone_masked only.
  phone TEXT NOT NULL,
  phone_masked TEXT NOT NULL,
  text TEXT NOT NULL,
  -- The provider's last answer (HTTP 503, TimeoutError…).
  reason TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  -- pending: its last attempt failed, on its way to the dead-letter queue (not listed yet); failed: listed, waiting
  -- for "Gửi lại"; resent: sent again by a province_admin.
  state TEXT NOT NULL CHECK (state IN ('pending', 'failed', 'resent')),
  failed_at INTEGER NOT NULL,
  resent_at INTEGER,
  resent_by TEXT,
  -- Written by the batch that moved the row; its audit line is appended only if the claim is there.
  claim TEXT
);
CREATE INDEX sms_failed_by_state ON sms_failed(state, id);
CREATE INDEX sms_failed_by_claim ON sms_failed(claim);

-- The development outbox de-duplicates on the idempotency key, as the provider does.
ALTER TABLE sms_outbox ADD COLUMN idem_key TEXT;
CREATE UNIQUE INDEX sms_outbox_by_key ON sms_outbox(idem_key);
