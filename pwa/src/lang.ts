/**
 * The UI language: Vietnamese by default, English on request.
 *
 * Each language has one catalogue: `pwa/src/i18n/vi/` and `pwa/src/i18n/en/`, split into one module per group of
 * screens so that a lazily loaded screen brings only its own strings. A screen picks the dictionary of the current
 * language with `pick(viX, enX)` at render time; the core dictionaries (`t`, `tf`, `vo`) follow the language by
 * themselves. Changing the language re-renders the whole app.
 */
export type Lang = "vi" | "en";

let current: Lang = "vi";

/** The language the UI shows now. */
export function getLang(): Lang {
  return current;
}

/** For the language switch only (see `setLang` in i18n): records the language now in force. */
export function setCurrentLang(lang: Lang): void {
  current = lang;
}

/** The dictionary of the current language. */
export function pick<T>(vi: T, en: T): T {
  return current === "en" ? en : vi;
}

