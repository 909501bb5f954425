import "fake-indexeddb/auto";
import Dexie from "dexie";
import { describe, expect, it } from "vitest";
import { ntb2021Sample } from "../../src/domain/templates/index.ts";
import { canonicalJson } from "../../src/domain/canonical-json.ts";
import { StorageFullError, StorageValidationError } from "../../src/storage/errors.ts";
import { verifyExport } from "../../src/storage/export-file.ts";
import { aScore, aSheet } from "../fixtures/builders.ts";
import { aBundle, MEMBER, OTHER_MEMBER, harnessPerTest, scoreIdentity, sheetIdentity } from "./helpers.ts";

const harness = harnessPerTest();

describe("exportUnacknowledged", () => {
  const prepare = async () => {
    const h = await harness();
    await h.storage.putEditionBundle(aBundle());
    const sent = await h.storage.saveScore(scoreIdentity(), { grade: { level: "B", points: null } });
    await h.storage.saveSheet(sheetIdentity(), { recommendations: "Publikasikan data" });
    await h.storage.saveSheet(sheetIdentity("p-5201", OTHER_MEMBER), { strengths: "not mine" });
    await h.storage.markHandled([{ mutationId: sent.mutation.mutationId, status: "applied", version: 1 }]);
    return h;
  };

  it("holds this member's pending mutations and current records, and verifies after a JSON round trip", async () => {
    const h = await prepare();
    const file = await h.storage.exportUnacknowledged("ed-test", MEMBER);
    expect(file).toMatchObject({
      format: "panelis-export",
      formatVersion: 1,
      exportedAt: new Date(h.clock.now()).toISOString(),
      edition: { id: "ed-test", year: 2021 },
      member: { id: MEMBER, name: "Panelis Uji" },
      deviceId: h.storage.deviceId,
    });
    expect(file.mutations.map((m) => m.table)).toEqual(["sheets"]);
    expect(file.scores).toHaveLength(1);
    expect(file.sheets.map((s) => s.memberId)).toEqual([MEMBER]);
    expect(file.checksum).toMatch(/^[0-9a-f]{64}$/);
    const roundTrip: unknown = JSON.parse(JSON.stringify(file));
    expect(await verifyExport(roundTrip)).toBe(true);
    expect(await h.storage.verifyExport(roundTrip)).toBe(true);
  });

  it("detects tampering", async () => {
    const h = await prepare();
    const file = await h.storage.exportUnacknowledged("ed-test", MEMBER);
    const tampered = JSON.parse(JSON.stringify(file));
    tampered.scores[0].level = "A";
    expect(await verifyExport(tampered)).toBe(false);
    const { mutations: _dropped, ...truncated } = file;
    expect(await verifyExport(truncated)).toBe(false);
    expect(
      await verifyExport({ ...file, checksum: file.checksum.replace(/^./, "0") === file.checksum ? "1" : "0" }),
    ).toBe(false);
    expect(await verifyExport("not a file")).toBe(false);
    expect(await verifyExport({ ...file, format: "other" })).toBe(false);
  });

  it("serialises canonically: key order and integer-like keys do not matter", () => {
    expect(canonicalJson({ b: 1, a: [{ d: undefined, c: "x" }], 10: true, 9: false })).toBe(
      '{"10":true,"9":false,"a":[{"c":"x"}],"b":1}',
    );
  });
});

