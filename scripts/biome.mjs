/*
 * Runs the Biome binary for this platform. The project depends on Biome's
 * per-platform packages directly (as optional dependencies) because the
 * registry this project installs from lacks several of the platform packages
 * that the `@biomejs/biome` wrapper lists, and `npm ci` refuses a lockfile
 * without them.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const candidates = [
  `@biomejs/cli-${process.platform}-${process.arch}`,
  `@biomejs/cli-${process.platform}-${process.arch}-musl`,
];
let binary = null;
for (const name of candidates) {
  try {
    const dir = dirname(require.resolve(`${name}/package.json`));
    const file = join(dir, process.platform === "win32" ? "biome.exe" : "biome");
    if (existsSync(file)) {
      binary = file;
      break;
    }
  } catch {
    // not installed for this platform
  }
}
if (!binary) {
  console.error(`No Biome binary for ${process.platform}-${process.arch}: install ${candidates[0]}.`);
  process.exit(1);
}
const result = spawnSync(binary, process.argv.slice(2), { stdio: "inherit" });
process.exit(result.status ?? 1);
