-- The final step of a flow writes a random claim into it; every other statement of that batch checks for its own
-- claim, so a concurrent duplicate of the same step (same flow, same second) can never write anything.
ALTER TABLE activation_flows ADD COLUMN claim TEXT;
ALTER TABLE registration_flows ADD COLUMN claim TEXT;
CREATE INDEX activation_flows_by_claim ON activation_flows(claim);
CREATE INDEX registration_flows_by_claim ON registration_flows(claim);
