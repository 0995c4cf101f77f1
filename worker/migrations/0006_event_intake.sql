-- Offline intake at community events (issue 5).

-- An officer's event session: started online, then records are captured offline, sealed to the key `kid`, and
-- uploaded later. Days are Vietnam dates (yyyy-mm-dd, both included).
CREATE TABLE event_sessions (
  id TEXT PRIMARY KEY,
  officer TEXT NOT NULL REFERENCES officers(username),
  unit_code TEXT NOT NULL REFERENCES units(code),
  place TEXT NOT NULL,
  first_day TEXT NOT NULL,
  last_day TEXT NOT NULL,
  kid TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX event_sessions_by_officer ON event_sessions(officer, created_at);

-- One row per uploaded record, keyed by (session, client id): a replayed record gets the first outcome back and
-- never makes a second file. `processing` is a claim taken at `claimed_at`; a claim older than a minute (a worker
-- that died mid-record) may be taken again (the office intake's duplicate check then keeps it to one file).
CREATE TABLE event_records (
  event_id TEXT NOT NULL REFERENCES event_sessions(id),
  client_id TEXT NOT NULL,
  captured_at INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('processing', 'accepted', 'duplicate', 'rejected')),
  reference TEXT,
  code TEXT,
  claimed_at INTEGER NOT NULL,
  decided_at INTEGER,
  PRIMARY KEY (event_id, client_id)
);

-- Development only (`POST /api/dev/faults`): failures injected into the next requests of a route, for the tests.
CREATE TABLE dev_faults (
  route TEXT PRIMARY KEY,
  remaining INTEGER NOT NULL,
  mode TEXT NOT NULL,
  delay_ms INTEGER NOT NULL DEFAULT 0
);
