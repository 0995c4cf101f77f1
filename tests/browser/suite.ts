/**
 * A test file's browser (Debian Chromium, launched before its tests and closed after them) and its scratch folder
 * (removed after them): `const suite = browserSuite();`, then `suite.browser` and `suite.dir` inside the tests.
 */
import { rmSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launch, tempDir } from "./browser";

/** Registers the file's `beforeAll`/`afterAll`; the fields are set once `beforeAll` has run. */
export function browserSuite(dirPrefix?: string): { browser: Browser; dir: string } {
  const suite = { browser: undefined as unknown as Browser, dir: "" };
  beforeAll(async () => {
    suite.dir = tempDir(dirPrefix);
    suite.browser = await launch();
  });
  afterAll(async () => {
    await suite.browser?.close();
    if (suite.dir) rmSync(suite.dir, { recursive: true, force: true });
  });
  return suite;
}
