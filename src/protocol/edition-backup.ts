/*
 * One edition as one JSON file: reference data, every record, the audit log
 * and every publication. Invariants:
 * - `checksum` is the SHA-256 of the canonical JSON of every other member, so
 *   an edited or truncated backup is refused before anything is restored.
 * - A backup is checked whole: content, one edition throughout, publications
 *   whose hashes still match their content and whose versions run 1, 2, …
 *   each naming the previous one's hash. Restoring is all or nothing.
 * - Records travel exactly as stored (with versions and stamps), so restoring
 *   into an empty server computes identical results.
 * Canonical JSON and hashing are injected.
 */
import * as v from "valibot";
import { type HashDeps, type Publication, verifyPublication } from "../domain/publication.ts";
import {
  EditionSchema,
  MemberSchema,
  NominationRecordSchema,
  ParticipantSchema,
  RubricSchema,
  ScoreRecordSchema,
  SheetRecordSchema,
} from "../domain/schemas.ts";
import type { EditionBundle } from "../domain/types.ts";
import { checkSignedContent, type SignedContentRefusal, signFile } from "./signed-file.ts";
import { type AuditEntryInfo, MAX_IMPORT_RECORDS } from "./wire.ts";

export const BACKUP_FORMAT = "panelis-edition-backup";
export const BACKUP_FORMAT_VERSION = 1;

export type EditionBackup = {
  format: typeof BACKUP_FORMAT;
  formatVersion: typeof BACKUP_FORMAT_VERSION;
  /** ISO 8601 from the injected clock. */
  createdAt: string;
  bundle: EditionBundle;
  audit: AuditEntryInfo[];
  /** Oldest first. */
  publications: Publication[];
  checksum: string;
};

export type UnsignedBackup = Omit<EditionBackup, "format" | "formatVersion" | "checksum">;

export const createBackup = (body: UnsignedBackup, deps: HashDeps): Promise<EditionBackup> =>
  signFile({ format: BACKUP_FORMAT, formatVersion: BACKUP_FORMAT_VERSION, ...body } as const, deps);

export type BackupRefusal =
  | SignedContentRefusal
  | { reason: "mixed-editions"; editionIds: string[] }
  | { reason: "publication-tampered"; version: number }
  | { reason: "publication-chain-broken"; version: number };

export type BackupCheck = { ok: true; backup: EditionBackup } | ({ ok: false } & BackupRefusal);

const records = <S extends v.GenericSchema>(schema: S) => v.pipe(v.array(schema), v.maxLength(MAX_IMPORT_RECORDS));

const BackupBodySchema = v.object({
  createdAt: v.string(),
  bundle: v.object({
    edition: EditionSchema,
    rubric: RubricSchema,
    participants: v.pipe(v.array(ParticipantSchema), v.maxLength(1000)),
    members: v.pipe(v.array(MemberSchema), v.maxLength(500)),
    scores: records(ScoreRecordSchema),
    sheets: records(SheetRecordSchema),
    nominations: records(NominationRecordSchema),
  }),
  audit: records(
    v.object({
      id: v.number(),
      at: v.number(),
      actorKind: v.picklist(["device", "coordinator", "system"]),
      actorId: v.string(),
      deviceId: v.nullable(v.string()),
      table: v.string(),
      key: v.string(),
      field: v.string(),
      old: v.unknown(),
      new: v.unknown(),
      mutationId: v.nullable(v.string()),
      version: v.nullable(v.number()),
    }),
  ),
  publications: v.array(
    v.object({
      editionId: v.string(),
      version: v.pipe(v.number(), v.integer(), v.minValue(1)),
      publishedAt: v.string(),
      publishedBy: v.string(),
      contentHash: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)),
      previousHash: v.nullable(v.string()),
      content: v.object({ edition: v.object({ id: v.string() }) }),
    }),
  ),
});

export const checkBackup = async (data: unknown, deps: HashDeps): Promise<BackupCheck> => {
  const checked = await checkSignedContent(data, BACKUP_FORMAT, BACKUP_FORMAT_VERSION, BackupBodySchema, deps);
  if (!checked.ok) return checked;
  const backup = data as EditionBackup;
  const mixed = editionIdsOf(backup);
  if (mixed.length > 1) return { ok: false, reason: "mixed-editions", editionIds: mixed };
  let previousHash: string | null = null;
  for (const [i, p] of backup.publications.entries()) {
    if (p.version !== i + 1 || p.previousHash !== previousHash) {
      return { ok: false, reason: "publication-chain-broken", version: p.version };
    }
    if (!(await verifyPublication(p, deps))) return { ok: false, reason: "publication-tampered", version: p.version };
    previousHash = p.contentHash;
  }
  return { ok: true, backup };
};

/** Every edition id the backup mentions; more than one means records from elsewhere slipped in. */
const editionIdsOf = ({ bundle, publications }: EditionBackup): string[] => {
  const ids = new Set<string>([bundle.edition.id, bundle.rubric.editionId]);
  for (const list of [bundle.participants, bundle.members, bundle.scores, bundle.sheets, bundle.nominations]) {
    for (const r of list) ids.add(r.editionId);
  }
  for (const p of publications) {
    ids.add(p.editionId);
    ids.add(p.content.edition.id);
  }
  return [...ids].sort();
};