describe("storage errors", () => {
  it("maps a QuotaExceededError DOMException to StorageFullError and writes nothing", async () => {
    const h = await harness({
      prepare: (db) =>
        db.outbox.hook("creating", () => {
          throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
        }),
    });
    const attempt = h.storage.saveScore(scoreIdentity(), { grade: { level: "A", points: null } });
    await expect(attempt).rejects.toBeInstanceOf(StorageFullError);
    await expect(attempt).rejects.toThrow(/storage is full/);
    expect(await h.db.scores.count()).toBe(0);
  });

  it("maps Dexie's own QuotaExceededError too", async () => {
    const h = await harness({
      prepare: (db) =>
        db.meta.hook("creating", (key) => {
          if (key === "session") throw new Dexie.QuotaExceededError("full");
        }),
    });
    await expect(h.storage.setSession({ editionId: "ed-test", memberId: MEMBER, locale: "en" })).rejects.toBeInstanceOf(
      StorageFullError,
    );
  });

  it("reports corrupted rows as repaired or skipped instead of crashing", async () => {
    const h = await harness();
    const { version: _v, ...missingVersion } = aScore();
    await h.db.scores.bulkPut([
      missingVersion as ReturnType<typeof aScore>,
      { ...aScore({ indicatorId: "ind-1.2" }), stamps: { grade: "garbage" } } as ReturnType<typeof aScore>,
      { key: "ed-test|p-5201|ind-p1|m-ketua", editionId: "ed-test", memberId: MEMBER, level: 7 } as never,
    ]);
    await h.db.sheets.put({ ...aSheet(), recused: "yes" } as never);
    const data = await h.storage.loadMemberData("ed-test", MEMBER);
    expect(data.scores.map((s) => s.indicatorId).sort()).toEqual(["ind-1.1", "ind-1.2"]);
    expect(data.scores.find((s) => s.indicatorId === "ind-1.2")?.stamps).toEqual({});
    expect(data.sheets).toEqual([]);
    expect(data.problems.map((p) => `${p.table}:${p.action}`).sort()).toEqual([
      "scores:repaired",
      "scores:repaired",
      "scores:skipped",
      "sheets:skipped",
    ]);
    expect(data.problems.every((p) => p.errors.length > 0)).toBe(true);
    expect(h.storage.loadProblems()).toHaveLength(4);
    // A change on top of a repaired row still saves.
    const saved = await h.storage.saveScore(scoreIdentity(), { note: "ok" });
    expect(saved.record.version).toBe(0);
  });
});

describe("reference data and session", () => {
  it("stores a sample edition bundle with its starting records and replaces reference rows", async () => {
    const h = await harness();
    const sample = ntb2021Sample();
    await h.storage.putEditionBundle(sample);
    const loaded = await h.storage.loadEdition(sample.edition.id);
    expect(loaded?.edition.id).toBe(sample.edition.id);
    expect(loaded?.rubric?.id).toBe(sample.rubric.id);
    expect(loaded?.participants).toHaveLength(sample.participants.length);
    expect(loaded?.members).toHaveLength(sample.members.length);
    const all = await h.storage.loadEditionData(sample.edition.id);
    expect(all.scores).toHaveLength(sample.scores.length);
    expect(all.problems).toEqual([]);
    expect(await h.storage.pendingCount()).toBe(0);

    await h.storage.putEditionBundle({ ...sample, participants: sample.participants.slice(0, 2), scores: [] });
    expect((await h.storage.loadEdition(sample.edition.id))?.participants).toHaveLength(2);
    expect((await h.storage.loadEditionData(sample.edition.id)).scores).toHaveLength(sample.scores.length);
    expect((await h.storage.listEditions()).map((e) => e.id)).toEqual([sample.edition.id]);
  });

  it("refuses an invalid bundle and keeps what was there", async () => {
    const h = await harness();
    await h.storage.putEditionBundle(aBundle());
    const bad = aBundle();
    bad.edition.provinceCode = "Nusa";
    bad.participants = bad.participants.map((p, i) => (i === 0 ? { ...p, editionId: "elsewhere" } : p));
    await expect(h.storage.putEditionBundle(bad)).rejects.toBeInstanceOf(StorageValidationError);
    expect((await h.storage.loadEdition("ed-test"))?.edition.provinceCode).toBe("52");
  });

  it("keeps the session across reopen", async () => {
    const h = await harness();
    expect(await h.storage.getSession()).toBeUndefined();
    await h.storage.setSession({ editionId: "ed-test", memberId: MEMBER, locale: "en" });
    expect(await h.storage.getSession()).toEqual({ editionId: "ed-test", memberId: MEMBER, locale: "en" });
  });

  it("reports persistence as unsupported where navigator.storage is missing", async () => {
    const h = await harness();
    expect(await h.storage.requestPersistence()).toBe("unsupported");
    expect(await h.storage.estimateUsage()).toBeNull();
  });
});
