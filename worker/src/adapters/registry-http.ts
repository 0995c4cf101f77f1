/**
 * The national population registry over HTTP (`REGISTRY_ADAPTER = "http"`), by the contract of
 * docs/registry-api.md and `shared/registry-api.ts`: `POST <url>/citizens/lookup` with the ID numbers in the body,
 * a bearer token, and the request id.
 *
 * - Each attempt has a timeout. A lookup only reads, so a failed attempt (timeout, network, 5xx, 429) is retried a
 *   bounded number of times; any other 4xx, or an answer that does not fit the contract, is final.
 * - An answer that does not fit the contract is a failure, never "not found": a citizen never gets a wrong
 *   "Không đạt" or "Số định danh cá nhân hoặc số điện thoại không đúng" because the registry sent garbage.
 * - A circuit breaker stops calling a registry that keeps failing: after {@link CIRCUIT}.failures failed lookups
 *   in a row it opens, and for {@link CIRCUIT}.openSeconds every lookup fails at once (503 with the time left as
 *   `Retry-After`); then one lookup at a time probes it, and the first success closes it. Its state lives in the
 *   isolate's memory: each isolate learns on its own (a few slow failures each), which is acceptable and needs no
 *   shared storage on the failure path.
 */
import { REGISTRY_LOOKUP_MAX_IDS, type RegistryCitizenT, RegistryLookupResponse } from "../../../shared/registry-api";
import { parseVnMobile } from "../../../shared/phone";
import type { Clock } from "../clock";
import {
  type Citizen,
  type LookupOptions,
  REGISTRY_RETRY_AFTER,
  type RegistryAdapter,
  registryUnavailable,
} from "./registry";

/** Bounds of each lookup: attempts (the first and the retries), each attempt's timeout, the pause between. */
export const HTTP_REGISTRY = { attempts: 2, timeoutMs: 2500, backoffMs: 200 } as const;

/** The circuit breaker: failed lookups in a row that open it, and how long it stays open. */
export const CIRCUIT = { failures: 5, openSeconds: 30 } as const;

/** Where a circuit stands. */
export type CircuitState = "closed" | "open" | "half-open";

/** A circuit breaker, in unix seconds of the caller's clock (the movable clock in development). */
export class CircuitBreaker {
  private failures = 0;
  private openUntil = 0;
  /** When the current half-open probe started, or 0. */
  private probeSince = 0;

  constructor(private readonly bounds: { failures: number; openSeconds: number } = CIRCUIT) {}

  /** The state at `now`. */
  state(now: number): CircuitState {
    if (this.failures < this.bounds.failures) return "closed";
    return now < this.openUntil ? "open" : "half-open";
  }

  /** May a call go out now? In half-open, one probe at a time (a probe that never ended is replaced after a while). */
  permit(now: number): { ok: true } | { ok: false; retryAfter: number } {
    const state = this.state(now);
    if (state === "closed") return { ok: true };
    if (state === "open") return { ok: false, retryAfter: this.openUntil - now };
    if (this.probeSince && now < this.probeSince + this.bounds.openSeconds) return { ok: false, retryAfter: 1 };
    this.probeSince = now;
    return { ok: true };
  }

  /** A call succeeded: closed. Returns true when that closed an open circuit. */
  success(): boolean {
    const wasOpen = this.failures >= this.bounds.failures;
    this.failures = 0;
    this.openUntil = 0;
    this.probeSince = 0;
    return wasOpen;
  }

  /** A call failed. Returns true when that opened the circuit (again). */
  failure(now: number): boolean {
    this.failures += 1;
    this.probeSince = 0;
    if (this.failures < this.bounds.failures) return false;
    this.openUntil = now + this.bounds.openSeconds;
    return true;
  }

  /** Seconds until a call may go out again (0 when closed). */
  retryAfter(now: number): number {
    return this.state(now) === "open" ? this.openUntil - now : 0;
  }
}

/** One breaker per registry URL, per isolate. */
const breakers = new Map<string, CircuitBreaker>();

/** The breaker of a registry URL. */
export function breakerFor(url: string): CircuitBreaker {
  let b = breakers.get(url);
  if (!b) {
    b = new CircuitBreaker();
    breakers.set(url, b);
  }
  return b;
}

/** What the adapter needs. */
export interface HttpRegistryOptions {
  /** The registry's base URL (`REGISTRY_HTTP_URL`); lookups go to `<url>/citizens/lookup`. */
  url: string;
  /** The bearer token (`REGISTRY_HTTP_TOKEN`). */
  token: string;
  clock: Clock;
  /** Sent as `X-Request-Id`, so that the registry's logs and ours meet. */
  requestId?: string;
  fetcher?: (req: Request) => Promise<Response>;
  sleep?: (ms: number) => Promise<unknown>;
  bounds?: { attempts: number; timeoutMs: number; backoffMs: number };
  breaker?: CircuitBreaker;
}

/** Why an attempt failed, and whether another attempt may help. */
type Attempt =
  | { ok: true; citizens: Map<string, Citizen> }
  | { ok: false; reason: string; retry: boolean; retryAfter?: number };

