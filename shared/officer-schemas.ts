/**
 * Request and response bodies of the police-office side (officers, level-2 intake, the approval queue, reports,
 * audit) and of the citizen routes that go with it (tracking, appointments), shared by the worker (which validates
 * every request with them) and the PWA. The contract is `docs/officer-api.md`.
 */
import * as z from "zod/mini";
import { isRealIsoDate } from "./citizen";
import { PASSWORD_MAX, isStrongPassword } from "./credentials";
import { ACCOUNT_LEVELS, ACCOUNT_STATUSES } from "./lifecycle";
import { CardInput, CitizenId, FIELD_MESSAGES, Phone } from "./schemas";

/** Field messages of these forms, shown next to the input they concern. */
export const OFFICER_FIELD_MESSAGES = {
  unitCode: "Mã đơn vị không hợp lệ",
  username: "Tên đăng nhập gồm 3–64 ký tự: chữ thường không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới",
  usernameRequired: "Vui lòng nhập tên đăng nhập",
  name: "Vui lòng nhập họ và tên (tối đa 100 ký tự)",
  newPassword: "Mật khẩu mới chưa đáp ứng đủ yêu cầu",
  confirmNewPassword: "Mật khẩu mới nhập lại không khớp",
  photoId: "Ảnh chân dung không hợp lệ",
  driverLicence: "Số giấy phép lái xe không hợp lệ",
  healthInsurance: "Mã số bảo hiểm y tế gồm 2 chữ cái và 13 chữ số, hoặc mã số BHXH gồm 10 chữ số",
  vehicleRegistration: "Số chứng nhận đăng ký xe / biển số không hợp lệ",
  paperExpiry: "Ngày hết hạn phải là một ngày có thật, dạng yyyy-mm-dd",
  paperExpiryWithoutNumber: "Vui lòng nhập số giấy tờ trước khi nhập ngày hết hạn",
  reason: "Vui lòng nhập lý do từ chối (tối đa 300 ký tự)",
  day: "Ngày phải có dạng yyyy-mm-dd",
  time: "Giờ phải có dạng HH:MM",
  reference: "Mã hồ sơ có dạng L2-020-2026-000123",
  trackingCode: "Mã tra cứu gồm 8 ký tự",
  trackBy: "Vui lòng nhập số định danh cá nhân hoặc mã tra cứu (chỉ một trong hai)",
  appointmentCode: "Mã lịch hẹn có dạng LH-ABC234",
  level: "Mức phải là 1 hoặc 2",
  dateRange: "Ngày kết thúc không được trước ngày bắt đầu",
} as const;

const trimmed = (max: number) =>
  z.pipe(
    z.string().check(z.maxLength(max)),
    z.transform((s: string) => s.trim()),
  );
const upper = (max: number) =>
  z.pipe(
    trimmed(max),
    z.transform((s: string) => s.toUpperCase()),
  );

// ------------------------------------------------------------------------------------------------------------------
// Units, officers, codes.

/** Officer roles: `officer` acts for their own unit; `province_admin` sees and acts for every unit. */
export const OFFICER_ROLES = ["officer", "province_admin"] as const;
/** An officer role. */
export const OfficerRole = z.enum(OFFICER_ROLES);
export type OfficerRoleT = z.infer<typeof OfficerRole>;

/** Police units since the 2025 reform: the province police, and commune and ward police (no district level). */
export const UNIT_KINDS = ["province", "ward", "commune"] as const;
export const UnitKind = z.enum(UNIT_KINDS);

/** A unit code as the data file writes it: upper-case letters, digits and dashes. */
export const UNIT_CODE_PATTERN = /^[A-Z0-9][A-Z0-9-]{1,31}$/;
/** A unit code typed or sent by a client; surrounding spaces and case are ignored. */
export const UnitCode = z.pipe(
  upper(64),
  z.string().check(z.regex(UNIT_CODE_PATTERN, OFFICER_FIELD_MESSAGES.unitCode)),
);

