/// <reference types="node" />
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import preact from "@preact/preset-vite";
import { defineConfig } from "vite";

const pwaDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(pwaDir, "..");

export default defineConfig({
  root: pwaDir,
  // Absolute asset URLs: the worker serves index.html for every SPA path (/kich-hoat, /dang-nhap, …).
  base: "/",
  plugins: [preact()],
  resolve: {
    alias: { "@shared": resolve(repoRoot, "shared") },
  },
  server: {
    // The PWA imports ../shared/*.ts, which lives outside the Vite root.
    fs: { allow: [repoRoot] },
  },
  build: {
    outDir: resolve(pwaDir, "dist"),
    emptyOutDir: true,
    target: "es2017",
    cssTarget: "chrome61",
    sourcemap: false,
    modulePreload: { polyfill: false },
    reportCompressedSize: true,
    rolldownOptions: {
      treeshake: {
        // @zxing/* declare no `sideEffects`, so every reader and writer would stay in the lazy scanner chunk
        // (~126 kB gz instead of ~30 kB). They have none: only the QR reader we import is kept.
        moduleSideEffects: [{ test: /[\\/]node_modules[\\/]@zxing[\\/]/, sideEffects: false }],
      },
    },
  },
});
