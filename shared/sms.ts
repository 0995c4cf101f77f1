/**
 * Texts (SMS) sent after a commit: the settings of their queue (which `scripts/wrangler-config.ts` writes into
 * `wrangler.toml` and the worker's consumer reads), the message the queue carries, and the bodies of "Tin nhắn lỗi"
 * (`/api/admin/sms/*`, province_admin), shared by the worker and the PWA.
 */
import * as z from "zod/mini";

/** The queue of texts sent after a commit, and its dead-letter queue (the same in every environment). */
export const SMS_QUEUE = {
  name: "vneid-sms",
  deadLetter: "vneid-sms-dlq",
  /** Texts sent by one consumer invocation, in parallel. */
  batchSize: 10,
  /** A text waits at most this long for a batch to fill. */
  batchTimeoutSeconds: 1,
  /** Retries after the first attempt; then the text goes to the dead-letter queue. */
  maxRetries: 5,
  /** The first retry's wait (`SMS_RETRY_SECONDS`), doubled at each retry: 30 s, 1, 2, 4, 8 min. */
  retrySeconds: 30,
  /** No retry waits longer (Queues allow 12 hours), whatever the provider's Retry-After says. */
  maxRetryDelaySeconds: 3600,
} as const;

/** One text in the queue: who, what, and the idempotency key the provider de-duplicates on. */
export const QueuedText = z.object({
  /** `<event>:<digest>`, deterministic from what the text is about; the `Idempotency-Key` header. */
  key: z.string().check(z.minLength(1), z.maxLength(200)),
  /** What the text is about (a key of `TEXT_TIMING`, worker/src/domain/texts.ts). */
  event: z.string().check(z.minLength(1), z.maxLength(64)),
  /** E.164. */
  to: z.string().check(z.regex(/^\+84\d{9}$/)),
  text: z.string().check(z.minLength(1), z.maxLength(1000)),
  /** The account the text is about, for the audit log. */
  accountId: z.nullable(z.string().check(z.maxLength(64))),
});
export type QueuedTextT = z.infer<typeof QueuedText>;

/** A text on "Tin nhắn lỗi". */
export const FailedText = z.object({
  id: z.number(),
  /** What the text was about (`activation.completed`, `application.approved`…). */
  event: z.string(),
  /** Masked for display: `091****678`. */
  maskedPhone: z.string(),
  text: z.string(),
  /** The provider's last answer (`HTTP 503`, `TimeoutError`…). */
  reason: z.string(),
  attempts: z.number(),
  failedAt: z.string(),
  /** The idempotency key. */
  key: z.string(),
  /** `failed`: waiting for "Gửi lại"; `resent`: sent again by a province_admin. */
  state: z.enum(["failed", "resent"]),
  resentAt: z.nullable(z.string()),
  resentBy: z.nullable(z.string()),
});
export type FailedTextT = z.infer<typeof FailedText>;

/** `GET /api/admin/sms/failed`: the newest failed texts, newest first. */
export const FailedTextsResponse = z.object({ items: z.array(FailedText) });
export type FailedTextsResponseT = z.infer<typeof FailedTextsResponse>;

/** "Gửi lại" (body `{}`). */
export const ResendBody = z.strictObject({});