/** Letters of tracking and appointment codes: A–Z and 2–9 without the look-alikes I, O, 0 and 1. */
export const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
/** A tracking code: 8 letters of {@link CODE_ALPHABET}. */
export const TRACKING_CODE_PATTERN = /^[A-HJ-NP-Z2-9]{8}$/;
/** A reference number: `L2-020-2026-000123` (level, province code, year, sequence in that year). */
export const REFERENCE_PATTERN = /^L[12]-\d{3}-\d{4}-\d{6}$/;
/** An appointment's confirmation code. */
export const APPOINTMENT_CODE_PATTERN = /^LH-[A-HJ-NP-Z2-9]{6}$/;

/** An officer's user name. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,63}$/;
export const Username = z.pipe(
  z.pipe(
    trimmed(64),
    z.transform((s: string) => s.toLowerCase()),
  ),
  z.string().check(z.regex(USERNAME_PATTERN, OFFICER_FIELD_MESSAGES.username)),
);

/** A calendar day, yyyy-mm-dd. */
export const Day = z.string().check(z.maxLength(10), z.refine(isRealIsoDate, OFFICER_FIELD_MESSAGES.day));
/** A slot's start time, HH:MM (24 h). */
export const SlotTime = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, OFFICER_FIELD_MESSAGES.time));

/** One unit of the data file (`data/units/*.json`). Unknown keys are ignored. */
export const UnitRecord = z.looseObject({
  code: z.string().check(z.regex(UNIT_CODE_PATTERN, OFFICER_FIELD_MESSAGES.unitCode)),
  name: z.string().check(z.minLength(1), z.maxLength(200)),
  kind: UnitKind,
  parent: z.nullable(z.string().check(z.regex(UNIT_CODE_PATTERN, OFFICER_FIELD_MESSAGES.unitCode))),
  slots: z.array(SlotTime).check(z.maxLength(48)),
  capacityPerSlot: z.int().check(z.gte(1), z.lte(1000)),
});
/** A province's code: its 3-digit ID-number prefix (`020` for Lạng Sơn). */
export const ProvinceCode = z.string().check(z.regex(/^\d{3}$/, "Mã tỉnh gồm 3 chữ số"));
/** The units data file: the province (its code is the ID-number prefix, e.g. `020`) and its police units. */
export const UnitsFile = z.looseObject({
  note: z.optional(z.string().check(z.maxLength(2000))),
  province: z.looseObject({
    code: ProvinceCode,
    name: z.string().check(z.minLength(1), z.maxLength(200)),
  }),
  units: z.array(UnitRecord).check(z.minLength(1), z.maxLength(5000)),
});
export type UnitsFileT = z.infer<typeof UnitsFile>;
export type UnitRecordT = z.infer<typeof UnitRecord>;
/** `POST /api/dev/units/import`'s answer. */
export const UnitsImportResponse = z.object({ province: z.string(), units: z.int() });

/** A unit, as lists show it. */
export const UnitView = z.object({ code: z.string(), name: z.string(), kind: UnitKind });
/** `GET /api/units`. */
export const UnitsResponse = z.object({ units: z.array(UnitView) });

/** An officer's full name ("Họ và tên"), trimmed: 1–100 characters. */
export const OfficerName = z.pipe(
  trimmed(200),
  z.string().check(z.minLength(1, OFFICER_FIELD_MESSAGES.name), z.maxLength(100, OFFICER_FIELD_MESSAGES.name)),
);

/** Development only (`npm run officer:add`): creates an officer with a one-time password. */
export const DevOfficerBody = z.strictObject({
  unit: UnitCode,
  role: OfficerRole,
  name: OfficerName,
  /** A fixed user name (the demo officers of `npm start`): an existing officer gets a new one-time password. */
  username: z.optional(Username),
});
/** The new officer's credentials; the password must be changed at first login. */
export const DevOfficerResponse = z.object({ username: z.string(), password: z.string() });

