/**
 * Screens loaded on demand (activation, registration, login, the account home, level 1): their code is a separate chunk, fetched when the
 * route is first shown (or earlier with `preload()`, when the page is idle), so the first screen stays small
 * (≤ 30 kB gz of JS).
 */
import type { ComponentType } from "preact";
import { useEffect, useState } from "preact/hooks";
import { savingData } from "./device";
import { langReady, t } from "./i18n";
import { Alert, Button } from "./ui";

export interface LazyScreen {
  (): preact.JSX.Element;
  /** Starts fetching the chunk without showing it (errors are ignored: showing it retries); not under Save-Data. */
  preload(): void;
}

export function lazyScreen(load: () => Promise<ComponentType>): LazyScreen {
  let loaded: ComponentType | null = null;
  let pending: Promise<ComponentType> | null = null;
  const get = () => {
    if (!pending) {
      // The screen's chunk registers its strings (i18n-flows, i18n-officer); in English, wait for their English too.
      pending = load().then((c) => langReady().then(() => (loaded = c)));
      pending.catch(() => (pending = null));
    }
    return pending;
  };

  function Lazy() {
    const [Screen, setScreen] = useState<ComponentType | null>(() => loaded);
    const [failed, setFailed] = useState(false);
    const [attempt, setAttempt] = useState(0);
    useEffect(() => {
      if (Screen) return;
      let live = true;
      setFailed(false);
      get().then(
        (c) => live && setScreen(() => c),
        () => live && setFailed(true),
      );
      return () => {
        live = false;
      };
    }, [attempt]);
    if (Screen) return <Screen />;
    if (failed) {
      return (
        <>
          <Alert error={{ message: t.common.loadFailed }} />
          <div class="actions">
            <Button onClick={() => setAttempt((n) => n + 1)}>{t.common.retry}</Button>
          </div>
        </>
      );
    }
    return (
      <p class="loading" role="status">
        {t.common.loading}
      </p>
    );
  }
  Lazy.preload = () => {
    if (!savingData()) void get().catch(() => undefined);
  };
  return Lazy;
}

/** Runs `fn` when the page is idle (or after a short delay where there is no requestIdleCallback). */
export function whenIdle(fn: () => void): () => void {
  const w = window as Window & { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number; cancelIdleCallback?: (id: number) => void };
  if (w.requestIdleCallback && w.cancelIdleCallback) {
    const id = w.requestIdleCallback(fn, { timeout: 3000 });
    return () => w.cancelIdleCallback?.(id);
  }
  const id = setTimeout(fn, 1500);
  return () => clearTimeout(id);
}

/** `/kich-hoat`: "Kích hoạt tài khoản" (seed 000, steps 2–4; seed 001, steps 6–7). */
export const Activation = lazyScreen(() => import("./Activation").then((m) => m.Activation));
/** `/dang-ky`: "Đăng ký" (seed 001, step 3). */
export const Registration = lazyScreen(() => import("./Registration").then((m) => m.Registration));
/** `/dang-nhap`: "Đăng nhập" (seed 000, step 5). */
export const Login = lazyScreen(() => import("./Login").then((m) => m.Login));
/** `/tai-khoan`: the logged-in citizen's home. */
export const Account = lazyScreen(() => import("./Account").then((m) => m.Account));
/** `/tai-khoan/dang-ky-muc-1`: "Đăng ký tài khoản mức 1" (seed 001, step 5). */
export const Level1 = lazyScreen(() => import("./Level1").then((m) => m.Level1));
