/**
 * The English core catalogue: the same keys as `../vi/core.ts` (the frame, home, the route titles and the entry
 * links to the lazily loaded screens). Loaded on demand, only when the citizen chooses English, so it stays
 * out of the first screen's bundle. Proper names stay as they are (VNeID, Căn cước).
 */
import type { CoreDict } from "../vi/core";

const two = (n: number) => (n < 10 ? "0" : "") + n;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export const enCore: CoreDict = {
  appName: "Electronic identification account activation",
  brand: "VNeID web",
  brandSub: "Electronic identification in your browser",
  footer: "For any questions, please contact the police of the commune, ward or town where you live.",
  common: {
    busy: "Processing…",
    loading: "Loading…",
    retry: "Try again",
    continue: "Continue",
    cancel: "Cancel",
    login: "Log in",
    home: "Back to the home page",
    invalid: "Invalid value",
    network: "No network connection. Please check your Internet connection and try again.",
    unexpected: "The server gave an unexpected answer. Please try again later.",
    errorPrefix: "Error:",
    show: "Show",
    hide: "Hide",
    loadFailed: "The page could not be loaded. Please check your network connection and try again.",
  },
  home: {
    title: "Electronic identification account",
    intro:
      "If your phone cannot install the VNeID app (a basic phone or an old software version), you can activate your electronic identification account right here in this browser.",
    needs: "You will need:",
    needItems: [
      "Your personal identification number (12 digits, printed on your citizen identity card)",
      "The phone whose number is registered for your electronic identification account, to receive the OTP code",
    ],
    activate: "Activate account",
    register: "Register",
    login: "Log in",
    activatedNote: "Already activated your account? Choose “Log in” to use your account on the web.",
    registerNote:
      "No account yet? Choose “Register” to register with your personal identification number, your phone number and the QR code on your chip-based citizen identity card.",
  },
  /** The labels of the fields many screens ask for. */
  fields: {
    citizenId: "Personal identification number",
    citizenIdHint: "12 digits, printed on your citizen identity card.",
    phone: "Phone number",
    phoneHint: "For example: 0912345678 or +84912345678.",
  },
  /** The titles of the routes the page frame names (routes.tsx), also the headings of those screens. */
  titles: {
    activate: "Activate account",
    login: "Log in",
    account: "Account information",
    register: "Register an account",
    level1: "Register a level 1 account",
  },
  notFound: {
    title: "Page not found",
    text: "The address you opened does not exist.",
  },
  links: {
    officerLogin: "Police officer login",
    officerNote: "A police officer who receives and approves applications?",
    track: "Track an application",
    booking: "Book an appointment",
    more: "More services",
    bookingNote: "Book an appointment at a police office to register a level 2 electronic identification account.",
    verify: "Verify information",
    verifyNote: "Shops, clinics… check a citizen's identity QR code:",
  },
  lang: {
    other: "Tiếng Việt",
    otherCode: "vi",
  },
  device: {
    named: (browser: string, os: string) => `${browser} on ${os}`,
    other: "Other browser",
  },
  update: {
    available: "A new version is available",
    apply: "Update",
    applying: "Updating…",
  },
  /** Dates and times as this language writes them (numbers already in Vietnam time or local time); see ../dates.ts. */
  dates: {
    weekdays: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
    day: (d: number, m: number, y: number) => `${d} ${MONTHS[m - 1] ?? m} ${y}`,
    dateTime: (d: number, m: number, y: number, hh: number, mm: number) =>
      `${d} ${MONTHS[m - 1] ?? m} ${y}, ${two(hh)}:${two(mm)}`,
    weekday: (weekday: string, day: string) => `${weekday}, ${day}`,
  },
};
