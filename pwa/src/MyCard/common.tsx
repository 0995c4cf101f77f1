/** What the card and papers screens share: loading an answer (401 → login), errors in the current language. */
import { useEffect, useState } from "preact/hooks";
import { type ApiError, type Parser, get } from "../api";
import { enCard } from "../i18n/en/card";
import { viCard } from "../i18n/vi/card";
import { pick } from "../lang";
import { Link, ROUTES, navigate } from "../router";

/** The catalogue of the current language. */
export const strings = () => pick(viCard, enCard);

/** `GET path` once per `attempt`; a 401 sends the citizen to "Đăng nhập". */
export function useLoad<T>(path: string, schema: Parser<T>, attempt = 0): { data: T | null; error: ApiError | null; setData(d: T): void } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    let live = true;
    void get(path, schema).then((res) => {
      if (!live) return;
      if (res.ok) {
        setData(res.data);
        setError(null);
      } else if (res.error.status === 401) navigate(ROUTES.login, true);
      else setError(res.error);
    });
    return () => {
      live = false;
    };
  }, [path, attempt]);
  return { data, error, setData };
}

/** "Về trang tài khoản". */
export function BackToAccount() {
  return (
    <p class="note">
      <Link href={ROUTES.account}>{strings().back}</Link>
    </p>
  );
}

/** `dd/mm/yyyy hh:mm` in local time. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const two = (n: number) => (n < 10 ? "0" : "") + n;
  return `${two(d.getDate())}/${two(d.getMonth() + 1)}/${d.getFullYear()} ${two(d.getHours())}:${two(d.getMinutes())}`;
}
