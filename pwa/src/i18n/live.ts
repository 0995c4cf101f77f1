/** Module-level shorthands of the live dictionaries of lazily loaded screens. Not for the first screen's modules. */
/**
 * A view of `get()` that always reads the current language's object: for a module-level shorthand of a live
 * dictionary (`const tr = liveDict(() => vo.track)`), which a plain `const tr = vo.track` would freeze in the language
 * of the moment the module loaded.
 */
export function liveDict<T extends object>(get: () => T): T {
  return new Proxy({} as T, {
    get: (_, key) => Reflect.get(get(), key),
    has: (_, key) => Reflect.has(get(), key),
    ownKeys: () => Reflect.ownKeys(get()),
    getOwnPropertyDescriptor: (_, key) => {
      const d = Reflect.getOwnPropertyDescriptor(get(), key);
      return d ? { ...d, configurable: true } : undefined;
    },
  });
}
