import type { RouterType } from "itty-router";
import { DependantBody, NotificationsReadBody } from "../../../shared/card-api";
import { markNotificationsRead, myCard, myNotifications, myPapers } from "../domain/card";
import { addDependant, listDependants } from "../domain/dependants";
import { json, readJson } from "../http";
import { type Args, type Req, ctxOf, requireAccount, unwrap } from "./util";

/** `/api/me/*`: the logged-in citizen's card, papers, dependants and notifications. */
export function meRoutes(router: RouterType<Req, Args>): void {
  router
    .get("/api/me/card", async (req, env) => {
      const ctx = await ctxOf(env, req);
      return json(await myCard(ctx, await requireAccount(req, ctx)));
    })
    .get("/api/me/papers", async (req, env) => {
      const ctx = await ctxOf(env, req);
      return json(await myPapers(ctx, await requireAccount(req, ctx)));
    })
    .get("/api/me/dependants", async (req, env) => {
      const ctx = await ctxOf(env, req);
      return json(await listDependants(ctx, await requireAccount(req, ctx)));
    })
    .post("/api/me/dependants", async (req, env) => {
      const ctx = await ctxOf(env, req);
      const accountId = await requireAccount(req, ctx);
      const body = await readJson(req, DependantBody);
      return json(unwrap(await addDependant(ctx, accountId, body)));
    })
    .get("/api/me/notifications", async (req, env) => {
      const ctx = await ctxOf(env, req);
      return json(await myNotifications(ctx, await requireAccount(req, ctx)));
    })
    .post("/api/me/notifications/read", async (req, env) => {
      const ctx = await ctxOf(env, req);
      const accountId = await requireAccount(req, ctx);
      const { upToId } = await readJson(req, NotificationsReadBody);
      return json(await markNotificationsRead(ctx, accountId, upToId));
    });
}
