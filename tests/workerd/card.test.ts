/**
 * The card and papers: "Có giá trị đến" and "Cảnh báo sắp hết hạn thẻ" from the registry dates, the papers of the
 * approved level-2 file with their own expiry, notifications (written once, read, counted on the home), and
 * dependants ("Người phụ thuộc"): who may add a child, the registry check, duplicates, the 2-guardian cap.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { generateRegistry } from "../../scripts/demo-registry";
import { addDays, birthdayAt, cardValidUntil, expiryState } from "../../shared/card-expiry";
import { centuryGenderDigit } from "../../shared/citizen";
import { CardResponse, DependantsResponse, NotificationsResponse, PapersResponse } from "../../shared/card-api";
import { messageFor } from "../../shared/messages";
import { MeResponse } from "../../shared/schemas";
import type { RegistryRecordT } from "../../shared/registry-file";
import { advanceClock, call, loginCookie, post, row, seedRegistry } from "./helpers";
import { TAM_THANH, as, importUnits, intake, readyOfficer, vnToday } from "./officer-helpers";

const SEED = 1313;
const COUNT = 72;
const PASSWORD = "Matkhau@The2026";

let records: RegistryRecordT[] = [];
let officer: string;
/** A second officer of the unit, who approves the files `officer` takes (four eyes). */
let approver: string;
let today: string;

beforeAll(async () => {
  await seedRegistry(SEED, COUNT);
  records = generateRegistry(SEED, COUNT).file.registry ?? [];
  await importUnits();
  officer = (await readyOfficer(TAM_THANH)).cookie;
  approver = (await readyOfficer(TAM_THANH, "officer", "Lăng Văn Hùng")).cookie;
  today = vnToday();
});

let serial = 0;
/** A citizen made for one test: the registry record with these dates and, unless `level` is null, an account. */
async function craft(opts: {
  dob: string;
  issued?: string;
  level?: 0 | 1 | 2 | null;
  status?: "app" | "pending" | "approved" | "active";
}): Promise<{ id: string; dob: string; phone: string; cookie: () => Promise<string> }> {
  serial += 1;
  const year = Number(opts.dob.slice(0, 4));
  const id = `001${centuryGenderDigit(year, "Nam")}${String(year % 100).padStart(2, "0")}${String(700_000 + serial * 37 + Math.floor(Math.random() * 30)).slice(-6)}`;
  const phone = `091${String(3_000_000 + serial * 7919 + Math.floor(Math.random() * 7000)).slice(-7)}`;
  const record = {
    id,
    oldId: "",
    fullName: "Trần Văn Thẻ",
    dob: opts.dob,
    gender: "Nam" as const,
    address: "Phường Tam Thanh, Tỉnh Lạng Sơn",
    phone,
    cardType: "cancuoc-2024" as const,
    cardIssued: opts.issued ?? addDays(opts.dob, 1),
  };
  const level = opts.level === undefined ? 2 : opts.level;
  const accounts =
    level === null
      ? []
      : [{ id, phone, level, status: opts.status ?? (level === 0 ? "app" : "approved"), password: PASSWORD }];
  const res = await post("/api/dev/registry/import", { registry: [record], accounts });
  if (res.status !== 200) throw new Error(`craft failed: ${JSON.stringify(res.body)}`);
  return {
    id,
    dob: opts.dob,
    phone,
    cookie: async () => {
      const { cookie, res: login } = await loginCookie(id, PASSWORD);
      if (!cookie) throw new Error(`login failed: ${JSON.stringify(login.body)}`);
      return cookie;
    },
  };
}

/** A date of birth whose birthday at `age` falls `days` days from today (the day of the month kept under 29). */
function dobWithBirthday(age: number, days: number): string {
  const at = addDays(today, days);
  return `${Number(at.slice(0, 4)) - age}${at.slice(4)}`;
}

const me = (cookie: string) => as(cookie).get("/api/me");
const card = (cookie: string) => as(cookie).get("/api/me/card");
const papers = (cookie: string) => as(cookie).get("/api/me/papers");
const notices = (cookie: string) => as(cookie).get("/api/me/notifications");
const dependants = (cookie: string) => as(cookie).get("/api/me/dependants");
const addChild = (cookie: string, childId: string, dob: string) =>
  as(cookie).post("/api/me/dependants", { childId, dob });

