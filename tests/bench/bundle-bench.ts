/*
 * Bundle: gzip size of the JavaScript the panelist start screen needs before it is
 * usable. The critical set is read from the build itself, not from a list kept by
 * hand: dist/index.html's scripts (module and classic, such as open-early.js) and
 * modulepreload links, then every static
 * `import … from` / `export … from` of those chunks, transitively. Dynamic
 * `import()` chunks (CoordinatorApp, templates, the scoring screen, message
 * catalogues, the sync client) and the worker (a `new URL(…)` asset) load later and
 * are excluded by construction. Coordinator code is detected through the source maps
 * (the `sources` each chunk was built from), which cannot be fooled by minification.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, posix } from "node:path";
import { gzipSync } from "node:zlib";
import { DIST } from "./app-build.ts";
import type { BenchRow } from "./stats.ts";

export const BUNDLE_TARGET_KB = 60;

export type ChunkSize = { file: string; rawBytes: number; gzipBytes: number };

/** Module sources that only the coordinator may pull in; finding one in the start screen's set is a failure. */
const COORDINATOR_ONLY = [/src\/ui\/coordinator\//, /src\/domain\/compute-results\.ts$/];

const attr = (tag: string, name: string): string | null =>
  new RegExp(`\\b${name}\\s*=\\s*["']([^"']+)["']`, "i").exec(tag)?.[1] ?? null;

/** Entry points of the page: scripts with a src (module or classic) and modulepreload links (paths relative to dist). */
export const htmlEntries = (html: string): string[] => {
  const entries: string[] = [];
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    if (attr(tag, "src")) entries.push(attr(tag, "src") as string);
  }
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    if (attr(tag, "rel") === "modulepreload" && attr(tag, "href")) entries.push(attr(tag, "href") as string);
  }
  return entries.map((src) => src.replace(/^\//, ""));
};

/*
 * Static import specifiers of a minified ES module. `import(` (dynamic) and
 * `import.meta` are excluded by the lookahead; the quote may be ", ' or ` because
 * the bundler emits template literals.
 */
const STATIC_IMPORT =
  /(?<![\w$.])(?:import\s*(?!\s*[(.])(?:[\w$*{][^"'`;()]*?\bfrom\s*)?|export\s*(?:\*|\{[^}]*\})(?:\s*as\s*[\w$]+)?\s*from\s*)(["'`])([^"'`]+)\1/g;

export const staticImports = (code: string): string[] => [...code.matchAll(STATIC_IMPORT)].map((m) => m[2] as string);

/** The start screen's JavaScript: entries plus their static imports, transitively (paths relative to dist). */
export const criticalChunks = (dist: string): string[] => {
  const html = readFileSync(join(dist, "index.html"), "utf8");
  const seen = new Set<string>();
  const queue = htmlEntries(html).filter((p) => p.endsWith(".js"));
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(join(dist, file), "utf8");
    for (const spec of staticImports(code)) {
      if (!spec.startsWith(".") && !spec.startsWith("/")) continue;
      const target = spec.startsWith("/") ? spec.slice(1) : posix.normalize(posix.join(posix.dirname(file), spec));
      if (!seen.has(target)) queue.push(target);
    }
  }
  return [...seen];
};

const sourcesOf = (dist: string, file: string): string[] | null => {
  const map = join(dist, `${file}.map`);
  if (!existsSync(map)) return null;
  const parsed = JSON.parse(readFileSync(map, "utf8")) as { sources?: string[] };
  return parsed.sources ?? [];
};

export const measureBundle = (dist: string = DIST): BenchRow => {
  const files = criticalChunks(dist);
  const chunks: ChunkSize[] = files.map((file) => {
    const bytes = readFileSync(join(dist, file));
    return { file, rawBytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
  });
  const totalGzip = chunks.reduce((sum, c) => sum + c.gzipBytes, 0);
  const totalRaw = chunks.reduce((sum, c) => sum + c.rawBytes, 0);

  const leaks: string[] = [];
  let mapsMissing = false;
  for (const file of files) {
    if (/CoordinatorApp/i.test(file)) leaks.push(file);
    const sources = sourcesOf(dist, file);
    if (sources === null) {
      mapsMissing = true;
      continue;
    }
    for (const source of sources) if (COORDINATOR_ONLY.some((re) => re.test(source))) leaks.push(`${file} ← ${source}`);
  }

  const kb = totalGzip / 1024;
  const ok = kb <= BUNDLE_TARGET_KB && leaks.length === 0 && !mapsMissing;
  const extra: Record<string, number | string | boolean> = { rawKB: Math.round(totalRaw / 102.4) / 10 };
  for (const c of chunks)
    extra[`gzip ${c.file}`] = `${(c.gzipBytes / 1024).toFixed(1)} KB (raw ${(c.rawBytes / 1024).toFixed(1)} KB)`;
  extra.coordinatorCodeInStartBundle = leaks.length > 0 ? leaks.join("; ") : "none";
  return {
    id: "bundle",
    name: "start-screen JS (gzip)",
    unit: "KB",
    runs: 1,
    median: kb,
    p95: null,
    baselineMedian: null,
    ratio: null,
    target: `≤ ${BUNDLE_TARGET_KB} KB, no coordinator code`,
    verdict: ok ? "pass" : "fail",
    baseline: "none (absolute size; deterministic, so one run)",
    note: [
      `${chunks.length} chunk(s): ${chunks.map((c) => `${c.file} ${(c.gzipBytes / 1024).toFixed(1)} KB`).join(", ")}`,
      leaks.length > 0 ? `coordinator code present: ${leaks.join("; ")}` : "no coordinator code",
      mapsMissing ? "source maps missing: coordinator check incomplete" : "",
    ]
      .filter(Boolean)
      .join("; "),
    extra,
  };
};
