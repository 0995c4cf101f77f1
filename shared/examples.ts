/**
 * Examples of the request bodies, as zod metadata of the shared schemas: the OpenAPI document shows them, and its
 * test checks that each one passes its schema. Only the worker imports this module, so the examples stay out of the
 * PWA's bundle.
 */
import * as z from "zod/mini";
import { AdminActionBody, AdminOfficerBody, BootstrapBody, TransferBody } from "./admin-schemas";
import {
  LogoutOthersBody,
  PasscodeRecoveryStartBody,
  RecoveryAnswerBody,
  RecoveryStartBody,
  UnlinkDeviceBody,
} from "./account-schemas";
import { DependantBody, DependantRemoveBody, NotificationsReadBody } from "./card-api";
import { DevFaultBody, EventStartBody, EventSyncBody } from "./event-schemas";
import { IdentityQrBody } from "./identity-schemas";
import { LIMITS } from "./limits";
import {
  ApproveBody,
  BookingBody,
  CancelBookingBody,
  DevOfficerBody,
  IntakeBody,
  OfficerLoginBody,
  OfficerPasswordBody,
  RejectBody,
  TrackBody,
  UnitsFile,
} from "./officer-schemas";
import { RegistryFile } from "./registry-file";
import {
  ActivationStartBody,
  DevClockBody,
  FlowBody,
  Level1ApplyBody,
  LoginBody,
  OtpVerifyBody,
  PasscodeBody,
  PasswordBody,
  RegistrationStartBody,
  SecurityBody,
} from "./schemas";

/** The example of each request body schema; its type is the schema's input. */
export const examples = z.registry<{ example: z.$input }>();

const FLOW_ID = "q1Z8mN4pR7sT0vX3yB6cD9fG2hJ5kL8nP1rS4uW7xZ0";
const UNIT = "CAP-TAMTHANH";
const CITIZEN_ID = "001099012345";
const PHONE = "0912345678";
const CARD = {
  id: CITIZEN_ID,
  oldId: "",
  fullName: "Nguyễn Văn An",
  dob: "1999-05-14",
  gender: "Nam",
  address: "Phường Dịch Vọng, Quận Cầu Giấy, Hà Nội",
  issued: "2021-08-20",
  cardType: "cccd-2021",
} as const;

/** A card of a citizen of Lạng Sơn (ID prefix 020). */
const LS_CARD = {
  id: "020195001234",
  oldId: "",
  fullName: "Hoàng Thị Mai",
  dob: "1995-03-08",
  gender: "Nữ",
  address: "Phường Tam Thanh, Tỉnh Lạng Sơn",
  issued: "2022-06-15",
  cardType: "cccd-2021",
} as const;

// Activation, registration, login, level 1.
examples.add(ActivationStartBody, {
  example: { citizenId: CITIZEN_ID, phone: PHONE, deviceId: "web-3f9a1c2b7d4e5f60" },
});
examples.add(FlowBody, { example: { flowId: FLOW_ID } });
examples.add(OtpVerifyBody, { example: { flowId: FLOW_ID, otp: "123456" } });
examples.add(PasswordBody, { example: { flowId: FLOW_ID, password: "Matkhau@2024", confirmPassword: "Matkhau@2024" } });
examples.add(PasscodeBody, { example: { flowId: FLOW_ID, passcode: "246810", confirmPasscode: "246810" } });
examples.add(SecurityBody, {
  example: {
    flowId: FLOW_ID,
    answers: [
      { questionId: 1, answer: "Bình" },
      { questionId: 3, answer: "Cún" },
    ],
  },
});
examples.add(RegistrationStartBody, { example: { citizenId: CITIZEN_ID, phone: PHONE, card: CARD } });
examples.add(LoginBody, { example: { citizenId: CITIZEN_ID, password: "Matkhau@2024" } });
examples.add(Level1ApplyBody, {
  example: { card: CARD, photoId: "Qm9yN3hUcDJ6V1l4c0ZrZA", email: "an.nguyen@example.vn" },
});

// The citizen's account: dependants, notifications, identity QR, devices, recoveries.
examples.add(DependantBody, { example: { childId: "020314005678", dob: "2014-09-02" } });
examples.add(DependantRemoveBody, { example: { childId: "020314005678" } });
examples.add(NotificationsReadBody, { example: { upToId: 12 } });
examples.add(IdentityQrBody, { example: { passcode: "246810", fields: ["fullName", "citizenId", "dob"] } });
examples.add(RecoveryStartBody, { example: { citizenId: CITIZEN_ID, phone: PHONE } });
examples.add(RecoveryAnswerBody, { example: { flowId: FLOW_ID, answer: "Bình" } });
examples.add(LogoutOthersBody, { example: {} });
examples.add(UnlinkDeviceBody, { example: { passcode: "246810" } });
examples.add(PasscodeRecoveryStartBody, { example: {} });

