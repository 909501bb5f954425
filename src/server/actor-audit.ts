/*
 * Audit entries written on behalf of a coordinator or the system (set-up, state, reopen,
 * publishing, restore, imports), as opposed to a tablet's pushed mutation: they carry no
 * mutation id, and a device only when the entry is about one.
 */
import type { Actor } from "./editions.ts";
import type { TxStore } from "./store/store-types.ts";

export type ActorAuditEntry = {
  table: string;
  key: string;
  field: string;
  old: unknown;
  new: unknown;
  version: number | null;
  deviceId?: string | null;
};

/** A writer of one actor's entries for one edition at one moment, inside a transaction. */
export const auditBy =
  (s: Pick<TxStore, "audit">, editionId: string, actor: Actor, now: number) =>
  ({ deviceId = null, ...entry }: ActorAuditEntry): Promise<void> =>
    s.audit.append({
      at: now,
      actorKind: actor.kind,
      actorId: actor.id,
      deviceId,
      editionId,
      mutationId: null,
      ...entry,
    });
