/**
 * `npm run measure:rows`: bytes per row of every table of worker/migrations, indexes included, measured on
 * miniflare's D1 (the same SQLite as D1) with realistic rows: full Vietnamese names and addresses, PBKDF2 hash
 * strings of the real format and length, SHA-256 token hashes, JSON audit details. For each table, in foreign-key
 * order, it inserts ROWS rows and divides the growth of the database file (D1's `meta.size_after`) by them. It
 * also measures the smallest database of one citizen (layout (c) of docs/scale.md: one SQLite object per citizen).
 * Writes docs/scale/bytes-per-row.json, which scripts/simulate-national.ts reads.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { Miniflare } from "miniflare";
import { hashSecret, randomToken, sha256Hex } from "../worker/src/crypto";
import { CITIZEN_TABLES, OFFICE_TABLES, DEV_TABLES } from "../shared/citizen-bucket";

const ROWS = 3000;
const OUT = "docs/scale/bytes-per-row.json";
const PEPPER = "measure-rows-pepper-0123456789abcdef";

/** A small deterministic PRNG (mulberry32), so that two runs measure the same rows. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = prng(2019);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
const digits = (n: number) => Array.from({ length: n }, () => Math.floor(rand() * 10)).join("");
const hex = (bytes: number) =>
  Array.from({ length: bytes }, () =>
    Math.floor(rand() * 256)
      .toString(16)
      .padStart(2, "0"),
  ).join("");
const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
/** Base64url of `bytes` random bytes (no padding), as randomToken makes. */
const b64 = (bytes: number) => Array.from({ length: Math.ceil((bytes * 4) / 3) }, () => pick([...B64])).join("");
const pad2 = (n: number) => String(n).padStart(2, "0");

const FAMILY = [
  "Nguyễn",
  "Trần",
  "Lê",
  "Phạm",
  "Hoàng",
  "Huỳnh",
  "Phan",
  "Vũ",
  "Võ",
  "Đặng",
  "Bùi",
  "Đỗ",
  "Hồ",
  "Ngô",
  "Dương",
  "Lý",
];
const MIDDLE = [
  "Văn",
  "Thị",
  "Hữu",
  "Đức",
  "Thanh",
  "Ngọc",
  "Minh",
  "Quang",
  "Thu",
  "Xuân",
  "Hoàng Thị",
  "Thị Thanh",
  "Văn Đức",
];
const GIVEN = [
  "Hương",
  "Dũng",
  "Tuấn",
  "Phượng",
  "Thắng",
  "Nguyệt",
  "Khoa",
  "Trường",
  "Hạnh",
  "Quỳnh",
  "Đạt",
  "Lộc",
  "Việt",
  "Tường Vy",
];
const STREETS = [
  "đường Nguyễn Trãi",
  "phố Hàng Bạc",
  "đường Lê Lợi",
  "đường Trần Hưng Đạo",
  "ngõ 112 phố Định Công",
  "hẻm 45 đường Lý Thường Kiệt",
  "thôn Nà Sla",
  "xóm Đồng Tâm",
  "ấp Phước Lợi",
];
const WARDS = [
  "Phường Dịch Vọng Hậu",
  "Phường Bến Nghé",
  "Xã Hữu Liên",
  "Phường Thạch Thang",
  "Xã Tân Thành",
  "Phường Nguyễn Thái Học",
  "Xã Phước Hưng",
  "Phường Vĩnh Hải",
];
const DISTRICTS = [
  "Quận Cầu Giấy",
  "Quận 1",
  "Huyện Hữu Lũng",
  "Quận Hải Châu",
  "Huyện Cao Lộc",
  "Thành phố Yên Bái",
  "Huyện Long Điền",
  "Thành phố Nha Trang",
];
const PROVINCES = [
  "Thành phố Hà Nội",
  "Thành phố Hồ Chí Minh",
  "Tỉnh Lạng Sơn",
  "Thành phố Đà Nẵng",
  "Tỉnh Yên Bái",
  "Tỉnh Bà Rịa - Vũng Tàu",
  "Tỉnh Khánh Hòa",
];
const MOBILE = ["032", "035", "038", "056", "070", "077", "081", "086", "088", "090", "091", "094", "096", "098"];

