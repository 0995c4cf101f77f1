/**
 * `npm run admin -- <command> --url URL …`: the operator tool for any running deployment (production, or the local
 * server of `npm start`). It only calls `/api/admin/*` (never the development routes); secrets are read from
 * standard input, never from the command line.
 *
 * - `bootstrap --province CODE --name "…"`: the `BOOTSTRAP_TOKEN` on stdin; prints ONE line of JSON on stdout,
 *   `{"username":"…","password":"…"}`: the province's first province_admin and their one-time password.
 * - `units:import FILE --username NAME` and `registry:import FILE --username NAME`: the province_admin's password on
 *   stdin; logs in, imports the file (all or nothing), logs out.
 *
 * Everything but that line of JSON goes to stderr. Exit codes: 0 done, 1 refused, 2 bad arguments.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import { parseArgs } from "node:util";

const USAGE = [
  "usage:",
  '  npm run admin -- bootstrap --url URL --province CODE --name "Họ và tên"   (BOOTSTRAP_TOKEN on stdin)',
  "  npm run admin -- units:import FILE.json --url URL --username NAME       (password on stdin)",
  "  npm run admin -- registry:import FILE.json --url URL --username NAME    (password on stdin)",
].join("\n");

/** A refusal worth a clear line and exit code 1 (or 2 for bad arguments). */
class Refused extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** An error body of the API, as far as this tool prints it. */
interface ApiErrorBody {
  code?: string;
  message?: string;
  fields?: Record<string, string>;
  details?: Array<{ section?: string; index?: number; id?: string; reason?: string }>;
}

/** The lines that explain a refusal: the message, then each field and each problem of an import. */
function explain(status: number, body: ApiErrorBody, retryAfter: string | null): string {
  const lines = [`${body.message ?? `HTTP ${status}`}${body.code ? ` (${body.code}, ${status})` : ""}`];
  for (const [field, message] of Object.entries(body.fields ?? {})) lines.push(`  ${field}: ${message}`);
  for (const p of body.details ?? []) {
    const at = p.index !== undefined && p.index >= 0 ? `[${p.index}]` : "";
    lines.push(`  ${p.section ?? ""}${at}${p.id ? ` (${p.id})` : ""}: ${p.reason ?? ""}`);
  }
  if (retryAfter) lines.push(`  Retry after ${retryAfter} s.`);
  return lines.join("\n");
}

/** One JSON request to the deployment at `base`, as the app itself would send it (same Origin). */
async function request<T>(
  base: string,
  method: string,
  path: string,
  body?: string,
  cookie?: string,
): Promise<{ res: Response; data: T }> {
  const headers: Record<string, string> = { origin: base, accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (cookie) headers.cookie = cookie;
  let res: Response;
  try {
    res = await fetch(`${base}${path}`, { method, headers, body: body ?? null, redirect: "manual" });
  } catch (err) {
    throw new Refused(`Cannot reach ${base}: ${(err as Error).cause ?? (err as Error).message}`);
  }
  const text = await res.text();
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Refused(
      `${base}${path} answered ${res.status} with something other than JSON: is --url the app's address?`,
    );
  }
  if (!res.ok) throw new Refused(explain(res.status, data as ApiErrorBody, res.headers.get("retry-after")));
  return { res, data: data as T };
}

/**
 * The secret on standard input: its first line. From a terminal it is asked for on stderr and not echoed; from a
 * pipe (`… | npm run admin -- …`) it is read as it comes.
 */
async function readSecret(prompt: string): Promise<string> {
  const input = process.stdin;
  if (input.isTTY) {
    process.stderr.write(prompt);
    const muted = new Writable({ write: (_chunk, _enc, done) => done() });
    const rl = createInterface({ input, output: muted, terminal: true });
    const line = await new Promise<string>((res) => rl.once("line", res));
    rl.close();
    process.stderr.write("\n");
    return line.trim();
  }
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(chunk as Buffer);
  return (Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0] ?? "").trim();
}

/** `--url` as an origin with no trailing slash, or a usage error. */
function baseUrl(url: string | undefined): string {
  if (!url) throw new Refused(`--url is required\n${USAGE}`, 2);
  try {
    return new URL(url).origin;
  } catch {
    throw new Refused(`--url ${JSON.stringify(url)} is not a URL\n${USAGE}`, 2);
  }
}

/** The file's text, checked to be JSON (the server checks everything else). */
function readJsonFile(file: string | undefined, command: string): string {
  if (!file) throw new Refused(`${command} needs a FILE\n${USAGE}`, 2);
  try {
    const text = readFileSync(resolve(process.env.INIT_CWD ?? process.cwd(), file), "utf8");
    JSON.parse(text);
    return text;
  } catch (err) {
    throw new Refused(`Cannot read ${file} as JSON: ${(err as Error).message}`);
  }
}

