// A fake national population registry (docs/registry-api.md), bound to the worker as REGISTRY_UPSTREAM in
// vitest.config.ts. The first path segment of REGISTRY_HTTP_URL chooses how it behaves, so that each test has a
// registry of its own (and a circuit breaker of its own, which the adapter keeps per URL):
//   /ok/<name>                answers from the records PUT to /__citizens;
//   /slow/<ms>/<name>         the same, <ms> milliseconds late;
//   /down/<name>              HTTP 503 with Retry-After: 7;
//   /fail/<name>              HTTP 500;
//   /flaky/<name>             HTTP 500 on every odd attempt, the records on every even one;
//   /garbage/text/<name>      200 with a body that is not JSON;
//   /garbage/shape/<name>     200 with JSON that does not fit the contract;
//   /garbage/stranger/<name>  200 with a record of an ID that was not asked.
// GET /__log answers every lookup seen (headers that matter and the body).
const citizens = new Map();
const log = [];
const attempts = new Map();

export default {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === "/__log") return Response.json({ log });
    if (url.pathname === "/__citizens" && request.method === "PUT") {
      for (const c of (await request.json()).citizens) citizens.set(c.id, c);
      return Response.json({ ok: true });
    }
    const parts = url.pathname.split("/").filter(Boolean);
    if (parts.at(-2) !== "citizens" || parts.at(-1) !== "lookup" || request.method !== "POST") {
      return Response.json({ code: "NOT_FOUND" }, { status: 404 });
    }
    const body = await request.json();
    log.push({
      path: url.pathname,
      auth: request.headers.get("authorization"),
      requestId: request.headers.get("x-request-id"),
      type: request.headers.get("content-type"),
      body,
    });
    const [mode, arg] = parts;
    const found = () =>
      Response.json({ citizens: body.ids.flatMap((id) => (citizens.has(id) ? [citizens.get(id)] : [])) });
    if (mode === "ok") return found();
    if (mode === "slow") {
      await new Promise((r) => setTimeout(r, Number(arg)));
      return found();
    }
    if (mode === "down") return new Response("maintenance", { status: 503, headers: { "retry-after": "7" } });
    if (mode === "fail") return new Response("internal error", { status: 500 });
    if (mode === "flaky") {
      const n = (attempts.get(url.pathname) ?? 0) + 1;
      attempts.set(url.pathname, n);
      return n % 2 === 1 ? new Response("hiccup", { status: 500 }) : found();
    }
    if (mode === "garbage") {
      if (arg === "text")
        return new Response("<html>Service Unavailable</html>", {
          status: 200,
          headers: { "content-type": "text/html" },
        });
      if (arg === "shape") return Response.json({ citizens: [{ id: body.ids[0], name: "???" }] });
      if (arg === "stranger")
        return Response.json({ citizens: [{ ...[...citizens.values()][0], id: "099999999999" }] });
    }
    return new Response("unknown mode", { status: 400 });
  },
};