const fullName = () => `${pick(FAMILY)} ${pick(MIDDLE)} ${pick(GIVEN)}`;
/** A registry address: house, street or hamlet, ward, district and province (the pre-2025 four levels). */
const address = () =>
  `Số ${1 + Math.floor(rand() * 300)}, ${pick(STREETS)}, ${pick(WARDS)}, ${pick(DISTRICTS)}, ${pick(PROVINCES)}`;
const localPhone = () => `${pick(MOBILE)}${digits(7)}`;
const e164 = () => `+84${localPhone().slice(1)}`;
const dob = () =>
  `${1940 + Math.floor(rand() * 66)}-${pad2(1 + Math.floor(rand() * 12))}-${pad2(1 + Math.floor(rand() * 28))}`;
const citizenId = () =>
  `${pick(["001", "079", "020", "048", "031", "038"])}${pick(["0", "1", "2", "3"])}${digits(2)}${digits(6)}`;
const NOW = 1_780_000_000;
const time = () => NOW - Math.floor(rand() * 86400 * 365);

/** One real PBKDF2 string (the format and lengths the worker stores); other rows copy its shape with random bytes. */
let PBKDF2_SAMPLE = "";
const pbkdf2 = () => {
  const [scheme, iterations] = PBKDF2_SAMPLE.split("$");
  return `${scheme}$${iterations}$${b64(16)}$${b64(32)}`;
};
/** Audit lines as the worker writes them (event names and detail shapes from worker/src/domain). */
const AUDIT: Array<() => [string, Record<string, unknown>, boolean]> = [
  () => ["login.succeeded", {}, false],
  () => ["otp.sent", { purpose: "activation", sendsLeft: 4 }, false],
  () => ["activation.started", { device: "new" }, false],
  () => [
    "identity.shared",
    { fields: ["fullName", "dob", "gender", "address", "photo"], jti: b64(16), kid: "2026-01" },
    false,
  ],
  () => ["application.intake", { reference: `L2-079-2026-${digits(6)}`, unit: "CAP-BENNGHE", channel: "office" }, true],
  () => ["ratelimit.hit", { kind: "login-ip", retryAfter: 120 }, false],
];

interface Table {
  /** Columns and a row maker, in column order. */
  columns: string[];
  row: (i: number) => unknown[];
}

/** Ids of the parent rows the child tables refer to (the first ROWS of each parent). */
const ids = {
  registry: [] as string[],
  accounts: [] as string[],
  officers: [] as string[],
  units: [] as string[],
  photos: [] as string[],
  intakePhotos: [] as string[],
  events: [] as string[],
};

