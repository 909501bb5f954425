/*
 * The repositories composed over one `Sql` into the store a transaction sees. Shared
 * by both engines: the SQL is the same, only the driver under it differs.
 */
import { createAudit } from "./audit.ts";
import { createCoordinators, createSessions, createSetupTokens } from "./coordinators.ts";
import { createDevices } from "./devices.ts";
import { createEditions, createReferences } from "./editions.ts";
import { createFeed } from "./feed.ts";
import { createJoinCodes } from "./join-codes.ts";
import { createSeen } from "./mutations.ts";
import { createPublications, createReadLinks } from "./publications.ts";
import { createRecords } from "./records.ts";
import type { Sql } from "./sql.ts";
import type { StoreReads, TxStore } from "./store-types.ts";
import { createVersions } from "./versions.ts";

/** `lockedAt`: the version counter as the transaction read it while locking it, when it did. */
export const createRepositories = (sql: Sql, lockedAt?: number): TxStore => {
  const versions = createVersions(sql, lockedAt);
  const references = createReferences(sql, versions);
  return {
    editions: createEditions(sql, versions, references),
    references,
    records: createRecords(sql, versions),
    feed: createFeed(sql),
    coordinators: createCoordinators(sql),
    sessions: createSessions(sql),
    setupTokens: createSetupTokens(sql),
    devices: createDevices(sql),
    joinCodes: createJoinCodes(sql),
    seen: createSeen(sql),
    audit: createAudit(sql),
    publications: createPublications(sql),
    readLinks: createReadLinks(sql),
    nextVersion: () => versions.next(),
    currentVersion: () => versions.current(),
    batchVersions: (fn) => versions.batch(fn),
  };
};

/** The read side of a `TxStore`, every method passed through `gate` (identity when reads need no guard). */
export const readsOf = (repos: TxStore, gate: <T>(fn: () => Promise<T>) => Promise<T> = (fn) => fn()): StoreReads => {
  const wrap = <R extends object>(repo: R): R => {
    const out: Record<string, unknown> = {};
    for (const [name, method] of Object.entries(repo)) {
      if (typeof method === "function") out[name] = (...args: unknown[]) => gate(() => method(...args));
    }
    return out as R;
  };
  return {
    editions: wrap(repos.editions),
    references: wrap(repos.references),
    records: wrap(repos.records),
    feed: wrap(repos.feed),
    coordinators: wrap(repos.coordinators),
    sessions: wrap(repos.sessions),
    setupTokens: wrap(repos.setupTokens),
    devices: wrap(repos.devices),
    joinCodes: wrap(repos.joinCodes),
    seen: wrap(repos.seen),
    audit: wrap(repos.audit),
    publications: wrap(repos.publications),
    readLinks: wrap(repos.readLinks),
    currentVersion: () => gate(repos.currentVersion),
  };
};
