-- Security round 2 against insiders (issue 17): dependant links become requests that an officer of the child's
-- unit approves unless the registry lists the parent; phone changes and dependant links are told in "Thông báo";
-- a lost appointment code is texted again, at most once per 10 minutes.

-- "Người phụ thuộc": a link is `pending` until an officer of `unit_code` (the unit of the child's registry address)
-- approves it; one the registry backs (`guardian_ids` below) is `approved` at once. Links made before are approved.
ALTER TABLE dependants ADD COLUMN status TEXT NOT NULL DEFAULT 'approved' CHECK (status IN ('pending', 'approved'));
ALTER TABLE dependants ADD COLUMN unit_code TEXT;
ALTER TABLE dependants ADD COLUMN decided_by TEXT;
ALTER TABLE dependants ADD COLUMN decided_at INTEGER;
-- A random value written by the first statement of a batch (db/claim.ts); the batch's other statements check for it.
ALTER TABLE dependants ADD COLUMN claim TEXT;
CREATE INDEX dependants_by_claim ON dependants(claim);
CREATE INDEX dependants_by_unit ON dependants(unit_code, status, added_at);

-- The registry's own record of a child's parents or guardians: a JSON array of ID numbers (at most 2).
ALTER TABLE registry ADD COLUMN guardian_ids TEXT NOT NULL DEFAULT '[]';

-- When a booking's code was last texted again (APPOINTMENT_EXISTS), so that a phone is not flooded with it.
ALTER TABLE appointments ADD COLUMN resent_at INTEGER;

-- "Thông báo" gains two kinds: `phone` (the account's phone changed by an approved file) and `dependant` (a link to
-- a child made, refused or removed). SQLite cannot change a CHECK constraint in place: the table is rebuilt.
CREATE TABLE notifications_next (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  account_id TEXT NOT NULL REFERENCES accounts(id),
  kind TEXT NOT NULL CHECK (kind IN ('approval', 'device', 'expiry', 'recovery', 'phone', 'dependant')),
  at INTEGER NOT NULL,
  detail TEXT NOT NULL DEFAULT '{}',
  dedupe_key TEXT,
  read_at INTEGER,
  UNIQUE (account_id, dedupe_key)
);
INSERT INTO notifications_next (id, account_id, kind, at, detail, dedupe_key, read_at)
  SELECT id, account_id, kind, at, detail, dedupe_key, read_at FROM notifications;
DROP TABLE notifications;
ALTER TABLE notifications_next RENAME TO notifications;
CREATE INDEX notifications_by_account ON notifications(account_id, id);
