/**
 * The English core catalogue: the same keys as `../vi/core.ts` (the frame, home, login, account, activation and the
 * entry links to the lazily loaded screens). Loaded on demand, only when the citizen chooses English, so it stays
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
  progress: {
    label: "Activation progress",
    step: (n: number, total: number) => `Step ${n} of ${total}`,
  },
  start: {
    title: "Activate account",
    intro: "Enter your personal identification number and the phone number registered for your electronic identification account.",
    citizenId: "Personal identification number",
    citizenIdHint: "12 digits, printed on your citizen identity card.",
    phone: "Phone number",
    phoneHint: "For example: 0912345678 or +84912345678.",
    submit: "Send request",
    alreadyActivatedHelp: "You only need to log in to use your account.",
  },
  device: {
    title: "Device check",
    free: "This device is not activated for any account. Your account will be activated on this device.",
    thisAccount: "This device is already linked to your account. Your account will be activated on this device.",
    otherAccount:
      "This device is activated for another account. If you continue, that account will be removed from this device.",
    otpNotice: (phone: string) => `Choose “Continue” to receive an OTP code by text message (SMS) at ${phone}.`,
  },
  otp: {
    title: "OTP verification",
    sentTo: "Please enter the OTP code just sent to the phone number",
    label: "OTP code",
    hint: "The code has 6 digits.",
    expiresIn: "The code expires in",
    expired: "The OTP code has expired",
    resend: "Resend code",
    resendWait: (clock: string) => `You can resend the code in ${clock}`,
    resent: "A new OTP code has been sent.",
    confirm: "Confirm",
    cancel: "Cancel",
  },
  password: {
    title: "Set a password",
    intro: "The password is used to log in to your electronic identification account on the web.",
    password: "Password",
    confirm: "Re-enter password",
    rulesTitle: "The password needs:",
    met: "met",
    unmet: "not met",
    show: "Show password",
  },
  passcode: {
    title: "Set a passcode",
    intro:
      "The passcode has 6 digits from 0 to 9. It confirms that it is you when you use the services of your electronic identification account.",
    passcode: "Passcode",
    confirm: "Re-enter passcode",
  },
  security: {
    title: "Set security questions",
    intro:
      "Choose two different questions, one after the other, and type your answers. Remember the answers: they are used when your identity needs to be verified.",
    question: (n: number) => `Security question ${n}`,
    answer: (n: number) => `Answer ${n}`,
    placeholder: "Choose a question",
    submit: "Finish",
    loadFailed: "The list of security questions could not be loaded.",
  },
  done: {
    title: "Account activated",
    text: "Your electronic identification account has been activated on this device. Choose “Log in” and use your personal identification number and your password to use your account.",
    login: "Log in",
  },
  flow: {
    restart: "Start again from the beginning",
  },
  login: {
    title: "Log in",
    intro: "Use your personal identification number and the password you set when you activated your account.",
    citizenId: "Personal identification number",
    password: "Password",
    submit: "Log in",
    noAccount: "Account not activated yet?",
    activate: "Activate account",
    notRegistered: "No account yet?",
    register: "Register",
  },
  register: {
    title: "Register an account",
  },
  account: {
    title: "Account information",
    fullName: "Full name",
    citizenId: "Personal identification number",
    level: "Identification level",
    status: "Status",
    phone: "Phone number",
    device: "Linked device",
    boundAt: "linked on",
    thisDevice: "(this device)",
    noDevice: "No device linked yet",
    levels: ["App account (not identified)", "Level 1", "Level 2"],
    statuses: {
      app: "Not electronically identified",
      pending: "Awaiting approval",
      approved: "Approved, not activated yet",
      active: "Activated",
    },
    logout: "Log out",
    appNotice: "Your account is an app account; it is not electronically identified yet.",
    level1: "Register a level 1 account",
    level1Title: "Register a level 1 account",
    pending: (level: number) => `Your level ${level} application is awaiting approval`,
    submittedAt: "Submitted on:",
    pendingNext:
      "The police will check and approve your application. Once it is approved, choose “Activate account” (on the home page) to activate your electronic identification account.",
    approvedNext: "Your application has been approved. Choose “Activate account” to activate your electronic identification account.",
    activate: "Activate account",
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
  },
  lang: {
    other: "Tiếng Việt",
    otherCode: "vi",
  },
  update: {
    available: "A new version is available",
    apply: "Update",
    applying: "Updating…",
  },
  dates: {
    weekdays: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
    day: (d: number, m: number, y: number) => `${d} ${MONTHS[m - 1] ?? m} ${y}`,
    dateTime: (d: number, m: number, y: number, hh: number, mm: number) => `${d} ${MONTHS[m - 1] ?? m} ${y}, ${two(hh)}:${two(mm)}`,
    weekday: (weekday: string, day: string) => `${weekday}, ${day}`,
  },
};
