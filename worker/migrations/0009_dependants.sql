-- "Người phụ thuộc" (seed Phụ lục 1 III, level 2, item 4): children under 14 that a level-2 parent or guardian adds
-- from the population registry. A child has at most 2 guardians here; a guardian adds a child once.
CREATE TABLE dependants (
  -- Random; the audit line of the batch that added the row checks for it.
  id TEXT PRIMARY KEY,
  guardian_id TEXT NOT NULL REFERENCES accounts(id),
  child_id TEXT NOT NULL REFERENCES registry(id),
  added_at INTEGER NOT NULL,
  UNIQUE (guardian_id, child_id)
);
CREATE INDEX dependants_by_child ON dependants(child_id);
