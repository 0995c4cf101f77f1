import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { renderHeadersFile } from "../../worker/src/security-headers";

it("the static assets' _headers file carries exactly the worker's security headers", () => {
  const file = readFileSync(join(import.meta.dirname, "..", "..", "pwa", "public", "_headers"), "utf8");
  expect(file).toBe(renderHeadersFile());
});

it("names each header the security issue requires, with its value (removing one fails here)", async () => {
  const { SECURITY_HEADERS } = await import("../../worker/src/security-headers");
  const h = SECURITY_HEADERS as Record<string, string>;
  const get = (name: string) => Object.entries(h).find(([k]) => k.toLowerCase() === name)?.[1];
  expect(get("strict-transport-security")).toMatch(/^max-age=(\d+)/);
  expect(Number(/max-age=(\d+)/.exec(get("strict-transport-security") ?? "")?.[1])).toBeGreaterThanOrEqual(31_536_000);
  expect(get("referrer-policy")).toBe("no-referrer");
  expect(get("x-content-type-options")).toBe("nosniff");
  expect(get("permissions-policy")).toMatch(/(^|,\s*)camera=\(self\)/);
  const csp = get("content-security-policy") ?? "";
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain("unsafe-inline");
  expect(csp).not.toContain("unsafe-eval");
});
