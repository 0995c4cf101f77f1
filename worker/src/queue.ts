/**
 * The worker's `queue()`: the consumer of the texts queued after a commit (`domain/texts.ts`). Texts of
 * `vneid-sms` go to the provider, one attempt per delivery; a failed attempt is retried after a backoff (or the
 * provider's Retry-After), and after `max_retries` the queue moves the text to `vneid-sms-dlq`, whose texts are
 * listed on "Tin nhắn lỗi" and audited `sms.failed`.
 */
import { QueuedText, SMS_QUEUE } from "../../shared/sms";
import { QUEUED_HTTP_SMS, smsSender } from "./adapters/sms";
import { requestClock } from "./clock";
import { createCtx } from "./context";
import { withInjectedSmsFaults } from "./domain/dev";
import { deadLetterText, deliverQueuedText } from "./domain/texts";
import type { Env } from "./env";

/** `SMS_RETRY_SECONDS`, or the default when it is unset or not a whole number. */
function retryBaseSeconds(env: Env): number {
  const n = Number(env.SMS_RETRY_SECONDS);
  return env.SMS_RETRY_SECONDS !== undefined && Number.isInteger(n) && n >= 0 ? n : SMS_QUEUE.retrySeconds;
}

/** Handles one batch of either queue; each message is acknowledged or retried on its own. */
export async function consumeTexts(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const dead = batch.queue === SMS_QUEUE.deadLetter;
  const clock = await requestClock(env);
  const ctx = await createCtx(env, { clock, sms: withInjectedSmsFaults(env, smsSender(env, clock, QUEUED_HTTP_SMS)) });
  const base = retryBaseSeconds(env);
  await Promise.all(
    batch.messages.map(async (message) => {
      const parsed = QueuedText.safeParse(message.body);
      if (!parsed.success) {
        // Nothing can ever send it; retrying would only move it to the dead-letter queue, where it would fail again.
        console.error(`[sms] malformed message ${message.id} on ${batch.queue} dropped`);
        message.ack();
        return;
      }
      try {
        if (dead) {
          await deadLetterText(ctx, parsed.data);
          message.ack();
          return;
        }
        const delivery = await deliverQueuedText(ctx, parsed.data, message.attempts, base);
        if (delivery.ack) message.ack();
        else message.retry({ delaySeconds: delivery.delaySeconds });
      } catch (err) {
        console.error(`[sms] ${parsed.data.key} on ${batch.queue}: ${String(err)}`);
        message.retry({ delaySeconds: dead ? base : 0 });
      }
    }),
  );
}
