/**
 * Downloading a screen ahead of time without running it. The build lists each lazily loaded chunk's files in
 * index.html (scripts/prefetch-map.ts); `prefetch("Activation")` fetches them with `<link rel="prefetch">`, one file
 * at a time and at the browser's lowest priority, into the HTTP cache (a plain `fetch` where there is no prefetch).
 * The screen's code runs only when it opens, from the cache. An `import()` here would also evaluate the screen and
 * its schemas: long tasks on a slow phone, just while the citizen reaches for "Kích hoạt tài khoản".
 * Nothing is fetched ahead under Save-Data, nor by the legacy bundle (the map names the modern files), nor in
 * development (no map).
 */
import { savingData } from "./device";

const CHUNK_MAP_ID = "vneid-chunks"; // scripts/prefetch-map.ts

let map: Record<string, string[]> | null = null;
const requested = new Set<string>();
let queue: Promise<void> = Promise.resolve();

function files(chunk: string): string[] {
  if (!map) {
    try {
      map = JSON.parse(document.getElementById(CHUNK_MAP_ID)?.textContent || "{}") as Record<string, string[]>;
    } catch {
      map = {};
    }
  }
  return map[chunk] ?? [];
}

function fetchOne(href: string): Promise<void> {
  return new Promise((done) => {
    const link = document.createElement("link");
    if (link.relList?.supports?.("prefetch")) {
      link.rel = "prefetch";
      link.crossOrigin = "anonymous"; // as a module script is fetched: the cached copy then serves it
      link.href = href;
      link.onload = link.onerror = () => done();
      document.head.appendChild(link);
    } else {
      fetch(href, { credentials: "same-origin" }).then(
        () => done(),
        () => done(),
      );
    }
  });
}

/** Downloads the files of the chunk named `chunk` (its folder's name), after those asked for before; runs nothing. */
export function prefetch(chunk: string): void {
  if (import.meta.env.LEGACY || savingData()) return;
  for (const href of files(chunk)) {
    if (requested.has(href)) continue;
    requested.add(href);
    queue = queue.then(() => fetchOne(href));
  }
}

/** The files `prefetch` has asked for so far (for tests through the page). */
export function prefetched(): string[] {
  return [...requested];
}
