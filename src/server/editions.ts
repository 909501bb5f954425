/*
 * Coordinator-side changes to an edition. Invariants:
 * - An imported bundle is checked as a whole (schemas, then cross-references) before
 *   anything is written, and written in one transaction.
 * - Re-importing is an upsert: unchanged rows keep their version (devices pull nothing),
 *   removed participants/members leave deletion markers, and a changed rubric always
 *   gets a higher `version` than the stored one, so scores remember which rubric they
 *   were made against. Scores that no longer fit the new rubric are kept and flagged.
 * - Removing a member, or a member's last assignment, revokes that member's device
 *   tokens in the same transaction (401 `device-revoked` with the reason).
 * - Reopening a finalised sheet writes `finalised: false` and the coordinator's reason
 *   with a server stamp later than the finalising one, so the reopen wins the merge on
 *   every device and the member's tablet shows why.
 */
import type { Clock } from "../domain/hlc.ts";
import { sheetKey } from "../domain/keys.ts";
import {
  emptySheetRecord,
  mergeRecord,
  mergeSheet,
  NOMINATION_FIELDS,
  SCORE_FIELDS,
  SHEET_FIELDS,
} from "../domain/merge.ts";
import { checkRubric, checkScore, validate } from "../domain/schemas.ts";
import type { Edition, Locale, Member, Rubric, ScoreRecord, SheetRecord } from "../domain/types.ts";
import {
  type EditionImport,
  EditionImportSchema,
  type EditionReference,
  type RecordTable,
  type RevokeReason,
  type SyncRecord,
} from "../protocol/wire.ts";
import { ApiError } from "./errors.ts";
import type { Store, TxStore } from "./store/store-types.ts";
import { auditBy } from "./actor-audit.ts";

export type Actor = { kind: "coordinator" | "system"; id: string };

const crossCheck = (bundle: EditionImport, locale: Locale): string[] => {
  const { edition, rubric, participants, members } = bundle;
  const w = (id: string, en: string) => (locale === "id" ? id : en);
  const errors: string[] = [...checkRubric(rubric, edition.settings, locale)];
  if (edition.rubricId !== rubric.id)
    errors.push(w(`Edisi › rubrik: harus "${rubric.id}"`, `Edition › rubric: must be "${rubric.id}"`));
  if (rubric.editionId !== edition.id)
    errors.push(w(`Rubrik › edisi: harus "${edition.id}"`, `Rubric › edition: must be "${edition.id}"`));
  const participantIds = new Set<string>();
  participants.forEach((p, i) => {
    if (p.editionId !== edition.id)
      errors.push(
        w(`Peserta ${i + 1} › edisi: harus "${edition.id}"`, `Participant ${i + 1} › edition: must be "${edition.id}"`),
      );
    if (participantIds.has(p.id))
      errors.push(
        w(
          `Peserta ${i + 1} › ID: ${p.id} dipakai lebih dari sekali`,
          `Participant ${i + 1} › ID: ${p.id} is used more than once`,
        ),
      );
    participantIds.add(p.id);
  });
  const componentIds = new Set(rubric.components.map((c) => c.id));
  const memberIds = new Set<string>();
  members.forEach((m, i) => {
    const label = w(`Anggota panel ${i + 1}`, `Panel member ${i + 1}`);
    if (m.editionId !== edition.id)
      errors.push(w(`${label} › edisi: harus "${edition.id}"`, `${label} › edition: must be "${edition.id}"`));
    if (memberIds.has(m.id))
      errors.push(
        w(`${label} › ID: ${m.id} dipakai lebih dari sekali`, `${label} › ID: ${m.id} is used more than once`),
      );
    memberIds.add(m.id);
    for (const a of m.assignments) {
      if (!componentIds.has(a.componentId))
        errors.push(
          w(
            `${label} › penugasan: komponen ${a.componentId} tidak ada di rubrik`,
            `${label} › assignment: component ${a.componentId} is not in the rubric`,
          ),
        );
      for (const pid of a.participantIds)
        if (!participantIds.has(pid))
          errors.push(
            w(
              `${label} › penugasan: peserta ${pid} tidak ada`,
              `${label} › assignment: participant ${pid} does not exist`,
            ),
          );
    }
  });
  for (const table of ["scores", "sheets", "nominations"] as const) {
    (bundle[table] ?? []).forEach((r: SyncRecord, i) => {
      const label = `${table} ${i + 1}`;
      if (r.editionId !== edition.id)
        errors.push(w(`${label} › edisi: harus "${edition.id}"`, `${label} › edition: must be "${edition.id}"`));
      if (!participantIds.has(r.participantId))
        errors.push(
          w(
            `${label} › peserta: ${r.participantId} tidak ada`,
            `${label} › participant: ${r.participantId} does not exist`,
          ),
        );
      if (!memberIds.has(r.memberId))
        errors.push(
          w(
            `${label} › anggota panel: ${r.memberId} tidak ada`,
            `${label} › panel member: ${r.memberId} does not exist`,
          ),
        );
    });
  }
  if (edition.settings.combine.method === "consensus" && !memberIds.has(edition.settings.combine.memberId))
    errors.push(
      w(
        `Pengaturan edisi › penggabungan nilai panelis: anggota ${edition.settings.combine.memberId} tidak ada`,
        `Edition settings › combining panelists: member ${edition.settings.combine.memberId} does not exist`,
      ),
    );
  return errors;
};

