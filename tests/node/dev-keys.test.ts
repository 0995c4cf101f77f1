/** The fingerprints in worker/src/dev-keys.ts are those of the committed `.dev.vars`, and cover every secret in it. */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEVELOPMENT_KEYS, keyMaterial } from "../../worker/src/dev-keys";

/** `NAME="value"` or `NAME='value'` lines of `.dev.vars`. */
function devVars(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of readFileSync(new URL("../../.dev.vars", import.meta.url), "utf8").split("\n")) {
    const m = /^([A-Z0-9_]+)=(?:"(.*)"|'(.*)'|(.*))$/.exec(line.trim());
    if (m?.[1]) out[m[1]] = m[2] ?? m[3] ?? m[4] ?? "";
  }
  return out;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

describe("development keys", () => {
  const vars = devVars();

  it("each listed fingerprint is of the .dev.vars value's key material", () => {
    for (const key of DEVELOPMENT_KEYS) {
      const value = vars[key.secret];
      expect(value, key.secret).toBeTruthy();
      let parsed: unknown = value;
      try {
        parsed = JSON.parse(value as string);
      } catch {
        // a plain string
      }
      expect(sha256(keyMaterial(parsed) ?? ""), key.secret).toBe(key.sha256);
    }
  });

  it("every secret of .dev.vars is listed (a development secret must never serve production)", () => {
    const secrets = Object.keys(vars).filter(
      (name) => !/^(PBKDF2_ITERATIONS|LIMIT_\w+|SMS_HTTP_URL|REGISTRY_HTTP_URL|VNEID_\w+)$/.test(name),
    );
    expect(secrets.sort()).toEqual(DEVELOPMENT_KEYS.map((k) => k.secret).sort());
  });
});
