/**
 * The citizen's card and papers (seed Phụ lục 1 III: "Cảnh báo sắp hết hạn thẻ Căn cước công dân", "Cảnh báo sắp
 * hết hạn các loại giấy tờ đã được tích hợp") and the notifications ("Thông báo"). The card's validity comes from
 * the registry's date of birth and issue date (`shared/card-expiry.ts`); the papers from the approved level-2 file.
 * Expiry notices are derived from that state whenever it is read: one per card or paper, date and state (a dedupe
 * key), so reading again writes nothing new.
 */
import type { CardResponseT, NotificationItemT, PapersResponseT, ValidityT } from "../../../shared/card-api";
import { cardValidUntil, daysBetween, expiryState } from "../../../shared/card-expiry";
import { isRealIsoDate } from "../../../shared/citizen";
import { PAPER_EXPIRY_FIELD, PAPER_KINDS } from "../../../shared/officer-schemas";
import type { LookupOptions } from "../adapters/registry";
import { iso, vnToday } from "../clock";
import type { Ctx } from "../context";
import { listNotifications, markReadStatement, notifyStatement, unreadCount } from "../db/notifications";
import { findApprovedPapers } from "../db/papers";

/** A validity on `today`, from the last valid day (or none). */
export function validityOf(validUntil: string | null, today: string): ValidityT {
  return {
    validUntil,
    state: expiryState(validUntil, today),
    daysLeft: validUntil === null ? null : daysBetween(today, validUntil),
  };
}

/** A card's last valid day, or `undefined` when the registry's dates cannot be read. */
export function safeValidUntil(dob: string, issued: string): string | null | undefined {
  try {
    return cardValidUntil(dob, issued);
  } catch {
    return undefined;
  }
}

/** Everything that can expire, on the server's today. */
export interface ExpiryOverview {
  today: string;
  card: CardResponseT["card"];
  reference: string | null;
  papers: PapersResponseT["papers"];
}

function readPapers(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * The card and papers of an account with their validity; writes the expiry notices that their state calls for
 * (once each: `card:<validUntil>:<state>`, `<paper>:<number>:<validUntil>:<state>`). Where the card only comes along
 * (papers, notifications), `bestEffort` leaves it out while the registry cannot answer.
 */
export async function expiryOverview(ctx: Ctx, accountId: string, lookup: LookupOptions = {}): Promise<ExpiryOverview> {
  const today = vnToday(ctx.clock);
  const [citizen, file] = await Promise.all([
    ctx.registry.findCitizen(accountId, lookup),
    findApprovedPapers(ctx.db, accountId),
  ]);
  let card: CardResponseT["card"] = null;
  const validUntil = citizen ? safeValidUntil(citizen.dob, citizen.cardIssued) : undefined;
  if (citizen && validUntil !== undefined) {
    card = {
      citizenId: citizen.id,
      cardType: citizen.cardType,
      issued: citizen.cardIssued,
      dob: citizen.dob,
      ...validityOf(validUntil, today),
    };
  }
  const recorded = readPapers(file?.papers ?? "{}");
  const papers: PapersResponseT["papers"] = [];
  for (const kind of PAPER_KINDS) {
    const number = recorded[kind];
    if (typeof number !== "string" || !number) continue;
    const expiry = recorded[PAPER_EXPIRY_FIELD[kind]];
    papers.push({
      kind,
      number,
      ...validityOf(typeof expiry === "string" && isRealIsoDate(expiry) ? expiry : null, today),
    });
  }

  const now = ctx.clock.now();
  const notices: D1PreparedStatement[] = [];
  if (card && card.state !== "valid" && card.validUntil) {
    notices.push(
      notifyStatement(
        ctx.db,
        now,
        accountId,
        "expiry",
        { subject: "card", validUntil: card.validUntil, state: card.state },
        `card:${card.validUntil}:${card.state}`,
      ),
    );
  }
  for (const p of papers) {
    if (p.state === "valid" || !p.validUntil) continue;
    notices.push(
      notifyStatement(
        ctx.db,
        now,
        accountId,
        "expiry",
        { subject: p.kind, number: p.number, validUntil: p.validUntil, state: p.state },
        `${p.kind}:${p.number}:${p.validUntil}:${p.state}`,
      ),
    );
  }
  if (notices.length > 0) await ctx.db.batch(notices);
  return { today, card, reference: file?.reference ?? null, papers };
}

/** `GET /api/me/card`. */
export async function myCard(ctx: Ctx, accountId: string): Promise<CardResponseT> {
  const { today, card } = await expiryOverview(ctx, accountId);
  return { today, card, unreadNotifications: await unreadCount(ctx.db, accountId) };
}

/** `GET /api/me/papers`. */
export async function myPapers(ctx: Ctx, accountId: string): Promise<PapersResponseT> {
  const { today, reference, papers } = await expiryOverview(ctx, accountId, { bestEffort: true });
  return { today, reference, papers };
}

/** `GET /api/me/notifications`: the newest 50 (after writing any expiry notice due), and the unread count. */
export async function myNotifications(
  ctx: Ctx,
  accountId: string,
): Promise<{ notifications: NotificationItemT[]; unread: number }> {
  await expiryOverview(ctx, accountId, { bestEffort: true });
  const [list, unread] = await Promise.all([listNotifications(ctx.db, accountId, 50), unreadCount(ctx.db, accountId)]);
  return { notifications: list.map((n) => ({ ...n, at: iso(n.at) })), unread };
}

/** "Đã đọc": marks the account's notifications up to `upToId` read; returns how many stay unread. */
export async function markNotificationsRead(ctx: Ctx, accountId: string, upToId: number): Promise<{ unread: number }> {
  await markReadStatement(ctx.db, accountId, upToId, ctx.clock.now()).run();
  return { unread: await unreadCount(ctx.db, accountId) };
}
