/** Helpers for the operations tests: requests under other settings than the test pool's, and the worker's log lines. */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { vi } from "vitest";
import worker from "../../worker/src/index";
import type { ApiResponse } from "./helpers";
import { randomIp, readAnswer } from "./helpers";

const BASE = "http://127.0.0.1:8787";

/** Sends a request to the worker with some settings changed (a production deployment, another registry…). */
export async function callWith<T = any>(
  overrides: Record<string, unknown>,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiResponse<T>> {
  const all: Record<string, string> = {
    ...(method !== "GET" && { origin: BASE }),
    "cf-connecting-ip": randomIp(),
    ...(body !== undefined && { "content-type": "application/json" }),
    ...headers,
  };
  const ctx = createExecutionContext();
  const req = new Request(`${BASE}${path}`, {
    method,
    headers: all,
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const res = await worker.fetch(req, { ...env, ...overrides } as typeof env, ctx);
  await waitOnExecutionContext(ctx);
  return readAnswer<T>(res);
}

/** Records every console line written while `run` runs (and still lets the test see them); returns them as text. */
export async function captureLogs<T>(run: () => Promise<T>): Promise<{ result: T; lines: string[] }> {
  const lines: string[] = [];
  const spies = (["log", "info", "warn", "error", "debug"] as const).map((level) =>
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      lines.push(
        args
          .map((a) => (typeof a === "string" ? a : a instanceof Error ? `${a.name}: ${a.message}` : JSON.stringify(a)))
          .join(" "),
      );
    }),
  );
  try {
    return { result: await run(), lines };
  } finally {
    for (const s of spies) s.mockRestore();
  }
}

/** The request log lines (`type: "request"`) among captured lines. */
export function requestLines(lines: string[]): Array<Record<string, unknown>> {
  return lines.flatMap((l) => {
    try {
      const v = JSON.parse(l) as Record<string, unknown>;
      return v && v.type === "request" ? [v] : [];
    } catch {
      return [];
    }
  });
}

/** A fresh P-256 private JWK (not a development key), with a kid. */
export async function freshJwk(kid: string): Promise<string> {
  const pair = (await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
    "sign",
    "verify",
  ])) as CryptoKeyPair;
  const { kty, crv, x, y, d } = (await crypto.subtle.exportKey("jwk", pair.privateKey)) as JsonWebKey;
  return JSON.stringify({ kty, crv, x, y, d, kid, alg: "ES256" });
}

/** Settings of a production deployment with its own keys, an HTTP SMS provider and the HTTP registry (the fake). */
export async function productionSettings(): Promise<Record<string, string>> {
  return {
    ENVIRONMENT: "production",
    PEPPER: `prod-pepper-${crypto.randomUUID()}`,
    IDENTITY_SIGNING_KEY: await freshJwk("prod-2026-12"),
    IDENTITY_PREVIOUS_KEYS: "[]",
    INTAKE_SEAL_KEY: await freshJwk("seal-2026-12"),
    BOOTSTRAP_TOKEN: `prod-bootstrap-${crypto.randomUUID()}`,
    SMS_ADAPTER: "http",
    SMS_HTTP_URL: "https://sms.provider.example/v1/messages",
    SMS_HTTP_TOKEN: "prod-sms-token",
    REGISTRY_ADAPTER: "http",
    REGISTRY_HTTP_URL: "http://registry.test/ok/production",
    REGISTRY_HTTP_TOKEN: "prod-registry-token",
  };
}