/** "Đăng nhập cán bộ": "Tên đăng nhập" and "Mật khẩu". */
export const OfficerLoginBody = z.strictObject({
  username: z.pipe(
    z.pipe(
      trimmed(64),
      z.transform((s: string) => s.toLowerCase()),
    ),
    z.string().check(z.minLength(1, OFFICER_FIELD_MESSAGES.usernameRequired)),
  ),
  password: z.string().check(z.minLength(1, FIELD_MESSAGES.passwordRequired), z.maxLength(256)),
});
/** First-login password change: "Mật khẩu mới", "Nhập lại mật khẩu mới". */
export const OfficerPasswordBody = z
  .strictObject({
    newPassword: z
      .string()
      .check(z.maxLength(PASSWORD_MAX * 2), z.refine(isStrongPassword, OFFICER_FIELD_MESSAGES.newPassword)),
    confirmPassword: z.string().check(z.maxLength(PASSWORD_MAX * 2)),
  })
  .check(
    z.refine((b) => b.newPassword === b.confirmPassword, {
      error: OFFICER_FIELD_MESSAGES.confirmNewPassword,
      path: ["confirmPassword"],
    }),
  );
/** The logged-in officer. */
export const OfficerMe = z.object({
  username: z.string(),
  name: z.string(),
  role: OfficerRole,
  unit: z.object({ code: z.string(), name: z.string() }),
});
export type OfficerMeT = z.infer<typeof OfficerMe>;
/** The answer of login and of the password change. */
export const OfficerSessionResponse = z.object({ officer: OfficerMe, mustChangePassword: z.boolean() });

// ------------------------------------------------------------------------------------------------------------------
// Level-2 intake.

const paper = (pattern: RegExp, message: string) =>
  z.optional(z.pipe(upper(64), z.string().check(z.refine((s) => s === "" || pattern.test(s), message))));

/** A paper's last valid day as printed (yyyy-mm-dd; an empty string means none, e.g. a licence with no term). */
const paperExpiry = () =>
  z.optional(
    z.pipe(
      trimmed(16),
      z
        .string()
        .check(
          z.refine(
            (s) => s === "" || (isRealIsoDate(s) && s >= "1950-01-01" && s <= "2199-12-31"),
            OFFICER_FIELD_MESSAGES.paperExpiry,
          ),
        ),
    ),
  );

/** The papers integrated at level 2, and the field of each one's expiry date. */
export const PAPER_KINDS = ["driverLicence", "healthInsurance", "vehicleRegistration"] as const;
export type PaperKind = (typeof PAPER_KINDS)[number];
export const PAPER_EXPIRY_FIELD = {
  driverLicence: "driverLicenceExpiry",
  healthInsurance: "healthInsuranceExpiry",
  vehicleRegistration: "vehicleRegistrationExpiry",
} as const satisfies Record<PaperKind, string>;

/** A portrait uploaded before (`POST /api/officer/photo`). */
export const PhotoId = z.string().check(z.regex(/^[A-Za-z0-9_-]{22,64}$/, OFFICER_FIELD_MESSAGES.photoId));

/**
 * "Tiếp nhận hồ sơ mức 2": the card (QR or typed), the citizen's own phone, the portrait taken on the spot, the
 * citizen's consent, and optional papers (an empty string means none), each with an optional expiry date (for
 * "Cảnh báo sắp hết hạn"; only with the paper's number). `unitCode` only for a province_admin.
 */
export const IntakeFields = z.strictObject({
  card: CardInput,
  phone: Phone,
  photoId: PhotoId,
  consent: z.boolean(),
  driverLicence: paper(/^[A-Z0-9][A-Z0-9 .-]{4,19}$/, OFFICER_FIELD_MESSAGES.driverLicence),
  driverLicenceExpiry: paperExpiry(),
  healthInsurance: paper(/^([A-Z]{2}\d{13}|\d{10})$/, OFFICER_FIELD_MESSAGES.healthInsurance),
  healthInsuranceExpiry: paperExpiry(),
  vehicleRegistration: paper(/^[A-Z0-9][A-Z0-9 .-]{3,19}$/, OFFICER_FIELD_MESSAGES.vehicleRegistration),
  vehicleRegistrationExpiry: paperExpiry(),
  unitCode: z.optional(UnitCode),
});

