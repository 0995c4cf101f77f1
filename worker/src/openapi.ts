/**
 * `GET /api/openapi.json`: an OpenAPI 3.1 description of every API route, generated from the route declarations
 * (`routes/`) and the zod schemas that validate the requests, so that the document and the router cannot drift.
 * `tests/workerd/openapi.test.ts` checks it against the router and every example against its schema.
 */
import * as z from "zod/mini";
import * as accountSchemas from "../../shared/account-schemas";
import * as adminSchemas from "../../shared/admin-schemas";
import * as apiSchemas from "../../shared/api-schemas";
import * as cardApi from "../../shared/card-api";
import * as eventSchemas from "../../shared/event-schemas";
import { examples } from "../../shared/examples";
import * as identitySchemas from "../../shared/identity-schemas";
import { type ErrorCode, messageFor } from "../../shared/messages";
import * as officerSchemas from "../../shared/officer-schemas";
import * as registryFile from "../../shared/registry-file";
import * as schemas from "../../shared/schemas";
import * as smsSchemas from "../../shared/sms";
import { PHOTO_MAX_SIDE } from "./domain/level1";
import { OFFICER_COOKIE } from "./domain/officer";
import { SESSION_COOKIE } from "./domain/session";
import { statusOf } from "./errors";
import { json } from "./http";
import { ROUTES } from "./index";
import type { Route } from "./routes/define";

/** The areas of the API, each route's tag (`routesOf` in each `routes/` file). */
const TAGS = [
  { name: "system" },
  { name: "activation", description: "Kích hoạt tài khoản" },
  { name: "registration", description: "Đăng ký" },
  { name: "auth", description: "Đăng nhập / Đăng xuất" },
  { name: "level1", description: "Đăng ký tài khoản mức 1" },
  { name: "officer", description: "Cán bộ Công an: tiếp nhận hồ sơ mức 2, phê duyệt, báo cáo" },
  { name: "tracking", description: "Tra cứu hồ sơ" },
  { name: "appointments", description: "Đặt lịch hẹn" },
  { name: "identity", description: "Mã QR định danh / Xác thực thông tin" },
  { name: "recovery", description: "Quên mật khẩu" },
  { name: "sms", description: "Tin nhắn lỗi: texts that could not be delivered after their commit (province_admin)" },
  {
    name: "account",
    description:
      "Quản lý thiết bị, Hoạt động của tôi, Quên mã passcode; thẻ, giấy tờ tích hợp, người phụ thuộc, thông báo",
  },
  { name: "admin", description: "Khởi tạo và Quản lý cán bộ (province_admin): npm run admin" },
  { name: "development", description: "Development only (`ENVIRONMENT=development`); 404 elsewhere" },
] as const;

/** An area of the API. */
export type Tag = (typeof TAGS)[number]["name"];

/** The component name of each schema: the name it is exported under. */
const NAMES = new Map<unknown, string>(
  [
    accountSchemas,
    adminSchemas,
    apiSchemas,
    cardApi,
    eventSchemas,
    identitySchemas,
    officerSchemas,
    registryFile,
    schemas,
    smsSchemas,
  ]
    .flatMap((module) => Object.entries(module))
    .map(([name, value]) => [value, name]),
);

function nameOf(schema: z.ZodMiniType): string {
  const name = NAMES.get(schema);
  if (!name) throw new Error("a route names a schema that is not exported from shared/");
  return name;
}

const REF = (schema: z.ZodMiniType) => ({ $ref: `#/components/schemas/${nameOf(schema)}` });
const JPEG = { "image/jpeg": { schema: { type: "string", format: "binary", contentMediaType: "image/jpeg" } } };

/**
 * Every schema of the document, by component name: the bodies and answers of the routes, the card they nest, and
 * `ErrorResponse`, the body of every failure. Request bodies are the very schemas that validate them.
 */
export const COMPONENTS: Record<string, z.ZodMiniType> = Object.fromEntries(
  [
    ...ROUTES.flatMap((r) => [r.response, ...(r.body?.kind === "json" ? [r.body.schema] : [])]),
    schemas.CardInput,
    schemas.ErrorResponse,
  ].map((schema) => [nameOf(schema), schema]),
);

/** The example of a route's JSON body: its own, or its schema's (`shared/examples.ts`). */
export function bodyExample(route: Route): unknown {
  return route.body?.kind === "json" ? (route.body.example ?? examples.get(route.body.schema)?.example) : undefined;
}

/**
 * The component schemas, without the `$schema` and `$id` that `z.toJSONSchema` adds. Requests and responses are both
 * described by the JSON a client sends or receives, which is the *input* of their zod schemas (the request schemas
 * trim and normalise in transforms; the PWA parses answers).
 */
function componentSchemas(): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(COMPONENTS)) registry.add(schema, { id });
  const { schemas: out } = z.toJSONSchema(registry, {
    io: "input",
    target: "draft-2020-12",
    unrepresentable: "any",
    uri: (id) => `#/components/schemas/${id}`,
  });
  return Object.fromEntries(Object.entries(out).map(([id, { $schema: _s, $id: _i, ...schema }]) => [id, schema]));
}