describe("the card: Có giá trị đến", () => {
  it("gives a demo citizen's card validity from the registry's birth and issue dates", async () => {
    const demo = generateRegistry(SEED, COUNT).citizens.find((c) => c.kind === "active" && c.level === 2);
    const record = records.find((r) => r.id === demo?.id) as RegistryRecordT;
    const { cookie } = await loginCookie(demo?.id ?? "", demo?.password ?? "");
    const res = await card(cookie as string);
    expect(res.status).toBe(200);
    const until = cardValidUntil(record.dob, record.cardIssued);
    expect(res.body.today).toBe(today);
    expect(res.body.card).toMatchObject({
      citizenId: record.id,
      issued: record.cardIssued,
      dob: record.dob,
      validUntil: until,
      state: expiryState(until, today),
    });
  });

  it("a card whose last day is 30 days away is expiring, and says so once in the notifications", async () => {
    // Issued at 20; the 25th birthday is 30 days from today.
    const dob = dobWithBirthday(25, 30);
    const c = await craft({ dob, issued: birthdayAt(dob, 20) });
    const cookie = await c.cookie();
    expect((await me(cookie)).body.unreadNotifications).toBe(0);
    const first = await card(cookie);
    expect(first.status).toBe(200);
    expect(first.body.card).toMatchObject({ validUntil: addDays(today, 30), state: "expiring", daysLeft: 30 });
    expect(first.body.unreadNotifications).toBe(1);
    await card(cookie);
    await papers(cookie);
    const list = await notices(cookie);
    expect(list.status).toBe(200);
    expect(list.body.unread).toBe(1);
    expect(list.body.notifications).toEqual([
      expect.objectContaining({
        kind: "expiry",
        read: false,
        detail: { subject: "card", validUntil: addDays(today, 30), state: "expiring" },
      }),
    ]);
    expect((await me(cookie)).body.unreadNotifications).toBe(1);
    const count = await row<{ n: number }>("SELECT COUNT(*) AS n FROM notifications WHERE account_id = ?1", c.id);
    expect(count?.n).toBe(1);
  });

  it("91 days away is still valid (no notice); 90 days away is expiring", async () => {
    const far = await craft({ dob: dobWithBirthday(40, 91), issued: birthdayAt(dobWithBirthday(40, 91), 30) });
    const farCookie = await far.cookie();
    expect((await card(farCookie)).body.card).toMatchObject({ state: "valid", daysLeft: 91 });
    expect((await notices(farCookie)).body).toEqual({ notifications: [], unread: 0 });
    const near = await craft({ dob: dobWithBirthday(40, 90), issued: birthdayAt(dobWithBirthday(40, 90), 30) });
    expect((await card(await near.cookie())).body.card).toMatchObject({ state: "expiring", daysLeft: 90 });
  });

  it("a card past its last day is expired; one issued from the 58th birthday never expires", async () => {
    const dob = dobWithBirthday(60, -1);
    const expired = await craft({ dob, issued: birthdayAt(dob, 45) });
    const cookie = await expired.cookie();
    expect((await card(cookie)).body.card).toMatchObject({
      validUntil: addDays(today, -1),
      state: "expired",
      daysLeft: -1,
    });
    expect((await notices(cookie)).body.notifications[0].detail).toMatchObject({ subject: "card", state: "expired" });

    const senior = await craft({ dob: "1950-03-15", issued: "2008-03-15" });
    const sc = await senior.cookie();
    expect((await card(sc)).body.card).toMatchObject({ validUntil: null, state: "valid", daysLeft: null });
    expect((await notices(sc)).body.unread).toBe(0);
  });

  it("marks notifications read up to the newest shown", async () => {
    const dob = dobWithBirthday(25, 10);
    const c = await craft({ dob, issued: birthdayAt(dob, 20) });
    const cookie = await c.cookie();
    const list = await notices(cookie);
    const newest = list.body.notifications[0].id as number;
    const read = await as(cookie).post("/api/me/notifications/read", { upToId: newest });
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ unread: 0 });
    expect((await notices(cookie)).body.notifications[0]).toMatchObject({ id: newest, read: true });
    expect((await me(cookie)).body.unreadNotifications).toBe(0);
    // Reading again writes no second notice for the same state.
    expect((await card(cookie)).body.unreadNotifications).toBe(0);
    expect((await as(cookie).post("/api/me/notifications/read", { upToId: -1 })).status).toBe(422);
  });

  it("needs a session", async () => {
    for (const path of ["/api/me/card", "/api/me/papers", "/api/me/notifications", "/api/me/dependants"]) {
      const res = await call("GET", path);
      expect(res.status, path).toBe(401);
      expect(res.body.code).toBe("UNAUTHENTICATED");
    }
    const res = await post("/api/me/notifications/read", { upToId: 1 });
    expect(res.status).toBe(401);
  });
});

