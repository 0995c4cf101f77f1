import { hashSecret } from "../crypto";
import { defineRoute, jsonBody, routesOf } from "./define";
import { BenchHashBody, BenchHashResponse } from "./schemas";

/**
 * Development only: `count` PBKDF2 hashes at the configured iterations, one after the other, in this workerd, so
 * that `npm run bench` can set the login rate against the raw hash rate of the same runtime.
 */
export const benchRoutes = routesOf("development", {
  devBenchHash: defineRoute("POST /api/dev/bench/hash", {
    summary: "Run `count` password hashes back to back at the configured PBKDF2 iterations (for `npm run bench`)",
    devOnly: true,
    body: jsonBody(BenchHashBody, { example: { count: 10 } }),
    response: BenchHashResponse,
    handler: async ({ ctx, body: { count } }) => {
      for (let i = 0; i < count; i++) await hashSecret(`bench-${i}`, ctx.pepper, ctx.iterations);
      return { count, iterations: ctx.iterations };
    },
  }),
});