function errorResponses(route: Route): Record<string, unknown> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of route.codes) {
    const status = statusOf(code);
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const out: Record<string, unknown> = {};
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    const limited = list.some((c) =>
      ["RATE_LIMITED", "OTP_COOLDOWN", "OTP_DAILY_LIMIT", "SMS_BUDGET", "ACCOUNT_LOCKED", "RECOVERY_LOCKED"].includes(
        c,
      ),
    );
    out[String(status)] = {
      description: list.join(", "),
      ...(limited && {
        headers: {
          "Retry-After": {
            description: "Seconds to wait, when the error has a `retryAfter`",
            schema: { type: "integer" },
          },
        },
      }),
      content: {
        "application/json": {
          schema: { allOf: [REF(schemas.ErrorResponse), { type: "object", properties: { code: { enum: list } } }] },
          examples: Object.fromEntries(
            list.map((code) => [code, { summary: code, value: { code, message: messageFor(code) } }]),
          ),
        },
      },
    };
  }
  return out;
}

function operation(route: Route): Record<string, unknown> {
  const description = [
    route.description,
    route.devOnly && "**Development only**: answered when `ENVIRONMENT=development`, 404 `NOT_FOUND` anywhere else.",
    route.method === "post" &&
      !route.devOnly &&
      "State-changing: needs an `Origin` equal to the API's own (or `Sec-Fetch-Site: same-origin`), else 403 `CSRF`.",
  ]
    .filter(Boolean)
    .join("\n\n");
  const op: Record<string, unknown> = {
    operationId: route.operationId,
    tags: [route.tag],
    summary: route.summary,
    ...(description && { description }),
  };
  if (route.devOnly) op["x-development-only"] = true;
  if (route.session === "citizen") op.security = [{ session: [] }];
  if (route.session !== "none" && route.session !== "citizen") {
    op.security = [{ officerSession: [] }];
    op["x-officer-role"] = route.session === "province_admin" ? "province_admin" : "officer";
  }
  if (route.query) {
    const shape = route.query.schema.shape;
    op.parameters = Object.entries(route.query.params).map(([name, param]) => ({
      name,
      in: "query",
      required: shape[name]?._zod.optin !== "optional",
      description: param.description,
      schema: { type: "string" },
      example: param.example,
    }));
  }
  const body = route.body;
  if (body?.kind === "json") {
    op.requestBody = {
      required: true,
      description: `JSON, at most ${body.maxBytes} bytes.`,
      content: { "application/json": { schema: REF(body.schema), example: bodyExample(route) } },
    };
  } else if (body?.kind === "jpeg") {
    op.requestBody = {
      required: true,
      description: `The raw JPEG bytes, at most ${body.maxBytes} bytes and ${PHOTO_MAX_SIDE} px on the longest side.`,
      content: JPEG,
    };
  }
  op.responses = {
    "200": {
      description: "OK",
      ...(route.cacheable && {
        headers: { "Cache-Control": { description: "Public, cacheable for a while", schema: { type: "string" } } },
      }),
      ...(route.setsCookie && {
        headers: {
          "Set-Cookie": {
            description: `The session cookie \`${route.path.startsWith("/api/officer/") ? OFFICER_COOKIE : SESSION_COOKIE}\` (HttpOnly, SameSite=Strict)`,
            schema: { type: "string" },
          },
        },
      }),
      content:
        route.produces === "text/csv"
          ? { "text/csv": { schema: { type: "string" } } }
          : route.produces === "image/jpeg"
            ? JPEG
            : { "application/json": { schema: REF(route.response) } },
    },
    ...errorResponses(route),
  };
  return op;
}

/** Builds the document. */
export function buildOpenApi(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) {
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, unknown>)[route.method] = operation(route);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "VNeID web activation API",
      version: "0.1.0",
      summary:
        "Activate a VNeID (Vietnam e-ID) account, register, log in and apply for level 1 from any browser; level 2 at the police office.",
      description:
        "Kích hoạt tài khoản định danh điện tử (VNeID) trên trình duyệt. Every failure is a JSON `ErrorResponse` " +
        "with a stable `code` and a Vietnamese `message`.",
    },
    tags: TAGS,
    paths,
    components: {
      schemas: componentSchemas(),
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: SESSION_COOKIE, description: "Set by POST /api/auth/login" },
        officerSession: {
          type: "apiKey",
          in: "cookie",
          name: OFFICER_COOKIE,
          description: "Set by POST /api/officer/login; the route's x-officer-role is the least role it needs",
        },
      },
    },
  };
}

let cached: Record<string, unknown> | undefined;

/** `GET /api/openapi.json` (built once per isolate). */
export function openApiResponse(): Response {
  cached ??= buildOpenApi();
  return json(cached);
}
