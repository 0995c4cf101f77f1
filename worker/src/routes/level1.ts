import type { RouterType } from "itty-router";
import { Level1ApplyBody } from "../../../shared/schemas";
import { PHOTO_MAX_BYTES, applyLevel1, uploadPortrait } from "../domain/level1";
import { describeAccount } from "../domain/session";
import { AppError } from "../errors";
import { json, readCapped, readJson } from "../http";
import { type Args, type Req, ctxOf, requireAccount, unwrap } from "./util";

/** `/api/level1/*`: the level-1 application of a logged-in app account. */
export function level1Routes(router: RouterType<Req, Args>): void {
  router
    .post("/api/level1/photo", async (req, env) => {
      const ctx = await ctxOf(env, req);
      const accountId = await requireAccount(req, ctx);
      const type = (req.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
      if (type !== "image/jpeg") throw new AppError("PHOTO_TYPE");
      let bytes: Uint8Array;
      try {
        bytes = await readCapped(req, PHOTO_MAX_BYTES);
      } catch (err) {
        if (err instanceof AppError && err.code === "PAYLOAD_TOO_LARGE") throw new AppError("PHOTO_TOO_LARGE");
        throw err;
      }
      return json(unwrap(await uploadPortrait(ctx, accountId, bytes)));
    })
    .post("/api/level1/apply", async (req, env) => {
      const ctx = await ctxOf(env, req);
      const accountId = await requireAccount(req, ctx);
      const body = await readJson(req, Level1ApplyBody);
      unwrap(await applyLevel1(ctx, accountId, body));
      return json(await describeAccount(ctx, accountId));
    });
}
