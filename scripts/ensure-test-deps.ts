/**
 * Before the tests: the browser tests need Debian's Chromium and ffmpeg (never a downloaded browser). Installs them
 * with apt-get when running as root; otherwise stops with the exact command to run.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const missing = [
  ["chromium", "/usr/bin/chromium"],
  ["ffmpeg", "/usr/bin/ffmpeg"],
]
  .filter(([, path]) => !existsSync(path as string))
  .map(([pkg]) => pkg as string);

if (missing.length) {
  const command = `apt-get update && apt-get install -y ${missing.join(" ")}`;
  if (process.getuid?.() !== 0) {
    console.error(
      `The browser tests need ${missing.join(" and ")}. Install them with:\n  sudo ${command.replace("&& apt-get", "&& sudo apt-get")}`,
    );
    process.exit(1);
  }
  console.log(`Installing ${missing.join(", ")} with apt-get…`);
  for (const args of [
    ["update", "-qq"],
    ["install", "-y", "-qq", ...missing],
  ]) {
    const r = spawnSync("apt-get", args, {
      stdio: "inherit",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
    if (r.status !== 0) {
      console.error(`apt-get ${args.join(" ")} failed; run: ${command}`);
      process.exit(1);
    }
  }
}
