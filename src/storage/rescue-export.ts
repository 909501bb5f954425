/*
 * The last-resort rescue file: this member's pending changes, records and the changes
 * the server refused (what was typed, when, why, and what the server holds), signed.
 * A rescue file must still be producible when reference data is missing, so absent
 * names degrade to ids.
 */
import type { StorageContext } from "./context.ts";
import { guard } from "./errors.ts";
import { signExport, verifyExport } from "./export-file.ts";
import type { PanelisStorage } from "./storage-types.ts";

export const createRescueExport = (
  ctx: StorageContext,
): Pick<PanelisStorage, "exportUnacknowledged" | "verifyExport"> => {
  const { db, loadRange, deviceId, wallClock } = ctx;
  return {
    exportUnacknowledged: async (editionId, memberId) => {
      const gathered = await guard(() =>
        db.transaction(
          "r",
          [db.editions, db.members, db.outbox, db.scores, db.sheets, db.nominations, db.notices],
          async () => {
            const edition = await db.editions.get(editionId);
            const member = await db.members.get(memberId);
            const pending = (await db.outbox.where("[editionId+memberId]").equals([editionId, memberId]).toArray())
              .filter((row) => row.status === "pending")
              .sort((a, b) => a.seq - b.seq);
            const data = await loadRange([editionId, memberId], [editionId, memberId]);
            const notices = await db.notices.where("[editionId+memberId]").equals([editionId, memberId]).toArray();
            return { edition, member, pending, data, refused: notices.filter((n) => n.kind === "rejected") };
          },
        ),
      );
      const { edition, member, pending, data, refused } = gathered;
      return signExport({
        format: "panelis-export",
        formatVersion: 1,
        exportedAt: new Date(wallClock()).toISOString(),
        edition: { id: editionId, title: edition?.title ?? { id: editionId }, year: edition?.year ?? null },
        member: { id: memberId, name: member?.name ?? memberId },
        deviceId,
        mutations: pending.map((row) => row.mutation),
        scores: data.scores,
        sheets: data.sheets,
        nominations: data.nominations,
        refused: refused.map((n) => ({
          mutationId: n.mutationId,
          participantId: n.participantId,
          table: n.table,
          recordKey: n.recordKey,
          subjectId: n.subjectId ?? null,
          typed: n.previous,
          typedAt: n.typedAt ?? null,
          reasonCode: n.reasonCode ?? null,
          reason: n.reason,
          serverNow: n.current,
        })),
      });
    },

    verifyExport,
  };
};
