// A fake SMS provider for the HTTP adapter's tests, bound to the worker as SMS_UPSTREAM in vitest.config.ts.
// Numbers ending in 0500 get HTTP 500, in 0400 HTTP 400, in 0408 an answer far too late; others are accepted.
const log = [];
let attempts = 0;
export default {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === "/__log") return Response.json({ log, attempts });
    attempts += 1;
    const body = await request.json();
    const entry = { auth: request.headers.get("authorization"), type: request.headers.get("content-type"), body };
    if (body.to.endsWith("0500")) return new Response("upstream down", { status: 500 });
    if (body.to.endsWith("0400")) return new Response("bad number", { status: 400 });
    if (body.to.endsWith("0408")) {
      await new Promise((r) => setTimeout(r, 1000));
      return new Response("too late", { status: 200 });
    }
    log.push(entry);
    return Response.json({ id: `msg-${log.length}` });
  },
};
