/** The logged-in citizen, as last read from `/api/me` or the login answer (memory only; the cookie is HttpOnly). */
import type { MeResponseT } from "../../shared/schemas";
import { type ApiResult, get } from "./api";

let me: MeResponseT | null = null;

/**
 * A hint, kept in localStorage, that this browser may hold a session cookie (the cookie itself is HttpOnly). The
 * home screen asks `/api/me` only when it is set, so that a visitor who never logged in costs no request (and no
 * 401 in the console).
 */
const HINT = "vneid.maybe-logged-in";

function remember(value: MeResponseT | null): void {
  me = value;
  try {
    if (value) localStorage.setItem(HINT, "1");
    else localStorage.removeItem(HINT);
  } catch {
    // Storage may be disabled (private mode on old browsers): the hint is only an optimisation.
  }
}

export function cachedMe(): MeResponseT | null {
  return me;
}

export function setMe(value: MeResponseT | null): void {
  remember(value);
}

/** True when this browser may be logged in (see {@link HINT}); true when storage cannot tell. */
export function mayBeLoggedIn(): boolean {
  try {
    return localStorage.getItem(HINT) === "1";
  } catch {
    return true;
  }
}

/** `GET /api/me`; remembers the answer. */
export async function fetchMe(): Promise<ApiResult<MeResponseT>> {
  // The schemas (zod) stay out of the home screen's bundle: fetched here, when a session may exist.
  const { MeResponse } = await import("../../shared/schemas");
  const res = await get("/api/me", MeResponse);
  if (res.ok) remember(res.data);
  else if (res.error.status === 401) remember(null);
  else me = null;
  return res;
}

/** sessionStorage key of the ID number an activation just proved (with its phone), for "Đăng nhập" to fill in. */
const LOGIN_ID = "vneid.login-id";

/** Keeps the ID number of an activation for the login form of this tab (gone when the tab closes). */
export function rememberLoginId(citizenId: string): void {
  try {
    sessionStorage.setItem(LOGIN_ID, citizenId);
  } catch {
    // Storage may be disabled: the citizen types the number again.
  }
}

/** The ID number {@link rememberLoginId} kept, or "". */
export function rememberedLoginId(): string {
  try {
    return sessionStorage.getItem(LOGIN_ID) ?? "";
  } catch {
    return "";
  }
}
