/**
 * The files of each lazily loaded chunk, written into index.html for pwa/src/prefetch.ts: a screen can then be
 * downloaded ahead (while the citizen reads the home screen) without running its code, which an `import()` would.
 */
import type { Plugin, Rollup } from "vite";

type OutputBundle = Rollup.OutputBundle;
type OutputChunk = Rollup.OutputChunk;

/** The id of the `<script type="application/json">` element that carries the map (read by pwa/src/prefetch.ts). */
export const CHUNK_MAP_ID = "vneid-chunks";

/**
 * `{ <chunk name>: [its file, then the files it imports that the entry does not] }`, for every chunk loaded by
 * `import()` whose name is its own (a screen's folder: "Activation", "Registration", "Login"…). Paths are absolute.
 */
export function chunkMap(bundle: OutputBundle): Record<string, string[]> {
  const chunks = new Map<string, OutputChunk>();
  for (const file of Object.values(bundle)) if (file.type === "chunk") chunks.set(file.fileName, file);
  const closure = (start: string[]): string[] => {
    const seen = new Set<string>();
    const visit = (f: string) => {
      if (seen.has(f)) return;
      seen.add(f);
      for (const i of chunks.get(f)?.imports ?? []) visit(i);
    };
    start.forEach(visit);
    return [...seen];
  };
  const entry = new Set(closure([...chunks.values()].filter((c) => c.isEntry).map((c) => c.fileName)));
  const dynamic = [...chunks.values()].filter((c) => c.isDynamicEntry && !c.fileName.includes("-legacy"));
  const named = new Map<string, OutputChunk[]>();
  for (const c of dynamic) named.set(c.name, [...(named.get(c.name) ?? []), c]);
  const map: Record<string, string[]> = {};
  for (const [name, list] of named) {
    if (list.length !== 1) continue; // a name two chunks share (an i18n part "card" of two folders) is no screen's
    map[name] = closure([(list[0] as OutputChunk).fileName])
      .filter((f) => !entry.has(f))
      .map((f) => `/${f}`);
  }
  return map;
}

/** The Vite plugin: build only; the map goes at the end of `<body>` (data, not a script: the CSP is unaffected). */
export function prefetchMap(): Plugin {
  return {
    name: "vneid:prefetch-map",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler(html, ctx) {
        if (!ctx.bundle) return html;
        const json = JSON.stringify(chunkMap(ctx.bundle)).replace(/</g, "\\u003c");
        return html.replace("</body>", `<script type="application/json" id="${CHUNK_MAP_ID}">${json}</script></body>`);
      },
    },
  };
}
