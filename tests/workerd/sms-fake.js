// A fake SMS provider for the HTTP adapter's tests, bound to the worker as SMS_UPSTREAM in vitest.config.ts.
// Numbers ending in 0500 get HTTP 500, in 0503 HTTP 503 with Retry-After: 120, in 0400 HTTP 400, in 0408 an answer
// far too late; in 0504 the text is taken (and logged) but the first answer for its key comes far too late. Others
// are accepted. Like a real provider, a second request with the Idempotency-Key of a text already taken is answered
// 200 without sending (logging) it again.
const log = [];
const taken = new Set();
let attempts = 0;
export default {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === "/__log") return Response.json({ log, attempts });
    attempts += 1;
    const body = await request.json();
    const key = request.headers.get("idempotency-key");
    const entry = { auth: request.headers.get("authorization"), type: request.headers.get("content-type"), key, body };
    if (key && taken.has(key)) return Response.json({ id: `msg-${key}`, duplicate: true });
    if (body.to.endsWith("0500")) return new Response("upstream down", { status: 500 });
    if (body.to.endsWith("0503")) return new Response("busy", { status: 503, headers: { "retry-after": "120" } });
    if (body.to.endsWith("0400")) return new Response("bad number", { status: 400 });
    if (body.to.endsWith("0408")) {
      await new Promise((r) => setTimeout(r, 1000));
      return new Response("too late", { status: 200 });
    }
    log.push(entry);
    if (key) taken.add(key);
    if (body.to.endsWith("0504")) {
      // Longer than the adapter's timeout (HTTP_SMS.timeoutMs).
      await new Promise((r) => setTimeout(r, 5000));
      return new Response("taken, too late", { status: 200 });
    }
    return Response.json({ id: `msg-${log.length}` });
  },
};
