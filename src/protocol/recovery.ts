/*
 * Wire types of the coordinator's recovery routes: reopening a sheet with a reason,
 * an edition's backup and its restore, and importing a panelist's last-resort file.
 * Kept apart from `wire.ts` (the sync protocol) because tablets never send these.
 */
import * as v from "valibot";
import type { BackupRefusal } from "./edition-backup.ts";
import type { ChangeRefusal, RescueRefusal } from "./rescue-import.ts";
import type { PushStatus, RejectReason } from "./wire.ts";

export const REOPEN_REASON_MAX = 500;

export type ReopenRequest = { reason: string };

/** The reason is trimmed; an empty one is refused by the route with its own words. */
export const ReopenSchema = v.object({
  reason: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(REOPEN_REASON_MAX)), ""),
});

export type RestoreResponse = {
  editionId: string;
  records: { scores: number; sheets: number; nominations: number };
  auditEntries: number;
  publications: number;
};

/** `details` of a 400 `backup-invalid` / `rescue-file-invalid`: the first failing check. */
export type FileRefusalDetails = (BackupRefusal | RescueRefusal) & { reasonText: string };

/** One change of an imported last-resort file, as the report lists it. */
export type RescueChangeReport = {
  mutationId: string;
  table: string;
  participantId: string;
  outcome: "applied" | "duplicate" | "refused";
  /** Why it was refused: a push reject code, or the file-level check that refused it. */
  reasonCode?: RejectReason | Exclude<ChangeRefusal, { authorisation: string }> | "conflict";
  reason?: string;
  /** The push's own status when it differs from the outcome (a conflict the merge lost counts as applied). */
  pushStatus?: PushStatus;
};

export type RescueImportResponse = {
  editionId: string;
  memberId: string;
  deviceId: string;
  counts: { applied: number; duplicate: number; refused: number };
  changes: RescueChangeReport[];
};
