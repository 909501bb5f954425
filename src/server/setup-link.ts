/*
 * The one-time link that creates the first coordinator. Invariants: at most one unused
 * setup token is valid (issuing a new one retires the old); the link is printed once,
 * when it is issued, and written to a file beside the database that only the server's
 * user can read (mode 0600); a restart while it is unused does not issue or print a
 * new one (the admin CLI's `setup-link` does); once a coordinator exists the file is
 * removed.
 */
import { chmodSync, existsSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { hashToken, newToken } from "./auth.ts";
import { SETUP_TOKEN_TTL_MS } from "./enrolment.ts";
import type { Store } from "./store/store-types.ts";

export const SETUP_LINK_FILE = "setup-link.txt";

/** The file beside the database; none for an in-memory database. */
export const setupLinkFile = (dbPath: string): string | null =>
  dbPath === ":memory:" ? null : join(dirname(dbPath), SETUP_LINK_FILE);

export const setupUrl = (baseUrl: string, token: string): string => `${baseUrl}/#/setup/${token}`;

const writePrivate = (file: string, text: string): void => {
  writeFileSync(file, text, { mode: 0o600 });
  // writeFileSync's mode applies only when it creates the file.
  chmodSync(file, 0o600);
};

/** A fresh setup token (the old one stops working), written to `file` as a link when given. */
export const issueSetupLink = async (
  store: Store,
  now: number,
  baseUrl: string,
  file: string | null,
): Promise<string> => {
  const token = newToken();
  await store.tx((s) => s.setupTokens.replace(hashToken(token), now, now + SETUP_TOKEN_TTL_MS));
  if (file)
    writePrivate(
      file,
      `${setupUrl(baseUrl, token)}\nOne-time link to create the first coordinator; valid until ${new Date(now + SETUP_TOKEN_TTL_MS).toISOString()}.\n`,
    );
  return token;
};

export type SetupLinkState =
  | { kind: "closed" }
  | { kind: "issued"; token: string }
  /** An unused link from an earlier start is still valid: it is in the file, not reprinted. */
  | { kind: "pending" };

/** At start: nothing once a coordinator exists; a new link only when no valid one is waiting. */
export const prepareSetupLink = async (
  store: Store,
  now: number,
  baseUrl: string,
  file: string | null,
): Promise<SetupLinkState> => {
  if ((await store.coordinators.count()) > 0) {
    if (file && existsSync(file)) rmSync(file);
    return { kind: "closed" };
  }
  if (file && existsSync(file) && (await store.setupTokens.pending(now))) return { kind: "pending" };
  return { kind: "issued", token: await issueSetupLink(store, now, baseUrl, file) };
};
