import { describe, expect, it } from "vitest";
import type { Mutation } from "../../src/protocol/mutation.ts";
import { checkRescueFile, planRescueImport, type RescueFile } from "../../src/protocol/rescue-import.ts";
import { canonicalJson } from "../../src/domain/canonical-json.ts";
import { sha256Hex } from "../../src/domain/sha256.ts";
import { type PanelisExport, signExport } from "../../src/storage/export-file.ts";
import { aMutation, TEST_DEVICE, TEST_EDITION_ID } from "../fixtures/builders.ts";

const deps = { canonicalJson, sha256Hex };

const aFile = (mutations: Mutation[]): Promise<PanelisExport> =>
  signExport({
    format: "panelis-export",
    formatVersion: 1,
    exportedAt: "2020-11-03T09:00:00.000Z",
    edition: { id: TEST_EDITION_ID, title: { id: "Penilaian Kinerja Maluku 2020 (contoh)" }, year: 2020 },
    member: { id: "m-ketua", name: "Ketua (contoh)" },
    deviceId: TEST_DEVICE,
    mutations,
    scores: [],
    sheets: [],
    nominations: [],
    refused: [],
  });

const MUTATIONS = [
  aMutation({ mutationId: "mut-a00000000000000001", seq: 1 }),
  aMutation({ table: "sheets", mutationId: "mut-a00000000000000002", seq: 2 }),
  aMutation({ mutationId: "mut-a00000000000000003", seq: 3, identity: { memberId: "m-anggota" } }),
];

describe("checking a panelist's rescue file", () => {
  it("accepts the file the tablet writes, and its type is the storage format's", async () => {
    const file = await aFile(MUTATIONS);
    const check = await checkRescueFile(file, deps, TEST_EDITION_ID);
    expect(check.ok).toBe(true);
    const sameShape: RescueFile = file;
    const back: PanelisExport = sameShape;
    expect(back).toBe(file);
  });

  it("refuses a tampered file with the reason", async () => {
    const file = await aFile(MUTATIONS);
    const tampered = JSON.parse(JSON.stringify(file));
    tampered.mutations[0].changes.grade.level = "D";
    expect(await checkRescueFile(tampered, deps)).toEqual({ ok: false, reason: "checksum-mismatch" });
    const truncated = { ...file, mutations: file.mutations.slice(1) };
    expect(await checkRescueFile(truncated, deps)).toEqual({ ok: false, reason: "checksum-mismatch" });
  });

  it("refuses what is not a rescue file, another format version, a missing checksum, another edition", async () => {
    const file = await aFile(MUTATIONS);
    expect(await checkRescueFile("[]", deps)).toEqual({ ok: false, reason: "not-a-file" });
    expect(await checkRescueFile({ ...file, format: "x" }, deps)).toEqual({ ok: false, reason: "wrong-format" });
    expect(await checkRescueFile({ ...file, formatVersion: 2 }, deps)).toEqual({
      ok: false,
      reason: "unsupported-version",
      version: 2,
    });
    expect(await checkRescueFile({ ...file, checksum: "" }, deps)).toEqual({ ok: false, reason: "checksum-missing" });
    expect(await checkRescueFile(file, deps, "ed-other")).toEqual({
      ok: false,
      reason: "wrong-edition",
      fileEditionId: TEST_EDITION_ID,
    });
  });

  it("refuses a correctly signed file whose content is invalid", async () => {
    const bad = await aFile([{ ...(MUTATIONS[0] as Mutation), key: "not-the-key" }]);
    const check = await checkRescueFile(bad, deps);
    expect(check.ok).toBe(false);
    expect(check.ok === false && check.reason).toBe("invalid-content");
  });
});

describe("planning the import", () => {
  it("classifies every change: apply, refused with reason, duplicate; importing twice applies nothing", async () => {
    const file = await aFile([...MUTATIONS, MUTATIONS[0] as Mutation]);
    const check = await checkRescueFile(file, deps);
    if (!check.ok) throw new Error(check.reason);
    const applied = new Set<string>();
    const context = {
      alreadyApplied: (id: string) => applied.has(id),
      authorise: (m: Mutation) => (m.table === "sheets" ? "not-assigned" : null),
    };
    const first = planRescueImport(check.file, context);
    expect(
      first.changes.map((c) => [c.mutation.mutationId, c.outcome, c.outcome === "refused" ? c.reason : null]),
    ).toEqual([
      ["mut-a00000000000000001", "apply", null],
      ["mut-a00000000000000001", "duplicate", null],
      ["mut-a00000000000000002", "refused", { authorisation: "not-assigned" }],
      ["mut-a00000000000000003", "refused", "other-member"],
    ]);
    expect(first.counts).toEqual({ apply: 1, duplicate: 1, refused: 2 });
    for (const c of first.changes) if (c.outcome === "apply") applied.add(c.mutation.mutationId);
    const second = planRescueImport(check.file, context);
    expect(second.counts.apply).toBe(0);
  });
});
