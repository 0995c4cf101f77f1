-- Wrong-password counts and locks per submitted ID number or officer user name that has no account (or, for a
-- citizen, no password yet): an unknown ID is counted and locked exactly like a known one, so that the lock tells
-- nobody which IDs exist (issue 17, "Lockout oracle"). Known accounts keep their counts in their own rows.
-- `subject` is `citizen:<id>` or `officer:<user name>`; the hourly cron forgets rows idle for a day.
CREATE TABLE login_failures (
  subject TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  locked_until INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX login_failures_by_update ON login_failures(updated_at);
