import { beforeAll, describe, expect, it } from "vitest";
import { ErrorResponse } from "../../shared/schemas";
import { statusOf } from "../../worker/src/errors";
import { ROUTES, router } from "../../worker/src/index";
import { COMPONENTS } from "../../worker/src/openapi";
import { call, pool, seedRegistry } from "./helpers";

const ORIGIN = "http://127.0.0.1:8787";
const sameOrigin = { origin: ORIGIN };

type Doc = {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, any>>;
  components: { schemas: Record<string, any>; securitySchemes: Record<string, any> };
};

let doc: Doc;
let contentType: string | null;
let cookie: string;

beforeAll(async () => {
  const res = await call<Doc>("GET", "/api/openapi.json");
  expect(res.status).toBe(200);
  doc = res.body;
  contentType = res.headers.get("content-type");
  const take = pool(await seedRegistry(31, 12));
  const app = take("app");
  const login = await call(
    "POST",
    "/api/auth/login",
    { citizenId: app.id, password: app.password },
    { headers: sameOrigin },
  );
  expect(login.status, JSON.stringify(login.body)).toBe(200);
  cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] as string;
});

/** The routes the router really registers, as `METHOD path`, parameters written `{id}` as in the document. */
function registered(): string[] {
  const routes = (router as unknown as { routes: Array<[string, RegExp, unknown[], string]> }).routes;
  return routes
    .filter(([method]) => method !== "ALL")
    .map(([method, , , path]) => `${method.toUpperCase()} ${path.replace(/:(\w+)/g, "{$1}")}`);
}

/** Every `{ $ref }` in the document, with where it was found. */
function refs(node: unknown, at = "#"): Array<[string, string]> {
  if (Array.isArray(node)) return node.flatMap((v, i) => refs(v, `${at}/${i}`));
  if (!node || typeof node !== "object") return [];
  return Object.entries(node).flatMap(
    ([k, v]): Array<[string, string]> => (k === "$ref" && typeof v === "string" ? [[at, v]] : refs(v, `${at}/${k}`)),
  );
}

