/*
 * The storage facade: the only way the page and the sync worker touch IndexedDB.
 * It composes modules that each take the shared context (context.ts):
 *   local-writes  a panelist's change + its outbox entry, one transaction
 *   acknowledge   push results: outbox status, rebase on the server copy, notices
 *   pull          remote rows + the cursor, one transaction
 *   notices       the one notice builder, listing and marking seen
 *   reference     edition bundles and record reads
 *   meta          session, device token, cursors, needs-review flags, enrolment
 *   drafts        text being typed, journaled synchronously, never in the outbox
 *   rescue-export the signed last-resort file
 * Each module's header states its invariants; merging is merge.ts's job.
 */
import Dexie, { liveQuery } from "dexie";
import { isStamp } from "../domain/hlc.ts";
import { createAcknowledge } from "./acknowledge.ts";
import { openContext } from "./context.ts";
import type { PanelisDb } from "./db.ts";
import { guard, StorageValidationError, toStorageError } from "./errors.ts";
import { createDrafts } from "./drafts.ts";
import { createLocalWrites } from "./local-writes.ts";
import { createMeta } from "./meta.ts";
import { createNotices } from "./notices.ts";
import { estimateUsage, requestPersistence } from "./persistence.ts";
import { createPull } from "./pull.ts";
import { createReference } from "./reference.ts";
import { createRescueExport } from "./rescue-export.ts";
import type { PanelisStorage, StorageOptions } from "./storage-types.ts";

/** Opens the facade over an existing Dexie instance (tests pass one with hooks attached). */
export const openStorageOn = async (db: PanelisDb, options: StorageOptions = {}): Promise<PanelisStorage> => {
  const ctx = await openContext(db, options);
  const { clock } = ctx;

  const storage: PanelisStorage = {
    name: db.name,
    deviceId: ctx.deviceId,
    lastStamp: () => clock.last(),
    clockDriftMs: () => clock.driftMs(),
    observeStamp: async (stamp) => {
      if (!isStamp(stamp)) throw new StorageValidationError([`Not a clock stamp: "${stamp}"`]);
      clock.receive(stamp);
      const last = clock.last();
      await guard(() => db.transaction("rw", db.meta, () => ctx.persistClock(last)));
    },
    loadProblems: () => ctx.problems.slice(),

    ...createReference(ctx),
    ...createLocalWrites(ctx, options),
    ...createAcknowledge(ctx),
    ...createPull(ctx),
    ...createNotices(ctx),
    ...createMeta(ctx),
    ...createDrafts(ctx),
    ...createRescueExport(ctx),

    watch: (query, onChange, onError) => {
      let first = true;
      const subscription = liveQuery(() => {
        if (first) {
          first = false;
          return query(storage);
        }
        // Dexie re-runs a live query inside the committing transaction's complete event, before the
        // writer's own continuation runs: a tap would wait for every watcher's reads to be issued before
        // it renders what it committed (it shows that from the write's result). One task later the re-run
        // reads the same committed data. A Dexie promise keeps the live query's zone, so what the deferred
        // query reads is still what it observes.
        return new Dexie.Promise<void>((resolve) => setTimeout(resolve, 0)).then(() => query(storage));
      }).subscribe({
        next: onChange,
        // Without a handler the failure is still shown: storage errors are never swallowed.
        error: (error: unknown) => (onError ?? console.error)(toStorageError(error)),
      });
      return () => subscription.unsubscribe();
    },
    requestPersistence,
    estimateUsage,
    close: () => db.close(),
    deleteLocalDatabase: async () => {
      db.close();
      await guard(() => Dexie.delete(db.name));
    },
  };
  return storage;
};
