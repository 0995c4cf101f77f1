/** What the console's screens share: what they get from the console, and phone numbers as people write them. */
import type { OfficerMeT } from "../../../shared/officer-schemas";
import type { ApiError } from "../api";

/** What the screens get from the console. */
export interface ConsoleProps {
  me: OfficerMeT;
  /**
   * Handles the answers that concern the session itself: 401 (back to "Đăng nhập cán bộ", keeping this path) and
   * 403 PASSWORD_CHANGE_REQUIRED. True when it did; the screen shows any other error itself.
   */
  sessionFailed(error: ApiError): boolean;
}

/** A Vietnamese mobile number as people write it: `+84912345678` → `0912345678` (anything else as it is). */
export function displayPhone(phone: string): string {
  const m = /^\+84(\d{9})$/.exec(phone);
  return m ? `0${m[1]}` : phone;
}