/** A paper's expiry date only with the paper's number (for any body that carries the intake's paper fields). */
export const paperExpiryNeedsNumber = z.superRefine(
  (b: Partial<Record<PaperKind | (typeof PAPER_EXPIRY_FIELD)[PaperKind], string>>, ctx) => {
    for (const kind of PAPER_KINDS) {
      const field = PAPER_EXPIRY_FIELD[kind];
      if (b[field] && !b[kind]) {
        ctx.issues.push({
          code: "custom",
          input: b[field],
          message: OFFICER_FIELD_MESSAGES.paperExpiryWithoutNumber,
          path: [field],
        });
      }
    }
  },
);

/** {@link IntakeFields} with {@link paperExpiryNeedsNumber}. */
export const IntakeBody = IntakeFields.check(paperExpiryNeedsNumber);
export type IntakeInput = z.infer<typeof IntakeBody>;

const Level12 = z.literal([1, 2]);
const AccountView = z.object({ level: z.literal(ACCOUNT_LEVELS), status: z.enum(ACCOUNT_STATUSES) });

/** The intake's answer: what the printable receipt carries. */
export const IntakeResponse = z.object({
  reference: z.string(),
  trackingCode: z.string(),
  /** The tracking link the receipt's QR encodes: `<origin>/tra-cuu?ref=…&code=…`. */
  trackingUrl: z.string(),
  citizen: z.object({ id: z.string(), fullName: z.string() }),
  account: AccountView,
});

// ------------------------------------------------------------------------------------------------------------------
// The queue and decisions.

/** An application's state: `superseded` is a level-1 application replaced by a level-2 file. */
export const APPLICATION_STATUSES = ["pending", "approved", "rejected", "superseded"] as const;
export const ApplicationStatus = z.enum(APPLICATION_STATUSES);

/** The queue's filters (query string); dates are days of submission, Vietnam time. */
export const ApplicationsQuery = z
  .object({
    unit: z.optional(UnitCode),
    level: z.optional(z.enum(["1", "2"], OFFICER_FIELD_MESSAGES.level)),
    status: z.optional(ApplicationStatus),
    from: z.optional(Day),
    to: z.optional(Day),
  })
  .check(
    z.refine((q) => !q.from || !q.to || q.from <= q.to, { error: OFFICER_FIELD_MESSAGES.dateRange, path: ["to"] }),
  );

/** One line of the queue. */
export const ApplicationItem = z.object({
  id: z.int(),
  reference: z.nullable(z.string()),
  level: Level12,
  channel: z.enum(["online", "office"]),
  status: ApplicationStatus,
  unitCode: z.nullable(z.string()),
  /** The unit's name ("Công an phường Tam Thanh"). */
  unitName: z.nullable(z.string()),
  citizen: z.object({ id: z.string(), fullName: z.string() }),
  submittedAt: z.string(),
  decidedAt: z.optional(z.string()),
  reason: z.optional(z.string()),
});
export type ApplicationItemT = z.infer<typeof ApplicationItem>;
/** `GET /api/officer/applications`. */
export const ApplicationsResponse = z.object({ applications: z.array(ApplicationItem) });

/** A step of an application's timeline. */
export const TimelineEntry = z.object({
  step: z.enum(["received", "review", "approved", "rejected", "superseded"]),
  at: z.string(),
  reason: z.optional(z.string()),
});
export type TimelineEntryT = z.infer<typeof TimelineEntry>;

/** The card as an application records it. */
export const CardView = z.object({
  id: z.string(),
  oldId: z.string(),
  fullName: z.string(),
  dob: z.string(),
  gender: z.string(),
  address: z.string(),
  issued: z.string(),
  cardType: z.optional(z.string()),
});

/** `GET /api/officer/applications/:id`: everything about one file. */
/** What a pending file says when its phone is not the one the account uses now (approving it moves the account). */
export const PHONE_CHANGE_NOTICE = "Số điện thoại khác với số đang dùng cho tài khoản";