describe("integrated papers", () => {
  it("are the approved level-2 file's papers, each with its own expiry warning; the decision is a notification", async () => {
    const dob = "1990-04-20";
    const c = await craft({ dob, issued: "2021-05-01", level: 0 });
    const record = {
      id: c.id,
      oldId: "",
      fullName: "",
      dob,
      gender: "Nam",
      address: "",
      phone: c.phone,
      cardType: "cancuoc-2024",
      cardIssued: "2021-05-01",
    } as RegistryRecordT;
    const stored = await row<{ full_name: string; address: string }>(
      "SELECT full_name, address FROM registry WHERE id = ?1",
      c.id,
    );
    record.fullName = stored?.full_name ?? "";
    record.address = stored?.address ?? "";

    // An expiry date needs the paper's number, and must be a real day.
    const orphan = await intake(officer, record, { driverLicenceExpiry: "2030-01-01" });
    expect(orphan.status).toBe(422);
    expect(orphan.body.fields).toHaveProperty("driverLicenceExpiry");
    const bad = await intake(officer, record, {
      healthInsurance: "HS4010123456789",
      healthInsuranceExpiry: "2030-02-30",
    });
    expect(bad.status).toBe(422);
    expect(bad.body.fields).toHaveProperty("healthInsuranceExpiry");

    const licenceUntil = addDays(today, 60);
    const insuranceUntil = addDays(today, -1);
    const taken = await intake(officer, record, {
      driverLicence: "AB123456",
      driverLicenceExpiry: licenceUntil,
      healthInsurance: "HS4010123456789",
      healthInsuranceExpiry: insuranceUntil,
      vehicleRegistration: "12A-345.67",
      vehicleRegistrationExpiry: "",
    });
    expect(taken.status, JSON.stringify(taken.body)).toBe(200);
    const cookie = await c.cookie();
    // Pending: nothing is integrated yet.
    expect((await papers(cookie)).body).toEqual({ today, reference: null, papers: [] });

    const file = await row<{ id: number; papers: string }>(
      "SELECT id, papers FROM applications WHERE reference = ?1",
      taken.body.reference,
    );
    expect(JSON.parse(file?.papers ?? "{}")).toEqual({
      driverLicence: "AB123456",
      driverLicenceExpiry: licenceUntil,
      healthInsurance: "HS4010123456789",
      healthInsuranceExpiry: insuranceUntil,
      vehicleRegistration: "12A-345.67",
    });
    const detail = await as(officer).get(`/api/officer/applications/${file?.id}`);
    expect(detail.body.papers).toMatchObject({
      driverLicenceExpiry: licenceUntil,
      healthInsuranceExpiry: insuranceUntil,
    });
    const approved = await as(approver).post(`/api/officer/applications/${file?.id}/approve`, {});
    expect(approved.status).toBe(200);

    const res = await papers(cookie);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      today,
      reference: taken.body.reference,
      papers: [
        { kind: "driverLicence", number: "AB123456", validUntil: licenceUntil, state: "expiring", daysLeft: 60 },
        {
          kind: "healthInsurance",
          number: "HS4010123456789",
          validUntil: insuranceUntil,
          state: "expired",
          daysLeft: -1,
        },
        { kind: "vehicleRegistration", number: "12A-345.67", validUntil: null, state: "valid", daysLeft: null },
      ],
    });
    await papers(cookie);
    const list = await notices(cookie);
    expect(list.body.unread).toBe(3);
    const kinds = list.body.notifications.map(
      (n: { kind: string; detail: Record<string, string> }) => `${n.kind}:${n.detail.subject ?? n.detail.decision}`,
    );
    expect(kinds.sort()).toEqual(["approval:approved", "expiry:driverLicence", "expiry:healthInsurance"]);
    const approval = list.body.notifications.find((n: { kind: string }) => n.kind === "approval");
    expect(approval.detail).toEqual({ decision: "approved", level: "2", reference: taken.body.reference });
  });
});

