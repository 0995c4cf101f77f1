/**
 * The UI language and its catalogues. Vietnamese is the default; English is fetched only when the citizen chooses
 * it, and remembered in localStorage. Changing the language re-renders the whole app (main.tsx keys the root on
 * {@link useLang}).
 *
 * One pattern for every string: a catalogue area is a pair `vi/<area>.ts` (`vi<Area>`) and `en/<area>.ts`
 * (`en<Area>: typeof vi<Area>`, same keys: tests/node/i18n.test.ts checks), declared once with {@link catalogue},
 * which returns the area in the language in force: `t()` (the core: the page frame and the home screen, in the first
 * bundle), `tFlows()`, `tOfficer()`… (i18n/<area>.ts, in the chunks of the screens that use them). Read them at
 * render time. An area's Vietnamese is bundled with its screens; its English is fetched with {@link setLang}, or
 * when a screen's chunk brings the area while English is in force (lazy.tsx waits for {@link langReady}).
 *
 * Messages that come from `shared/` (the server's error messages, field, card and password-rule messages) are shown
 * through {@link errorText} and {@link sharedText}: as they are in Vietnamese, from `en/errors.ts` in English.
 */
import { useEffect, useState } from "preact/hooks";
import type { English } from "./english";
import { viCore } from "./vi/core";

export type Lang = "vi" | "en";

/** localStorage key of the chosen language. */
export const LANG_KEY = "vneid.lang";

let current: Lang = "vi";

/** The language the UI shows now. */
export function getLang(): Lang {
  return current;
}

/** Of a Vietnamese and an English value, the one of the language in force. */
export function pick<T>(vi: T, en: T): T {
  return current === "en" ? en : vi;
}

/** How each area fetches its English (once; again after a failure). */
const englishOfAreas: Array<() => Promise<void>> = [];

/**
 * Declares a catalogue area: its Vietnamese, and how to fetch its English (a dynamic `import()` of `en/<area>.ts`).
 * Returns the area in the language in force (Vietnamese until its English has arrived).
 */
export function catalogue<T>(vi: T, loadEnglish: () => Promise<T>): () => T {
  let en: T | null = null;
  let loading: Promise<void> | null = null;
  englishOfAreas.push(() => {
    if (!loading) {
      loading = loadEnglish().then((e) => void (en = e));
      loading.catch(() => (loading = null));
    }
    return loading;
  });
  return () => pick(vi, en ?? vi);
}

let english: English | null = null;
let englishLoader: (() => Promise<English>) | null = null;

/**
 * How to fetch the English chunk of the core: `() => import("./i18n/english")`, given by main.tsx (a dynamic import
 * there costs the first screen nothing more; here it would split Vite's preload helper into a chunk of its own).
 */
export function setEnglishLoader(load: () => Promise<English>): void {
  englishLoader = load;
}

/** The core: the page frame, the home screen, the errors every screen may show. */
export const t = catalogue(viCore, async () => {
  if (!englishLoader) throw new Error("no English loader");
  english = await englishLoader();
  return english.core;
});

/** The shape of the core strings. */
export type Dict = ReturnType<typeof t>;

const listeners = new Set<() => void>();

/** The switch under way, if any (an area brought meanwhile is judged by its outcome). */
let switching: Promise<unknown> = Promise.resolve();

/**
 * Resolves once every area loaded so far shows the language in force (a screen's chunk declares its areas when it
 * is evaluated; lazy.tsx waits for this before showing the screen), after any switch under way. Never rejects: an
 * area whose English cannot be fetched stays in Vietnamese.
 */
export function langReady(): Promise<void> {
  return switching.then(() => {
    if (current === "vi") return undefined;
    return Promise.all(englishOfAreas.map((load) => load().catch(() => undefined))).then(() => undefined);
  });
}

/** The language saved by the switch, else Vietnamese. */
export function storedLang(): Lang {
  try {
    return typeof localStorage !== "undefined" && localStorage.getItem(LANG_KEY) === "en" ? "en" : "vi";
  } catch {
    return "vi";
  }
}

/**
 * Switches the UI to `lang` (fetching the English of every area loaded so far first), remembers it, updates
 * `<html lang>` and re-renders the app. False when English could not be fetched (offline before it was ever cached):
 * nothing changes then.
 */
export function setLang(lang: Lang): Promise<boolean> {
  const done = switchTo(lang);
  switching = done;
  return done;
}

async function switchTo(lang: Lang): Promise<boolean> {
  if (lang === "en") {
    try {
      await Promise.all(englishOfAreas.map((load) => load()));
    } catch {
      return false;
    }
  }
  current = lang;
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    // private mode: the choice lasts for this page only
  }
  if (typeof document !== "undefined") document.documentElement.lang = lang;
  listeners.forEach((fn) => fn());
  return true;
}

/** The language in force, re-rendering the caller when it changes. */
export function useLang(): Lang {
  const [lang, set] = useState(getLang);
  useEffect(() => {
    const update = () => set(getLang());
    listeners.add(update);
    update();
    return () => {
      listeners.delete(update);
    };
  }, []);
  return lang;
}

/** Vietnamese → English of the shared messages that areas bring (see {@link addSharedText}). */
const areaShared = new Map<string, string>();

/**
 * Teaches {@link sharedText} the English of a group of `shared/` messages that only some areas show (e.g. `fields`
 * of the officer catalogue): walks `vi` and `en`, same keys, and pairs their strings.
 */
export function addSharedText(vi: unknown, en: unknown): void {
  if (typeof vi === "string" && typeof en === "string") areaShared.set(vi, en);
  else if (vi && en && typeof vi === "object" && typeof en === "object") {
    for (const [k, v] of Object.entries(vi)) addSharedText(v, (en as Record<string, unknown>)[k]);
  }
}

/** A message from `shared/` (field, card, password rule, server hint) in the language in force. */
export function sharedText(text: string): string {
  return english && current === "en" ? (english.shared.get(text) ?? areaShared.get(text) ?? text) : text;
}

/** What an error shown to the citizen carries (an `ApiError`, or a message of the screen's own). */
export interface ErrorLike {
  message: string;
  code?: string | undefined;
  retryAfter?: number | undefined;
  attemptsLeft?: number | undefined;
}

/**
 * The message of an error in the language in force: the server's (Vietnamese) message as it is, or in English the
 * message of its `code` (with `attemptsLeft` / `retryAfter`); the PWA's own network errors by their code.
 */
export function errorText(error: ErrorLike): string {
  if (error.code === "NETWORK") return t().common.network;
  if (error.code === "BAD_RESPONSE") return t().common.unexpected;
  if (!english || current !== "en") return error.message;
  const codes = english.errors.codes as Record<string, English["errors"]["codes"][keyof English["errors"]["codes"]]>;
  const byCode = error.code && Object.hasOwn(codes, error.code) ? codes[error.code] : undefined;
  if (byCode) {
    const params: { retryAfter?: number; attemptsLeft?: number } = {};
    if (error.retryAfter !== undefined) params.retryAfter = error.retryAfter;
    if (error.attemptsLeft !== undefined) params.attemptsLeft = error.attemptsLeft;
    return byCode(params);
  }
  return sharedText(error.message);
}
