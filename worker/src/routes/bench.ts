import type { RouterType } from "itty-router";
import * as z from "zod/mini";
import { hashSecret } from "../crypto";
import { isDevelopment } from "../env";
import { AppError } from "../errors";
import { json, readJson } from "../http";
import { type Args, type Req, ctxOf } from "./util";

/** `POST /api/dev/bench/hash`'s body: how many hashes to run back to back. */
export const BenchHashBody = z.strictObject({ count: z.int().check(z.gte(1), z.lte(1000)) });

/**
 * Development only: `count` PBKDF2 hashes at the configured iterations, one after the other, in this workerd, so
 * that `npm run bench` can set the login rate against the raw hash rate of the same runtime.
 */
export function benchRoutes(router: RouterType<Req, Args>): void {
  router.post("/api/dev/bench/hash", async (req, env) => {
    if (!isDevelopment(env)) throw new AppError("NOT_FOUND");
    const { count } = await readJson(req, BenchHashBody);
    const ctx = await ctxOf(env, req);
    for (let i = 0; i < count; i++) await hashSecret(`bench-${i}`, ctx.pepper, ctx.iterations);
    return json({ count, iterations: ctx.iterations });
  });
}
