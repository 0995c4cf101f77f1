import type { viIdentityLinks } from "../vi/identity-links";

/** The two links into the identity QR screens, in English. */
export const enIdentityLinks: typeof viIdentityLinks = {
  qr: "Identity QR code",
  verify: "Verify information",
  verifyNote: "Shops, clinics… check a citizen's identity QR code:",
};