/** Validates an untrusted bundle; throws `invalid-body` with worded errors. */
export const parseBundle = (data: unknown, locale: Locale): EditionImport => {
  const parsed = validate(EditionImportSchema, data, locale);
  if (!parsed.ok) throw new ApiError("invalid-body", { errors: parsed.errors });
  const errors = crossCheck(parsed.value, locale);
  if (errors.length > 0) throw new ApiError("invalid-body", { errors });
  return parsed.value;
};

const withoutVersion = (r: Rubric): string => JSON.stringify({ ...r, version: 0 });

export type ImportResult = { created: boolean; rubricVersion: number; recordsApplied: number };

const FIELDS: Record<RecordTable, readonly string[]> = {
  scores: SCORE_FIELDS,
  sheets: SHEET_FIELDS,
  nominations: NOMINATION_FIELDS,
};

const shown = (record: SyncRecord | undefined, field: string): unknown => {
  if (!record) return null;
  if (field === "grade") return { level: (record as ScoreRecord).level, points: (record as ScoreRecord).points };
  return (record as unknown as Record<string, unknown>)[field] ?? null;
};

const sortedById = <T extends { id: string }>(rows: readonly T[]): T[] =>
  [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** True when the bundle would change the edition's setup (not just add scores). */
export const changesSetup = (stored: EditionReference, incoming: EditionImport): boolean =>
  JSON.stringify(stored.edition) !== JSON.stringify(incoming.edition) ||
  withoutVersion(stored.rubric) !== withoutVersion(incoming.rubric) ||
  JSON.stringify(sortedById(stored.participants)) !== JSON.stringify(sortedById(incoming.participants)) ||
  JSON.stringify(sortedById(stored.members)) !== JSON.stringify(sortedById(incoming.members));

/** Coordinator-owned setup is edited against a known version; a stale edit changes nothing. */
const checkBaseVersion = async (s: TxStore, incoming: EditionImport, baseVersion: unknown): Promise<void> => {
  const stored = await s.editions.bundle(incoming.edition.id);
  if (!stored || !changesSetup(stored.bundle, incoming)) return;
  if (baseVersion !== stored.version) {
    throw new ApiError("edition-stale", { currentVersion: stored.version, baseVersion: baseVersion ?? null });
  }
};

const assignmentCount = (member: Member): number => member.assignments.reduce((n, a) => n + a.participantIds.length, 0);

/**
 * Members whose tablets lose access with this edit: removed from the edition, or left
 * with no assignment at all after having some. Their device tokens are revoked in the
 * same transaction, so the next request from such a tablet is a 401. Losing only some
 * assignments (a district moved to another panelist, or removed) keeps the tablet: its
 * writes for what it lost are refused one by one (`not-assigned`), the rest go through.
 */
export const membersLosingAccess = (
  before: readonly Member[],
  after: readonly Member[],
): Array<{ memberId: string; reason: RevokeReason }> => {
  const current = new Map(after.map((m) => [m.id, m] as const));
  return before.flatMap((old): Array<{ memberId: string; reason: RevokeReason }> => {
    const now = current.get(old.id);
    if (!now) return [{ memberId: old.id, reason: "member-removed" }];
    const lostAll = assignmentCount(old) > 0 && assignmentCount(now) === 0;
    return lostAll ? [{ memberId: old.id, reason: "assignment-removed" }] : [];
  });
};

const keepRunningState = (incoming: Edition, stored: Edition): Edition => {
  // Keys stay where they are, so re-importing an unchanged export compares equal and writes nothing.
  const out: Edition = { ...incoming };
  if (stored.state) out.state = stored.state;
  else delete out.state;
  if (stored.schedule) out.schedule = stored.schedule;
  else delete out.schedule;
  return out;
};

/**
 * Writes a validated bundle (call `parseBundle` first). With `check`, an edit of existing
 * setup must name the version it was made on; checked inside the same transaction.
 */
export const importBundle = (
  store: Store,
  bundle: EditionImport,
  actor: Actor,
  now: number,
  check?: { baseVersion: unknown },
): Promise<ImportResult> =>
  store.tx(async (s) => {
    if (check) await checkBaseVersion(s, bundle, check.baseVersion);
    const before = await s.editions.bundle(bundle.edition.id);
    // State and schedule change only through their own routes: an import keeps what is stored.
    const edition = before ? keepRunningState(bundle.edition, before.bundle.edition) : bundle.edition;
    const audit = (table: string, key: string, old: unknown, next: unknown, version: number, field = "record") =>
      auditBy(s, edition.id, actor, now)({ table, key, field, old, new: next, version });

    if (!before || JSON.stringify(before.bundle.edition) !== JSON.stringify(edition)) {
      const version = await s.editions.put(edition, now);
      await audit("editions", edition.id, before?.bundle.edition ?? null, edition, version);
    }

    let rubric = bundle.rubric;
    const oldRubric = before?.bundle.rubric;
    const rubricChanged =
      !oldRubric || withoutVersion(oldRubric) !== withoutVersion(rubric) || oldRubric.id !== rubric.id;
    if (oldRubric && rubricChanged) rubric = { ...rubric, version: Math.max(rubric.version, oldRubric.version + 1) };
    if (oldRubric && !rubricChanged) rubric = oldRubric;
    if (rubricChanged) {
      if (oldRubric && oldRubric.id !== rubric.id) await s.references.delete("rubrics", edition.id, oldRubric.id);
      const version = await s.editions.putRubric(rubric);
      await audit("rubrics", rubric.id, oldRubric ?? null, rubric, version);
    }

    for (const table of ["participants", "members"] as const) {
      const incoming = bundle[table];
      const keep = new Set(incoming.map((r) => r.id));
      const old = new Map((before?.bundle[table] ?? []).map((r) => [r.id, r] as const));
      for (const row of incoming) {
        const version = await s.references.put(table, row);
        if (version !== null) await audit(table, row.id, old.get(row.id) ?? null, row, version);
      }
      for (const [id, row] of old) {
        if (keep.has(id)) continue;
        const version = await s.references.delete(table, edition.id, id);
        await audit(table, id, row, null, version);
      }
    }
    for (const { memberId, reason } of membersLosingAccess(before?.bundle.members ?? [], bundle.members)) {
      for (const deviceId of await s.devices.revokeMember(edition.id, memberId, now, reason)) {
        await auditBy(
          s,
          edition.id,
          actor,
          now,
        )({
          deviceId,
          table: "devices",
          key: deviceId,
          field: "revoked",
          old: false,
          new: reason,
          version: null,
        });
      }
    }

    if (oldRubric && rubricChanged) {
      for (const stored of await s.records.list("scores", edition.id)) {
        const needsReview = checkScore(stored.record, rubric).length > 0;
        if (needsReview !== stored.needsReview) await s.records.put("scores", stored.record, needsReview);
      }
    }
    // Imported records merge like pushes do, so importing never undoes a later edit from a tablet.
    let recordsApplied = 0;
    for (const table of ["scores", "sheets", "nominations"] as const) {
      for (const incoming of bundle[table] ?? []) {
        const current = await s.records.get(table, incoming.key);
        const merged = current
          ? mergeRecord(table, current.record, { ...incoming, version: 0 })
          : { ...incoming, version: 0 };
        const stamps = (r: SyncRecord | undefined) => (r?.stamps ?? {}) as Record<string, string | undefined>;
        const changedFields = FIELDS[table].filter((f) => stamps(merged)[f] !== stamps(current?.record)[f]);
        if (current && changedFields.length === 0) continue;
        const needsReview = table === "scores" && checkScore(merged as ScoreRecord, rubric).length > 0;
        const version = await s.records.put(table, merged, needsReview);
        recordsApplied += 1;
        for (const field of changedFields) {
          await audit(table, incoming.key, shown(current?.record, field), shown(merged, field), version, field);
        }
      }
    }
    return { created: !before, rubricVersion: rubric.version, recordsApplied };
  });

/**
 * Un-finalises a member's sheet, with the coordinator's reason (required; it syncs to the
 * member's tablet as `reopenReason`). The clock must have seen every stamp the sheet holds
 * (they are received here) so the reopen stamp sorts after them.
 */
export const reopenSheet = (
  store: Store,
  clock: Clock,
  ids: { editionId: string; participantId: string; memberId: string },
  reason: string,
  actor: Actor,
  now: number,
): Promise<{ record: SheetRecord; version: number }> =>
  store.tx(async (s) => {
    const key = sheetKey(ids.editionId, ids.participantId, ids.memberId);
    const current = await s.records.get("sheets", key);
    if (!current) throw new ApiError("not-found");
    if (!current.record.finalised) return { record: current.record, version: current.version };
    for (const seen of Object.values(current.record.stamps)) if (seen) clock.receive(seen);
    const stamp = clock.now();
    const reopening: SheetRecord = {
      ...emptySheetRecord(ids),
      finalised: false,
      reopenReason: reason,
      stamps: { finalised: stamp, reopenReason: stamp },
    };
    const merged = mergeSheet(current.record, reopening);
    const version = await s.records.put("sheets", merged, false, true);
    for (const [field, old, next] of [
      ["finalised", current.record.finalised, false],
      ["reopenReason", current.record.reopenReason ?? null, reason],
    ] as const) {
      await auditBy(s, ids.editionId, actor, now)({ table: "sheets", key, field, old, new: next, version });
    }
    return { record: { ...merged, version }, version };
  });
