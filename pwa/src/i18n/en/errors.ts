/**
 * The English of every message that comes from `shared/` (see `../vi/errors.ts`, same structure): the message of
 * every error `code` of `shared/messages.ts` (typed `Record<ErrorCode, …>`: a new code fails typecheck until its
 * English is here), the seed's activation messages, the field, card and password-rule messages, zod's generic
 * messages and the worker's few own field messages. Loaded only with the English catalogue.
 */
import type { MessageParams } from "../../../../shared/messages";
import type { ErrorsDict } from "../vi/errors";

/** Whole minutes left, rounded up, never below 1 (as `minutesLeft` of shared/messages.ts). */
const minutesLeft = (seconds: number) => Math.max(1, Math.ceil(seconds / 60));
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** A wait in English: `45 seconds`, `2 minutes 5 seconds`, `23 hours 59 minutes` (as `formatWait` rounds). */
export function formatWaitEn(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 60) return plural(s, "second", "seconds");
  if (s < 3600) {
    const m = Math.floor(s / 60);
    const r = s % 60;
    return r ? `${plural(m, "minute", "minutes")} ${plural(r, "second", "seconds")}` : plural(m, "minute", "minutes");
  }
  const h = Math.floor(s / 3600);
  const m = Math.ceil((s % 3600) / 60);
  if (m === 60) return plural(h + 1, "hour", "hours");
  return m ? `${plural(h, "hour", "hours")} ${plural(m, "minute", "minutes")}` : plural(h, "hour", "hours");
}

const ID_OR_PHONE = "The personal identification number or the phone number is not correct";
const NOT_IDENTIFIED = "Your account has not been electronically identified";