export const ApplicationDetail = z.object({
  ...ApplicationItem.shape,
  trackingCode: z.nullable(z.string()),
  card: CardView,
  phone: z.nullable(z.string()),
  /**
   * Present while the file is pending and its phone is not the account's current one: approving it moves the
   * account to the file's phone, after the current phone (masked here) is texted how to object.
   */
  phoneChange: z.optional(z.object({ accountPhone: z.string(), message: z.string() })),
  email: z.optional(z.string()),
  papers: z.object({
    driverLicence: z.optional(z.string()),
    driverLicenceExpiry: z.optional(z.string()),
    healthInsurance: z.optional(z.string()),
    healthInsuranceExpiry: z.optional(z.string()),
    vehicleRegistration: z.optional(z.string()),
    vehicleRegistrationExpiry: z.optional(z.string()),
  }),
  consent: z.boolean(),
  /** `/api/officer/photos/:id` (the application's id), or `null` without a photo. */
  photoUrl: z.nullable(z.string()),
  account: z.nullable(AccountView),
  intakeBy: z.optional(z.string()),
  /** The name of the officer who took the file. */
  intakeByName: z.optional(z.string()),
  /** The officer who first opened it for review, and their name. */
  reviewingBy: z.optional(z.string()),
  reviewingByName: z.optional(z.string()),
  decidedBy: z.optional(z.string()),
  /** The name of the officer who decided it. */
  decidedByName: z.optional(z.string()),
  timeline: z.array(TimelineEntry),
});
export type ApplicationDetailT = z.infer<typeof ApplicationDetail>;

/** "Phê duyệt": no fields. */
export const ApproveBody = z.strictObject({});
/** "Từ chối" with a reason. */
export const RejectBody = z.strictObject({
  reason: z.pipe(
    trimmed(1200),
    z.string().check(z.minLength(1, OFFICER_FIELD_MESSAGES.reason), z.maxLength(300, OFFICER_FIELD_MESSAGES.reason)),
  ),
});

// ------------------------------------------------------------------------------------------------------------------
// Officers: "Người phụ thuộc chờ xác nhận", the dependant links of their unit.

/** The state of a dependant link: `pending` ("Chờ xác nhận") until an officer approves it. */
export const DependantLinkStatus = z.enum(["pending", "approved"], "Trạng thái không hợp lệ");
/** `GET /api/officer/dependants` (query string): pending links by default; a unit (province_admin), a child. */
export const DependantLinksQuery = z.object({
  status: z.optional(DependantLinkStatus),
  unit: z.optional(UnitCode),
  child: z.optional(CitizenId),
});
export type DependantLinksQueryT = z.infer<typeof DependantLinksQuery>;
/** A link between a parent or guardian and a child under 14, with the registry's names. */
export const DependantLinkItem = z.object({
  id: z.string(),
  status: DependantLinkStatus,
  /** The unit of the child's registry address, whose officers decide; `null` for links made before requests. */
  unitCode: z.nullable(z.string()),
  addedAt: z.string(),
  guardian: z.object({ id: z.string(), fullName: z.nullable(z.string()) }),
  child: z.object({ id: z.string(), fullName: z.nullable(z.string()), dob: z.nullable(z.string()) }),
});
export type DependantLinkItemT = z.infer<typeof DependantLinkItem>;
/** The newest 200 matching links. */
export const DependantLinksResponse = z.object({ links: z.array(DependantLinkItem) });
export type DependantLinksResponseT = z.infer<typeof DependantLinksResponse>;

// ------------------------------------------------------------------------------------------------------------------
// Citizens: tracking.

/** "Tra cứu hồ sơ": the reference with the ID number, or with the receipt's tracking code. */
export const TrackBody = z
  .strictObject({
    reference: z.pipe(upper(64), z.string().check(z.regex(REFERENCE_PATTERN, OFFICER_FIELD_MESSAGES.reference))),
    citizenId: z.optional(CitizenId),
    trackingCode: z.optional(
      z.pipe(upper(32), z.string().check(z.regex(TRACKING_CODE_PATTERN, OFFICER_FIELD_MESSAGES.trackingCode))),
    ),
  })
  .check(
    z.refine((b) => (b.citizenId === undefined) !== (b.trackingCode === undefined), {
      error: OFFICER_FIELD_MESSAGES.trackBy,
      path: ["citizenId"],
    }),
  );
