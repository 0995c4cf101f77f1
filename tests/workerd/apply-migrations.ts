import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";

// Storage is reset per test file; migrations are applied before each file runs.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
