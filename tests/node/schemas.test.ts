import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ActivationStartBody,
  FIELD_MESSAGES,
  LoginBody,
  OtpVerifyBody,
  PasswordBody,
  SecurityBody,
} from "../../shared/schemas";

/** The paths (joined with dots) of the issues a failed parse reports, so a test can say which field was refused. */
function issuePaths(result: {
  success: boolean;
  error?: { issues: ReadonlyArray<{ path: PropertyKey[] }> };
}): string[] {
  if (result.success) return [];
  return (result.error?.issues ?? []).map((issue) => issue.path.map(String).join("."));
}

const flowId = "f".repeat(22);
const start = { citizenId: "001090123456", phone: "0912345678", deviceId: "device-1234" };

describe("ActivationStartBody", () => {
  it.each(["0912345678", "84912345678", "+84912345678", "+84 91 234 5678", "091.234.5678"])(
    "accepts the phone %j and hands the worker +84912345678",
    (phone) => {
      const result = ActivationStartBody.safeParse({ ...start, phone });
      expect(result.success).toBe(true);
      expect(result.data?.phone).toBe("+84912345678");
    },
  );

  it("trims spaces around the ID number", () => {
    const result = ActivationStartBody.safeParse({ ...start, citizenId: "  001090123456 \t" });
    expect(result.data?.citizenId).toBe("001090123456");
  });

  it("refuses a key it does not know", () => {
    const result = ActivationStartBody.safeParse({ ...start, admin: true });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.code).toBe("unrecognized_keys");
  });

  it.each([
    ["11 digits", "00109012345"],
    ["13 digits", "0010901234567"],
    ["a letter", "00109012345A"],
    ["a space inside", "001090 123456"],
  ])("refuses an ID number with %s, on citizenId", (_label, citizenId) => {
    const result = ActivationStartBody.safeParse({ ...start, citizenId });
    expect(issuePaths(result)).toEqual(["citizenId"]);
    expect(result.error?.issues[0]?.message).toBe(FIELD_MESSAGES.citizenId);
  });

  it.each(["0243 826 1234", "091234567", "+85912345678"])("refuses the phone %j, on phone", (phone) => {
    const result = ActivationStartBody.safeParse({ ...start, phone });
    expect(issuePaths(result)).toEqual(["phone"]);
    expect(result.error?.issues[0]?.message).toBe(FIELD_MESSAGES.phone);
  });

  it.each(["citizenId", "phone", "deviceId"] as const)("refuses a body without %s", (field) => {
    const body: Record<string, unknown> = { ...start };
    delete body[field];
    expect(issuePaths(ActivationStartBody.safeParse(body))).toEqual([field]);
  });

  it.each(["short", "has space 123", "a".repeat(129)])("refuses the device id %j", (deviceId) => {
    expect(issuePaths(ActivationStartBody.safeParse({ ...start, deviceId }))).toEqual(["deviceId"]);
  });

  it("never throws, whatever JSON arrives", () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.anything()), (value) => {
        const result = ActivationStartBody.safeParse(value);
        expect(typeof result.success).toBe("boolean");
      }),
      { numRuns: 1000 },
    );
  });

  it("never throws on bodies that have the right keys with arbitrary values", () => {
    const field = fc.oneof(fc.string(), fc.jsonValue());
    fc.assert(
      fc.property(field, field, field, (citizenId, phone, deviceId) => {
        const result = ActivationStartBody.safeParse({ citizenId, phone, deviceId });
        expect(typeof result.success).toBe("boolean");
      }),
      { numRuns: 1000 },
    );
  });
});

describe("PasswordBody", () => {
  it("accepts a strong password typed twice", () => {
    expect(PasswordBody.safeParse({ flowId, password: "Vn@06001Aa", confirmPassword: "Vn@06001Aa" }).success).toBe(
      true,
    );
  });

  it("refuses a mismatched confirmation, on confirmPassword", () => {
    const result = PasswordBody.safeParse({ flowId, password: "Vn@06001Aa", confirmPassword: "Vn@06001Ab" });
    expect(issuePaths(result)).toEqual(["confirmPassword"]);
    expect(result.error?.issues[0]?.message).toBe(FIELD_MESSAGES.confirmPassword);
  });

  it("refuses a weak password, on password", () => {
    const result = PasswordBody.safeParse({ flowId, password: "vn@06001aa", confirmPassword: "vn@06001aa" });
    expect(issuePaths(result)).toEqual(["password"]);
  });
});

