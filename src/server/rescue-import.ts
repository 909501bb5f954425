/*
 * Importing a panelist's last-resort file (the tablet's "Ekspor data" file) on the
 * coordinator's word. Invariants:
 * - The file's checksum is verified before anything in it is read; a tampered file
 *   is refused with the reason (400 `rescue-file-invalid`) and nothing is written.
 * - Every change goes through the push path (`handlePush`: one transaction, the same
 *   authorisation, idempotency by mutation id) on behalf of the device that wrote it,
 *   so importing the same file twice applies nothing the second time, and a tablet that
 *   later pushes the same changes gets them back as duplicates.
 * - Each change is reported: applied, duplicate or refused (with the reason).
 */
import { auditBy } from "./actor-audit.ts";
import type { Locale } from "../domain/types.ts";
import type { RescueChangeReport, RescueImportResponse } from "../protocol/recovery.ts";
import { checkRescueFile, planRescueImport, type RescueFile } from "../protocol/rescue-import.ts";
import type { PushResult } from "../protocol/wire.ts";
import type { Actor } from "./editions.ts";
import { HASH_DEPS } from "./hash-deps.ts";
import { ApiError } from "./errors.ts";
import { changeRefusalText, fileRefusalText } from "./file-refusal.ts";
import { handlePush } from "./push.ts";
import type { DeviceEntity, Store } from "./store/store-types.ts";

/** Throws 400 `rescue-file-invalid` with the first failing check, worded. */
export const parseRescueFile = async (data: unknown, editionId: string, locale: Locale): Promise<RescueFile> => {
  const checked = await checkRescueFile(data, HASH_DEPS, editionId);
  if (checked.ok) return checked.file;
  const { ok: _ok, ...refusal } = checked;
  throw new ApiError("rescue-file-invalid", { ...refusal, reasonText: fileRefusalText(refusal, locale) });
};

/**
 * The device the file names, as the push sees it. A tablet whose token was revoked (or a
 * server restored without device rows) is still the writer of its changes: the coordinator
 * vouches for the file, the push checks each change as it would from that tablet.
 */
const writerOf = async (store: Store, file: RescueFile, now: number): Promise<DeviceEntity | null> => {
  const known = await store.devices.byId(file.deviceId);
  if (known) return known.editionId === file.edition.id && known.memberId === file.member.id ? known : null;
  // A device row as enrolment would have made it (tests/server/instances.test.ts builds one the same way on purpose).
  return {
    id: file.deviceId,
    editionId: file.edition.id,
    memberId: file.member.id,
    name: "",
    createdAt: now,
    revokedAt: null,
    revokedReason: null,
    lastSeq: 0,
    lastSeenAt: null,
    pendingCount: null,
    pendingAt: null,
  };
};

const fromPush = (base: Omit<RescueChangeReport, "outcome">, result: PushResult): RescueChangeReport => {
  switch (result.status) {
    case "applied":
      return { ...base, outcome: "applied" };
    case "conflict":
      // Handled: the server already held a later write of the same fields, which stays.
      return { ...base, outcome: "applied", pushStatus: "conflict" };
    case "duplicate":
      return { ...base, outcome: "duplicate", ...(result.originalStatus ? { pushStatus: result.originalStatus } : {}) };
    case "rejected":
      return {
        ...base,
        outcome: "refused",
        ...(result.reasonCode ? { reasonCode: result.reasonCode } : {}),
        ...(result.reason ? { reason: result.reason } : {}),
      };
  }
};

export const importRescueFile = async (
  store: Store,
  file: RescueFile,
  actor: Actor,
  now: number,
  locale: Locale,
): Promise<RescueImportResponse> => {
  const device = await writerOf(store, file, now);
  const seen = await store.seen.getMany(file.mutations.map((m) => m.mutationId));
  const plan = planRescueImport(file, {
    // The push decides again inside its transaction; this only keeps duplicates out of it.
    alreadyApplied: (id) => seen.get(id)?.deviceId === file.deviceId,
    authorise: () => (device ? null : "other-device"),
  });
  const toPush = plan.changes.flatMap((c) => (c.outcome === "apply" ? [c.mutation] : []));
  const pushed = new Map<string, PushResult>();
  if (device && toPush.length > 0) {
    const response = await handlePush({ store, device, mutations: toPush, now, locale });
    for (const r of response.results) pushed.set(r.mutationId, r);
  }
  const changes = plan.changes.map((c): RescueChangeReport => {
    const base = {
      mutationId: c.mutation.mutationId,
      table: c.mutation.table,
      participantId: c.mutation.identity.participantId,
    };
    if (c.outcome === "duplicate") return { ...base, outcome: "duplicate" };
    if (c.outcome === "refused") {
      const code = typeof c.reason === "string" ? c.reason : "other-device";
      return { ...base, outcome: "refused", reasonCode: code, reason: changeRefusalText(code, locale) };
    }
    const result = pushed.get(c.mutation.mutationId);
    if (!result) throw new Error(`rescue import: no push result for ${c.mutation.mutationId}`);
    return fromPush(base, result);
  });
  const counts = { applied: 0, duplicate: 0, refused: 0 };
  for (const c of changes) counts[c.outcome]++;
  // Only a write is audited, so importing the same file again leaves the log as it was.
  if (counts.applied > 0) {
    await store.tx((s) =>
      auditBy(
        s,
        file.edition.id,
        actor,
        now,
      )({
        deviceId: file.deviceId,
        table: "devices",
        key: file.deviceId,
        field: "rescue-import",
        old: null,
        new: { memberId: file.member.id, exportedAt: file.exportedAt, checksum: file.checksum, ...counts },
        version: null,
      }),
    );
  }
  return { editionId: plan.editionId, memberId: plan.memberId, deviceId: plan.deviceId, counts, changes };
};