export const enErrors: ErrorsDict = {
  codes: {
    INVALID_JSON: () => "The data sent is not valid JSON.",
    UNSUPPORTED_MEDIA_TYPE: () => "The data must be sent as JSON (application/json).",
    PAYLOAD_TOO_LARGE: () => "The data sent is too large.",
    VALIDATION_FAILED: () => "Some details are not valid. Please check them again.",
    NOT_FOUND: () => "The page or function you asked for was not found.",
    METHOD_NOT_ALLOWED: () => "This method is not supported.",
    INVALID_ID_OR_PHONE: () => ID_OR_PHONE,
    NOT_IDENTIFIED: () => NOT_IDENTIFIED,
    PENDING_APPROVAL: () => NOT_IDENTIFIED,
    ALREADY_ACTIVATED: () => "Your account has already been activated",
    FLOW_EXPIRED: () =>
      "The activation session has expired or is no longer valid. Please start again from the beginning.",
    FLOW_STEP: () => "Please complete the activation steps one after the other.",
    OTP_INVALID: (p: MessageParams) =>
      `The OTP code is not correct. You have ${plural(p.attemptsLeft ?? 0, "attempt", "attempts")} left.`,
    OTP_EXPIRED: () => "The OTP code has expired. Please choose “Resend code” to receive a new one.",
    OTP_LOCKED: () =>
      "You entered a wrong OTP code more than 5 times. Please choose “Resend code” to receive a new one.",
    OTP_NOT_SENT: () => "There is no valid OTP code. Please choose “Resend code”.",
    OTP_COOLDOWN: (p: MessageParams) => `Please wait ${formatWaitEn(p.retryAfter ?? 60)} before resending the code.`,
    OTP_DAILY_LIMIT: (p: MessageParams) =>
      `This phone number has received too many OTP codes in the last hour. Please try again in ${formatWaitEn(p.retryAfter ?? 3600)}.`,
    PASSWORD_NOT_NEEDED: () => "The account already has a password; there is no need to set it again.",
    QUESTION_UNKNOWN: () => "This security question is not in the list.",
    LOGIN_FAILED: () => "The personal identification number or the password is not correct",
    ACCOUNT_LOCKED: (p: MessageParams) =>
      `The account is locked for a while after more than 5 wrong passwords. Please try again in ${plural(minutesLeft(p.retryAfter ?? 900), "minute", "minutes")}.`,
    UNAUTHENTICATED: () => "You are not logged in, or your session has expired.",
    IMPORT_INVALID: () => "The data file has invalid records; nothing was imported.",
    QR_MISMATCH: () => "The QR code does not match the personal identification number entered",
    CARD_INVALID: () => "The card details are not valid. Please check them again.",
    REGISTRY_MISMATCH: () =>
      "Not accepted: the details do not match the National Population Database. Please check and correct them.",
    UNDER_14: () => "Citizens under 14 are registered by a parent or guardian.",
    ACCOUNT_EXISTS: () =>
      "This personal identification number already has an electronic identification account. Please choose “Log in”.",
    ACCOUNT_EXISTS_ACTIVATE: () =>
      "This personal identification number already has an approved electronic identification account. Please choose “Activate account”.",
    LEVEL1_NOT_ALLOWED: () => "Your account cannot register a level 1 account at the moment.",
    PHOTO_TYPE: () => "The portrait photo must be a JPEG picture.",
    PHOTO_TOO_LARGE: () => "The portrait photo is too large (at most 150 kB, 640 px on its longest side).",
    PHOTO_NOT_FOUND: () => "The portrait photo was not found. Please take it again.",
    RATE_LIMITED: (p: MessageParams) => `Too many attempts. Please try again in ${formatWaitEn(p.retryAfter ?? 60)}.`,
    CSRF: () => "The request was refused because it was not sent from the application's page.",
    SMS_UNAVAILABLE: () => "The text message could not be sent yet. Please try again in a few minutes.",
    SMS_BUDGET: (p: MessageParams) =>
      `Text messages are paused for now: more have been sent in the last hour than the service allows. Please try again in ${formatWaitEn(p.retryAfter ?? 3600)}.`,
    PASSWORD_COMMON: () => "This password is too common and easy to guess. Please choose another one.",
    PASSWORD_PERSONAL: () => "The password must not contain your personal identification number or your phone number.",
    FORBIDDEN: () => "You are not allowed to use this function.",
    OFFICER_LOGIN_FAILED: () => "The username or the password is not correct",
    PASSWORD_CHANGE_REQUIRED: () => "This is your first login: please change your password before you continue.",
    PASSWORD_UNCHANGED: () => "The new password must be different from the current one.",
    CONSENT_REQUIRED: () => "The citizen's consent is needed before the application is received.",
    LEVEL2_EXISTS: () =>
      "This personal identification number already has a level 2 application or account; there is nothing to redo and no duplicate application is created. The citizen tracks the application with its reference.",
    APPLICATION_NOT_FOUND: () => "The application was not found.",
    ALREADY_DECIDED: () => "This application has already been decided (approved or rejected).",
    TRACK_NOT_FOUND: () =>
      "No application matches the details entered. Please check the application reference and the personal identification number.",
    UNIT_NOT_FOUND: () => "The police unit was not found.",
    SLOT_NOT_OFFERED: () =>
      "No appointments are offered on this date or at this time. Please choose another date or time.",
    SLOT_FULL: () => "This time slot is full. Please choose another one.",
    APPOINTMENT_EXISTS: () =>
      "You already have an upcoming appointment. Its code has been texted to the phone number on file; use it to cancel that appointment before you book a new one.",
    APPOINTMENT_NOT_FOUND: () => "The appointment was not found.",
    PASSCODE_WRONG: (p: MessageParams) =>
      `The passcode is not correct. You have ${plural(p.attemptsLeft ?? 0, "attempt", "attempts")} left.`,
    PASSCODE_LOCKED: () =>
      "You entered a wrong passcode more than 5 times. Please choose “Forgot passcode” to set a new passcode.",
    IDENTITY_NOT_ACTIVE: () => "Only an activated e-ID account can use the identity QR code.",
    IDENTITY_GRANT_EXPIRED: () => "The sharing session has expired. Please enter your passcode again.",
    IDENTITY_TOO_LARGE: () => "The chosen information is too long for a QR code. Please share fewer items.",
    RECOVERY_UNAVAILABLE: () =>
      "This account is not activated or has no security questions, so its password cannot be recovered online. Please contact your commune or ward police.",
    ANSWER_WRONG: (p: MessageParams) =>
      `The answer is not correct. You have ${plural(p.attemptsLeft ?? 0, "attempt", "attempts")} left.`,
    RECOVERY_LOCKED: (p: MessageParams) =>
      `You answered the security question wrongly more than 5 times. Password recovery is locked; please try again in ${formatWaitEn(p.retryAfter ?? 86400)}.`,
    DEVICE_NOT_BOUND: () => "No device is linked to this account.",
    LEVEL2_REQUIRED: () =>
      "This feature is for approved level-2 electronic identification accounts (registered in person at a police office).",
    DEPENDANT_NOT_FOUND: () =>
      "No citizen with this personal identification number and date of birth was found in the national population database. Please check and try again.",
    DEPENDANT_NOT_MINOR: () => "Only children under 14 can be added as dependants.",
    DEPENDANT_EXISTS: () => "This child is already one of your dependants.",
    DEPENDANT_LIMIT: () => "This child already has 2 representatives (parents or guardians) in the system.",
    DEPENDANT_PENDING_LIMIT: () =>
      "You have 5 requests to add dependants waiting for the police to confirm them. Please wait for them before you send more.",
    DEPENDANT_LINK_NOT_FOUND: () => "The dependant link was not found (it may have been decided or removed already).",
    SELF_APPROVAL: () => "The officer who took a file cannot approve it. Another officer must approve it.",
    EVENT_NOT_FOUND: () => "The event session was not found.",
    EVENT_DATES: () => "The event's last day cannot be before today.",
    EVENT_OUT_OF_DATES: () => "The file was taken outside the event's days and was not accepted.",
    SEAL_INVALID: () =>
      "The record was changed or damaged and cannot be opened. Please contact the citizen to take the file again.",
    BOOTSTRAP_TOKEN_INVALID: () => "The bootstrap token (BOOTSTRAP_TOKEN) is not correct.",
    BOOTSTRAP_DONE: () =>
      "This province already has a province administrator, so it is not bootstrapped again. The administrator adds new officers in “Officer management”.",
    PROVINCE_MISMATCH: () => "This province code is not the province this system serves.",
    OFFICER_NOT_FOUND: () => "The officer was not found.",
    OFFICER_SELF: () => "You cannot lock your own account or reset your own password.",
    OFFICER_DISABLED: () => "This officer account is locked. Please contact the province administrator.",
    REGISTRY_NOT_LOCAL: () =>
      "This system is connected directly to the national population database, so no population data file is imported.",
    SMS_NOT_FOUND: () => "Text message not found.",
    SMS_ALREADY_RESENT: () => "This text message has already been sent again.",
    REGISTRY_UNAVAILABLE: () => "The national population database is busy, please try again later",
    DEVELOPMENT_KEY_IN_PRODUCTION: () =>
      "The system is being configured and is not serving for now. Please try again later.",
    NOT_READY: () => "The system is not ready to serve yet.",
    INTERNAL: () => "The system is having a problem. Please try again later.",
  },
  seed: {
    notIdentified: NOT_IDENTIFIED,
    pendingApproval: "Your application is awaiting approval",
    alreadyActivated: "Your account has already been activated",
    invalidIdOrPhone: ID_OR_PHONE,
  },
  fields: {
    citizenId: "The personal identification number has 12 digits",
    phone: "The mobile phone number is not valid (for example 0912345678 or +84912345678)",
    otp: "The OTP code has 6 digits",
    password: "The password does not meet all the requirements yet",
    passwordRequired: "Please enter your password",
    confirmPassword: "The passwords do not match",
    passcode: "The passcode has 6 digits",
    confirmPasscode: "The passcodes do not match",
    question: "Please choose a security question",
    questionsDistinct: "The two security questions must be different",
    answer: "Please enter an answer (at most 100 characters)",
    deviceId: "The device identifier is not valid",
    flowId: "The activation session is not valid",
  },
  card: {
    "not-cccd": "This is not the QR code of a citizen identity card. Please scan the QR code printed on the card.",
    id: "The personal identification number must have 12 digits.",
    "old-id": "The old identity card number (CMND) must have 9 or 12 digits.",
    name: "Please enter the full name.",
    dob: "The date of birth is not valid.",
    gender: "The sex must be Male or Female.",
    "gender-missing": "Choose the sex",
    address: "Please enter the permanent residence.",
    issued: "The date of issue is not valid.",
    "id-century": "The personal identification number does not match the year of birth.",
    "id-gender": "The personal identification number does not match the sex.",
    "id-birth-year": "The personal identification number does not match the year of birth.",
    "issued-before-birth": "The date of issue cannot be before the date of birth.",
    "issued-in-future": "The date of issue cannot be after today.",
    "typed-id-mismatch": "The QR code does not match the personal identification number entered",
  },
  passwordRules: {
    length: "8 to 20 characters",
    digit: "A digit",
    upper: "An upper-case letter",
    lower: "A lower-case letter",
    special: "A special character (for example @ # ! $)",
  },
  generic: {
    missing: "Required information is missing",
    type: "Wrong type of data",
    tooBig: "The value is too long or too large",
    tooSmall: "The value is too short or too small",
    format: "Wrong format",
    invalid: "Invalid value",
  },
  server: {
    slotNotListed: "This time slot is not in the unit's schedule",
    rangeTooLong: "The period can be at most 366 days",
    provinceCode: "The province code has 3 digits",
    event: "The event is not valid",
    mobile: "The mobile phone number is not valid",
  },
};
