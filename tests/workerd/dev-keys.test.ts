/** A deployment outside development that holds a committed development key refuses to serve, and says which. */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { developmentKeysIn } from "../../worker/src/dev-keys";
import { call } from "./helpers";
import { callWith, captureLogs, productionSettings } from "./ops-helpers";

const start = (settings: Record<string, unknown>) =>
  callWith(settings, "POST", "/api/activation/start", {
    citizenId: "001099000001",
    phone: "0912345678",
    deviceId: "web-dev-keys-test",
  });

describe("development keys in production", () => {
  for (const name of ["PEPPER", "IDENTITY_SIGNING_KEY", "INTAKE_SEAL_KEY"] as const) {
    it(`the development ${name}: every API route but health answers 503, and the error log names it`, async () => {
      const settings = { ...(await productionSettings()), [name]: env[name] };
      const { result: res, lines } = await captureLogs(() => start(settings));
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ code: "DEVELOPMENT_KEY_IN_PRODUCTION" });
      const logged = lines
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .find((l) => l.event === "development-key-in-production");
      expect(logged).toMatchObject({ type: "config", variables: [name] });
      expect(lines.join("\n")).not.toContain(String(env[name]));
      expect((await callWith(settings, "GET", "/api/openapi.json")).status).toBe(503);
      expect((await callWith(settings, "GET", "/api/health")).status).toBe(200);
      const ready = await callWith(settings, "GET", "/api/health/ready");
      expect(ready.status).toBe(503);
      expect(ready.body.checks[`secret:${name}`]).toBe("development key");
    });
  }

  it("also in the variables that would still trust them: PEPPER_PREVIOUS, IDENTITY_PREVIOUS_KEYS (the public key)", async () => {
    const dev = JSON.parse(env.IDENTITY_SIGNING_KEY) as Record<string, string>;
    const { d: _d, ...publicKey } = dev;
    const prod = await productionSettings();
    expect(
      await developmentKeysIn({ ...prod, PEPPER_PREVIOUS: JSON.stringify(["older-pepper-0123456789", env.PEPPER]) }),
    ).toEqual(["PEPPER_PREVIOUS"]);
    expect(await developmentKeysIn({ ...prod, PEPPER_PREVIOUS: env.PEPPER })).toEqual(["PEPPER_PREVIOUS"]);
    expect(await developmentKeysIn({ ...prod, IDENTITY_PREVIOUS_KEYS: JSON.stringify([publicKey]) })).toEqual([
      "IDENTITY_PREVIOUS_KEYS",
    ]);
    expect(await developmentKeysIn({ ...prod, IDENTITY_PREVIOUS_KEYS: JSON.stringify({ keys: [publicKey] }) })).toEqual(
      ["IDENTITY_PREVIOUS_KEYS"],
    );
    expect(await developmentKeysIn(prod)).toEqual([]);
    const res = await start({ ...prod, IDENTITY_PREVIOUS_KEYS: JSON.stringify([publicKey]) });
    expect(res.body.code).toBe("DEVELOPMENT_KEY_IN_PRODUCTION");
  });

  it("production with keys of its own serves; development serves with the development keys", async () => {
    const res = await start(await productionSettings());
    expect(res.body.code).not.toBe("DEVELOPMENT_KEY_IN_PRODUCTION");
    expect((await call("GET", "/api/openapi.json")).status).toBe(200);
  });
});