// Officers, tracking and appointments.
examples.add(OfficerLoginBody, { example: { username: "annv", password: "Canbo@2026x" } });
examples.add(OfficerPasswordBody, { example: { newPassword: "Canbo@2026x", confirmPassword: "Canbo@2026x" } });
examples.add(IntakeBody, {
  example: {
    card: LS_CARD,
    phone: PHONE,
    photoId: "Qm9yN3hUcDJ6V1l4c0ZrZA",
    consent: true,
    driverLicence: "200123456789",
    healthInsurance: "DN4200123456789",
    vehicleRegistration: "12A-345.67",
  },
});
examples.add(EventStartBody, {
  example: { place: "Nhà văn hóa khối 5, phường Tam Thanh", firstDay: "2026-07-18", lastDay: "2026-07-19" },
});
examples.add(EventSyncBody, {
  example: {
    records: [
      {
        clientId: "6f1c2a3b-1111-4222-8333-944455556666",
        capturedAt: 1784358000,
        sealed: {
          v: 1,
          kid: "seal-2026-07-01",
          epk: `B${"A".repeat(86)}`,
          iv: "AAAAAAAAAAAAAAAA",
          ct: "q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJ",
        },
      },
    ],
  },
});
examples.add(ApproveBody, { example: {} });
examples.add(RejectBody, { example: { reason: "Ảnh chân dung không rõ mặt, đề nghị chụp lại" } });
examples.add(TrackBody, { example: { reference: "L2-020-2026-000123", citizenId: CITIZEN_ID } });
examples.add(BookingBody, {
  example: { unitCode: UNIT, day: "2026-07-15", time: "08:00", citizenId: CITIZEN_ID, phone: PHONE },
});
examples.add(CancelBookingBody, { example: { code: "LH-7KQ2MX", citizenId: CITIZEN_ID } });

// Development.
examples.add(DevClockBody, { example: { advanceSeconds: LIMITS.otpTtlSeconds } });
examples.add(RegistryFile, {
  example: {
    securityQuestions: [{ id: 1, text: "Tên con vật nuôi đầu tiên của bạn là gì?" }],
    registry: [
      {
        id: CITIZEN_ID,
        oldId: "",
        fullName: CARD.fullName,
        dob: CARD.dob,
        gender: "Nam",
        address: CARD.address,
        phone: PHONE,
        cardType: "cccd-2021",
        cardIssued: CARD.issued,
      },
    ],
    accounts: [{ id: CITIZEN_ID, phone: PHONE, level: 0, status: "app", password: "Matkhau@2024" }],
  },
});
examples.add(UnitsFile, {
  example: {
    province: { code: "020", name: "Lạng Sơn" },
    units: [
      {
        code: "CAT-LANGSON",
        name: "Công an tỉnh Lạng Sơn",
        kind: "province",
        parent: null,
        slots: ["08:00", "14:00"],
        capacityPerSlot: 10,
      },
      {
        code: UNIT,
        name: "Công an phường Tam Thanh",
        kind: "ward",
        parent: "CAT-LANGSON",
        slots: ["08:00", "09:00"],
        capacityPerSlot: 4,
      },
    ],
  },
});
examples.add(DevOfficerBody, { example: { unit: UNIT, role: "officer", name: "Nguyễn Văn An" } });
examples.add(DevFaultBody, { example: { route: "event-sync", failNext: 2, mode: "500" } });

/** The new password of password recovery (the schema's example is the first one). */
export const NEW_PASSWORD_EXAMPLE = { flowId: FLOW_ID, password: "Matkhau@2025", confirmPassword: "Matkhau@2025" };
/** The new passcode of passcode recovery. */
export const NEW_PASSCODE_EXAMPLE = { flowId: FLOW_ID, passcode: "135790", confirmPasscode: "135790" };

// Bootstrap and "Quản lý cán bộ".
examples.add(BootstrapBody, {
  example: { token: "q7Xv2mN9pR4sT8wY1zB5cD3fG6hJ0kL2nP4rS7uV9xA", province: "020", name: "Lương Văn Tỉnh" },
});
examples.add(AdminOfficerBody, { example: { name: "Nguyễn Văn An", role: "officer", unit: UNIT } });
examples.add(AdminActionBody, { example: {} });
examples.add(TransferBody, { example: { unit: "CAP-KYLUA" } });
