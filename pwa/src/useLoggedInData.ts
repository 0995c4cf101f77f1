/** Data of a logged-in screen (the account, "Quản lý thiết bị", "Thông báo", "Giấy tờ tích hợp"…), read with the shared schema. */
import { useEffect, useState } from "preact/hooks";
import type { MeResponseT } from "../../shared/schemas";
import { type ApiError, type ApiResult, type Parser, get } from "./api";
import { navigate } from "./router";
import { ROUTES } from "./routes";
import { cachedMe, fetchMe } from "./session";

/** A 401 (no session, or an ended one) sends the citizen to "Đăng nhập"; true when it did. */
export function sessionLost(error: ApiError): boolean {
  if (error.status !== 401) return false;
  navigate(ROUTES.login.path, true);
  return true;
}

/** What `load` answers, read when shown, when `key` changes and on `reload()` (from `initial`); a 401 goes to "Đăng nhập". */
function useLoaded<T>(load: () => Promise<ApiResult<T>>, key: string, initial: T | null) {
  const [data, setData] = useState<T | null>(initial);
  const [error, setError] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    void load().then((res) => {
      if (!live) return;
      if (res.ok) {
        setData(res.data);
        setError(null);
      } else if (!sessionLost(res.error)) setError(res.error);
    });
    return () => {
      live = false;
    };
  }, [key, attempt]);
  return { data, error, setData, reload: () => setAttempt((n) => n + 1) };
}

/** `GET path` when shown and on `reload()`; a 401 sends the citizen to "Đăng nhập". */
export function useLoggedInData<T>(
  path: string,
  schema: Parser<T>,
): { data: T | null; error: ApiError | null; setData(d: T): void; reload(): void } {
  return useLoaded(() => get(path, schema), path, null);
}

/** The logged-in citizen: as last known at once, read afresh when shown and on `reload()`; a 401 sends them to "Đăng nhập". */
export function useMe(): { me: MeResponseT | null; error: ApiError | null; reload(): void } {
  const { data, error, reload } = useLoaded(fetchMe, "me", cachedMe());
  return { me: data, error, reload };
}
