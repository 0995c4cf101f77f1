import type { Gender } from "../../../shared/citizen";
import type { Clock } from "../clock";
import { citizenLookup, findCitizen, findCitizens } from "../db/registry";
import type { Env } from "../env";
import { AppError } from "../errors";
import { HttpRegistry } from "./registry-http";

/** A citizen as the population registry (CSDL quốc gia về dân cư) knows them. */
export interface Citizen {
  id: string;
  oldId: string;
  fullName: string;
  dob: string;
  gender: Gender;
  address: string;
  /** E.164. */
  phone: string;
  cardType: string;
  cardIssued: string;
  /** A child's parents or guardians as the registry records them (ID numbers); absent or empty when it records none. */
  guardianIds?: string[];
}

/** How a caller needs a lookup. */
export interface LookupOptions {
  /**
   * The record only decorates an answer (a name on a screen): while the registry is down, `null` at once instead of
   * 503 `REGISTRY_UNAVAILABLE`, and no retry.
   */
  bestEffort?: boolean;
}

/**
 * Read access to the population registry: the national database over HTTP (`REGISTRY_ADAPTER = "http"`,
 * `registry-http.ts`), or the local D1 table (`"d1"`). An adapter that cannot answer throws 503
 * `REGISTRY_UNAVAILABLE` (never `null`, which means "not in the registry"), so every route that can reach it
 * declares that code.
 */
export interface RegistryAdapter {
  findCitizen(id: string, options?: LookupOptions): Promise<Citizen | null>;
  /** Many at once (a batch of offline-intake records), where the registry can; absent IDs are left out. */
  findCitizens?(ids: string[]): Promise<Map<string, Citizen>>;
  /**
   * Where the registry is a table of the app's own D1 database: the lookup as a statement for the caller's batch
   * (one round trip instead of two), and how to read its result.
   */
  lookupInBatch?(id: string): RegistryLookup;
}

/** A registry lookup that rides in the caller's D1 batch. */
export interface RegistryLookup {
  statement: D1PreparedStatement;
  read(result: D1Result | undefined): Citizen | null;
}

/** The local registry: the `registry` table of the app's own D1 database (db/registry.ts). */
export class D1Registry implements RegistryAdapter {
  constructor(private readonly db: D1Database) {}

  findCitizen(id: string): Promise<Citizen | null> {
    return findCitizen(this.db, id);
  }

  lookupInBatch(id: string): RegistryLookup {
    return citizenLookup(this.db, id);
  }

  findCitizens(ids: string[]): Promise<Map<string, Citizen>> {
    return findCitizens(this.db, ids);
  }
}

/** Seconds a citizen is asked to wait when the registry cannot answer and no better hint is known. */
export const REGISTRY_RETRY_AFTER = 10;

/** The answer of a registry that cannot answer: 503 with `Retry-After`. */
export function registryUnavailable(retryAfter: number = REGISTRY_RETRY_AFTER): AppError {
  return new AppError("REGISTRY_UNAVAILABLE", { retryAfter: Math.max(1, Math.ceil(retryAfter)) });
}

const reported = new Set<string>();

/**
 * A registry that is not configured (`REGISTRY_ADAPTER` unknown, or `http` without its URL or token): every lookup
 * answers `REGISTRY_UNAVAILABLE`, the error log says why once per isolate, and readiness names it.
 */
export class UnconfiguredRegistry implements RegistryAdapter {
  constructor(readonly reason: string) {}

  async findCitizen(_id: string, options: LookupOptions = {}): Promise<Citizen | null> {
    if (!reported.has(this.reason)) {
      reported.add(this.reason);
      console.error(JSON.stringify({ type: "registry", event: "unconfigured", reason: this.reason }));
    }
    if (options.bestEffort) return null;
    throw registryUnavailable();
  }
}

/**
 * What is wrong with the registry configuration, or `null`: `REGISTRY_ADAPTER` is `d1` or `http` (the default, as
 * production is), and `http` needs `REGISTRY_HTTP_URL` and the `REGISTRY_HTTP_TOKEN` secret.
 */
export function registryConfigProblem(
  env: Pick<Env, "REGISTRY_ADAPTER" | "REGISTRY_HTTP_URL" | "REGISTRY_HTTP_TOKEN">,
): string | null {
  const kind = env.REGISTRY_ADAPTER || "http";
  if (kind === "d1") return null;
  if (kind !== "http") return `REGISTRY_ADAPTER "${kind}" is neither "d1" nor "http"`;
  if (!env.REGISTRY_HTTP_URL) return "REGISTRY_HTTP_URL is not set";
  if (!/^https?:\/\/[^/]/.test(env.REGISTRY_HTTP_URL)) return "REGISTRY_HTTP_URL is not an http(s) URL";
  if (!env.REGISTRY_HTTP_TOKEN) return "REGISTRY_HTTP_TOKEN is not set";
  return null;
}

/** The adapter `REGISTRY_ADAPTER` names; `requestId` goes along with the registry's requests, for tracing. */
export function registryAdapter(env: Env, clock: Clock, requestId?: string): RegistryAdapter {
  const problem = registryConfigProblem(env);
  if (problem) return new UnconfiguredRegistry(problem);
  if ((env.REGISTRY_ADAPTER || "http") === "d1") return new D1Registry(env.DB);
  const upstream = env.REGISTRY_UPSTREAM;
  return new HttpRegistry({
    url: env.REGISTRY_HTTP_URL as string,
    token: env.REGISTRY_HTTP_TOKEN as string,
    clock,
    ...(requestId !== undefined && { requestId }),
    ...(upstream && { fetcher: (req: Request) => upstream.fetch(req) }),
  });
}
