/**
 * A deterministic, synthetic registry extract in the import format (`shared/registry-file.ts`): every name,
 * number and address is invented. `npm start` seeds it; the tests use it. Pure TypeScript, no Node APIs, so the
 * worker tests can import it too.
 */
import { type Gender, centuryGenderDigit } from "../shared/citizen";
import type { AccountLevel, AccountStatus } from "../shared/lifecycle";
import type { RegistryAccountT, RegistryFileT, RegistryRecordT } from "../shared/registry-file";

/** A seeded PRNG (mulberry32), so the same seed gives the same people. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const QUESTIONS = [
  "Tên người bạn thân nhất thời thơ ấu của bạn là gì?",
  "Tên trường tiểu học đầu tiên bạn theo học là gì?",
  "Tên con vật nuôi đầu tiên của bạn là gì?",
  "Tên người thầy/cô giáo bạn nhớ nhất là gì?",
  "Bạn sinh ra ở huyện/quận nào?",
  "Món ăn bạn yêu thích nhất là gì?",
  "Biệt danh thời nhỏ của bạn là gì?",
  "Tên thôn/xóm nơi bạn lớn lên là gì?",
];

const PLACES: Array<{ code: string; addresses: string[] }> = [
  {
    code: "020",
    addresses: [
      "Phường Chi Lăng, Thành phố Lạng Sơn, Lạng Sơn",
      "Xã Hữu Liên, Huyện Hữu Lũng, Lạng Sơn",
      "Thị trấn Lộc Bình, Huyện Lộc Bình, Lạng Sơn",
      "Xã Tân Thành, Huyện Cao Lộc, Lạng Sơn",
    ],
  },
  { code: "001", addresses: ["Phường Dịch Vọng, Quận Cầu Giấy, Hà Nội", "Phường Hàng Bạc, Quận Hoàn Kiếm, Hà Nội"] },
  {
    code: "079",
    addresses: ["Phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh", "Phường 7, Quận 3, Thành phố Hồ Chí Minh"],
  },
  { code: "004", addresses: ["Phường Sông Hiến, Thành phố Cao Bằng, Cao Bằng"] },
];
const FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vi", "Lăng", "Nông", "Hà", "Lương", "Đỗ", "Dương"];
const MIDDLE: Record<Gender, string[]> = {
  Nam: ["Văn", "Đức", "Hữu", "Quang", "Minh"],
  Nữ: ["Thị", "Thu", "Ngọc", "Thanh", "Hồng"],
};
const GIVEN: Record<Gender, string[]> = {
  Nam: ["An", "Bình", "Dũng", "Hùng", "Long", "Thắng", "Tuấn", "Sơn", "Khoa"],
  Nữ: ["Hương", "Lan", "Mai", "Hạnh", "Trang", "Linh", "Yến", "Hoa", "Nhung"],
};
const MOBILE_PREFIXES = [
  "032",
  "035",
  "038",
  "056",
  "058",
  "070",
  "077",
  "081",
  "085",
  "086",
  "088",
  "090",
  "091",
  "094",
  "096",
  "098",
];
const ANSWERS = ["Bình", "Hoa", "Quận Hoàn Kiếm", "Lộc Bình", "Phở bò", "Cún", "Thôn Nà Sla", "Cô Mai"];

/** The account states the demo registry covers, in the order `npm start` lists them. */
export const DEMO_KINDS = ["approved-new", "approved-with-password", "active", "pending", "app", "no-account"] as const;
/** What kind of demo citizen a record is. */
export type DemoKind = (typeof DEMO_KINDS)[number];