function resolve(pointer: string): unknown {
  if (!pointer.startsWith("#/")) return undefined;
  let node: unknown = doc;
  for (const raw of pointer.slice(2).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (!node || typeof node !== "object" || !(key in node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function componentOf(ref: { $ref?: string } | undefined): string {
  const name = ref?.$ref?.replace("#/components/schemas/", "") ?? "";
  expect(Object.keys(COMPONENTS)).toContain(name);
  return name;
}

describe("GET /api/openapi.json", () => {
  it("is served as JSON", () => {
    expect(contentType).toMatch(/^application\/json\b/);
  });

  it("looks like valid OpenAPI 3.1", () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(typeof doc.info.title).toBe("string");
    expect(typeof doc.info.version).toBe("string");
    expect(Object.keys(doc.paths).length).toBeGreaterThan(0);
    expect(Object.keys(doc.components.schemas).sort()).toEqual(Object.keys(COMPONENTS).sort());
    for (const [name, schema] of Object.entries(doc.components.schemas)) {
      expect(schema, name).not.toHaveProperty("$schema");
      expect(schema, name).not.toHaveProperty("$id");
    }
    const ids = Object.values(doc.paths).flatMap((item) => Object.values(item).map((op) => op.operationId));
    expect(new Set(ids).size).toBe(ids.length);
    for (const [path, item] of Object.entries(doc.paths)) {
      expect(path).toMatch(/^\/(api|\.well-known)\//);
      for (const [method, op] of Object.entries(item)) {
        expect(["get", "post"], `${method} ${path}`).toContain(method);
        expect(op.responses["200"], `${method} ${path}`).toBeDefined();
        for (const [status, res] of Object.entries<any>(op.responses)) {
          expect(status).toMatch(/^[1-5]\d\d$/);
          expect(typeof res.description).toBe("string");
        }
      }
    }
  });

  it("names every route the router registers, with its method, and nothing else", () => {
    const inDoc = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`),
    );
    const inRouter = registered();
    expect(inRouter.length).toBeGreaterThanOrEqual(25);
    expect(inRouter).toContain("GET /api/openapi.json");
    expect([...inDoc].sort()).toEqual([...new Set(inRouter)].sort());
  });

  it("resolves every $ref", () => {
    const all = refs(doc);
    expect(all.length).toBeGreaterThan(50);
    for (const [at, ref] of all) expect(resolve(ref), `${ref} at ${at}`).toBeDefined();
  });

  it("has an example for every JSON body, and each one passes the route's own zod schema", () => {
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (method !== "post") continue;
        const content = op.requestBody?.content;
        if (path === "/api/auth/logout" || path === "/api/officer/logout") {
          expect(op.requestBody).toBeUndefined();
          continue;
        }
        if (path === "/api/level1/photo" || path === "/api/officer/photo") {
          expect(Object.keys(content)).toEqual(["image/jpeg"]);
          continue;
        }
        const media = content?.["application/json"];
        expect(media, `${method} ${path}`).toBeDefined();
        const name = componentOf(media.schema);
        const parsed = COMPONENTS[name]?.safeParse(media.example);
        expect(parsed?.success, `${path}: ${JSON.stringify(parsed?.error?.issues)}`).toBe(true);
      }
    }
  });

  it("has error examples that are ErrorResponse bodies of the documented status", () => {
    let count = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        for (const [status, res] of Object.entries<any>(op.responses)) {
          if (status === "200") continue;
          const media = res.content["application/json"];
          expect(media.schema.allOf[0]).toEqual({ $ref: "#/components/schemas/ErrorResponse" });
          const codes: string[] = media.schema.allOf[1].properties.code.enum;
          expect(Object.keys(media.examples).sort()).toEqual([...codes].sort());
          for (const [code, ex] of Object.entries<any>(media.examples)) {
            expect(ErrorResponse.safeParse(ex.value).success, `${method} ${path} ${code}`).toBe(true);
            expect(ex.value.code).toBe(code);
            expect(String(statusOf(code as never)), `${method} ${path} ${code}`).toBe(status);
            count++;
          }
        }
        // Every route can fail with a 500; every state-changing route outside development checks the Origin.
        expect(op.responses["500"], `${method} ${path}`).toBeDefined();
        if (method === "post" && !path.startsWith("/api/dev/"))
          expect(op.responses["403"].description).toContain("CSRF");
      }
    }
    expect(count).toBeGreaterThan(100);
  });

  it("marks the development routes, the session routes and the photo upload", () => {
    for (const route of ROUTES) {
      const op = doc.paths[route.path]?.[route.method];
      expect(op["x-development-only"] === true, route.path).toBe(route.path.startsWith("/api/dev/"));
      if (route.path.startsWith("/api/dev/")) expect(op.responses["404"].description).toContain("NOT_FOUND");
    }
    for (const path of ["/api/me", "/api/level1/photo", "/api/level1/apply"]) {
      const op = Object.values(doc.paths[path] ?? {})[0];
      expect(op.security, path).toEqual([{ session: [] }]);
      expect(op.responses["401"].description, path).toContain("UNAUTHENTICATED");
    }
    expect(doc.components.securitySchemes.session).toMatchObject({ type: "apiKey", in: "cookie" });
    expect(doc.paths["/api/dev/sms"]?.get.parameters[0]).toMatchObject({ name: "phone", in: "query", required: true });
  });
});

describe("the document agrees with what the routes do", () => {
  /** The POST routes with a JSON body, and the schema the document gives them. */
  const jsonRoutes = () =>
    ROUTES.filter((r) => r.body?.kind === "json").map((r) => {
      const media = doc.paths[r.path]?.post.requestBody.content["application/json"];
      return { path: r.path, name: componentOf(media.schema), example: media.example, auth: r.session === "citizen" };
    });

  it("an empty object is refused with exactly the documented required fields", async () => {
    for (const { path, name, auth } of jsonRoutes()) {
      const schema = doc.components.schemas[name];
      if (!schema.required) continue; // the registry file: every section is optional
      const res = await call("POST", path, {}, { headers: { ...sameOrigin, ...(auth && { cookie }) } });
      expect(res.status, path).toBe(422);
      expect(Object.keys(res.body.fields).sort(), path).toEqual([...schema.required].sort());
    }
  });

  it("a field the document does not allow is refused by name; the example is otherwise accepted", async () => {
    let strict = 0;
    for (const { path, name, example, auth } of jsonRoutes()) {
      if (doc.components.schemas[name].additionalProperties !== false) continue;
      strict++;
      const res = await call(
        "POST",
        path,
        { ...example, zzUnknown: 1 },
        { headers: { ...sameOrigin, ...(auth && { cookie }) } },
      );
      expect(res.status, path).toBe(422);
      expect(res.body.fields, path).toEqual({ zzUnknown: expect.any(String) });
    }
    expect(strict).toBeGreaterThanOrEqual(15);
  });

  it("the answers of the read-only routes fit their documented schemas", async () => {
    const check = async (path: string, headers: Record<string, string> = {}) => {
      const res = await call("GET", path, undefined, { headers });
      expect(res.status, path).toBe(200);
      const route = ROUTES.find((r) => r.method === "get" && path.startsWith(r.path));
      const parsed = route?.response.safeParse(res.body);
      expect(parsed?.success, `${path}: ${JSON.stringify(parsed?.error?.issues)}`).toBe(true);
    };
    await check("/api/health");
    await check("/api/openapi.json");
    await check("/api/security-questions");
    await check("/.well-known/jwks.json");
    await check("/api/me", { cookie });
    await check("/api/dev/sms?phone=0912345678");
  });
});
