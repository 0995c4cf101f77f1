/**
 * The UI language and the core strings. Vietnamese is the default and is in the first bundle (`vi/core.ts`); English
 * is a separate chunk (`english.ts`: `en/core.ts`, `en/errors.ts`) fetched only when the citizen chooses it, and
 * remembered in localStorage.
 *
 * - `t`: the core strings of the language in force, a live binding that {@link setLang} reassigns, so a screen that
 *   reads `t.x.y` at render time follows the language. The lazily loaded groups do the same (`tf` in
 *   `i18n-flows.ts`, `vo` in `i18n-officer.ts`) by registering a {@link CataloguePart}.
 * - A new area's strings: a pair `vi/<area>.ts` (`vi<Area>`) and `en/<area>.ts` (`en<Area>: typeof vi<Area>`), read
 *   with `pick(vi<Area>, en<Area>)` from `pwa/src/lang.ts` at render time.
 * - Messages that come from `shared/` (the server's error messages, field, card and password-rule messages) are
 *   shown through {@link errorText} and {@link sharedText}: as they are in Vietnamese, from `en/errors.ts` in English.
 *
 * Changing the language re-renders the whole app (main.tsx keys the root on {@link useLang}).
 */
import { useEffect, useState } from "preact/hooks";
import { type Lang, getLang, setCurrentLang } from "../lang";
import type { English } from "./english";
import { type CoreDict, viCore } from "./vi/core";

export type { Lang };

/** The shape of the core strings. */
export type Dict = CoreDict;

/** The core strings of the language in force (reassigned by {@link setLang}: read it at render time). */
export let t: Dict = viCore;

/** localStorage key of the chosen language. */
export const LANG_KEY = "vneid.lang";

/** A catalogue module that loads with its (lazy) screens: how it fetches its English, and how it follows a change. */
export interface CataloguePart {
  loadEnglish(): Promise<void>;
  apply(lang: Lang): void;
}

const parts: CataloguePart[] = [];
const listeners = new Set<() => void>();
let english: English | null = null;
let englishLoading: Promise<English> | null = null;
let englishLoader: (() => Promise<English>) | null = null;

/**
 * How to fetch the English chunk: `() => import("./i18n/english")`, given by main.tsx (a dynamic import there
 * costs the first screen nothing more; here it would split Vite's preload helper into a chunk of its own).
 */
export function setEnglishLoader(load: () => Promise<English>): void {
  englishLoader = load;
}

function loadEnglish(): Promise<English> {
  if (!englishLoading) {
    const load = englishLoader ?? (() => Promise.reject(new Error("no English loader")));
    englishLoading = load().then((e) => (english = e));
    englishLoading.catch(() => (englishLoading = null));
  }
  return englishLoading;
}

/** Adds a lazily loaded catalogue part; it follows every later change (see {@link langReady} for the current one). */
export function registerPart(part: CataloguePart): void {
  parts.push(part);
  part.apply("vi");
}

/**
 * Resolves once every registered part shows the language in force (a screen's chunk registers its part when it is
 * evaluated; lazy.tsx waits for this before showing the screen). Never rejects: a part whose English cannot be
 * fetched stays in Vietnamese.
 */
export function langReady(): Promise<void> {
  const lang = getLang();
  if (lang === "vi") return Promise.resolve();
  return Promise.all(
    parts.map((p) =>
      p.loadEnglish().then(
        () => p.apply(lang),
        () => undefined,
      ),
    ),
  ).then(() => undefined);
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
 * Switches the UI to `lang` (fetching the English chunks first), remembers it, updates `<html lang>` and re-renders
 * the app. False when English could not be fetched (offline before it was ever cached): nothing changes then.
 */
export async function setLang(lang: Lang): Promise<boolean> {
  let en: English | null = null;
  if (lang === "en") {
    try {
      en = await loadEnglish();
      await Promise.all(parts.map((p) => p.loadEnglish()));
    } catch {
      return false;
    }
  }
  setCurrentLang(lang);
  t = en ? en.core : viCore;
  for (const p of parts) p.apply(lang);
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

/** Vietnamese → English of the shared messages that lazily loaded parts bring (see {@link addSharedText}). */
const partShared = new Map<string, string>();

/**
 * Teaches {@link sharedText} the English of a group of `shared/` messages that only lazily loaded screens show
 * (e.g. `fields` of the officer catalogue): walks `vi` and `en`, same keys, and pairs their strings.
 */
export function addSharedText(vi: unknown, en: unknown): void {
  if (typeof vi === "string" && typeof en === "string") partShared.set(vi, en);
  else if (vi && en && typeof vi === "object" && typeof en === "object") {
    for (const [k, v] of Object.entries(vi)) addSharedText(v, (en as Record<string, unknown>)[k]);
  }
}

/** A message from `shared/` (field, card, password rule, server hint) in the language in force. */
export function sharedText(text: string): string {
  return english && getLang() === "en" ? (english.shared.get(text) ?? partShared.get(text) ?? text) : text;
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
  if (error.code === "NETWORK") return t.common.network;
  if (error.code === "BAD_RESPONSE") return t.common.unexpected;
  if (!english || getLang() !== "en") return error.message;
  const codes = english.errors.codes as Record<string, English["errors"]["codes"][keyof English["errors"]["codes"]]>;
  const byCode = error.code && Object.prototype.hasOwnProperty.call(codes, error.code) ? codes[error.code] : undefined;
  if (byCode) {
    const params: { retryAfter?: number; attemptsLeft?: number } = {};
    if (error.retryAfter !== undefined) params.retryAfter = error.retryAfter;
    if (error.attemptsLeft !== undefined) params.attemptsLeft = error.attemptsLeft;
    return byCode(params);
  }
  return sharedText(error.message);
}