/** The plain-text credentials of an account, for the README, `npm start` and the tests. */
export interface DemoCitizen {
  kind: DemoKind;
  id: string;
  phone: string;
  fullName: string;
  password?: string;
  passcode?: string;
  deviceId?: string;
  /** The account's level (1 or 2) for the kinds that have one at level 1 or 2. */
  level?: AccountLevel;
  /** An active account's security answers, by question id. */
  securityAnswers?: Record<number, string>;
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
const digits = (r: () => number, n: number) => Array.from({ length: n }, () => Math.floor(r() * 10)).join("");
const pad = (n: number) => String(n).padStart(2, "0");

/**
 * Generates `count` citizens (about a sixth of each kind, plus a few under-14s with no account), with unique IDs,
 * phones and device ids. The default seed gives the demo registry `npm start` loads.
 */
export function generateRegistry(seed = 6, count = 36): { file: RegistryFileT; citizens: DemoCitizen[] } {
  const r = prng(seed);
  const registry: RegistryRecordT[] = [];
  const accounts: RegistryAccountT[] = [];
  const citizens: DemoCitizen[] = [];
  const ids = new Set<string>();
  const phones = new Set<string>();

  for (let i = 0; i < count; i++) {
    const minor = i % 12 === 11;
    const kind: DemoKind = minor ? "no-account" : (DEMO_KINDS[i % DEMO_KINDS.length] as DemoKind);
    const gender: Gender = r() < 0.5 ? "Nam" : "Nữ";
    const year = minor ? 2014 + Math.floor(r() * 4) : 1945 + Math.floor(r() * 62);
    const month = 1 + Math.floor(r() * 12);
    const day = 1 + Math.floor(r() * 28);
    const place = pick(r, PLACES);
    let id: string;
    do {
      id = `${place.code}${centuryGenderDigit(year, gender)}${pad(year % 100)}${digits(r, 6)}`;
    } while (ids.has(id));
    ids.add(id);
    let phone: string;
    do {
      phone = `${pick(r, MOBILE_PREFIXES)}${digits(r, 7)}`;
    } while (phones.has(phone));
    phones.add(phone);
    const fullName = `${pick(r, FAMILY)} ${pick(r, MIDDLE[gender])} ${pick(r, GIVEN[gender])}`;
    const dob = `${year}-${pad(month)}-${pad(day)}`;
    const cardType = minor || r() < 0.4 ? "cancuoc-2024" : "cccd-2021";
    const issuedYear = cardType === "cancuoc-2024" ? 2024 + Math.floor(r() * 2) : 2021 + Math.floor(r() * 3);
    const cardIssued = `${issuedYear}-${pad(cardType === "cancuoc-2024" ? 7 + Math.floor(r() * 5) : 1 + Math.floor(r() * 12))}-${pad(1 + Math.floor(r() * 28))}`;
    const oldId = !minor && r() < 0.4 ? digits(r, 9) : "";
    const address = pick(r, place.addresses);
    const ddmmyyyy = (iso: string) => iso.split("-").reverse().join("");
    const qrFields = [id, oldId, fullName, ddmmyyyy(dob), gender, address, ddmmyyyy(cardIssued)];
    if (cardType === "cancuoc-2024") qrFields.push("", "", "", "");
    registry.push({ id, oldId, fullName, dob, gender, address, phone, cardType, cardIssued, qr: qrFields.join("|") });

    const citizen: DemoCitizen = { kind, id, phone, fullName };
    const suffix = id.slice(-6);
    const account = (level: AccountLevel, status: AccountStatus): RegistryAccountT => {
      if (level !== 0) citizen.level = level;
      return { id, phone, level, status };
    };
    switch (kind) {
      case "approved-new":
        accounts.push(account(r() < 0.5 ? 1 : 2, "approved"));
        break;
      case "approved-with-password":
        citizen.password = `Vn@${suffix}Ab`;
        accounts.push({ ...account(1, "approved"), password: citizen.password });
        break;
      case "active": {
        citizen.password = `Vn@${suffix}Aa`;
        citizen.passcode = digits(r, 6);
        citizen.deviceId = `dev-${suffix}`;
        const q1 = 1 + Math.floor(r() * 4);
        const q2 = 5 + Math.floor(r() * 4);
        const base = account(r() < 0.5 ? 1 : 2, "active");
        citizen.securityAnswers = { [q1]: pick(r, ANSWERS), [q2]: pick(r, ANSWERS) };
        accounts.push({
          ...base,
          password: citizen.password,
          passcode: citizen.passcode,
          deviceId: citizen.deviceId,
          securityAnswers: citizen.securityAnswers,
        });
        break;
      }
      case "pending":
        citizen.password = `Vn@${suffix}Ap`;
        accounts.push({ ...account(1, "pending"), password: citizen.password });
        break;
      case "app":
        citizen.password = `Vn@${suffix}Ac`;
        accounts.push({ ...account(0, "app"), password: citizen.password });
        break;
      case "no-account":
        break;
    }
    citizens.push(citizen);
  }
  return {
    file: { securityQuestions: QUESTIONS.map((text, i) => ({ id: i + 1, text })), registry, accounts },
    citizens,
  };
}
