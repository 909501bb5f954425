/*
 * An edition's backup (one signed JSON file: reference data, every record, the audit
 * log, publications) and its restore. Invariants:
 * - A restore checks the whole file first (checksum, then content, one edition, the
 *   bundle's cross-references) and writes it in ONE transaction, only into a server
 *   that does not have the edition yet (409 `edition-exists` otherwise): a refused
 *   restore writes nothing.
 * - Records are written exactly as backed up (content and stamps; the server hands
 *   out fresh versions), so the restored edition computes identical results.
 * - The backed-up audit entries are kept (renumbered) and the restore itself is audited.
 */
import { canonicalJson } from "../domain/canonical-json.ts";
import { checkScore } from "../domain/schemas.ts";
import type { Locale } from "../domain/types.ts";
import { type BackupRefusal, checkBackup, createBackup, type EditionBackup } from "../protocol/edition-backup.ts";
import type { RestoreResponse } from "../protocol/recovery.ts";
import { type Actor, parseBundle } from "./editions.ts";
import { auditBy } from "./actor-audit.ts";
import { allAuditEntries, fullBundle } from "./edition-reads.ts";
import { ApiError } from "./errors.ts";
import { fileRefusalText } from "./file-refusal.ts";
import { HASH_DEPS } from "./hash-deps.ts";
import { asPublication } from "./publishing.ts";
import type { Store } from "./store/store-types.ts";

/** Every published version, oldest first, as the domain (and the file) see it. */
const publicationsOf = async (store: Store, editionId: string) => {
  const out = [];
  for (const { version } of (await store.publications.list(editionId)).reverse()) {
    const full = await store.publications.get(editionId, version);
    if (full) out.push(asPublication(full));
  }
  return out;
};

/** The edition as one signed file; undefined when the server has no such edition. */
export const buildBackup = async (store: Store, editionId: string, now: number): Promise<EditionBackup | undefined> => {
  const bundle = await fullBundle(store, editionId);
  if (!bundle) return undefined;
  return createBackup(
    {
      createdAt: new Date(now).toISOString(),
      bundle,
      audit: await allAuditEntries(store, editionId),
      publications: await publicationsOf(store, editionId),
    },
    HASH_DEPS,
  );
};

/** Throws 400 `backup-invalid` with the first failing check, worded. */
export const parseBackup = async (data: unknown, locale: Locale): Promise<EditionBackup> => {
  const checked = await checkBackup(data, HASH_DEPS);
  if (!checked.ok) {
    const { ok: _ok, ...refusal } = checked;
    throw new ApiError("backup-invalid", { ...refusal, reasonText: fileRefusalText(refusal as BackupRefusal, locale) });
  }
  // The cross-references an import checks (participants, members, assignments) hold for a backup too.
  parseBundle(checked.backup.bundle, locale);
  return checked.backup;
};

export const restoreBackup = (
  store: Store,
  backup: EditionBackup,
  actor: Actor,
  now: number,
): Promise<RestoreResponse> => {
  const { bundle } = backup;
  const editionId = bundle.edition.id;
  return store.tx(async (s) => {
    if (await s.editions.get(editionId)) throw new ApiError("edition-exists", { editionId });
    return s.batchVersions(async () => {
      await s.editions.put(bundle.edition, now);
      await s.editions.putRubric(bundle.rubric);
      for (const p of bundle.participants) await s.references.put("participants", p);
      for (const m of bundle.members) await s.references.put("members", m);
      for (const r of bundle.scores) await s.records.put("scores", r, checkScore(r, bundle.rubric).length > 0);
      for (const r of bundle.sheets) await s.records.put("sheets", r);
      for (const r of bundle.nominations) await s.records.put("nominations", r);
      for (const { id: _id, ...entry } of backup.audit) await s.audit.append({ ...entry, editionId });
      for (const { content, ...p } of backup.publications)
        await s.publications.insert({ ...p, publishedAt: Date.parse(p.publishedAt) }, canonicalJson(content));
      await auditBy(
        s,
        editionId,
        actor,
        now,
      )({
        table: "editions",
        key: editionId,
        field: "restored",
        old: null,
        new: { createdAt: backup.createdAt, checksum: backup.checksum },
        version: null,
      });
      return {
        editionId,
        records: { scores: bundle.scores.length, sheets: bundle.sheets.length, nominations: bundle.nominations.length },
        auditEntries: backup.audit.length,
        publications: backup.publications.length,
      };
    });
  });
};
