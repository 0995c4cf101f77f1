/** The seeds' and the security rules' numbers, in one place for the worker, the PWA and the tests. */
export const LIMITS = {
  /** An OTP is valid for 3 minutes (seed 000, step 3: "Mã sẽ hết hạn 02:58"). */
  otpTtlSeconds: 180,
  /** "Gửi lại mã" is allowed this long after the previous send. */
  otpResendCooldownSeconds: 60,
  /** Wrong entries that kill a code. */
  otpMaxAttempts: 5,
  /**
   * Sends per phone number in any hour, from all client addresses together: a refused send waits at most an hour
   * (short blocks, not long ones: whoever knows an ID and a phone can delay its owner, never lock them out).
   */
  otpMaxSendsPerHour: 5,
  /** Sends per phone number and client address (IPv4, or IPv6 /64) in any hour. */
  otpMaxSendsPerHourPerIp: 3,
  /** Wrong passwords before the account is locked. */
  loginMaxFailures: 5,
  /** How long a lockout lasts. */
  loginLockSeconds: 15 * 60,
  /** A session ends this long after login at the latest. */
  sessionAbsoluteSeconds: 12 * 3600,
  /** A session ends after this long without a request. */
  sessionIdleSeconds: 30 * 60,
  /** An officer session ends this long after login at the latest (shorter than a citizen's). */
  officerSessionAbsoluteSeconds: 8 * 3600,
  /** An officer session ends after this long without a request. */
  officerSessionIdleSeconds: 15 * 60,
  /** The largest JSON body the API reads. */
  jsonBodyMaxBytes: 64 * 1024,
} as const;
