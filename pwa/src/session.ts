/** The logged-in citizen, as last read from `/api/me` or the login answer (memory only; the cookie is HttpOnly). */
import { MeResponse, type MeResponseT } from "../../shared/schemas";
import { type ApiResult, get } from "./api";

let me: MeResponseT | null = null;

export function cachedMe(): MeResponseT | null {
  return me;
}

export function setMe(value: MeResponseT | null): void {
  me = value;
}

/** `GET /api/me`; remembers the answer. */
export async function fetchMe(): Promise<ApiResult<MeResponseT>> {
  const res = await get("/api/me", MeResponse);
  me = res.ok ? res.data : null;
  return res;
}
