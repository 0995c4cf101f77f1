/**
 * The citizen's card and papers: the card's validity ("Có giá trị đến", "Cảnh báo sắp hết hạn thẻ"), the papers
 * integrated at level 2 ("Giấy tờ tích hợp"), dependants ("Người phụ thuộc") and notifications ("Thông báo").
 * Request and response bodies shared by the worker and the PWA.
 */
import * as z from "zod/mini";
import { isRealIsoDate } from "./citizen";
import { CitizenId } from "./schemas";

/** Field messages of the dependant form. */
export const CARD_FIELD_MESSAGES = {
  dob: "Ngày sinh phải là một ngày có thật, dạng yyyy-mm-dd",
  upToId: "Mã thông báo không hợp lệ",
} as const;

const ExpiryStateSchema = z.enum(["valid", "expiring", "expired"]);

/** A card's or paper's validity on the server's today (Vietnam): `validUntil` null means no expiry. */
export const Validity = z.object({
  /** The last valid day, yyyy-mm-dd, or `null` ("Không thời hạn"). */
  validUntil: z.nullable(z.string()),
  state: ExpiryStateSchema,
  /** Days from today to `validUntil` (negative once expired); `null` without an expiry. */
  daysLeft: z.nullable(z.int()),
});
export type ValidityT = z.infer<typeof Validity>;

/** `GET /api/me/card`: the citizen's identity card as the registry knows it, and its validity. */
export const CardResponse = z.object({
  /** The server's today, yyyy-mm-dd (Vietnam). */
  today: z.string(),
  card: z.nullable(
    z.object({
      citizenId: z.string(),
      cardType: z.string(),
      issued: z.string(),
      dob: z.string(),
      ...Validity.shape,
    }),
  ),
  /** Notifications not yet read ("Thông báo"), after any expiry notice this request wrote. */
  unreadNotifications: z.int(),
});
export type CardResponseT = z.infer<typeof CardResponse>;

/** The papers integrated at level 2. */
export const PaperKindSchema = z.enum(["driverLicence", "healthInsurance", "vehicleRegistration"]);

/** `GET /api/me/papers`: the papers recorded by the approved level-2 file, each with its validity. */
export const PapersResponse = z.object({
  today: z.string(),
  /** The approved level-2 file they come from, or `null` (then there are none). */
  reference: z.nullable(z.string()),
  papers: z.array(z.object({ kind: PaperKindSchema, number: z.string(), ...Validity.shape })),
});
export type PapersResponseT = z.infer<typeof PapersResponse>;

/** "Thêm người phụ thuộc": the child's personal ID number and date of birth (yyyy-mm-dd), checked in the registry. */
export const DependantBody = z.strictObject({
  childId: CitizenId,
  dob: z.string().check(z.maxLength(10), z.refine(isRealIsoDate, CARD_FIELD_MESSAGES.dob)),
});
export type DependantBodyT = z.infer<typeof DependantBody>;

/** "Gỡ người phụ thuộc": the child whose link (approved, or a request still waiting) the guardian removes. */
export const DependantRemoveBody = z.strictObject({ childId: CitizenId });
export type DependantRemoveBodyT = z.infer<typeof DependantRemoveBody>;

/** A dependant as the parent's account shows it, once the link is approved. */
export const Dependant = z.object({
  status: z.literal("approved"),
  citizenId: z.string(),
  fullName: z.string(),
  dob: z.string(),
  gender: z.string(),
  addedAt: z.string(),
  /** The child's own card, when the registry records one. */
  card: z.nullable(Validity),
});
export type DependantT = z.infer<typeof Dependant>;

/** A link waiting for an officer of the child's unit ("Chờ xác nhận"): nothing about the child is shown. */
export const PendingDependant = z.object({
  status: z.literal("pending"),
  /** The ID number the parent typed. */
  citizenId: z.string(),
  addedAt: z.string(),
});
export type PendingDependantT = z.infer<typeof PendingDependant>;

/** `GET /api/me/dependants` (and the answer of adding or removing one). */
export const DependantsResponse = z.object({
  /** Only a level-2 account (approved or active) may add children. */
  canAdd: z.boolean(),
  dependants: z.array(z.discriminatedUnion("status", [Dependant, PendingDependant])),
});
export type DependantsResponseT = z.infer<typeof DependantsResponse>;

/** One notification. `detail` holds its kind's facts (a reference, a decision, a paper and its date). */
export const NotificationItem = z.object({
  id: z.int(),
  kind: z.enum(["approval", "device", "expiry", "recovery", "phone", "dependant"]),
  at: z.string(),
  detail: z.record(z.string(), z.string()),
  read: z.boolean(),
});
export type NotificationItemT = z.infer<typeof NotificationItem>;

/** `GET /api/me/notifications`: the newest 50, newest first, and how many are unread. */
export const NotificationsResponse = z.object({
  notifications: z.array(NotificationItem),
  unread: z.int(),
});
export type NotificationsResponseT = z.infer<typeof NotificationsResponse>;

/** "Đã đọc": marks every notification up to this id (the newest one shown) as read. */
export const NotificationsReadBody = z.strictObject({
  upToId: z.int().check(z.gte(0, CARD_FIELD_MESSAGES.upToId), z.lte(2 ** 52, CARD_FIELD_MESSAGES.upToId)),
});
/** The answer of marking notifications read. */
export const NotificationsReadResponse = z.object({ unread: z.int() });
