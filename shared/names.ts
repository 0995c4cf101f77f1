/**
 * How a typed name is compared with the registry's (issue 19, item 3): many shared computers have no Vietnamese
 * keyboard, so "Duong Thu Huong" must find "Dương Thu Hương". Only names are folded this way; the ID number, the
 * date of birth and every other field still compare exactly, and what is stored or printed is always the registry's
 * spelling, never the typed one.
 */

/**
 * A name folded for comparison: decomposed (NFD), combining marks dropped, đ → d, lower case, trimmed, runs of
 * white space made one space. "  Dương  Thu HƯƠNG " and "duong thu huong" fold alike.
 */
export function foldName(name: string): string {
  return name.normalize("NFD").replace(/\p{M}/gu, "").replace(/[đĐ]/g, "d").toLowerCase().trim().replace(/\s+/gu, " ");
}

/** True when two names are the same person's name as typed with or without accents (see {@link foldName}). */
export function sameName(a: string, b: string): boolean {
  return foldName(a) === foldName(b);
}