describe("dependants (Người phụ thuộc)", () => {
  const minors = () => records.filter((_r, i) => i % 12 === 11);
  const adultNoAccount = () => {
    const { citizens } = generateRegistry(SEED, COUNT);
    return records.find(
      (r) => citizens.find((c) => c.id === r.id)?.kind === "no-account" && r.dob < "2000-01-01",
    ) as RegistryRecordT;
  };

  /**
   * The child's registry record lists these parents (`guardianIds`), so their links are made at once (issue 17: a
   * link the registry does not back waits for an officer; tests/workerd/insiders.test.ts).
   */
  async function backedBy(child: RegistryRecordT, ...guardians: Array<{ id: string }>): Promise<void> {
    const res = await post("/api/dev/registry/import", {
      registry: [{ ...child, guardianIds: guardians.map((g) => g.id) }],
    });
    if (res.status !== 200) throw new Error(`import failed: ${JSON.stringify(res.body)}`);
  }

  it("a level-2 parent adds a child under 14 from the registry; the child shows in the account", async () => {
    const parent = await craft({ dob: "1985-07-07", issued: "2022-01-10" });
    const cookie = await parent.cookie();
    const before = await dependants(cookie);
    expect(before.body).toEqual({ canAdd: true, dependants: [] });
    const child = minors()[0] as RegistryRecordT;
    await backedBy(child, parent);
    const res = await addChild(cookie, ` ${child.id} `, child.dob);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.dependants).toEqual([
      expect.objectContaining({ citizenId: child.id, fullName: child.fullName, dob: child.dob, gender: child.gender }),
    ]);
    expect(res.body.dependants[0].card).toMatchObject({ validUntil: cardValidUntil(child.dob, child.cardIssued) });
    expect((await dependants(cookie)).body.dependants).toHaveLength(1);
    const audit = await row<{ detail: string }>(
      "SELECT detail FROM audit_log WHERE event = 'dependant.added' AND account_id = ?1",
      parent.id,
    );
    expect(JSON.parse(audit?.detail ?? "{}")).toEqual({ child: child.id });

    const again = await addChild(cookie, child.id, child.dob);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: "DEPENDANT_EXISTS", message: messageFor("DEPENDANT_EXISTS") });
  });

  it("a wrong date of birth answers exactly like an unknown ID", async () => {
    const parent = await craft({ dob: "1984-02-02", issued: "2022-01-10" });
    const cookie = await parent.cookie();
    const child = minors()[1] as RegistryRecordT;
    const wrongDob = await addChild(cookie, child.id, addDays(child.dob, 1));
    const unknown = await addChild(cookie, "001215999999", child.dob);
    expect(wrongDob.status).toBe(404);
    expect(wrongDob.body).toEqual({ code: "DEPENDANT_NOT_FOUND", message: messageFor("DEPENDANT_NOT_FOUND") });
    expect(unknown.body).toEqual(wrongDob.body);
    expect((await dependants(cookie)).body.dependants).toEqual([]);
    const bad = await addChild(cookie, child.id, "02/09/2014");
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.fields)).toEqual(["dob"]);
  });

  it("refuses someone 14 or older, judged on the server's today", async () => {
    const parent = await craft({ dob: "1980-05-05", issued: "2022-01-10" });
    const cookie = await parent.cookie();
    const adult = adultNoAccount();
    const res = await addChild(cookie, adult.id, adult.dob);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe("DEPENDANT_NOT_MINOR");
    // 14 today: refused; 14 tomorrow: still a child.
    const fourteen = await craft({ dob: dobWithBirthday(14, 0), level: null });
    expect((await addChild(cookie, fourteen.id, fourteen.dob)).body.code).toBe("DEPENDANT_NOT_MINOR");
    const thirteen = await craft({ dob: dobWithBirthday(14, 1), level: null });
    expect((await addChild(cookie, thirteen.id, thirteen.dob)).status).toBe(200);
  });

  it("is for level-2 accounts only (approved or active)", async () => {
    const child = minors()[2] as RegistryRecordT;
    const cases = [
      await craft({ dob: "1991-01-01", level: 0 }),
      await craft({ dob: "1991-01-01", level: 1, status: "approved" }),
      await craft({ dob: "1991-01-01", level: 2, status: "pending" }),
    ];
    for (const c of cases) {
      const cookie = await c.cookie();
      const res = await addChild(cookie, child.id, child.dob);
      expect(res.status).toBe(403);
      expect(res.body).toEqual({ code: "LEVEL2_REQUIRED", message: messageFor("LEVEL2_REQUIRED") });
      expect((await dependants(cookie)).body).toEqual({ canAdd: false, dependants: [] });
    }
    expect(await row("SELECT 1 FROM dependants WHERE child_id = ?1", child.id)).toBeNull();
    const anonymous = await post("/api/me/dependants", { childId: child.id, dob: child.dob });
    expect(anonymous.status).toBe(401);
  });

  it("links a child to at most 2 guardians, and each sees only their own children", async () => {
    const child = minors()[3] as RegistryRecordT;
    const [mother, father, other] = [
      await craft({ dob: "1988-08-08" }),
      await craft({ dob: "1986-06-06", status: "active" }),
      await craft({ dob: "1970-01-01" }),
    ];
    const m = await mother.cookie();
    const f = await father.cookie();
    const o = await other.cookie();
    await backedBy(child, mother, father);
    expect((await addChild(m, child.id, child.dob)).status).toBe(200);
    expect((await addChild(f, child.id, child.dob)).status).toBe(200);
    const third = await addChild(o, child.id, child.dob);
    expect(third.status).toBe(409);
    expect(third.body.code).toBe("DEPENDANT_LIMIT");
    expect((await dependants(o)).body.dependants).toEqual([]);
    const sibling = minors()[4] as RegistryRecordT;
    await backedBy(sibling, mother);
    expect((await addChild(m, sibling.id, sibling.dob)).status).toBe(200);
    expect((await dependants(m)).body.dependants.map((d: { citizenId: string }) => d.citizenId)).toEqual([
      child.id,
      sibling.id,
    ]);
    expect((await dependants(f)).body.dependants.map((d: { citizenId: string }) => d.citizenId)).toEqual([child.id]);
  });

  it("stops an account after 10 refused look-ups in an hour", async () => {
    const parent = await craft({ dob: "1982-03-03" });
    const cookie = await parent.cookie();
    for (let i = 0; i < 10; i++) expect((await addChild(cookie, `00121599990${i}`, "2015-01-01")).status).toBe(404);
    const child = minors()[5] as RegistryRecordT;
    const res = await addChild(cookie, child.id, child.dob);
    expect(res.status).toBe(429);
    expect(res.body.code).toBe("RATE_LIMITED");
    expect(res.body.retryAfter).toBeGreaterThan(3500);
  });
});

