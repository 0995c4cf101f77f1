/** Set by @vitejs/plugin-legacy: true in the legacy (SystemJS) bundle, false in the modern one and in development. */
interface ImportMeta {
  readonly env: { readonly LEGACY: boolean };
}
