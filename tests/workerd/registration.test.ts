import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { generateRegistry } from "../../scripts/demo-registry";
import type { RegistryRecordT } from "../../shared/registry-file";
import { call, latestOtp, loginCookie, post, row, seedRegistry, snapshotTables } from "./helpers";

const SEED = 505;
const COUNT = 192;
let records: RegistryRecordT[];
let accountIds: Set<string>;
const used = new Set<string>();

beforeAll(async () => {
  await seedRegistry(SEED, COUNT);
  const { file } = generateRegistry(SEED, COUNT);
  records = file.registry ?? [];
  accountIds = new Set((file.accounts ?? []).map((a) => a.id));
});

const age = (dob: string) => 2026 - Number(dob.slice(0, 4));

/** A registry citizen with no account, adult or minor, not used by another test. */
function citizen(opts: { minor?: boolean; withAccount?: boolean } = {}): RegistryRecordT {
  const r = records.find(
    (x) =>
      !used.has(x.id) &&
      accountIds.has(x.id) === !!opts.withAccount &&
      (opts.minor ? age(x.dob) < 13 : age(x.dob) > 15),
  );
  if (!r) throw new Error("no such citizen in the seeded registry");
  used.add(r.id);
  return r;
}

const cardOf = (r: RegistryRecordT) => ({
  id: r.id,
  oldId: r.oldId ?? "",
  fullName: r.fullName,
  dob: r.dob,
  gender: r.gender,
  address: r.address,
  issued: r.cardIssued,
});

const start = (
  r: RegistryRecordT,
  overrides: { citizenId?: string; phone?: string; card?: Record<string, unknown> } = {},
) =>
  post("/api/registration/start", {
    citizenId: overrides.citizenId ?? r.id,
    phone: overrides.phone ?? r.phone,
    card: { ...cardOf(r), ...overrides.card },
  });

async function outbox(phone: string) {
  return (await call("GET", `/api/dev/sms?phone=${phone}`)).body.messages as Array<{ text: string }>;
}

