/**
 * Offline intake at community events (issue 5): the event session, the sealed records the officer's phone queues,
 * the batch upload and its per-record outcomes. Shared by the worker (which validates with them) and the PWA.
 */
import * as z from "zod/mini";
import { Day, IntakeFields, paperExpiryNeedsNumber } from "./officer-schemas";

/** Records per upload: the PWA sends batches of this size, the server takes no more. */
export const EVENT_SYNC_BATCH = 10;
/** Longest side of an event portrait (resized on the device; the server's portrait limits still apply). */
export const EVENT_PHOTO_MAX_SIDE = 360;
/** Bytes of an event portrait at most (it travels inside the sealed record). */
export const EVENT_PHOTO_MAX_BYTES = 60 * 1024;
/** Days an event may span at most. */
export const EVENT_MAX_DAYS = 7;
/** The byte limit of one upload: a full batch of sealed records. */
export const EVENT_SYNC_MAX_BYTES = 2 * 1024 * 1024;

/** Field messages of the event screens. */
export const EVENT_FIELD_MESSAGES = {
  place: "Vui lòng nhập địa điểm (tối đa 200 ký tự)",
  days: `Ngày kết thúc không được trước ngày bắt đầu, và sự kiện kéo dài tối đa ${EVENT_MAX_DAYS} ngày`,
  clientId: "Mã bản ghi không hợp lệ",
} as const;

const daysBetween = (a: string, b: string) =>
  (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000;

/** "Bắt đầu sự kiện": the place and the event's days (Vietnam dates, both included). */
export const EventStartBody = z
  .strictObject({
    place: z.pipe(
      z.pipe(
        z.string().check(z.maxLength(400)),
        z.transform((s: string) => s.trim()),
      ),
      z.string().check(z.minLength(1, EVENT_FIELD_MESSAGES.place), z.maxLength(200, EVENT_FIELD_MESSAGES.place)),
    ),
    firstDay: Day,
    lastDay: Day,
  })
  .check(
    z.refine((b) => daysBetween(b.firstDay, b.lastDay) >= 0 && daysBetween(b.firstDay, b.lastDay) < EVENT_MAX_DAYS, {
      error: EVENT_FIELD_MESSAGES.days,
      path: ["lastDay"],
    }),
  );
export type EventStartInput = z.infer<typeof EventStartBody>;

/** The server's public sealing key (P-256, JWK) with its id. */
export const SealPublicKeySchema = z.object({
  kty: z.literal("EC"),
  crv: z.literal("P-256"),
  x: z.string(),
  y: z.string(),
  kid: z.string(),
});

/** An event session, as the officer's phone keeps it. */
export const EventSession = z.object({
  id: z.string(),
  place: z.string(),
  firstDay: z.string(),
  lastDay: z.string(),
  officer: z.string(),
  unit: z.object({ code: z.string(), name: z.string() }),
  createdAt: z.string(),
  publicKey: SealPublicKeySchema,
});
export type EventSessionT = z.infer<typeof EventSession>;

const b64url = (max: number) => z.string().check(z.maxLength(max), z.regex(/^[A-Za-z0-9_-]*$/));

/** A record sealed to the server's key (`shared/seal.ts`). */
export const SealedRecordSchema = z.strictObject({
  v: z.literal(1),
  kid: z.string().check(z.minLength(1), z.maxLength(64)),
  epk: b64url(100),
  iv: b64url(20),
  ct: b64url(Math.ceil(((EVENT_PHOTO_MAX_BYTES * 4) / 3 + 4096) * 1.4)),
});

/** A client id: a UUID made on the device. */
export const ClientId = z
  .string()
  .check(z.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, EVENT_FIELD_MESSAGES.clientId));

/** One queued record as uploaded: its id, capture time (unix seconds) and the sealed content. */
export const EventRecordUpload = z.strictObject({
  clientId: ClientId,
  capturedAt: z.int().check(z.gte(0), z.lte(4_102_444_800)),
  sealed: SealedRecordSchema,
});

/** `POST /api/officer/events/:id/records`: one batch of queued records. */
export const EventSyncBody = z.strictObject({
  records: z.array(EventRecordUpload).check(z.minLength(1), z.maxLength(EVENT_SYNC_BATCH)),
});
export type EventSyncInput = z.infer<typeof EventSyncBody>;

/**
 * What a sealed record holds once opened on the server: the intake's own fields (card, phone, consent, optional
 * papers; checked exactly as at the office), the capture time and the portrait (JPEG, base64url).
 */
export const EventRecordPlain = z
  .extend(z.omit(IntakeFields, { photoId: true, unitCode: true }), {
    capturedAt: z.int(),
    photo: b64url(Math.ceil((EVENT_PHOTO_MAX_BYTES * 4) / 3) + 4),
  })
  .check(paperExpiryNeedsNumber);
export type EventRecordPlainT = z.input<typeof EventRecordPlain>;

/** How a record ended; `retry` means the server could not decide yet (the device keeps it and sends it again). */
export const EVENT_OUTCOMES = ["accepted", "duplicate", "rejected", "retry"] as const;
export const EventOutcome = z.enum(EVENT_OUTCOMES);
export type EventOutcomeT = z.infer<typeof EventOutcome>;

/** One record's outcome: the file's reference (accepted), the existing one (duplicate), or the reason (rejected). */
export const EventRecordResult = z.object({
  clientId: z.string(),
  outcome: EventOutcome,
  reference: z.nullable(z.string()),
  code: z.nullable(z.string()),
  message: z.nullable(z.string()),
});
export type EventRecordResultT = z.infer<typeof EventRecordResult>;

/** The answer to a batch: one result per record, in the order sent. */
export const EventSyncResponse = z.object({ results: z.array(EventRecordResult) });

/** `GET /api/officer/events/:id`: the session and what the server holds of it. */
export const EventDetailResponse = z.object({
  event: EventSession,
  records: z.array(EventRecordResult),
  counts: z.object({ accepted: z.int(), duplicate: z.int(), rejected: z.int(), retry: z.int() }),
});

/**
 * Development only: make the next `failNext` uploads fail (a 500, or a response that never comes in time), or, on
 * `sms-queue`, the next deliveries of queued texts (a 503 from the provider, or a text taken whose answer times out).
 */
export const DevFaultBody = z.strictObject({
  route: z.enum(["event-sync", "sms-queue"]),
  failNext: z.int().check(z.gte(0), z.lte(1000)),
  mode: z.enum(["500", "timeout"]),
  /** Instead of one mode for all: the mode of each of the next requests, in order (`failNext` is then its length). */
  sequence: z.optional(z.array(z.enum(["500", "timeout"])).check(z.minLength(1), z.maxLength(20))),
  /** How long a `timeout` answer is held back, in ms (the batch itself is processed). */
  delayMs: z.optional(z.int().check(z.gte(0), z.lte(120_000))),
});
export const DevFaultResponse = z.object({ route: z.string(), failNext: z.int(), mode: z.string() });