function toCitizen(r: RegistryCitizenT): Citizen {
  return {
    id: r.id,
    oldId: r.oldId ?? "",
    fullName: r.fullName,
    dob: r.dob,
    gender: r.gender,
    address: r.address,
    phone: parseVnMobile(r.phone)?.e164 ?? r.phone,
    cardType: r.cardType,
    cardIssued: r.cardIssued,
  };
}

/** The HTTP adapter (see the module comment). */
export class HttpRegistry implements RegistryAdapter {
  private readonly endpoint: string;
  private readonly fetcher: (req: Request) => Promise<Response>;
  private readonly sleep: (ms: number) => Promise<unknown>;
  private readonly bounds: { attempts: number; timeoutMs: number; backoffMs: number };
  private readonly breaker: CircuitBreaker;

  constructor(private readonly options: HttpRegistryOptions) {
    this.endpoint = `${options.url.replace(/\/+$/, "")}/citizens/lookup`;
    this.fetcher = options.fetcher ?? ((req) => fetch(req));
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.bounds = options.bounds ?? HTTP_REGISTRY;
    this.breaker = options.breaker ?? breakerFor(options.url);
  }

  async findCitizen(id: string, options: LookupOptions = {}): Promise<Citizen | null> {
    const found = await this.lookup([id], options.bestEffort === true);
    return found ? (found.get(id) ?? null) : null;
  }

  async findCitizens(ids: string[]): Promise<Map<string, Citizen>> {
    const unique = [...new Set(ids)];
    const out = new Map<string, Citizen>();
    for (let i = 0; i < unique.length; i += REGISTRY_LOOKUP_MAX_IDS) {
      const found = await this.lookup(unique.slice(i, i + REGISTRY_LOOKUP_MAX_IDS), false);
      for (const [k, v] of found ?? []) out.set(k, v);
    }
    return out;
  }

  /** The records of `ids`; on failure `null` for a best-effort lookup, else 503 `REGISTRY_UNAVAILABLE`. */
  private async lookup(ids: string[], bestEffort: boolean): Promise<Map<string, Citizen> | null> {
    const { clock } = this.options;
    const permit = this.breaker.permit(clock.now());
    if (!permit.ok) {
      if (bestEffort) return null;
      throw registryUnavailable(permit.retryAfter);
    }
    const attempts = bestEffort ? 1 : this.bounds.attempts;
    let last: Attempt = { ok: false, reason: "no attempt", retry: false };
    for (let attempt = 1; attempt <= attempts; attempt++) {
      last = await this.attempt(ids);
      if (last.ok || !last.retry) break;
      if (attempt < attempts) await this.sleep(this.bounds.backoffMs * attempt);
    }
    if (last.ok) {
      if (this.breaker.success()) log("circuit.closed", {});
      return last.citizens;
    }
    const now = clock.now();
    const opened = this.breaker.failure(now);
    log(opened ? "circuit.open" : "failure", {
      reason: last.reason,
      ...(opened && { openSeconds: CIRCUIT.openSeconds }),
    });
    if (bestEffort) return null;
    throw registryUnavailable(Math.max(last.retryAfter ?? 0, this.breaker.retryAfter(now) || REGISTRY_RETRY_AFTER));
  }

  private async attempt(ids: string[]): Promise<Attempt> {
    let res: Response;
    try {
      res = await this.fetcher(
        new Request(this.endpoint, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            accept: "application/json",
            authorization: `Bearer ${this.options.token}`,
            ...(this.options.requestId !== undefined && { "x-request-id": this.options.requestId }),
          },
          body: JSON.stringify({ ids }),
          signal: AbortSignal.timeout(this.bounds.timeoutMs),
        }),
      );
    } catch (err) {
      return {
        ok: false,
        reason: err instanceof Error && err.name === "TimeoutError" ? "timeout" : "network",
        retry: true,
      };
    }
    if (!res.ok) {
      await res.body?.cancel();
      const hint = Number(res.headers.get("retry-after"));
      const retryable = res.status >= 500 || res.status === 429;
      return { ok: false, reason: `HTTP ${res.status}`, retry: retryable, ...(hint > 0 && { retryAfter: hint }) };
    }
    let body: unknown;
    try {
      body = await res.json();
    } catch (err) {
      return {
        ok: false,
        reason: err instanceof Error && err.name === "TimeoutError" ? "timeout" : "not JSON",
        retry: err instanceof Error && err.name === "TimeoutError",
      };
    }
    const parsed = RegistryLookupResponse.safeParse(body);
    if (!parsed.success) return { ok: false, reason: "answer does not fit the contract", retry: false };
    const asked = new Set(ids);
    const citizens = new Map<string, Citizen>();
    for (const r of parsed.data.citizens) {
      if (!asked.has(r.id)) return { ok: false, reason: "answer names an ID that was not asked", retry: false };
      citizens.set(r.id, toCitizen(r));
    }
    return { ok: true, citizens };
  }
}

/** A line of the registry's own log: its failures and the breaker's moves, never an ID number. */
function log(event: string, fields: Record<string, unknown>): void {
  const line = JSON.stringify({ type: "registry", event, ...fields });
  if (event === "circuit.closed") console.log(line);
  else console.error(line);
}