describe("Đăng ký: the registry check", () => {
  it("'Đạt' texts an OTP; OTP and password create an app account (level 0) that can log in", async () => {
    const r = citizen();
    const res = await start(r);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ step: "otp", maskedPhone: `${r.phone.slice(0, 3)}****${r.phone.slice(-3)}` });
    const [sms] = await outbox(r.phone);
    expect(sms?.text).toMatch(/^Ma OTP dang ky tai khoan cua ban la \d{6}\. Ma co hieu luc trong 3 phut\.$/);
    const flowId = res.body.flowId;
    const verified = await post("/api/registration/verify", { flowId, otp: await latestOtp(r.phone) });
    expect(verified.body.step).toBe("password");
    const weak = await post("/api/registration/password", { flowId, password: "abc", confirmPassword: "abc" });
    expect(weak.status).toBe(422);
    const done = await post("/api/registration/password", {
      flowId,
      password: "Dangky@2026",
      confirmPassword: "Dangky@2026",
    });
    expect(done.status).toBe(200);
    expect(done.body.step).toBe("done");
    expect(await row("SELECT level, status FROM accounts WHERE id = ?1", r.id)).toEqual({ level: 0, status: "app" });
    const login = await loginCookie(r.id, "Dangky@2026");
    expect(login.res.status).toBe(200);
    expect(login.res.body).toMatchObject({ level: 0, status: "app", fullName: r.fullName });
    // Activation then says what the seed says for an app account.
    const act = await post("/api/activation/start", { citizenId: r.id, phone: r.phone, deviceId: "web-reg-test-0001" });
    expect(act.body.message).toBe("Tài khoản của bạn chưa được định danh điện tử");
  });

  it("folds case, spaces and Unicode form of the name; the phone in any accepted form", async () => {
    const r = citizen();
    const res = await start(r, {
      phone: `+84${r.phone.slice(1)}`,
      card: { fullName: `  ${r.fullName.toUpperCase().normalize("NFD").replace(/ /g, "   ")} ` },
    });
    expect(res.status).toBe(200);
  });

  it("matches a name typed without accents (no Vietnamese keyboard), and only the name", async () => {
    const r = records.find(
      (x) => !used.has(x.id) && !accountIds.has(x.id) && age(x.dob) > 15 && /[đĐ]|[^\p{ASCII}]/u.test(x.fullName),
    );
    if (!r) throw new Error("no citizen with an accented name");
    used.add(r.id);
    const plain = r.fullName.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D");
    expect(plain).not.toBe(r.fullName);
    const otherDay = `${r.dob.slice(0, 8)}${r.dob.slice(8) === "01" ? "02" : "01"}`;
    // The date of birth still matches exactly, and the refusal still names no field.
    const wrongDay = await start(r, { card: { fullName: plain, dob: otherDay } });
    expect(wrongDay.body).toEqual({
      code: "REGISTRY_MISMATCH",
      message:
        "Không đạt: thông tin không khớp với Cơ sở dữ liệu quốc gia về dân cư. Vui lòng kiểm tra và điều chỉnh lại thông tin.",
    });
    expect((await start(r, { card: { fullName: `  ${plain.toLowerCase()} ` } })).status).toBe(200);
  });

  it("'Không đạt' for any field that disagrees, naming no field, and texts nothing", async () => {
    const r = citizen();
    const otherDay = `${r.dob.slice(0, 8)}${r.dob.slice(8) === "01" ? "02" : "01"}`;
    const wrong = [{ card: { fullName: `${r.fullName} Văn` } }, { card: { dob: otherDay } }, { phone: "0987000222" }];
    for (const w of wrong) {
      const res = await start(r, w);
      expect(res.status, JSON.stringify(w)).toBe(422);
      expect(res.body).toEqual({
        code: "REGISTRY_MISMATCH",
        message:
          "Không đạt: thông tin không khớp với Cơ sở dữ liệu quốc gia về dân cư. Vui lòng kiểm tra và điều chỉnh lại thông tin.",
      });
    }
    const unknownId = await start(r, {
      citizenId: "020099000009",
      card: { id: "020099000009", dob: "1999-01-01", gender: "Nam" },
    });
    expect(unknownId.body.code).toBe("REGISTRY_MISMATCH");
    expect(await outbox(r.phone)).toEqual([]);
    expect(await outbox("0987000222")).toEqual([]);
  });

  it("a card whose ID is not the typed ID is refused, and nothing is texted", async () => {
    const r = citizen();
    const other = citizen();
    const res = await start(r, { card: cardOf(other) });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      code: "QR_MISMATCH",
      message: "Mã QR không khớp với số định danh cá nhân đã nhập",
    });
    expect(await outbox(r.phone)).toEqual([]);
  });

  it("a citizen under 14 is registered by a parent or guardian", async () => {
    const r = citizen({ minor: true });
    const res = await start(r);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      code: "UNDER_14",
      message: "Công dân dưới 14 tuổi do cha, mẹ hoặc người giám hộ đăng ký.",
    });
    expect(await outbox(r.phone)).toEqual([]);
  });

  it("an ID with an account is sent to 'Đăng nhập', or to 'Kích hoạt tài khoản' when approved", async () => {
    const { citizens } = generateRegistry(SEED, COUNT);
    const byKind = (kind: string) => {
      const c = citizens.find((x) => x.kind === kind && !used.has(x.id));
      if (!c) throw new Error(kind);
      used.add(c.id);
      return records.find((x) => x.id === c.id) as RegistryRecordT;
    };
    const active = await start(byKind("active"));
    expect(active.status).toBe(409);
    expect(active.body.code).toBe("ACCOUNT_EXISTS");
    expect(active.body.message).toContain("Đăng nhập");
    const approved = await start(byKind("approved-new"));
    expect(approved.body.code).toBe("ACCOUNT_EXISTS_ACTIVATE");
    expect(approved.body.message).toContain("Kích hoạt tài khoản");
  });

  it("an impossible card is refused with the field named under card.", async () => {
    const r = citizen();
    const future = await start(r, { card: { issued: "2099-01-01" } });
    expect(future.status).toBe(422);
    expect(future.body.fields).toEqual({ "card.issued": "Ngày cấp không thể sau ngày hôm nay." });
    const badDate = await start(r, { card: { dob: "1990-02-30" } });
    expect(badDate.status).toBe(422);
    expect(badDate.body.fields["card.dob"]).toBe("Ngày sinh không hợp lệ.");
  });

  it("two concurrent registrations of one ID: exactly one account, no half-written rows", async () => {
    const r = citizen();
    const res = await start(r);
    const flowId = res.body.flowId;
    await post("/api/registration/verify", { flowId, otp: await latestOtp(r.phone) });
    const body = { flowId, password: "Dangky@2026", confirmPassword: "Dangky@2026" };
    const results = await Promise.all([
      post("/api/registration/password", body),
      post("/api/registration/password", body),
    ]);
    expect(results.map((x) => x.status).sort()).toEqual([200, expect.any(Number)]);
    expect(results.filter((x) => x.status === 200)).toHaveLength(1);
    expect(results.every((x) => x.status < 500)).toBe(true);
    expect(await row<{ n: number }>("SELECT count(*) AS n FROM accounts WHERE id = ?1", r.id)).toEqual({ n: 1 });
    const audit = await row<{ n: number }>(
      "SELECT count(*) AS n FROM audit_log WHERE event = 'registration.completed' AND account_id = ?1",
      r.id,
    );
    expect(audit?.n).toBe(1);
  });

  it("a malformed start writes nothing", async () => {
    const before = await snapshotTables();
    const res = await post("/api/registration/start", { citizenId: "1", phone: "x", card: { id: 5 } });
    expect(res.status).toBe(422);
    expect(await snapshotTables()).toEqual(before);
  });
});