describe("SecurityBody", () => {
  const answers = (q1: number, a1: string, q2: number, a2: string) => ({
    flowId,
    answers: [
      { questionId: q1, answer: a1 },
      { questionId: q2, answer: a2 },
    ],
  });

  it("accepts two different questions with answers", () => {
    expect(SecurityBody.safeParse(answers(1, "Bình", 5, "Phở bò")).success).toBe(true);
  });

  it("refuses the same question twice, on answers.1.questionId", () => {
    const result = SecurityBody.safeParse(answers(3, "Bình", 3, "Hoa"));
    expect(issuePaths(result)).toEqual(["answers.1.questionId"]);
    expect(result.error?.issues[0]?.message).toBe(FIELD_MESSAGES.questionsDistinct);
  });

  it.each(["", "   ", "\t\n", "\u00a0"])("refuses the blank answer %j, on that answer", (blank) => {
    expect(issuePaths(SecurityBody.safeParse(answers(1, blank, 2, "Hoa")))).toEqual(["answers.0.answer"]);
    expect(issuePaths(SecurityBody.safeParse(answers(1, "Hoa", 2, blank)))).toEqual(["answers.1.answer"]);
  });

  it("refuses an answer longer than 100 characters once normalised, but not one padded with spaces", () => {
    expect(issuePaths(SecurityBody.safeParse(answers(1, "a".repeat(101), 2, "Hoa")))).toEqual(["answers.0.answer"]);
    expect(SecurityBody.safeParse(answers(1, `   ${"a".repeat(100)}   `, 2, "Hoa")).success).toBe(true);
  });

  it("refuses a question id that is not a positive whole number", () => {
    expect(issuePaths(SecurityBody.safeParse(answers(0, "Bình", 2, "Hoa")))).toEqual(["answers.0.questionId"]);
    expect(issuePaths(SecurityBody.safeParse(answers(1.5, "Bình", 2, "Hoa")))).toEqual(["answers.0.questionId"]);
  });

  it("refuses one answer or three", () => {
    expect(SecurityBody.safeParse({ flowId, answers: [{ questionId: 1, answer: "Bình" }] }).success).toBe(false);
    const three = [1, 2, 3].map((questionId) => ({ questionId, answer: "Bình" }));
    expect(SecurityBody.safeParse({ flowId, answers: three }).success).toBe(false);
  });
});

describe("OtpVerifyBody", () => {
  it.each(["123456", "000000", " 123456 "])("accepts %j", (otp) => {
    const result = OtpVerifyBody.safeParse({ flowId, otp });
    expect(result.success).toBe(true);
    expect(result.data?.otp).toBe(otp.trim());
  });

  it.each(["12345", "1234567", "12345a", "12 345", "", "１２３４５６"])("refuses %j, on otp", (otp) => {
    const result = OtpVerifyBody.safeParse({ flowId, otp });
    expect(issuePaths(result)).toEqual(["otp"]);
  });

  it("refuses a number instead of a string", () => {
    expect(OtpVerifyBody.safeParse({ flowId, otp: 123456 }).success).toBe(false);
  });

  it("refuses a flow id that is too short", () => {
    expect(issuePaths(OtpVerifyBody.safeParse({ flowId: "f".repeat(21), otp: "123456" }))).toEqual(["flowId"]);
  });
});

describe("LoginBody", () => {
  it("accepts an ID number and any non-empty password (the password rules are for setting one)", () => {
    expect(LoginBody.safeParse({ citizenId: "001090123456", password: "x" }).success).toBe(true);
  });

  it("refuses an empty password, on password", () => {
    const result = LoginBody.safeParse({ citizenId: "001090123456", password: "" });
    expect(issuePaths(result)).toEqual(["password"]);
    expect(result.error?.issues[0]?.message).toBe(FIELD_MESSAGES.passwordRequired);
  });

  it("refuses a missing password", () => {
    expect(issuePaths(LoginBody.safeParse({ citizenId: "001090123456" }))).toEqual(["password"]);
  });
});
