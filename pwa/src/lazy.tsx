/**
 * Screens loaded on demand (every route's but the home screen's, see routes.tsx): their code is a separate chunk,
 * fetched and run when the route is first shown, so the first screen stays small (≤ 30 kB gz of JS). `preload()`
 * only downloads a named chunk ahead (prefetch.ts): its code still runs when the screen opens.
 */
import type { ComponentType } from "preact";
import { useEffect, useState } from "preact/hooks";
import { langReady, t } from "./i18n";
import { prefetch } from "./prefetch";
import { Alert, Button, Loading } from "./ui";

export interface LazyScreen {
  (): preact.JSX.Element;
  /** Downloads the chunk without running it (prefetch.ts: not under Save-Data); showing it later needs no network. */
  preload(): void;
}

/**
 * The screens of one chunk, fetched when the first of them is shown: `lazyChunk(load)(pick)` is the screen
 * `pick` takes from the chunk's module. Once the chunk is in, its other screens show at once. `chunk` is the chunk's
 * name (its folder's, e.g. "Activation"), by which `preload()` finds its files; without it, `preload()` does nothing.
 */
export function lazyChunk<M>(
  load: () => Promise<M>,
  chunk?: string,
): (pick: (module: M) => ComponentType) => LazyScreen {
  let loaded: M | null = null;
  let pending: Promise<M> | null = null;
  const get = () => {
    if (!pending) {
      // The chunk brings its catalogue parts; in English, wait for their English too.
      pending = load().then((m) => langReady().then(() => (loaded = m)));
      pending.catch(() => (pending = null));
    }
    return pending;
  };

  return (pick) => {
    function Lazy() {
      const [Screen, setScreen] = useState<ComponentType | null>(() => (loaded ? pick(loaded) : null));
      const [failed, setFailed] = useState(false);
      const [attempt, setAttempt] = useState(0);
      useEffect(() => {
        if (Screen) return;
        let live = true;
        setFailed(false);
        get().then(
          (m) => live && setScreen(() => pick(m)),
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
            <Alert error={{ message: t().common.loadFailed }} />
            <div class="actions">
              <Button onClick={() => setAttempt((n) => n + 1)}>{t().common.retry}</Button>
            </div>
          </>
        );
      }
      return <Loading />;
    }
    Lazy.preload = () => {
      if (chunk && !loaded) prefetch(chunk);
    };
    return Lazy;
  };
}

/** A screen whose chunk `load` fetches when it is first shown ("Đang tải…", and "Thử lại" if that fails). */
export function lazyScreen(load: () => Promise<ComponentType>, chunk?: string): LazyScreen {
  return lazyChunk(load, chunk)((screen) => screen);
}

/**
 * A part of a screen loaded on demand (the account home's card section, "Hồ sơ của tôi"): nothing until its chunk
 * and, in English, its strings have arrived, nor if that fails.
 */
export function lazyPart<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  return function Part(props: P) {
    const [Loaded, setLoaded] = useState<ComponentType<P> | null>(null);
    useEffect(() => {
      let live = true;
      load()
        .then((c) => langReady().then(() => c))
        .then(
          (c) => live && setLoaded(() => c),
          () => undefined,
        );
      return () => {
        live = false;
      };
    }, []);
    return Loaded ? <Loaded {...props} /> : null;
  };
}

/** Runs `fn` when the page is idle (or after a short delay where there is no requestIdleCallback). */
export function whenIdle(fn: () => void): () => void {
  const w = window as Window & {
    requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number;
    cancelIdleCallback?: (id: number) => void;
  };
  if (w.requestIdleCallback && w.cancelIdleCallback) {
    const id = w.requestIdleCallback(fn, { timeout: 3000 });
    return () => w.cancelIdleCallback?.(id);
  }
  const id = setTimeout(fn, 1500);
  return () => clearTimeout(id);
}