describe("level-1 application", () => {
  /** A tiny valid baseline JPEG of the given size (a SOF0 header is all the server reads). */
  function jpeg(width: number, height: number, padTo = 0): Uint8Array {
    const head = [
      0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00,
      0x00,
    ];
    const sof = [
      0xff,
      0xc0,
      0x00,
      0x11,
      0x08,
      height >> 8,
      height & 0xff,
      width >> 8,
      width & 0xff,
      0x03,
      0x01,
      0x22,
      0x00,
      0x02,
      0x11,
      0x01,
      0x03,
      0x11,
      0x01,
    ];
    const tail = [0xff, 0xd9];
    const bytes = new Uint8Array(Math.max(head.length + sof.length + tail.length, padTo));
    bytes.set(head, 0);
    bytes.set(sof, head.length);
    bytes.set(tail, bytes.length - 2);
    return bytes;
  }

  async function upload(cookie: string, body: Uint8Array | string, type = "image/jpeg") {
    const { exports } = await import("cloudflare:workers");
    const res = await exports.default.fetch("http://127.0.0.1:8787/api/level1/photo", {
      method: "POST",
      headers: { cookie, "content-type": type, origin: "http://127.0.0.1:8787" },
      body: body as BodyInit,
    });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  }

  async function registered(): Promise<{ r: RegistryRecordT; cookie: string }> {
    const r = citizen();
    const res = await start(r);
    const flowId = res.body.flowId;
    await post("/api/registration/verify", { flowId, otp: await latestOtp(r.phone) });
    await post("/api/registration/password", { flowId, password: "Dangky@2026", confirmPassword: "Dangky@2026" });
    const { cookie } = await loginCookie(r.id, "Dangky@2026");
    return { r, cookie: cookie as string };
  }

  it("stores a JPEG portrait in R2 under a key nobody can guess, then the application goes to pending", async () => {
    const { r, cookie } = await registered();
    const up = await upload(cookie, jpeg(480, 640, 20_000));
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({ width: 480, height: 640, bytes: 20_000 });
    const photo = await row<{ r2_key: string }>("SELECT r2_key FROM photos WHERE id = ?1", up.body.photoId);
    expect(photo?.r2_key).toMatch(/^portraits\/[A-Za-z0-9_-]{32}\.jpg$/);
    expect(photo?.r2_key).not.toContain(r.id);
    const object = await env.PHOTOS.get(photo?.r2_key as string);
    expect(object?.httpMetadata?.contentType).toBe("image/jpeg");
    expect((await object?.arrayBuffer())?.byteLength).toBe(20_000);

    const applied = await call(
      "POST",
      "/api/level1/apply",
      { card: cardOf(r), photoId: up.body.photoId, email: "dan@example.vn" },
      { headers: { cookie } },
    );
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({ level: 1, status: "pending", application: { level: 1 } });
    const app = await row<Record<string, unknown>>("SELECT * FROM applications WHERE account_id = ?1", r.id);
    expect(app).toMatchObject({
      level: 1,
      channel: "online",
      status: "pending",
      photo_id: up.body.photoId,
      email: "dan@example.vn",
    });
    // Activation now says the application waits.
    const act = await post("/api/activation/start", { citizenId: r.id, phone: r.phone, deviceId: "web-reg-test-0002" });
    expect(act.body).toMatchObject({ code: "PENDING_APPROVAL", hint: "Hồ sơ của bạn đang chờ phê duyệt" });
    // A second application is not allowed.
    const again = await call(
      "POST",
      "/api/level1/apply",
      { card: cardOf(r), photoId: up.body.photoId },
      { headers: { cookie } },
    );
    expect(again.body.code).toBe("LEVEL1_NOT_ALLOWED");
  });

  it("a name typed without accents still applies, and the file carries the registry's spelling", async () => {
    const { r, cookie } = await registered();
    const plain = r.fullName
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .replace(/đ/g, "d")
      .replace(/Đ/g, "D")
      .toUpperCase();
    const photoId = (await upload(cookie, jpeg(100, 100))).body.photoId;
    const applied = await call(
      "POST",
      "/api/level1/apply",
      { card: { ...cardOf(r), fullName: plain }, photoId },
      { headers: { cookie } },
    );
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    const app = await row<{ card_json: string }>("SELECT card_json FROM applications WHERE account_id = ?1", r.id);
    expect(JSON.parse(app?.card_json ?? "{}").fullName).toBe(r.fullName);
  });

  it("refuses what is not a JPEG, or is over 150 kB or 640 px, and stores nothing", async () => {
    const { cookie } = await registered();
    const objectsBefore = (await env.PHOTOS.list()).objects.length;
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    expect((await upload(cookie, png, "image/png")).body.code).toBe("PHOTO_TYPE");
    expect((await upload(cookie, png)).body.code).toBe("PHOTO_TYPE");
    const tooBig = await upload(cookie, jpeg(600, 600, 150 * 1024 + 1));
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.code).toBe("PHOTO_TOO_LARGE");
    expect((await upload(cookie, jpeg(641, 480))).body.code).toBe("PHOTO_TOO_LARGE");
    expect((await upload(cookie, jpeg(640, 480, 150 * 1024))).status).toBe(200);
    expect((await env.PHOTOS.list()).objects.length).toBe(objectsBefore + 1);
    expect((await upload("vneid_session=nope", jpeg(100, 100))).status).toBe(401);
  });

  it("refuses a card that is not the citizen's, a registry mismatch, and a photo that is not theirs", async () => {
    const a = await registered();
    const b = await registered();
    const photoB = (await upload(b.cookie, jpeg(100, 100))).body.photoId;
    const photoA = (await upload(a.cookie, jpeg(100, 100))).body.photoId;
    const notMine = await call(
      "POST",
      "/api/level1/apply",
      { card: cardOf(b.r), photoId: photoA },
      { headers: { cookie: a.cookie } },
    );
    expect(notMine.body.code).toBe("QR_MISMATCH");
    const mismatch = await call(
      "POST",
      "/api/level1/apply",
      { card: { ...cardOf(a.r), fullName: "Người Khác" }, photoId: photoA },
      { headers: { cookie: a.cookie } },
    );
    expect(mismatch.body.code).toBe("REGISTRY_MISMATCH");
    const otherPhoto = await call(
      "POST",
      "/api/level1/apply",
      { card: cardOf(a.r), photoId: photoB },
      { headers: { cookie: a.cookie } },
    );
    expect(otherPhoto.body.code).toBe("PHOTO_NOT_FOUND");
    const badEmail = await call(
      "POST",
      "/api/level1/apply",
      { card: cardOf(a.r), photoId: photoA, email: "khong-phai-email" },
      { headers: { cookie: a.cookie } },
    );
    expect(badEmail.status).toBe(422);
    expect(badEmail.body.fields.email).toBe("Địa chỉ email không hợp lệ");
    expect(await row("SELECT level, status FROM accounts WHERE id = ?1", a.r.id)).toEqual({ level: 0, status: "app" });
  });

  it("needs a login", async () => {
    const res = await post("/api/level1/apply", { card: {}, photoId: "x" });
    expect(res.status).toBe(401);
  });
});
