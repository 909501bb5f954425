/*
 * The architecture's import boundaries, as lint. Biome's noRestrictedImports
 * matches specifier text only, so it cannot tell `../storage/db` apart from a
 * file inside storage; this resolves every relative import to its folder and
 * checks it against the rules below. `npm run lint` runs it; a test proves a
 * violating import fails.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

export type Violation = { file: string; line: number; message: string };

type Area =
  | "domain"
  | "protocol"
  | "storage"
  | "sync-client"
  | "state"
  | "pwa"
  | "i18n"
  | "ui"
  | "server"
  | "main"
  | "workers"
  | "sw"
  | "tests"
  | "other";

const AREAS_IN_SRC = ["domain", "protocol", "storage", "sync-client", "state", "pwa", "i18n", "ui", "server"] as const;

const areaOf = (root: string, absPath: string): Area => {
  const rel = relative(root, absPath).split(sep);
  if (rel[0] === "src") {
    if (rel[1] === "main.tsx") return "main";
    const found = AREAS_IN_SRC.find((a) => a === rel[1]);
    return found ?? "other";
  }
  // The service worker is workers/sw.ts and its own modules beside it (workers/sw-*.ts).
  if (rel[0] === "workers") return /^sw(-[a-z-]+)?\.ts$/.test(rel[1] ?? "") ? "sw" : "workers";
  if (rel[0] === "tests") return "tests";
  return "other";
};

/** Which of our own areas each area may import. Absent = unrestricted (tests, scripts). */
const ALLOWED_AREAS: Partial<Record<Area, Area[]>> = {
  domain: ["domain"],
  protocol: ["domain", "protocol"],
  storage: ["domain", "protocol", "storage"],
  "sync-client": ["domain", "protocol", "sync-client", "workers"],
  state: ["domain", "protocol", "storage", "sync-client", "state", "i18n", "pwa"],
  pwa: ["pwa", "domain"],
  i18n: ["i18n", "domain"],
  ui: ["ui", "state", "domain", "i18n"],
  server: ["server", "domain", "protocol"],
  main: ["ui", "state", "pwa", "i18n", "domain"],
  workers: ["workers", "domain", "protocol", "storage"],
  sw: ["sw", "protocol", "storage"],
};

/**
 * Areas that may be entered only through named files, for importers outside them: the
 * storage facade's public surface, and the sync worker's api and status types (the
 * page never loads the engine, its transport or enrolment).
 */
const ENTRY_POINTS: { into: string; from: Area[]; allowed: string[]; why: string }[] = [
  {
    into: "src/storage/",
    from: ["state", "workers", "sync-client"],
    allowed: ["src/storage/index.ts", "src/storage/start.ts"],
    why: "storage is entered through src/storage/index.ts (or start.ts, the first screen's Dexie-free read)",
  },
  {
    into: "src/storage/",
    from: ["sw"],
    allowed: ["src/storage/start-rows.ts", "src/storage/meta-keys.ts", "src/storage/start-hint.ts"],
    why: "the service worker reads only the start rows (no Dexie, no records' repair)",
  },
  {
    into: "workers/sync/",
    from: ["sync-client"],
    allowed: ["workers/sync/api.ts", "workers/sync/status.ts"],
    why: "the sync client may import only the worker's api.ts and status.ts, never the engine",
  },
];

const entryViolation = (root: string, from: Area, target: string): string | null => {
  const rel = relative(root, target).split(sep).join("/");
  for (const rule of ENTRY_POINTS) {
    if (rel.startsWith(rule.into) && rule.from.includes(from) && !rule.allowed.includes(rel)) return rule.why;
  }
  return null;
};

/** Packages that exactly one area owns. */
const PACKAGE_OWNERS: Record<string, Area[]> = {
  dexie: ["storage", "tests"],
  zustand: ["state", "tests"],
  comlink: ["sync-client", "workers", "tests"],
  "workbox-window": ["pwa"],
  "workbox-precaching": ["sw"],
  "workbox-routing": ["sw"],
  "better-sqlite3": ["server", "tests"],
  hono: ["server", "tests"],
  "@hono/node-server": ["server", "tests"],
};

/** Packages an area may use at all; absent = any. */
const ALLOWED_PACKAGES: Partial<Record<Area, string[]>> = {
  // A pure function package: the Berita Acara writes dates in words.
  domain: ["valibot", "@develoka/angka-terbilang-js"],
  protocol: ["valibot"],
};