function tables(): Record<string, Table> {
  const account = (i: number) => ids.accounts[i % ids.accounts.length] as string;
  return {
    security_questions: {
      columns: ["id", "text"],
      row: (i) => [i + 1, `Tên trường tiểu học đầu tiên của bạn là gì? (${i})`],
    },
    registry: {
      columns: [
        "id",
        "old_id",
        "full_name",
        "dob",
        "gender",
        "address",
        "phone",
        "card_type",
        "card_issued",
        "qr",
        "updated_at",
      ],
      row: () => {
        const id = citizenId();
        ids.registry.push(id);
        const name = fullName();
        const d = dob();
        const g = pick(["Nam", "Nữ"]);
        const a = address();
        const oldId = rand() < 0.4 ? digits(9) : "";
        const issued = `202${Math.floor(rand() * 5)}-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 9)}`;
        const cancuoc = rand() < 0.4;
        const ddmm = (x: string) => x.split("-").reverse().join("");
        const qr = [id, oldId, name, ddmm(d), g, a, ddmm(issued), ...(cancuoc ? ["", "", "", ""] : [])].join("|");
        return [id, oldId, name, d, g, a, localPhone(), cancuoc ? "cancuoc-2024" : "cccd-2021", issued, qr, time()];
      },
    },
    accounts: {
      columns: [
        "id",
        "phone",
        "level",
        "status",
        "password_hash",
        "passcode_hash",
        "failed_logins",
        "locked_until",
        "created_at",
        "updated_at",
        "activated_at",
      ],
      row: (i) => {
        const id = ids.registry[i] as string;
        ids.accounts.push(id);
        const t = time();
        return [id, e164(), 2, "active", pbkdf2(), pbkdf2(), 0, 0, t, t, t];
      },
    },
    security_answers: {
      columns: ["account_id", "slot", "question_id", "answer_hash"],
      row: (i) => [account(i >> 1), 1 + (i % 2), 1 + (i % 8), pbkdf2()],
    },
    devices: { columns: ["device_id", "account_id", "bound_at"], row: (i) => [`web-${b64(16)}`, account(i), time()] },
    sessions: {
      columns: ["token_hash", "account_id", "created_at", "last_seen_at", "expires_at", "revoked_at"],
      row: (i) => {
        const t = time();
        return [hex(32), account(i), t, t + 600, t + 8 * 3600, rand() < 0.5 ? t + 900 : null];
      },
    },
    activation_flows: {
      columns: [
        "id_hash",
        "account_id",
        "phone",
        "device_id",
        "step",
        "needs_password",
        "device_status",
        "password_hash",
        "passcode_hash",
        "otp_expires_at",
        "otp_resend_at",
        "created_at",
        "expires_at",
        "ended_at",
        "claim",
      ],
      row: (i) => {
        const t = time();
        return [
          hex(32),
          account(i),
          e164(),
          `web-${b64(16)}`,
          "done",
          1,
          "new",
          pbkdf2(),
          pbkdf2(),
          t + 180,
          t + 60,
          t,
          t + 900,
          t + 300,
          b64(16),
        ];
      },
    },
    registration_flows: {
      columns: [
        "id_hash",
        "citizen_id",
        "phone",
        "step",
        "otp_expires_at",
        "otp_resend_at",
        "created_at",
        "expires_at",
        "ended_at",
        "claim",
      ],
      row: (i) => {
        const t = time();
        return [
          hex(32),
          ids.registry[i % ids.registry.length],
          e164(),
          "done",
          t + 180,
          t + 60,
          t,
          t + 900,
          t + 200,
          b64(16),
        ];
      },
    },
    recovery_flows: {
      columns: [
        "id_hash",
        "purpose",
        "account_id",
        "phone",
        "step",
        "question_slot",
        "otp_expires_at",
        "otp_resend_at",
        "created_at",
        "expires_at",
        "ended_at",
        "claim",
      ],
      row: (i) => {
        const t = time();
        return [
          hex(32),
          "password",
          account(i),
          e164(),
          "done",
          1 + (i % 2),
          t + 180,
          t + 60,
          t,
          t + 900,
          t + 240,
          b64(16),
        ];
      },
    },
    sms_outbox: {
      columns: ["to_phone", "text", "sent_at", "idem_key"],
      row: () => [
        e164(),
        `Ma OTP kich hoat tai khoan dinh danh dien tu cua ban la ${digits(6)}. Ma co hieu luc trong 3 phut.`,
        time(),
        `otp:${hex(16)}`,
      ],
    },
    sms_failed: {
      columns: [
        "idem_key",
        "event",
        "account_id",
        "phone",
        "phone_masked",
        "text",
        "reason",
        "attempts",
        "state",
        "failed_at",
        "claim",
      ],
      row: (i) => [
        `application.approved:${hex(16)}`,
        "application.approved",
        account(i),
        e164(),
        `09${digits(1)}****${digits(3)}`,
        "Ho so dang ky tai khoan dinh danh dien tu cua cong dan NGUYEN VAN A da duoc phe duyet. De nghi truy cap https://vneid.example.gov.vn/kich-hoat de kich hoat tai khoan.",
        "HTTP 503",
        6,
        "failed",
        time(),
        b64(16),
      ],
    },
    audit_log: {
      columns: ["at", "event", "account_id", "detail", "officer"],
      row: (i) => {
        const [event, detail, byOfficer] = (
          AUDIT[i % AUDIT.length] as () => [string, Record<string, unknown>, boolean]
        )();
        return [time(), event, account(i), JSON.stringify(detail), byOfficer ? `canbo.${digits(4)}` : null];
      },
    },
    dev_clock: { columns: ["id", "offset_seconds"], row: () => [1, 0] },
    units: {
      columns: ["code", "name", "kind", "parent", "province_code", "place", "slots", "capacity_per_slot", "updated_at"],
      row: (i) => {
        const code = i === 0 ? "CAT-HCM" : `CAP-${digits(4)}${i}`;
        ids.units.push(code);
        const slots = JSON.stringify(["07:30", "08:30", "09:30", "10:30", "13:30", "14:30", "15:30", "16:30"]);
        return [
          code,
          i === 0 ? "Công an Thành phố Hồ Chí Minh" : `Công an phường ${pick(GIVEN)} ${i}`,
          i === 0 ? "province" : "ward",
          i === 0 ? null : "CAT-HCM",
          "079",
          `phường ${pick(GIVEN).toLowerCase()} ${i}`,
          slots,
          10,
          time(),
        ];
      },
    },
    officers: {
      columns: [
        "username",
        "name",
        "role",
        "unit_code",
        "password_hash",
        "must_change",
        "failed_logins",
        "locked_until",
        "created_at",
        "updated_at",
      ],
      row: (i) => {
        const u = `canbo.${digits(4)}.${i}`;
        ids.officers.push(u);
        const t = time();
        return [u, fullName(), "officer", ids.units[i % ids.units.length], pbkdf2(), 0, 0, 0, t, t];
      },
    },
    officer_sessions: {
      columns: ["token_hash", "username", "created_at", "last_seen_at", "expires_at", "revoked_at"],
      row: (i) => {
        const t = time();
        return [hex(32), ids.officers[i % ids.officers.length], t, t + 600, t + 8 * 3600, null];
      },
    },
    reference_counters: {
      columns: ["prefix", "last"],
      row: (i) => [`L${1 + (i % 2)}-${String(i).padStart(3, "0")}-2026`, Math.floor(rand() * 999999)],
    },
    intake_photos: {
      columns: ["id", "officer", "r2_key", "bytes", "width", "height", "uploaded_at", "claim"],
      row: (i) => {
        const id = b64(16);
        ids.intakePhotos.push(id);
        return [
          id,
          ids.officers[i % ids.officers.length],
          `portraits/${b64(24)}.jpg`,
          30000 + Math.floor(rand() * 90000),
          480,
          640,
          time(),
          b64(16),
        ];
      },
    },
    photos: {
      columns: ["id", "account_id", "r2_key", "bytes", "width", "height", "uploaded_at"],
      row: (i) => {
        const id = b64(16);
        ids.photos.push(id);
        return [id, account(i), `portraits/${b64(24)}.jpg`, 30000 + Math.floor(rand() * 90000), 480, 640, time()];
      },
    },
    applications: {
      columns: [
        "account_id",
        "level",
        "channel",
        "status",
        "card_json",
        "photo_id",
        "email",
        "submitted_at",
        "decided_at",
        "reference",
        "tracking_code",
        "unit_code",
        "phone",
        "papers",
        "consent_at",
        "prior_level",
        "prior_status",
        "intake_photo_id",
        "intake_by",
        "reviewing_at",
        "reviewing_by",
        "decided_by",
        "reason",
        "superseded_by",
        "claim",
      ],
      row: (i) => {
        const t = time();
        const id = account(i);
        const card = {
          id,
          oldId: digits(9),
          fullName: fullName(),
          dob: dob(),
          gender: "Nữ",
          address: address(),
          issued: "2023-10-17",
        };
        const office = i % 3 !== 0;
        const officer = ids.officers[i % ids.officers.length];
        return [
          id,
          office ? 2 : 1,
          office ? "office" : "online",
          "approved",
          JSON.stringify(card),
          office ? null : ids.photos[i],
          office ? null : `dan${i}@example.vn`,
          t,
          t + 86400,
          `L${office ? 2 : 1}-079-2026-${String(i).padStart(6, "0")}`,
          b64(6).slice(0, 8).toUpperCase(),
          ids.units[i % ids.units.length],
          e164(),
          office
            ? JSON.stringify({
                bhyt: `DN47${digits(11)}`,
                bhytExpiry: "2027-12-31",
                gplx: digits(12),
                gplxExpiry: "2030-05-01",
              })
            : "{}",
          t,
          1,
          "approved",
          office ? ids.intakePhotos[i] : null,
          office ? officer : null,
          t + 3600,
          officer,
          officer,
          null,
          null,
          b64(16),
        ];
      },
    },
    appointments: {
      columns: ["code", "unit_code", "day", "time", "citizen_id", "phone", "status", "created_at", "cancelled_at"],
      row: (i) => [
        `LH-${b64(6).slice(0, 6).toUpperCase()}${i}`,
        ids.units[i % ids.units.length],
        `2026-0${1 + (i % 9)}-1${i % 10}`,
        "08:30",
        ids.registry[i],
        e164(),
        "booked",
        time(),
        null,
      ],
    },
    notifications: {
      columns: ["account_id", "kind", "at", "detail", "dedupe_key", "read_at"],
      row: (i) => [
        account(i),
        "approval",
        time(),
        JSON.stringify({ reference: `L2-079-2026-${digits(6)}`, level: 2, unit: "Công an phường Bến Nghé" }),
        i % 2 ? `expiry:card:${dob()}` : null,
        null,
      ],
    },
    event_sessions: {
      columns: ["id", "officer", "unit_code", "place", "first_day", "last_day", "kid", "created_at"],
      row: (i) => {
        const id = `ev_${b64(16)}`;
        ids.events.push(id);
        return [
          id,
          ids.officers[i % ids.officers.length],
          ids.units[i % ids.units.length],
          "Nhà văn hóa khu phố 5, phường Bến Nghé",
          "2026-03-01",
          "2026-03-02",
          "2026-01",
          time(),
        ];
      },
    },
    event_records: {
      columns: ["event_id", "client_id", "captured_at", "state", "reference", "code", "claimed_at", "decided_at"],
      row: (i) => [
        ids.events[i % ids.events.length],
        crypto.randomUUID(),
        time(),
        "accepted",
        `L2-079-2026-${digits(6)}`,
        null,
        time(),
        time(),
      ],
    },
    dev_faults: { columns: ["route", "remaining", "mode", "delay_ms"], row: (i) => [`/api/route-${i}`, 1, "error", 0] },
    dependants: {
      columns: ["id", "guardian_id", "child_id", "added_at"],
      row: (i) => [b64(16), account(i), ids.registry[(i + 7) % ids.registry.length], time()],
    },
  };
}

