/**
 * Reports for a province_admin: applications by level and state, by unit and by day, with activations; the same
 * as CSV for Excel; and the append-only audit log, filtered. Days are Vietnam days (UTC+7).
 */
import type { ReportsResponseT } from "../../../shared/officer-schemas";
import { iso, vnToday } from "../clock";
import type { Ctx } from "../context";
import { listAuditLines, officerAuditStatement } from "../db/audit";
import { readReportCounts, readReportLines } from "../db/reports";
import { listUnits } from "../db/units";
import { type Result, fail } from "../errors";
import { addDays } from "./booking";
import type { Officer } from "./officer";

/** The longest range a report covers, in days. */
export const REPORT_MAX_DAYS = 366;
/** The default range: the last 30 days, today included. */
export const REPORT_DEFAULT_DAYS = 30;

const VN_OFFSET = 7 * 3600;

/** Unix seconds of midnight, Vietnam time, starting `day`. */
export function vnMidnight(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / 1000 - VN_OFFSET;
}

/** A resolved range: days (both included) and unix seconds (`end` excluded). */
export interface Range {
  from: string;
  to: string;
  start: number;
  end: number;
}

/** The range of a query: the given days, or the last 30 days; at most 366 days. */
export function resolveRange(
  ctx: Ctx,
  q: { from?: string | undefined; to?: string | undefined },
): Result<{ range: Range }> {
  const to = q.to ?? (q.from ? addDays(q.from, REPORT_DEFAULT_DAYS - 1) : vnToday(ctx.clock));
  const from = q.from ?? addDays(to, -(REPORT_DEFAULT_DAYS - 1));
  if (from > to) return fail("VALIDATION_FAILED", { fields: { to: "Ngày kết thúc không được trước ngày bắt đầu" } });
  if (addDays(from, REPORT_MAX_DAYS - 1) < to) {
    return fail("VALIDATION_FAILED", { fields: { from: `Khoảng thời gian tối đa ${REPORT_MAX_DAYS} ngày` } });
  }
  return { ok: true, range: { from, to, start: vnMidnight(from), end: vnMidnight(addDays(to, 1)) } };
}

/** Every day of a range. */
function daysOf(range: Range): string[] {
  const days: string[] = [];
  for (let d = range.from; d <= range.to; d = addDays(d, 1)) days.push(d);
  return days;
}

/** The dashboard's numbers over a range. */
export async function buildReport(ctx: Ctx, range: Range): Promise<ReportsResponseT> {
  const { byLevelStatus, byUnitApps, byUnitActs, daysApps, daysApprovals, daysActs } = await readReportCounts(
    ctx.db,
    range.start,
    range.end,
  );
  const byDayMap = (rows: Array<Record<string, unknown>>) => new Map(rows.map((x) => [String(x.day), Number(x.n)]));
  const apps = new Map(byUnitApps.map((x) => [x.unit_code === null ? null : String(x.unit_code), x]));
  const acts = new Map(
    byUnitActs.map((x) => [x.unit_code === null ? null : String(x.unit_code), Number(x.activations)]),
  );
  const units = await listUnits(ctx.db);
  const unitRow = (code: string | null, name: string) => {
    const a = apps.get(code);
    return {
      unitCode: code,
      name,
      applications: Number(a?.applications ?? 0),
      approved: Number(a?.approved ?? 0),
      rejected: Number(a?.rejected ?? 0),
      activations: acts.get(code) ?? 0,
    };
  };
  const byUnit = units.map((u) => unitRow(u.code, u.name));
  const known = new Set(units.map((u) => u.code));
  for (const code of new Set([...apps.keys(), ...acts.keys()])) {
    if (code === null || !known.has(code)) byUnit.push(unitRow(code, code === null ? "Chưa phân đơn vị" : code));
  }
  const [received, approvals, activations] = [byDayMap(daysApps), byDayMap(daysApprovals), byDayMap(daysActs)];
  return {
    from: range.from,
    to: range.to,
    byLevelStatus: byLevelStatus.map((x) => ({
      level: Number(x.level) as 1 | 2,
      status: String(x.status) as ReportsResponseT["byLevelStatus"][number]["status"],
      count: Number(x.count),
    })),
    byUnit,
    byDay: daysOf(range).map((day) => ({
      day,
      applications: received.get(day) ?? 0,
      approvals: approvals.get(day) ?? 0,
      activations: activations.get(day) ?? 0,
    })),
  };
}

