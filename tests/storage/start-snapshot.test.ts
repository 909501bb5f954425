import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { readStartSnapshot } from "../../src/storage/start.ts";
import {
  aBundle,
  databaseNames,
  harnessPerTest,
  MEMBER,
  scoreIdentity,
  sheetIdentity,
  uniqueDbName,
} from "./helpers.ts";

const harness = harnessPerTest();

describe("the start snapshot (the first screen's one read, without Dexie)", () => {
  it("is the empty device on a first visit, and leaves no database behind for Dexie to trip over", async () => {
    const name = uniqueDbName("fresh");
    expect(await readStartSnapshot(name)).toEqual({
      session: null,
      enrolment: null,
      editions: [],
      reference: null,
      memberData: null,
    });
    expect(await databaseNames()).not.toContain(name);
  });

  it("gives what a Dexie restore gives on a database that exists but holds nothing yet", async () => {
    const h = await harness();
    expect(await readStartSnapshot(h.name)).toEqual({
      session: (await h.storage.getSession()) ?? null,
      enrolment: (await h.storage.getEnrolment()) ?? null,
      editions: await h.storage.listEditions(),
      reference: null,
      memberData: null,
    });
  });

  it("gives what the Dexie reads give: session, enrolment, editions, the edition and the member's records", async () => {
    const h = await harness();
    const bundle = aBundle();
    await h.storage.putEditionBundle(bundle);
    await h.storage.setEnrolment({ editionId: bundle.edition.id, memberId: MEMBER });
    await h.storage.setSession({ editionId: bundle.edition.id, memberId: MEMBER, locale: "en" });
    await h.storage.saveScore(scoreIdentity(), { grade: { level: "B", points: null } });
    await h.storage.saveSheet(sheetIdentity(), { strengths: "Data lengkap" });

    const snapshot = await readStartSnapshot(h.name);
    expect(snapshot?.session).toEqual(await h.storage.getSession());
    expect(snapshot?.enrolment).toEqual({ editionId: bundle.edition.id, memberId: MEMBER });
    expect(snapshot?.editions).toEqual(await h.storage.listEditions());
    expect(snapshot?.reference).toEqual(await h.storage.loadEdition(bundle.edition.id));
    const data = await h.storage.loadMemberData(bundle.edition.id, MEMBER);
    expect(snapshot?.memberData).toEqual(data);
    expect(snapshot?.memberData?.scores.map((s) => s.level)).toEqual(["B"]);
    expect(snapshot?.memberData?.sheets.map((s) => s.strengths)).toEqual(["Data lengkap"]);
  });

  it("repairs or skips a damaged record the way every Dexie read does", async () => {
    const h = await harness();
    const bundle = aBundle();
    await h.storage.putEditionBundle(bundle);
    await h.storage.setSession({ editionId: bundle.edition.id, memberId: MEMBER, locale: "id" });
    const { record } = await h.storage.saveScore(scoreIdentity(), { grade: { level: "B", points: null } });
    await h.db.scores.put({ ...record, stamps: "broken" } as unknown as typeof record);
    await h.db.scores.put({
      key: "garbage",
      editionId: bundle.edition.id,
      memberId: MEMBER,
    } as unknown as typeof record);

    const snapshot = await readStartSnapshot(h.name);
    const data = await h.storage.loadMemberData(bundle.edition.id, MEMBER);
    expect(snapshot?.memberData?.scores).toEqual(data.scores);
    expect(snapshot?.memberData?.problems.map((p) => [p.key, p.action])).toEqual(
      data.problems.map((p) => [p.key, p.action]),
    );
    expect(snapshot?.memberData?.problems.some((p) => p.action === "skipped")).toBe(true);
  });

  it("has no edition data without a session, and leaves a practice session to the Dexie path", async () => {
    const h = await harness();
    await h.storage.putEditionBundle(aBundle());
    const none = await readStartSnapshot(h.name);
    expect(none).toMatchObject({ session: null, reference: null, memberData: null });
    expect(none?.editions.map((e) => e.id)).toEqual(["ed-test"]);
    await h.storage.setSession({ editionId: "ed-test", memberId: MEMBER, locale: "id", practice: true });
    expect(await readStartSnapshot(h.name)).toBeNull();
  });

  it("does not keep the database open: Dexie can still upgrade or delete it", async () => {
    const h = await harness();
    await h.storage.putEditionBundle(aBundle());
    await readStartSnapshot(h.name);
    h.storage.close();
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.deleteDatabase(h.name);
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error);
      request.onblocked = () => reject(new Error("blocked by an open connection"));
    });
    expect(await databaseNames()).not.toContain(h.name);
  });
});