/** Rows measured per table: single-row tables are measured on the one row they hold. */
const ROWS_OF: Record<string, number> = { dev_clock: 1, security_questions: 8 };

async function main(): Promise<void> {
  PBKDF2_SAMPLE = await hashSecret("Matkhau@2024", PEPPER, 100_000);
  const tokenHash = await sha256Hex(randomToken());
  const dir = mkdtempSync(join(tmpdir(), "vneid-rows-"));
  const mf = new Miniflare({
    modules: true,
    script: EXECUTOR,
    d1Databases: { DB: "measure-rows" },
    d1Persist: dir,
  });
  try {
    const url = await mf.ready;
    /** Runs statements inside workerd (one request per call, not one per row) and returns the database size after. */
    const exec = async (sql: string, rows: unknown[][] = [[]]): Promise<{ size: number; results: unknown[] }> => {
      const res = await fetch(url, { method: "POST", body: JSON.stringify({ sql, rows }) });
      const body = (await res.json()) as { size: number; results: unknown[]; error?: string };
      if (!res.ok) throw new Error(`${sql.slice(0, 80)}: ${body.error}`);
      return body;
    };
    const migrations = await readD1Migrations("./worker/migrations");
    for (const m of migrations) for (const q of m.queries) await exec(q);
    const size = async () => (await exec("SELECT 1")).size;
    const schema = {
      results: (
        await exec(
          "SELECT type, name, tbl_name FROM sqlite_master WHERE rootpage > 0 AND tbl_name NOT LIKE '_cf_%' AND tbl_name NOT LIKE 'sqlite_%' AND name NOT LIKE 'd1_%'",
        )
      ).results as Array<{ type: string; name: string; tbl_name: string }>,
    };
    const btreesOf = (t: string) => schema.results.filter((r) => r.tbl_name === t).map((r) => r.name);
    const emptyBytes = await size();
    const makers = tables();
    const names = [...new Set(schema.results.filter((r) => r.type === "table").map((r) => r.tbl_name))];
    const unknown = names.filter((n) => !(n in makers));
    if (unknown.length)
      throw new Error(`no row maker for table(s) ${unknown.join(", ")}: add one to scripts/measure-rows.ts`);
    const classified = new Set([...CITIZEN_TABLES, ...OFFICE_TABLES, ...DEV_TABLES]);
    const unplaced = names.filter((n) => !classified.has(n));
    if (unplaced.length) throw new Error(`table(s) ${unplaced.join(", ")} are in no group of shared/citizen-bucket.ts`);
    const out: Record<string, { rows: number; bytes: number; bytesPerRow: number; btrees: string[]; group: string }> =
      {};
    for (const [name, t] of Object.entries(makers)) {
      const rows = ROWS_OF[name] ?? ROWS;
      const before = await size();
      const sql = `INSERT INTO ${name} (${t.columns.join(", ")}) VALUES (${t.columns.map((_, i) => `?${i + 1}`).join(", ")})`;
      const bytes =
        (
          await exec(
            sql,
            Array.from({ length: rows }, (_, i) => t.row(i)),
          )
        ).size - before;
      const group =
        [CITIZEN_TABLES.includes(name) && "citizen", OFFICE_TABLES.includes(name) && "office"]
          .filter(Boolean)
          .join("+") || "development";
      out[name] = { rows, bytes, bytesPerRow: Math.round((bytes / rows) * 10) / 10, btrees: btreesOf(name), group };
      console.error(
        `${name.padEnd(20)} ${String(rows).padStart(5)} rows  ${String(bytes).padStart(9)} B  ${out[name].bytesPerRow} B/row`,
      );
    }
    // Layout (c): the database of one citizen holds the citizen tables with their indexes, each at least one page.
    const pageSize = 4096;
    const citizenBtrees = schema.results.filter((r) => CITIZEN_TABLES.includes(r.tbl_name)).length;
    const allBtrees = schema.results.length;
    const perCitizen = pageSize * (1 + citizenBtrees);
    writeFileSync(
      OUT,
      `${JSON.stringify(
        {
          _about: [
            "Bytes per row of every table of worker/migrations, indexes included: written by `npm run measure:rows` (scripts/measure-rows.ts).",
            `Method: miniflare's D1 (SQLite, ${pageSize}-byte pages), all migrations applied; for each table in foreign-key order, ${ROWS} realistic rows inserted in batches of 250; bytesPerRow = growth of the database size (D1 meta.size_after) / rows. Rows: full Vietnamese names and four-level addresses, the registry's QR payload, PBKDF2 strings of the worker's own format (${PBKDF2_SAMPLE.length} characters), SHA-256 hex token hashes (${tokenHash.length}), base64url ids, JSON audit details and card JSON as the worker writes them.`,
            "group: where the table lives in the sharded layouts (shared/citizen-bucket.ts): citizen shard, province (office) database, or development only.",
            `perCitizenObject (layout (c), one SQLite Durable Object per citizen): every table and index is a B-tree of at least one page, plus the schema page: ${citizenBtrees} citizen B-trees + 1 = ${perCitizen} bytes before any row; one citizen's rows fit in those pages.`,
          ],
          pageSize,
          rowsPerTable: ROWS,
          pbkdf2Length: PBKDF2_SAMPLE.length,
          emptySchemaBytes: emptyBytes,
          emptySchemaBtrees: allBtrees,
          perCitizenObject: { btrees: citizenBtrees + 1, bytes: perCitizen },
          tables: out,
        },
        null,
        2,
      )}\n`,
    );
    console.error(`wrote ${OUT}`);
  } finally {
    await mf.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The worker that runs the statements: `{sql, rows}` → one statement per row, in batches of 250. */
const EXECUTOR = `export default {
  async fetch(request, env) {
    const { sql, rows } = await request.json();
    try {
      let last;
      for (let i = 0; i < rows.length; i += 250) {
        const results = await env.DB.batch(rows.slice(i, i + 250).map((r) => env.DB.prepare(sql).bind(...r)));
        last = results[results.length - 1];
      }
      return Response.json({ size: last.meta.size_after, results: last.results });
    } catch (e) {
      return Response.json({ error: String(e) }, { status: 500 });
    }
  },
};`;

await main();
