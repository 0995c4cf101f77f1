import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { renderHeadersFile } from "../../worker/src/security-headers";

it("the static assets' _headers file carries exactly the worker's security headers", () => {
  const file = readFileSync(join(import.meta.dirname, "..", "..", "pwa", "public", "_headers"), "utf8");
  expect(file).toBe(renderHeadersFile());
});