describe("the answers fit the shared schemas the PWA parses them with", () => {
  it("/api/me, card, papers, dependants, notifications", async () => {
    const dob = dobWithBirthday(40, 20);
    const c = await craft({ dob, issued: birthdayAt(dob, 30) });
    const cookie = await c.cookie();
    const child = records.filter((_, i) => i % 12 === 11)[0] as RegistryRecordT;
    expect((await addChild(cookie, child.id, child.dob)).status).toBe(200);
    const checks: Array<[string, { safeParse(v: unknown): { success: boolean } }]> = [
      ["/api/me/card", CardResponse],
      ["/api/me/papers", PapersResponse],
      ["/api/me/dependants", DependantsResponse],
      ["/api/me/notifications", NotificationsResponse],
      ["/api/me", MeResponse],
    ];
    for (const [path, schema] of checks) {
      const res = await as(cookie).get(path);
      expect(res.status, path).toBe(200);
      expect(schema.safeParse(res.body).success, `${path}: ${JSON.stringify(res.body)}`).toBe(true);
    }
  });
});

describe("expiry notices follow the state", () => {
  it("an expiring card that then expires gets a second notice (the clock moves: run last)", async () => {
    const dob = dobWithBirthday(25, 5);
    const c = await craft({ dob, issued: birthdayAt(dob, 20) });
    expect((await card(await c.cookie())).body.card.state).toBe("expiring");
    await advanceClock(6 * 86400);
    const cookie = await c.cookie();
    expect((await card(cookie)).body.card).toMatchObject({ state: "expired", daysLeft: -1 });
    const list = await notices(cookie);
    expect(list.body.notifications.map((n: { detail: Record<string, string> }) => n.detail.state)).toEqual([
      "expired",
      "expiring",
    ]);
  });
});
