/*
 * Reading a panelist's last-resort file (written by `storage/export-file.ts`)
 * and planning its import. Invariants:
 * - A file is trusted only when its checksum (SHA-256 of the canonical JSON of
 *   every other member) matches: a tampered or truncated file is refused with
 *   the reason and nothing in it is looked at further.
 * - Every pending change is classified before anything is written: duplicate
 *   (its mutation id was already applied, or appears twice in the file),
 *   refused (with the reason: not this file's member or device, another
 *   edition, or what the push authorisation says), or apply. Importing the
 *   same file twice therefore applies nothing the second time.
 * The server applies the "apply" entries through the push path; this module
 * only decides. Canonical JSON and hashing are injected.
 */
import * as v from "valibot";
import { MutationSchema, NominationRecordSchema, ScoreRecordSchema, SheetRecordSchema } from "../domain/schemas.ts";
import type { LocalText, NominationRecord, ScoreRecord, SheetRecord } from "../domain/types.ts";
import type { Mutation } from "./mutation.ts";
import { type ChecksumDeps, checkSignedContent, type SignedContentRefusal } from "./signed-file.ts";

export const RESCUE_FORMAT = "panelis-export";
export const RESCUE_FORMAT_VERSION = 1;

/** The shape `storage/export-file.ts` writes: its `PanelisExport` is this type. */
/** A change the server permanently refused, kept in the rescue file so nothing typed is ever lost. */
export type RefusedChange = {
  mutationId: string | null;
  participantId: string;
  table: string;
  recordKey: string;
  /** Indicator id (scores) or award category (nominations). */
  subjectId: string | null;
  /** The changed fields as typed. */
  typed: unknown;
  typedAt: number | null;
  reasonCode: string | null;
  reason: string | null;
  /** The same fields as the server holds them now. */
  serverNow: unknown;
};

export type RescueFile = {
  format: typeof RESCUE_FORMAT;
  formatVersion: typeof RESCUE_FORMAT_VERSION;
  exportedAt: string;
  edition: { id: string; title: LocalText; year: number | null };
  member: { id: string; name: string };
  deviceId: string;
  mutations: Mutation[];
  scores: ScoreRecord[];
  sheets: SheetRecord[];
  nominations: NominationRecord[];
  refused: RefusedChange[];
  checksum: string;
};

export type RescueRefusal = SignedContentRefusal | { reason: "wrong-edition"; fileEditionId: string };

export type RescueCheck = { ok: true; file: RescueFile } | ({ ok: false } & RescueRefusal);

const RescueBodySchema = v.object({
  exportedAt: v.string(),
  edition: v.object({
    id: v.string(),
    title: v.object({ id: v.string(), en: v.optional(v.string()) }),
    year: v.nullable(v.number()),
  }),
  member: v.object({ id: v.string(), name: v.string() }),
  deviceId: v.string(),
  mutations: v.array(MutationSchema),
  scores: v.array(ScoreRecordSchema),
  sheets: v.array(SheetRecordSchema),
  nominations: v.array(NominationRecordSchema),
  // Files written before refused changes were kept have none.
  refused: v.optional(
    v.array(
      v.object({
        mutationId: v.nullable(v.string()),
        participantId: v.string(),
        table: v.string(),
        recordKey: v.string(),
        subjectId: v.nullable(v.string()),
        typed: v.unknown(),
        typedAt: v.nullable(v.number()),
        reasonCode: v.nullable(v.string()),
        reason: v.nullable(v.string()),
        serverNow: v.unknown(),
      }),
    ),
    [],
  ),
});

/** Verifies the checksum first, then the content; `editionId` refuses a file from another edition. */
export const checkRescueFile = async (data: unknown, deps: ChecksumDeps, editionId?: string): Promise<RescueCheck> => {
  const checked = await checkSignedContent(data, RESCUE_FORMAT, RESCUE_FORMAT_VERSION, RescueBodySchema, deps);
  if (!checked.ok) return checked;
  const file = data as RescueFile;
  if (editionId !== undefined && file.edition.id !== editionId) {
    return { ok: false, reason: "wrong-edition", fileEditionId: file.edition.id };
  }
  return { ok: true, file };
};

export type ChangeRefusal = "other-member" | "other-device" | "other-edition" | { authorisation: string };

export type PlannedChange =
  | { mutation: Mutation; outcome: "apply" }
  | { mutation: Mutation; outcome: "duplicate" }
  | { mutation: Mutation; outcome: "refused"; reason: ChangeRefusal };

export type ImportPlan = {
  editionId: string;
  memberId: string;
  deviceId: string;
  changes: PlannedChange[];
  counts: { apply: number; duplicate: number; refused: number };
};

export type ImportContext = {
  /** True when the server has already applied this mutation id (the push path's idempotency record). */
  alreadyApplied: (mutationId: string) => boolean;
  /** The push path's authorisation for this member: null when allowed, else why not. */
  authorise: (mutation: Mutation) => string | null;
};

/** In seq order; the same plan for the same file and server state. */
export const planRescueImport = (file: RescueFile, context: ImportContext): ImportPlan => {
  const seen = new Set<string>();
  const changes: PlannedChange[] = [];
  const counts = { apply: 0, duplicate: 0, refused: 0 };
  for (const mutation of [...file.mutations].sort((a, b) => a.seq - b.seq)) {
    let change: PlannedChange;
    if (seen.has(mutation.mutationId) || context.alreadyApplied(mutation.mutationId)) {
      change = { mutation, outcome: "duplicate" };
    } else {
      const refusal = refusalOf(file, mutation, context);
      change = refusal ? { mutation, outcome: "refused", reason: refusal } : { mutation, outcome: "apply" };
    }
    seen.add(mutation.mutationId);
    counts[change.outcome]++;
    changes.push(change);
  }
  return { editionId: file.edition.id, memberId: file.member.id, deviceId: file.deviceId, changes, counts };
};

const refusalOf = (file: RescueFile, mutation: Mutation, context: ImportContext): ChangeRefusal | null => {
  if (mutation.identity.editionId !== file.edition.id) return "other-edition";
  if (mutation.identity.memberId !== file.member.id) return "other-member";
  if (mutation.deviceId !== file.deviceId) return "other-device";
  const denied = context.authorise(mutation);
  return denied === null ? null : { authorisation: denied };
};
