/**
 * WebOTP: where the browser has it (Chrome on Android), asks it for the code of the next OTP text, which it offers
 * only on the site named by the text's last line (`@<host> #<code>`, issue 17 "Phishing"). The manual field always
 * stays; the request is aborted as soon as the citizen types.
 */

/** Listens for one OTP text; calls `onCode` with its 6 digits. Returns the request's controller, or `null` without WebOTP. */
export function listenForOtp(onCode: (code: string) => void): AbortController | null {
  if (typeof window === "undefined" || !("OTPCredential" in window) || !navigator.credentials) return null;
  const ac = new AbortController();
  const options = { otp: { transport: ["sms"] }, signal: ac.signal } as CredentialRequestOptions;
  navigator.credentials.get(options).then(
    (credential) => {
      const code = (credential as { code?: unknown } | null)?.code;
      if (!ac.signal.aborted && typeof code === "string" && /^\d{6}$/.test(code)) onCode(code);
    },
    () => {}, // aborted, refused or timed out: the citizen types the code
  );
  return ac;
}
