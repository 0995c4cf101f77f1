/**
 * Sharding of the Durable Objects that hold per-key state (OTP codes per phone, rate-limit slots per IP or ID
 * number). Each key always lands in the same instance, which serialises everything about it; an instance holds
 * many keys. One instance per key would create a new Durable Object — a new SQLite database, cold on its first
 * request — for nearly every OTP request, since phones, ID numbers and client IPs are mostly seen once.
 */

/** FNV-1a (32-bit) of the key, reduced to one of `shards` shard numbers. */
export function shardOf(key: string, shards: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % shards;
}

/**
 * Keeps a Durable Object's clean-up alarm no earlier than `until` (ms) with a minute's margin, moving it only when
 * it would fire too early rather than on every write. `state` caches the alarm time (`undefined` until read).
 */
export async function keepAlarmUntil(
  storage: DurableObjectStorage,
  state: { alarmAt?: number | null },
  until: number,
): Promise<void> {
  if (state.alarmAt === undefined) state.alarmAt = await storage.getAlarm();
  if (state.alarmAt !== null && state.alarmAt >= until) return;
  state.alarmAt = until + 60_000;
  await storage.setAlarm(state.alarmAt);
}