async function bootstrap(base: string, province: string | undefined, name: string | undefined): Promise<void> {
  if (!province || !name) throw new Refused(`bootstrap needs --province and --name\n${USAGE}`, 2);
  const token = await readSecret("BOOTSTRAP_TOKEN: ");
  if (!token) throw new Refused("No BOOTSTRAP_TOKEN on standard input.", 2);
  const { data } = await request<{
    username: string;
    password: string;
    unit: { code: string; name: string; created: boolean };
  }>(base, "POST", "/api/admin/bootstrap", JSON.stringify({ token, province, name }));
  const next = data.unit.created
    ? `then import the police units: npm run admin -- units:import FILE --url ${base} --username ${data.username}`
    : `then add officers in "Quản lý cán bộ" (${base}/can-bo/quan-ly-can-bo)`;
  console.error(
    `The first province_admin of ${data.unit.name} (${data.unit.code}${data.unit.created ? ", unit created" : ""}). ` +
      `Log in at ${base}/can-bo and change the one-time password, ${next}.`,
  );
  process.stdout.write(`${JSON.stringify({ username: data.username, password: data.password })}\n`);
}

/** Logs in as the province_admin `username` (password on stdin), runs `work` with the session, and logs out. */
async function asProvinceAdmin(
  base: string,
  username: string | undefined,
  work: (cookie: string) => Promise<void>,
): Promise<void> {
  if (!username) throw new Refused(`--username is required\n${USAGE}`, 2);
  const password = await readSecret(`Password of ${username}: `);
  if (!password) throw new Refused("No password on standard input.", 2);
  const { res, data } = await request<{ mustChangePassword: boolean; officer: { role: string } }>(
    base,
    "POST",
    "/api/officer/login",
    JSON.stringify({ username, password }),
  );
  const cookie = (res.headers.getSetCookie?.() ?? [res.headers.get("set-cookie") ?? ""])
    .map((c) => c.split(";")[0])
    .join("; ");
  try {
    if (data.mustChangePassword) {
      throw new Refused(
        `${username} still has a one-time password: log in at ${base}/can-bo and change it first ("Đổi mật khẩu lần đầu").`,
      );
    }
    if (data.officer.role !== "province_admin") throw new Refused(`${username} is not a province_admin.`);
    await work(cookie);
  } finally {
    await request(base, "POST", "/api/officer/logout", "{}", cookie).catch(() => undefined);
  }
}

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  const { values, positionals } = parseArgs({
    args: rest,
    options: {
      url: { type: "string" },
      province: { type: "string" },
      name: { type: "string" },
      username: { type: "string" },
    },
    allowPositionals: true,
    strict: true,
  });
  switch (command) {
    case "bootstrap":
      await bootstrap(baseUrl(values.url), values.province, values.name);
      return 0;
    case "units:import": {
      const text = readJsonFile(positionals[0], command);
      const base = baseUrl(values.url);
      await asProvinceAdmin(base, values.username, async (cookie) => {
        const { data } = await request<{ province: string; units: number }>(
          base,
          "POST",
          "/api/admin/units",
          text,
          cookie,
        );
        console.error(`Imported ${positionals[0]}: ${data.units} police units of province ${data.province}.`);
      });
      return 0;
    }
    case "registry:import": {
      const text = readJsonFile(positionals[0], command);
      const base = baseUrl(values.url);
      await asProvinceAdmin(base, values.username, async (cookie) => {
        const { data } = await request<{
          registry: number;
          questions: number;
          accountsCreated: number;
          accountsUnchanged: number;
        }>(base, "POST", "/api/admin/registry", text, cookie);
        console.error(
          `Imported ${positionals[0]}: ${data.registry} registry records, ${data.questions} security questions, ` +
            `${data.accountsCreated} new accounts (${data.accountsUnchanged} unchanged).`,
        );
      });
      return 0;
    }
    default:
      throw new Refused(command ? `Unknown command ${JSON.stringify(command)}\n${USAGE}` : USAGE, 2);
  }
}

// Anything a library prints goes to stderr: stdout carries bootstrap's one line of JSON only.
console.log = console.error;
main().then(
  (code) => process.exit(code),
  (err) => {
    if (err instanceof Refused) {
      console.error(err.message);
      process.exit(err.exitCode);
    }
    if ((err as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      console.error(`${(err as Error).message}\n${USAGE}`);
      process.exit(2);
    }
    console.error(err);
    process.exit(1);
  },
);