/** A CSV field: quoted when needed; a leading = + - @ is neutralised so that Excel never runs it as a formula. */
function csvField(value: string | number): string {
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The CSV header row. */
export const CSV_HEADER = [
  "Ngày",
  "Mã đơn vị",
  "Đơn vị",
  "Hồ sơ mức 1",
  "Hồ sơ mức 2",
  "Phê duyệt",
  "Từ chối",
  "Kích hoạt",
];

/**
 * The report as CSV (UTF-8 with a BOM, for Excel): one row per day and unit with any activity: files received by
 * level, approvals and rejections decided that day, activations. The export is audited.
 */
export async function exportReportCsv(ctx: Ctx, officer: Officer, range: Range): Promise<string> {
  const db = ctx.db;
  const { received, decided, activations } = await readReportLines(db, range.start, range.end);
  type Line = { l1: number; l2: number; approved: number; rejected: number; activations: number };
  const lines = new Map<string, Line>();
  const line = (r: Record<string, unknown>) => {
    const key = `${String(r.day)}\u0000${r.unit_code === null ? "" : String(r.unit_code)}`;
    const l = lines.get(key) ?? { l1: 0, l2: 0, approved: 0, rejected: 0, activations: 0 };
    lines.set(key, l);
    return l;
  };
  for (const r of received) Object.assign(line(r), { l1: Number(r.l1), l2: Number(r.l2) });
  for (const r of decided) Object.assign(line(r), { approved: Number(r.approved), rejected: Number(r.rejected) });
  for (const r of activations) line(r).activations = Number(r.n);
  const names = new Map((await listUnits(db)).map((u) => [u.code, u.name]));
  const body = [...lines]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, l]) => {
      const [day = "", unit = ""] = key.split("\u0000");
      const name = unit ? (names.get(unit) ?? unit) : "Chưa phân đơn vị";
      return [day, unit, name, l.l1, l.l2, l.approved, l.rejected, l.activations].map(csvField).join(",");
    });
  const now = ctx.clock.now();
  await db.batch([
    officerAuditStatement(db, now, "report.exported", officer.username, null, {
      from: range.from,
      to: range.to,
      rows: body.length,
    }),
  ]);
  return `\ufeff${[CSV_HEADER.map(csvField).join(","), ...body].join("\r\n")}\r\n`;
}

/** An entry of the audit log as the province_admin sees it. */
export interface AuditEntry {
  at: string;
  event: string;
  officer: string | null;
  /** The officer's name ("Hoàng Thị Thanh"), beside the user name. */
  officerName: string | null;
  accountId: string | null;
  detail: Record<string, unknown>;
}

/**
 * The newest 500 audit entries matching the filters. `event` matches itself and the events under it
 * (`officer.login` matches `officer.login.failed`); `officer` a user name; `from`/`to` Vietnam days.
 */
export async function listAudit(
  ctx: Ctx,
  q: { event?: string | undefined; officer?: string | undefined; from?: string | undefined; to?: string | undefined },
): Promise<{ entries: AuditEntry[] }> {
  const start = q.from ? vnMidnight(q.from) : null;
  const end = q.to ? vnMidnight(addDays(q.to, 1)) : null;
  const results = await listAuditLines(ctx.db, { event: q.event ?? null, officer: q.officer ?? null, start, end });
  return {
    entries: results.map((r) => {
      let detail: Record<string, unknown> = {};
      try {
        const parsed: unknown = JSON.parse(r.detail);
        if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) detail = parsed as Record<string, unknown>;
      } catch {
        // a detail that is not JSON is shown empty
      }
      return {
        at: iso(r.at),
        event: r.event,
        officer: r.officer,
        officerName: r.officer_name,
        accountId: r.account_id,
        detail,
      };
    }),
  };
}