const IMPORT_RE =
  /(?:^|[\s;])(?:import|export)\s[^'"`;]*?from\s*["']([^"']+)["']|import\s*\(\s*["']([^"']+)["']\s*\)|^\s*import\s*["']([^"']+)["']/gm;

const packageName = (spec: string): string => {
  const parts = spec.split("/");
  return spec.startsWith("@") ? `${parts[0]}/${parts[1]}` : (parts[0] ?? spec);
};

const listSourceFiles = (dir: string): string[] => {
  let out: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    if (name === "node_modules" || name.startsWith(".")) continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out = out.concat(listSourceFiles(full));
    else if (/\.(ts|tsx|mts)$/.test(name) && !name.endsWith(".d.ts")) out.push(full);
  }
  return out;
};

const lineOf = (text: string, index: number): number => text.slice(0, index).split("\n").length;

const checkFileName = (root: string, file: string): string | null => {
  const rel = relative(root, file).split(sep).join("/");
  const base = rel.split("/").pop() ?? "";
  if (!rel.startsWith("src/") && !rel.startsWith("workers/")) return null;
  if (base.endsWith(".tsx")) {
    if (base === "main.tsx") return null;
    return /^[A-Z][A-Za-z0-9]*\.tsx$/.test(base) ? null : `component file "${base}" must be PascalCase.tsx`;
  }
  if (/^use[A-Z]/.test(base))
    return /^use[A-Z][A-Za-z0-9]*\.ts$/.test(base) ? null : `hook file "${base}" must be useThing.ts`;
  return /^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+)?\.ts$/.test(base) ? null : `module file "${base}" must be kebab-case.ts`;
};

export const checkBoundaries = (root: string): Violation[] => {
  const violations: Violation[] = [];
  const files = [...listSourceFiles(join(root, "src")), ...listSourceFiles(join(root, "workers"))];
  for (const file of files) {
    const rel = relative(root, file);
    const from = areaOf(root, file);
    const nameProblem = checkFileName(root, file);
    if (nameProblem) violations.push({ file: rel, line: 1, message: nameProblem });
    const text = readFileSync(file, "utf8");
    // The server's password hasher is a Node worker thread (node:worker_threads), not a page worker.
    const nodeWorker = from === "server" && /from "node:worker_threads"/.test(text);
    if (/new\s+(Shared)?Worker\s*\(/.test(text) && from !== "sync-client" && !nodeWorker) {
      violations.push({ file: rel, line: 1, message: "only src/sync-client may create a worker" });
    }
    for (const match of text.matchAll(IMPORT_RE)) {
      const spec = match[1] ?? match[2] ?? match[3];
      if (!spec) continue;
      const line = lineOf(text, match.index ?? 0);
      if (spec.startsWith(".")) {
        const targetPath = resolve(dirname(file), spec);
        const target = areaOf(root, targetPath);
        const entry = entryViolation(root, from, targetPath);
        if (entry) violations.push({ file: rel, line, message: `${entry} ("${spec}")` });
        const allowed = ALLOWED_AREAS[from];
        if (allowed && !allowed.includes(target)) {
          violations.push({ file: rel, line, message: `${from} must not import from ${target} ("${spec}")` });
        }
        if (target === "ui" && from !== "ui" && from !== "main" && from !== "tests") {
          violations.push({ file: rel, line, message: `nothing but main.tsx imports ui ("${spec}")` });
        }
        continue;
      }
      if (spec.startsWith("node:") || spec.startsWith("virtual:")) {
        if (spec.startsWith("node:") && from !== "server" && from !== "other" && from !== "tests") {
          violations.push({ file: rel, line, message: `${from} must not import Node built-ins ("${spec}")` });
        }
        continue;
      }
      const pkg = packageName(spec);
      const owners = PACKAGE_OWNERS[pkg];
      if (owners && !owners.includes(from)) {
        violations.push({
          file: rel,
          line,
          message: `only ${owners.filter((o) => o !== "tests").join(", ")} may import "${pkg}"`,
        });
      }
      const allowedPkgs = ALLOWED_PACKAGES[from];
      if (allowedPkgs && !allowedPkgs.includes(pkg)) {
        violations.push({ file: rel, line, message: `${from} is pure and must not import "${pkg}"` });
      }
    }
  }
  return violations;
};

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const root = resolve(process.argv[2] ?? ".");
  const violations = checkBoundaries(root);
  for (const v of violations) console.error(`${v.file}:${v.line}  ${v.message}`);
  if (violations.length > 0) {
    console.error(`\n${violations.length} boundary violation(s)`);
    process.exit(1);
  }
  console.log("boundaries: ok");
}
