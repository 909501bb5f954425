import "fake-indexeddb/auto";
import Dexie from "dexie";
import { describe, expect, it } from "vitest";
import { CURRENT_VERSION } from "../../src/storage/db.ts";
import { deleteLocalDatabase, openStorage } from "../../src/storage/index.ts";
import { aScore, aScoreMutation, aSheet, aSheetMutation, anEdition } from "../fixtures/builders.ts";
import { MEMBER, uniqueDbName } from "./helpers.ts";

/** The v1 layout exactly as it shipped; deliberately a copy, so an edit to db.ts's v1 cannot hide here. */
const V1_STORES = {
  editions: "id",
  rubrics: "id, editionId",
  participants: "id, editionId",
  members: "id, editionId",
  scores: "key, [editionId+memberId]",
  sheets: "key, [editionId+memberId]",
  nominations: "key, [editionId+memberId]",
  outbox: "seq, &mutationId, status",
  meta: "key",
};

describe("schema upgrade v1 → v2", () => {
  it("keeps every row and fills the outbox's new fields and indexes", async () => {
    const name = uniqueDbName("upgrade");
    const v1 = new Dexie(name);
    v1.version(1).stores(V1_STORES);
    const first = aScoreMutation({ seq: 1, mutationId: "mut-v1-000000000000001", deviceId: "tabletV1" });
    const second = aSheetMutation({
      seq: 2,
      mutationId: "mut-v1-000000000000002",
      deviceId: "tabletV1",
      changes: { strengths: "lama" },
    });
    await v1.table("editions").put(anEdition());
    await v1.table("scores").put(aScore());
    await v1.table("sheets").put(aSheet({ strengths: "lama" }));
    await v1.table("outbox").bulkPut([
      { seq: 1, mutationId: first.mutationId, status: "acknowledged", mutation: first, createdAt: 1 },
      { seq: 2, mutationId: second.mutationId, status: "pending", mutation: second, createdAt: 2 },
    ]);
    await v1.table("meta").bulkPut([
      { key: "deviceId", value: "tabletV1" },
      { key: "nextSeq", value: 3 },
    ]);
    v1.close();

    const storage = await openStorage({ name });
    expect(storage.deviceId).toBe("tabletV1");
    const data = await storage.loadMemberData("ed-test", MEMBER);
    expect(data.scores).toEqual([aScore()]);
    expect(data.sheets).toEqual([aSheet({ strengths: "lama" })]);
    expect(data.problems).toEqual([]);
    expect((await storage.listEditions()).map((e) => e.id)).toEqual(["ed-test"]);

    expect(await storage.pendingCount()).toBe(1);
    expect((await storage.listPending(10)).map((p) => p.mutation.mutationId)).toEqual([second.mutationId]);
    const file = await storage.exportUnacknowledged("ed-test", MEMBER);
    expect(file.mutations).toEqual([second]);

    const next = await storage.saveSheet(
      { editionId: "ed-test", participantId: "p-5201", memberId: MEMBER },
      { recommendations: "baru" },
    );
    expect(next.mutation.seq).toBe(3);
    expect(await storage.listNotices("ed-test", MEMBER)).toEqual([]);
    storage.close();

    const raw = new Dexie(name);
    await raw.open();
    expect(raw.verno).toBe(CURRENT_VERSION);
    const rows = await raw.table("outbox").orderBy("seq").toArray();
    expect(rows[0]).toMatchObject({ editionId: "ed-test", memberId: MEMBER, table: "scores", key: first.key });
    expect(rows[1]).toMatchObject({ editionId: "ed-test", memberId: MEMBER, table: "sheets", key: second.key });
    expect(raw.table("scores").schema.idxByName["[editionId+participantId]"]).toBeDefined();
    raw.close();
    await deleteLocalDatabase(name);
  });
});
