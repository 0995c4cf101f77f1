/** The English strings of "Quản lý cán bộ" (officer management): the same keys as `../vi/admin.ts`. */
import type { AdminDict } from "../vi/admin";

export const enAdmin: AdminDict = {
  title: "Manage officers",
  intro:
    "Add officers, issue new passwords, lock accounts and move officers between units in the province. Every action is logged.",
  add: "Add officer",
  name: "Full name",
  role: "Role",
  unit: "Unit",
  unitPlaceholder: "Choose a police unit",
  unitRequired: "Please choose a unit",
  list: "Officers",
  count: (n: number) => `${n} ${n === 1 ? "officer" : "officers"}`,
  username: "Username",
  state: "State",
  lastLogin: "Last login",
  never: "Never logged in",
  active: "Active",
  locked: "Locked",
  mustChange: "First-login password not changed yet",
  you: "(you)",
  reset: "Reset password",
  lock: "Lock",
  unlock: "Unlock",
  transfer: "Move to another unit",
  newUnit: "New unit",
  doTransfer: "Move",
  cancel: "Cancel",
  confirm: "Confirm",
  confirmReset: (name: string) =>
    `Reset the password of ${name}? The old password stops working and this officer's sessions end; they log in with the new password and must change it.`,
  confirmLock: (name: string) =>
    `Lock the account of ${name}? This officer's sessions end at once and they cannot log in until the account is unlocked.`,
  oneTimeTitle: "One-time password",
  oneTimeFor: (name: string, username: string) => `Account of ${name}: username ${username}, password`,
  oneTimeNote:
    "The password is shown only once. Hand it to the officer in person; they must change it at their first login.",
  added: (name: string) => `Officer ${name} added.`,
  wasReset: (name: string) => `The password of ${name} was reset.`,
  wasLocked: (name: string) => `The account of ${name} was locked.`,
  wasUnlocked: (name: string) => `The account of ${name} was unlocked.`,
  wasTransferred: (name: string, unit: string) => `${name} was moved to ${unit}.`,
};
