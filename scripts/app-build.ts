/*
 * Whether dist/ holds a build of the current sources (newest source mtime), and
 * building it when not: `npm start` must not serve, and the benchmarks must not
 * measure, code that no longer exists.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));
export const DIST = join(ROOT, "dist");

const newestMtime = (path: string): number => {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(path)) {
    if (name === "node_modules" || name.startsWith(".")) continue;
    newest = Math.max(newest, newestMtime(join(path, name)));
  }
  return newest;
};

export const distIsStale = (): boolean => {
  const built = join(DIST, "index.html");
  if (!existsSync(built) || !existsSync(join(DIST, "sw.js"))) return true;
  const sources = ["src", "workers", "public", "index.html", "vite.config.ts", "package.json"].map((p) =>
    join(ROOT, p),
  );
  return Math.max(...sources.map(newestMtime)) > statSync(built).mtimeMs;
};

/** Builds when needed; returns what it did so the report can say which build was measured. */
export const ensureBuilt = (): "fresh" | "built" => {
  if (!distIsStale()) return "fresh";
  console.log("dist/ is missing or older than the sources: vite build…");
  const result = spawnSync(
    process.execPath,
    [join(ROOT, "node_modules/vite/bin/vite.js"), "build", "--logLevel", "warn"],
    {
      cwd: ROOT,
      stdio: "inherit",
    },
  );
  if (result.status !== 0) throw new Error(`vite build failed (exit ${result.status})`);
  return "built";
};