/** One application as its citizen may see it. */
export const TrackResponse = z.object({
  reference: z.string(),
  level: Level12,
  status: ApplicationStatus,
  timeline: z.array(TimelineEntry),
  /** An approved file whose account has been activated since: nothing is left to do but log in. */
  activated: z.optional(z.literal(true)),
});
export type TrackResponseT = z.infer<typeof TrackResponse>;
/** `GET /api/track/mine`. */
export const TrackMineResponse = z.object({ applications: z.array(TrackResponse) });

// ------------------------------------------------------------------------------------------------------------------
// Citizens: appointments.

/** `GET /api/appointments/slots` (query string). */
export const SlotsQuery = z.object({ unit: UnitCode, day: Day });
/** The slots of one unit on one day. */
export const SlotsResponse = z.object({
  unit: z.object({ code: z.string(), name: z.string() }),
  day: z.string(),
  slots: z.array(z.object({ time: z.string(), capacity: z.int(), left: z.int() })),
});
/** "Đặt lịch hẹn". */
export const BookingBody = z.strictObject({
  unitCode: UnitCode,
  day: Day,
  time: SlotTime,
  citizenId: CitizenId,
  phone: Phone,
});
/** The confirmation. */
export const BookingResponse = z.object({ code: z.string(), unitCode: z.string(), day: z.string(), time: z.string() });
/** "Hủy lịch hẹn". */
export const CancelBookingBody = z.strictObject({
  code: z.pipe(upper(32), z.string().check(z.regex(APPOINTMENT_CODE_PATTERN, OFFICER_FIELD_MESSAGES.appointmentCode))),
  citizenId: CitizenId,
});
/** `GET /api/officer/appointments` (query string). */
export const OfficerAppointmentsQuery = z.object({ day: Day, unit: z.optional(UnitCode) });
/** A unit's appointments of a day. */
export const OfficerAppointmentsResponse = z.object({
  unit: z.object({ code: z.string(), name: z.string() }),
  day: z.string(),
  appointments: z.array(
    z.object({
      code: z.string(),
      time: z.string(),
      citizenId: z.string(),
      fullName: z.nullable(z.string()),
      phone: z.string(),
      status: z.enum(["booked", "cancelled"]),
      bookedAt: z.string(),
    }),
  ),
});

// ------------------------------------------------------------------------------------------------------------------
// Reports and audit.

/** A date range (query string), Vietnam days, both ends included. */
export const DateRangeQuery = z
  .object({ from: z.optional(Day), to: z.optional(Day) })
  .check(
    z.refine((q) => !q.from || !q.to || q.from <= q.to, { error: OFFICER_FIELD_MESSAGES.dateRange, path: ["to"] }),
  );
/** `GET /api/officer/reports`. */
export const ReportsResponse = z.object({
  from: z.string(),
  to: z.string(),
  byLevelStatus: z.array(z.object({ level: Level12, status: ApplicationStatus, count: z.int() })),
  byUnit: z.array(
    z.object({
      unitCode: z.nullable(z.string()),
      name: z.string(),
      applications: z.int(),
      approved: z.int(),
      rejected: z.int(),
      activations: z.int(),
    }),
  ),
  byDay: z.array(z.object({ day: z.string(), applications: z.int(), approvals: z.int(), activations: z.int() })),
});
export type ReportsResponseT = z.infer<typeof ReportsResponse>;

/** `GET /api/officer/audit` (query string). */
export const AuditQuery = z
  .object({
    event: z.optional(z.string().check(z.regex(/^[a-z0-9.]{1,64}$/, "Sự kiện không hợp lệ"))),
    officer: z.optional(Username),
    from: z.optional(Day),
    to: z.optional(Day),
  })
  .check(
    z.refine((q) => !q.from || !q.to || q.from <= q.to, { error: OFFICER_FIELD_MESSAGES.dateRange, path: ["to"] }),
  );
/** The newest 500 matching entries of the append-only audit log. */
export const AuditResponse = z.object({
  entries: z.array(
    z.object({
      at: z.string(),
      event: z.string(),
      officer: z.nullable(z.string()),
      /** The officer's name, beside the user name. */
      officerName: z.nullable(z.string()),
      accountId: z.nullable(z.string()),
      detail: z.record(z.string(), z.unknown()),
    }),
  ),
});
