import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { shardOf } from "../../worker/src/do/shard";
import { LIMITER_SHARDS } from "../../worker/src/domain/throttle";

/** A fresh limiter instance (a shard of test keys). */
const limiter = () => env.LIMITER.get(env.LIMITER.idFromName(`test/${crypto.randomUUID()}`));
const K = "203.0.113.7";

describe("RateLimiter (a sliding window per key, many keys per instance)", () => {
  it("gives exactly `limit` slots per window, and says when the oldest one frees up", async () => {
    const l = limiter();
    const t0 = 1_000_000;
    expect(await l.take(K, 3, 300, t0)).toMatchObject({ ok: true });
    expect(await l.take(K, 3, 300, t0 + 10)).toMatchObject({ ok: true });
    expect(await l.take(K, 3, 300, t0 + 20)).toMatchObject({ ok: true });
    // Full: the first slot frees at t0 + 300.
    expect(await l.take(K, 3, 300, t0 + 30)).toEqual({ ok: false, retryAfter: 270 });
    // A refusal takes no slot: just after the first hit expires, one slot is free again, and only one.
    expect(await l.take(K, 3, 300, t0 + 300)).toMatchObject({ ok: true });
    expect(await l.take(K, 3, 300, t0 + 301)).toEqual({ ok: false, retryAfter: 9 });
  });

  it("with more hits than the limit (a lowered limit), names the hit whose expiry brings the count under it", async () => {
    const l = limiter();
    const t0 = 2_000_000;
    for (let i = 0; i < 5; i++) expect(await l.take(K, 10, 600, t0 + i * 10)).toMatchObject({ ok: true });
    // Five hits at t0…t0+40; under a limit of 2 a slot frees when only one is left, at the expiry of t0+30.
    expect(await l.take(K, 2, 600, t0 + 50)).toEqual({ ok: false, retryAfter: 580 });
  });

  it("gives back a slot whose action did not happen", async () => {
    const l = limiter();
    const first = await l.take(K, 1, 60, 5_000);
    expect(first.ok).toBe(true);
    expect((await l.take(K, 1, 60, 5_001)).ok).toBe(false);
    await l.giveBack((first as { token: number }).token);
    expect((await l.take(K, 1, 60, 5_002)).ok).toBe(true);
  });

  it("a large limit counts exactly, and storage holds only the live window", async () => {
    const l = limiter();
    const results = await Promise.all(Array.from({ length: 250 }, (_, i) => l.take(K, 200, 300, 9_000 + (i % 7))));
    expect(results.filter((r) => r.ok)).toHaveLength(200);
    const rows = await runInDurableObject(
      l,
      (_o, state) => state.storage.sql.exec("SELECT COUNT(*) AS n FROM slots").one().n,
    );
    expect(rows).toBe(200);
    // Once the window has passed, the next take clears the expired hits.
    expect((await l.take(K, 200, 300, 9_400)).ok).toBe(true);
    const left = await runInDurableObject(
      l,
      (_o, state) => state.storage.sql.exec("SELECT COUNT(*) AS n FROM slots").one().n,
    );
    expect(left).toBe(1);
  });

  it("sets its clean-up alarm no earlier than the window after the last hit, and the alarm forgets every hit", async () => {
    const l = limiter();
    const before = Date.now();
    expect((await l.take(K, 5, 300, 100)).ok).toBe(true);
    const alarm = await runInDurableObject(l, (_o, state) => state.storage.getAlarm());
    expect(alarm).not.toBeNull();
    expect(alarm as number).toBeGreaterThanOrEqual(before + 300_000);
    expect(await runDurableObjectAlarm(l)).toBe(true);
    // Every slot is free again.
    for (let i = 0; i < 5; i++) expect((await l.take(K, 5, 300, 101)).ok).toBe(true);
    expect(await runInDurableObject(l, (_o, state) => state.storage.getAlarm())).not.toBeNull();
  });

  it("keeps the keys of one instance apart, and any key's traffic purges every key's expired slots", async () => {
    const l = limiter();
    expect(await l.take("a", 1, 60, 1_000)).toMatchObject({ ok: true });
    expect(await l.take("b", 1, 600, 1_000)).toMatchObject({ ok: true });
    expect(await l.take("a", 1, 60, 1_001)).toEqual({ ok: false, retryAfter: 59 });
    expect(await l.take("b", 1, 600, 1_001)).toEqual({ ok: false, retryAfter: 599 });
    // At 1_100 a's slot has expired and b's has not; a take for a third key purges a's.
    expect(await l.take("c", 1, 60, 1_100)).toMatchObject({ ok: true });
    const keys = await runInDurableObject(l, (_o, state) =>
      state.storage.sql
        .exec<{ key: string }>("SELECT key FROM slots ORDER BY key")
        .toArray()
        .map((r) => r.key),
    );
    expect(keys).toEqual(["b", "c"]);
    expect((await l.take("b", 1, 600, 1_100)).ok).toBe(false);
  });
});

describe("sharding of the limiters", () => {
  it("sends each key to one stable shard, and spreads keys over every shard", () => {
    expect(shardOf("079123456789", LIMITER_SHARDS)).toBe(shardOf("079123456789", LIMITER_SHARDS));
    const seen = new Set<number>();
    for (let i = 0; i < 5_000; i++) seen.add(shardOf(`0791${String(i).padStart(8, "0")}`, LIMITER_SHARDS));
    expect(seen.size).toBe(LIMITER_SHARDS);
    for (const s of seen) expect(s >= 0 && s < LIMITER_SHARDS).toBe(true);
  });
});
