/*
 * `npm run admin -- <command>`: operator tasks on the database (the SQLite file, or
 * PostgreSQL when DATABASE_URL is set), safe while the server runs (SQLite: WAL and
 * immediate transactions with a busy timeout; PostgreSQL: the same transactions as a
 * server instance).
 *   create-coordinator <name> <password>
 *   join-code <editionId> <memberId>
 *   revoke-device <deviceId>
 *   list-devices [editionId]
 *   backup <file>                     (SQLite; PostgreSQL is backed up with pg_dump)
 *   setup-link
 *   edition create|export|import … (admin-edition.ts)
 *   migrate-to-postgres <sqlite-file>  (needs DATABASE_URL; idempotent)
 * Env: PANELIS_DB (default data/panelis.db), DATABASE_URL=postgres://….
 */
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { PASSWORD_MIN } from "../src/protocol/wire.ts";
import { EDITION_USAGE, editionCommand } from "./admin-edition.ts";
import { hashPassword, newId } from "../src/server/auth.ts";
import { issueJoinCode } from "../src/server/enrolment.ts";
import { transferHall } from "../src/server/hall-transfer.ts";
import { isPostgresUrl, openStore } from "../src/server/store/open.ts";
import { issueSetupLink, setupLinkFile, setupUrl } from "../src/server/setup-link.ts";
import { createStore, DEFAULT_DB_PATH, type SqliteStore } from "../src/server/store/store.ts";
import type { Store } from "../src/server/store/store-types.ts";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));

const USAGE = `Usage: npm run admin -- <command>
  create-coordinator <name> <password>   add a coordinator account (password ≥ ${PASSWORD_MIN} characters)
  join-code <editionId> <memberId>       issue a single-use join code (retires the member's unused codes)
  revoke-device <deviceId>               revoke a tablet's token (it must enrol again)
  list-devices [editionId]               enrolled tablets
  backup <file>                          consistent copy of the SQLite database (PostgreSQL: use pg_dump)
  setup-link                             a fresh one-time link for the first coordinator (retires the old one)
  migrate-to-postgres <sqlite-file>      copy a hall's SQLite data into DATABASE_URL's PostgreSQL (idempotent)

${EDITION_USAGE}`;

const fail = (message: string): never => {
  console.error(message);
  process.exit(1);
};

const commands: Record<string, (store: Store, args: string[]) => Promise<void>> = {
  "create-coordinator": async (store, [name, password]) => {
    if (!name || !password) fail(USAGE);
    if ((password ?? "").length < PASSWORD_MIN) fail(`Password must be at least ${PASSWORD_MIN} characters.`);
    if (await store.coordinators.byName(name ?? "")) fail(`A coordinator named "${name}" already exists.`);
    const id = newId();
    const passwordHash = await hashPassword(password ?? "");
    await store.tx((s) => s.coordinators.insert({ id, name: name ?? "", passwordHash, createdAt: Date.now() }));
    console.log(`Coordinator "${name}" created (${id}).`);
  },
  "join-code": async (store, [editionId, memberId]) => {
    if (!editionId || !memberId) fail(USAGE);
    const member = await store.references.get("members", editionId ?? "", memberId ?? "");
    if (!member) fail(`No member ${memberId} in edition ${editionId}.`);
    const code = await issueJoinCode(store, editionId ?? "", memberId ?? "", Date.now());
    const base = `http://127.0.0.1:${process.env.PORT ?? "8787"}`;
    console.log(`${member?.name} (${member?.role})  code ${code.code}  ${base}${code.joinUrl}`);
    console.log(`Single use; expires ${new Date(code.expiresAt).toISOString()}.`);
  },
  "revoke-device": async (store, [deviceId]) => {
    if (!deviceId) fail(USAGE);
    const device = await store.devices.byId(deviceId ?? "");
    if (!device) fail(`No device ${deviceId}.`);
    const now = Date.now();
    const changed = await store.tx(async (s) => {
      if (!(await s.devices.revoke(deviceId ?? "", now, "revoked"))) return false;
      await s.audit.append({
        at: now,
        actorKind: "system",
        actorId: "admin-cli",
        deviceId: deviceId ?? null,
        editionId: device?.editionId ?? "",
        table: "devices",
        key: deviceId ?? "",
        field: "revoked",
        old: false,
        new: true,
        mutationId: null,
        version: null,
      });
      return true;
    });
    console.log(changed ? `Device ${deviceId} revoked.` : `Device ${deviceId} was already revoked.`);
  },
  "list-devices": async (store, [editionId]) => {
    const devices = await store.devices.list(editionId);
    if (devices.length === 0) console.log("No devices enrolled.");
    for (const d of devices) {
      const member = await store.references.get("members", d.editionId, d.memberId);
      const state = d.revokedAt === null ? "active" : `revoked ${new Date(d.revokedAt).toISOString()}`;
      const seen = d.lastSeenAt === null ? "never synced" : `last seen ${new Date(d.lastSeenAt).toISOString()}`;
      console.log(
        `${d.id}  "${d.name}"  ${member?.name ?? d.memberId} (${d.editionId})  ${state}  seq ${d.lastSeq}  ${seen}`,
      );
    }
  },
  "setup-link": async (store) => {
    if ((await store.coordinators.count()) > 0) fail("A coordinator already exists: sign in, or create-coordinator.");
    // The file is beside the SQLite database; on PostgreSQL the link is printed only.
    const file = store.engine === "sqlite" ? setupLinkFile((store as SqliteStore).path) : null;
    const token = await issueSetupLink(store, Date.now(), `http://127.0.0.1:${process.env.PORT ?? "8787"}`, file);
    console.log(setupUrl(`http://127.0.0.1:${process.env.PORT ?? "8787"}`, token));
    console.log(`One-time link, valid 24 hours; the previous one no longer works.${file ? ` Also in ${file}.` : ""}`);
  },
  edition: async (store, args) => {
    try {
      console.log(await editionCommand(store, root, args));
    } catch (error) {
      fail(error instanceof Error ? error.message : String(error));
    }
  },
  backup: async (store, [file]) => {
    if (!file) fail(USAGE);
    if (store.engine !== "sqlite") fail("On PostgreSQL take backups with pg_dump (README, National deployment).");
    await (store as SqliteStore).backup(resolve(file ?? ""));
    console.log(`Backup written to ${resolve(file ?? "")}.`);
  },
  "migrate-to-postgres": async (store, [file]) => {
    if (!file) fail(USAGE);
    if (store.engine !== "postgres") fail("Set DATABASE_URL=postgres://… to the national database first.");
    const source = createStore(resolve(file ?? ""));
    try {
      const report = await transferHall(source, store, Date.now());
      console.log(
        `${report.editions} edition(s) moved; ${report.recordsApplied} record(s) written; copied: ${Object.entries(
          report.copied,
        )
          .map(([table, n]) => `${table} ${n}`)
          .join(", ")}. Running it again changes nothing.`,
      );
    } finally {
      await source.close();
    }
  },
};

const [command, ...args] = process.argv.slice(2);
const run = command ? commands[command] : undefined;
if (!run) fail(USAGE);
const databaseUrl = process.env.DATABASE_URL;
const store = await openStore({
  dbPath: process.env.PANELIS_DB ?? join(root, DEFAULT_DB_PATH),
  ...(isPostgresUrl(databaseUrl) ? { databaseUrl } : {}),
});
try {
  await run?.(store, args);
} finally {
  await store.close();
}
