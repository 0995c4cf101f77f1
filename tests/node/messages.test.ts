import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SEED_MESSAGES, formatWait, isErrorCode, messageFor } from "../../shared/messages";

describe("formatWait", () => {
  it.each([
    [45, "45 giây"],
    [1, "1 giây"],
    [59, "59 giây"],
    [60, "1 phút"],
    [125, "2 phút 5 giây"],
    [3599, "59 phút 59 giây"],
    [3600, "1 giờ"],
    [3660, "1 giờ 1 phút"],
    [86340, "23 giờ 59 phút"],
    [86399, "24 giờ"],
    [86400, "24 giờ"],
  ])("%i s → %j", (seconds, text) => {
    expect(formatWait(seconds)).toBe(text);
  });

  it("rounds a fraction of a second up, and never says 0", () => {
    expect(formatWait(44.2)).toBe("45 giây");
    expect(formatWait(59.5)).toBe("1 phút");
    expect(formatWait(0)).toBe("1 giây");
    expect(formatWait(-5)).toBe("1 giây");
  });

  /** Reads a formatted wait back into seconds. */
  const readBack = (text: string) => {
    const m = /^(?:(\d+) giờ)? ?(?:(\d+) phút)? ?(?:(\d+) giây)?$/.exec(text);
    if (!m || text === "") throw new Error(`not a wait: ${text}`);
    return { h: Number(m[1] ?? 0), m: Number(m[2] ?? 0), s: Number(m[3] ?? 0) };
  };

  it("never prints 60 minutes or 60 seconds, and never promises a shorter wait than the real one", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 7 * 86400 }), (seconds) => {
        const text = formatWait(seconds);
        const { h, m, s } = readBack(text);
        expect(m).toBeLessThan(60);
        expect(s).toBeLessThan(60);
        const shown = h * 3600 + m * 60 + s;
        // Under an hour the wait is exact; from an hour on it is rounded up to the minute.
        if (seconds < 3600) expect(shown).toBe(seconds);
        else {
          expect(shown).toBeGreaterThanOrEqual(seconds);
          expect(shown - seconds).toBeLessThan(60);
          expect(s).toBe(0);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe("messageFor", () => {
  it("tells how long to wait before resending an OTP", () => {
    expect(messageFor("OTP_COOLDOWN", { retryAfter: 45 })).toContain("45 giây");
    expect(messageFor("OTP_COOLDOWN", { retryAfter: 125 })).toContain("2 phút 5 giây");
  });

  it("tells how long the daily OTP limit lasts", () => {
    expect(messageFor("OTP_DAILY_LIMIT", { retryAfter: 86340 })).toContain("23 giờ 59 phút");
  });

  it("says the account is temporarily locked, and for how many minutes (rounded up)", () => {
    const message = messageFor("ACCOUNT_LOCKED", { retryAfter: 900 });
    expect(message).toContain("tạm khóa");
    expect(message).toContain("15 phút");
    expect(messageFor("ACCOUNT_LOCKED", { retryAfter: 61 })).toContain("2 phút");
    expect(messageFor("ACCOUNT_LOCKED", { retryAfter: 5 })).toContain("1 phút");
  });

  it("tells how many OTP attempts are left", () => {
    expect(messageFor("OTP_INVALID", { attemptsLeft: 3 })).toContain("3 lần");
  });

  it("uses the seeds' messages verbatim for the activation request", () => {
    expect(messageFor("INVALID_ID_OR_PHONE")).toBe("Số định danh cá nhân hoặc số điện thoại không đúng");
    expect(messageFor("NOT_IDENTIFIED")).toBe("Tài khoản của bạn chưa được định danh điện tử");
    expect(messageFor("ALREADY_ACTIVATED")).toBe("Tài khoản của bạn đã thực hiện kích hoạt");
  });

  it("knows its own codes and no others", () => {
    expect(isErrorCode("OTP_COOLDOWN")).toBe(true);
    expect(isErrorCode("toString")).toBe(false);
    expect(isErrorCode("BOGUS")).toBe(false);
  });
});

describe("SEED_MESSAGES", () => {
  it("are exactly the seeds' strings", () => {
    expect(SEED_MESSAGES).toEqual({
      notIdentified: "Tài khoản của bạn chưa được định danh điện tử",
      pendingApproval: "Hồ sơ của bạn đang chờ phê duyệt",
      alreadyActivated: "Tài khoản của bạn đã thực hiện kích hoạt",
      invalidIdOrPhone: "Số định danh cá nhân hoặc số điện thoại không đúng",
    });
  });

  it("are written in composed Unicode (NFC), as the seeds are", () => {
    for (const message of Object.values(SEED_MESSAGES)) expect(message).toBe(message.normalize("NFC"));
  });
});
