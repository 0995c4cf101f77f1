/** Data of a logged-in screen ("Quản lý thiết bị", "Thông báo", "Giấy tờ tích hợp"…), read with the shared schema. */
import { useEffect, useState } from "preact/hooks";
import { type ApiError, type Parser, get } from "./api";
import { navigate } from "./router";
import { ROUTES } from "./routes";

/** `GET path` when shown and on `reload()`; a 401 sends the citizen to "Đăng nhập". */
export function useLoggedInData<T>(
  path: string,
  schema: Parser<T>,
): { data: T | null; error: ApiError | null; setData(d: T): void; reload(): void } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    void get(path, schema).then((res) => {
      if (!live) return;
      if (res.ok) {
        setData(res.data);
        setError(null);
      } else if (res.error.status === 401) navigate(ROUTES.login.path, true);
      else setError(res.error);
    });
    return () => {
      live = false;
    };
  }, [path, attempt]);
  return { data, error, setData, reload: () => setAttempt((n) => n + 1) };
}
