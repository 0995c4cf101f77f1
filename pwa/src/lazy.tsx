/**
 * Screens loaded on demand (every route's but the home screen's, see routes.tsx): their code is a separate chunk,
 * fetched when the route is first shown (or earlier with `preload()`, when the page is idle), so the first screen
 * stays small (≤ 30 kB gz of JS).
 */
import type { ComponentType } from "preact";
import { useEffect, useState } from "preact/hooks";
import { savingData } from "./device";
import { langReady, t } from "./i18n";
import { Alert, Button, Loading } from "./ui";

export interface LazyScreen {
  (): preact.JSX.Element;
  /** Starts fetching the chunk without showing it (errors are ignored: showing it retries); not under Save-Data. */
  preload(): void;
}

/**
 * The screens of one chunk, fetched when the first of them is shown: `lazyChunk(load)(pick)` is the screen
 * `pick` takes from the chunk's module. Once the chunk is in, its other screens show at once.
 */
export function lazyChunk<M>(load: () => Promise<M>): (pick: (module: M) => ComponentType) => LazyScreen {
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
      if (!savingData()) void get().catch(() => undefined);
    };
    return Lazy;
  };
}

/** A screen whose chunk `load` fetches when it is first shown ("Đang tải…", and "Thử lại" if that fails). */
export function lazyScreen(load: () => Promise<ComponentType>): LazyScreen {
  return lazyChunk(load)((screen) => screen);
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
  const w = window as Window & { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number; cancelIdleCallback?: (id: number) => void };
  if (w.requestIdleCallback && w.cancelIdleCallback) {
    const id = w.requestIdleCallback(fn, { timeout: 3000 });
    return () => w.cancelIdleCallback?.(id);
  }
  const id = setTimeout(fn, 1500);
  return () => clearTimeout(id);
}
