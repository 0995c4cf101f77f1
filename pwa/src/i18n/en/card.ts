/** English strings of the card and papers screens (see `../vi/card.ts`). */
import { displayDate } from "../dates";
import type { viCard } from "../vi/card";

export const enCard: typeof viCard = {
  section: "Identity card",
  validUntil: "Valid until",
  noExpiry: "No expiry",
  issued: "Date of issue",
  cardTypes: { "cccd-2021": "Chip-based citizen identity card", "cancuoc-2024": "Identity card" },
  expiringWarning: "Your card expires soon",
  expiringText: (days: number) =>
    days === 0
      ? "Today is the last day your card is valid. Please renew it at a police office."
      : `Your card is valid for ${days} more ${days === 1 ? "day" : "days"}. Please renew it at a police office.`,
  expired: "Card expired",
  expiredText: "Your card is no longer valid. Please renew it at a police office.",
  states: { valid: "Valid", expiring: "Expires soon", expired: "Expired" },
  links: { papers: "Linked documents", dependants: "Dependants", notifications: "Notifications" },
  notificationsUnread: (unread: number) => `Notifications ${unread} unread`,
  back: "Back to my account",
  loadFailed: "Could not load this information. Please try again.",
  papers: {
    title: "Linked documents",
    intro:
      "Documents linked to your level-2 electronic identity account when your file was taken at the police office.",
    none: "No documents are linked yet. Documents (driving licence, health insurance card, vehicle registration) are linked when your level-2 file is approved.",
    fromFile: (reference: string) => `From file ${reference}`,
    kinds: {
      driverLicence: "Driving licence",
      healthInsurance: "Health insurance card",
      vehicleRegistration: "Vehicle registration certificate",
    },
    number: "Number",
    expiringWarning: "Expires soon",
    expiringText: (days: number) =>
      days === 0 ? "Expires after today." : `${days} ${days === 1 ? "day" : "days"} left.`,
    expiredText: "This document has expired.",
  },
  dependants: {
    title: "Dependants",
    intro:
      "A parent or guardian with a level-2 electronic identity account adds children under 14 from the national population database.",
    none: "No dependants yet.",
    listTitle: "Your dependants",
    addTitle: "Add a dependant",
    childId: "Child's personal ID number",
    childIdHint: "12 digits, as on the birth certificate",
    dob: "Child's date of birth",
    dobHint: "Day/month/year, e.g. 02/09/2015",
    dobInvalid: "Invalid date of birth (day/month/year)",
    submit: "Add dependant",
    added: (name: string) => `${name} has been added to your dependants.`,
    requested: (id: string) =>
      `Your request to add the dependant with ID number ${id} has been sent. The police of the child's place of residence must confirm it; the child's details show once it is confirmed.`,
    pending: "Awaiting confirmation",
    pendingNote: "Awaiting confirmation by the police",
    requestedAt: "Requested",
    remove: "Remove",
    removeLabel: (who: string) => `Remove ${who} from your dependants`,
    removeConfirm: "Confirm removal",
    removeCancel: "Cancel",
    removed: (who: string) => `${who} has been removed from your dependants.`,
    level2Only:
      "Only an approved level-2 electronic identity account can add dependants. Apply for level 2 at a police office.",
    born: "Date of birth",
    gender: "Gender",
    cardUntil: "Card valid until",
  },
  notifications: {
    title: "Notifications",
    none: "No notifications yet.",
    unreadCount: (n: number) =>
      n > 0 ? `${n} unread ${n === 1 ? "notification" : "notifications"}` : "No unread notifications",
    unread: "Unread",
    markRead: "Mark as read",
    kinds: {
      approval: "File decision",
      device: "Device change",
      expiry: "Expiry warning",
      recovery: "Account recovery",
      phone: "Phone number change",
      dependant: "Dependants",
    },
    phone: (phone: string, reference: string) =>
      `Your account's phone number has been changed to ${phone} by file ${reference}. If you did not ask for this, contact the police office that took the file at once.`,
    dependantLinked: (guardian: string, child: string) =>
      `${guardian || "Someone"} has been linked as a representative of ${child}.`,
    dependantUnlinked: (guardian: string, child: string) =>
      `${guardian || "Someone"} is no longer a representative of ${child}.`,
    dependantApproved: (child: string, id: string) => `The police have confirmed ${child || id} as your dependant.`,
    dependantRefused: (id: string) => `Your request to add the dependant with ID number ${id} was not confirmed.`,
    dependantRemoved: (id: string) => `The police have removed your link to the dependant with ID number ${id}.`,
    approved: (reference: string, level: string) =>
      `Your level-${level} electronic identity file ${reference} has been approved.`,
    rejected: (reference: string, reason: string) =>
      `Your file ${reference} was not approved.${reason ? ` Reason: ${reason}` : ""}`,
    deviceTitles: {
      bound: "Account activated",
      replaced: "Device change",
      released: "Device change",
      unbound: "Device unlinked",
    },
    device: {
      bound: (name: string) => `Your account has been activated on this device (${name}).`,
      replaced: (name: string, previous: string) =>
        `Your account has been activated on a new device (${name}) and is no longer linked to the old one (${previous}).`,
      released: (name: string) =>
        `Your account is no longer linked to the device ${name}: it was used to activate another account.`,
      unbound: (name: string) => `Your account has been unlinked from the device ${name}.`,
    },
    recovery: "Your account's sign-in details have just been reset.",
    cardExpiring: (until: string) => `Your card expires soon: it is valid until ${displayDate(until)}.`,
    cardExpired: (until: string) => `Your card has expired (it was valid until ${displayDate(until)}).`,
    paperExpiring: (paper: string, number: string, until: string) =>
      `${paper} ${number} expires soon: valid until ${displayDate(until)}.`,
    paperExpired: (paper: string, number: string, until: string) =>
      `${paper} ${number} has expired (valid until ${displayDate(until)}).`,
  },
  registration: {
    under14Hint: "A parent or guardian with a level-2 identity account adds the child under “Dependants”.",
    under14Link: "Dependants",
  },
  intake: {
    expiryOf: {
      driverLicence: "Driving licence expiry date",
      healthInsurance: "Health insurance card valid until",
      vehicleRegistration: "Vehicle registration expiry date",
    },
    expiryHint: "Optional; if the document shows one, as day/month/year",
  },
};
