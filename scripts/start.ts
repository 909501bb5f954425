/*
 * `npm start`: builds the PWA when dist/ is missing or older than its sources, opens
 * (and on first run seeds) the database, serves on 127.0.0.1:$PORT (default 8787) and
 * prints the coordinator's one-time setup link (once, when issued) and every panel member's join link,
 * with its QR code when printing to a terminal (or PANELIS_QR=1) — the same codes as the app's A4 join sheet.
 * Env: PORT, HOST (default 127.0.0.1), PANELIS_DB (default data/panelis.db), DATABASE_URL=postgres://…
 * (PostgreSQL instead of the file; several instances may share it), PANELIS_NO_SEED=1 (no sample
 * editions), PANELIS_SKIP_BUILD=1 (API + whatever dist/ holds),
 * TRUST_PROXY (comma-separated proxy addresses whose X-Forwarded-For is believed; default none),
 * PANELIS_SOURCEMAPS=1 (serve the built source maps; default not).
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseTrustProxy } from "../src/server/client-address.ts";
import { renderUnicodeCompact } from "uqr";
import { startServer } from "../src/server/main.ts";
import { setupUrl } from "../src/server/setup-link.ts";
import { distIsStale, ensureBuilt } from "./app-build.ts";
import { describeDatabase } from "../src/server/store/open.ts";
import { DEFAULT_DB_PATH } from "../src/server/store/store.ts";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));
const dist = join(root, "dist");

if (process.env.PANELIS_SKIP_BUILD !== "1" && distIsStale()) {
  try {
    ensureBuilt();
  } catch {
    console.error("Build failed; serving the API and whatever dist/ already holds.");
  }
}

const port = Number.parseInt(process.env.PORT ?? "8787", 10);
const dbPath = process.env.PANELIS_DB ?? join(root, DEFAULT_DB_PATH);
const databaseUrl = process.env.DATABASE_URL;

const server = await startServer({
  port: Number.isFinite(port) ? port : 8787,
  dbPath,
  ...(databaseUrl ? { databaseUrl } : {}),
  ...(process.env.HOST ? { host: process.env.HOST } : {}),
  ...(process.env.PANELIS_NO_SEED === "1" ? { seed: false } : {}),
  trustProxy: parseTrustProxy(process.env.TRUST_PROXY),
  serveSourceMaps: process.env.PANELIS_SOURCEMAPS === "1",
  ...(existsSync(join(dist, "index.html")) ? { staticRoot: dist } : {}),
});

const ROLE_ORDER = ["ketua", "anggota", "technical", "observer"];
const withQr = process.stdout.isTTY === true || process.env.PANELIS_QR === "1";
const lines: string[] = [];
lines.push(`Panelis is listening on ${server.url}`);
lines.push(`Database: ${describeDatabase({ dbPath, ...(databaseUrl ? { databaseUrl } : {}) })}`);
if (!existsSync(join(dist, "index.html"))) lines.push("No built app in dist/: only the API is served.");
if (server.setupLink.kind === "issued") {
  lines.push("", "Coordinator setup (one-time link, valid 24 hours; printed only now):");
  lines.push(`  ${setupUrl(server.url, server.setupLink.token)}`);
  if (server.setupLinkFile) lines.push(`  (also in ${server.setupLinkFile}, readable only by this user)`);
} else if (server.setupLink.kind === "pending") {
  lines.push(
    "",
    server.setupLinkFile
      ? `Coordinator setup: the unused one-time link is in ${server.setupLinkFile}.`
      : "Coordinator setup: an unused one-time link was printed by the instance that issued it.",
  );
  lines.push("  A fresh one: npm run admin -- setup-link");
}
const now = Date.now();
const active = await server.store.joinCodes.active(now);
for (const { edition } of await server.store.editions.list()) {
  const members = (await server.store.references.list("members", edition.id))
    .filter((m) => m.role !== "coordinator")
    .sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role));
  if (members.length === 0) continue;
  lines.push("", `Join links: ${edition.title.id}${edition.isSample ? " [SAMPLE DATA]" : ""}`);
  for (const m of members) {
    const code = active.find((c) => c.editionId === edition.id && c.memberId === m.id);
    lines.push(
      code
        ? `  ${m.name} (${m.role}, ${m.id})  code ${code.code}  ${server.url}/#/join/${code.code}`
        : `  ${m.name} (${m.role}, ${m.id})  no unused code: npm run admin -- join-code ${edition.id} ${m.id}`,
    );
    if (code && withQr) lines.push(renderUnicodeCompact(`${server.url}/#/join/${code.code}`, { border: 1 }));
  }
}
console.log(lines.join("\n"));

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping…`);
  const force = setTimeout(() => process.exit(1), 5000);
  force.unref();
  void server.close().then(() => process.exit(0));
};
process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGTERM", () => stop("SIGTERM"));
