import { describe, expect, it } from "vitest";
import { computeResultsWithFeedback } from "../../src/domain/compute-feedback.ts";
import { computeResults } from "../../src/domain/compute-results.ts";
import { publicationContent, publish } from "../../src/domain/publication.ts";
import { maluku2020Sample } from "../../src/domain/templates/index.ts";
import { checkBackup, createBackup, type EditionBackup } from "../../src/protocol/edition-backup.ts";
import { canonicalJson } from "../../src/domain/canonical-json.ts";
import { sha256Hex } from "../../src/domain/sha256.ts";

const deps = { canonicalJson, sha256Hex };

const aBackup = async (): Promise<EditionBackup> => {
  const bundle = maluku2020Sample();
  const results = computeResultsWithFeedback(bundle);
  const plan = await publish(
    publicationContent(bundle, results),
    { publishedAt: "2020-11-04T08:00:00.000Z", publishedBy: "koordinator", latest: null },
    deps,
  );
  if (plan.kind !== "publish") throw new Error("expected a publication");
  return createBackup(
    {
      createdAt: "2020-11-04T09:00:00.000Z",
      bundle,
      audit: [
        {
          id: 1,
          at: 1_604_390_400_000,
          actorKind: "coordinator",
          actorId: "koordinator",
          deviceId: null,
          table: "sheets",
          key: "k",
          field: "finalised",
          old: true,
          new: false,
          mutationId: null,
          version: 3,
        },
      ],
      publications: [plan.publication],
    },
    deps,
  );
};

/** What a restore reads: the file as text, parsed back. */
const throughFile = (backup: unknown): unknown => JSON.parse(JSON.stringify(backup));

describe("edition backup", () => {
  it("restored from the file, gives identical results and keeps audit and publications", async () => {
    const backup = await aBackup();
    const check = await checkBackup(throughFile(backup), deps);
    if (!check.ok) throw new Error(check.reason);
    expect(computeResults(check.backup.bundle)).toEqual(computeResults(backup.bundle));
    expect(check.backup.audit).toEqual(backup.audit);
    expect(check.backup.publications[0]?.contentHash).toBe(backup.publications[0]?.contentHash);
  });

  it("refuses an edited backup before restoring anything", async () => {
    const file = throughFile(await aBackup()) as EditionBackup;
    (file.bundle.scores[0] as { level: string | null }).level = "A";
    expect(await checkBackup(file, deps)).toEqual({ ok: false, reason: "checksum-mismatch" });
  });

  it("refuses a re-signed backup whose publication no longer matches its hash", async () => {
    const { checksum: _drop, format: _f, formatVersion: _v, ...body } = throughFile(await aBackup()) as EditionBackup;
    const pub = body.publications[0] as { content: { results: { participants: { total: number | null }[] } } };
    (pub.content.results.participants[0] as { total: number | null }).total = 1;
    const resigned = await createBackup(body, deps);
    expect(await checkBackup(resigned, deps)).toEqual({ ok: false, reason: "publication-tampered", version: 1 });
  });

  it("refuses records of another edition, and a broken publication chain", async () => {
    const { checksum: _c, format: _f, formatVersion: _v, ...body } = throughFile(await aBackup()) as EditionBackup;
    const [first, ...rest] = body.bundle.participants;
    const foreign = {
      ...body,
      bundle: { ...body.bundle, participants: [{ ...first, editionId: "ed-lain" }, ...rest] },
    };
    const mixed = await checkBackup(await createBackup(foreign as typeof body, deps), deps);
    expect(mixed.ok === false && mixed.reason).toBe("mixed-editions");
    const gap = { ...body, publications: body.publications.map((p) => ({ ...p, version: 2 })) };
    expect(await checkBackup(await createBackup(gap, deps), deps)).toEqual({
      ok: false,
      reason: "publication-chain-broken",
      version: 2,
    });
  });

  it("refuses what is not a backup", async () => {
    expect(await checkBackup(null, deps)).toEqual({ ok: false, reason: "not-a-file" });
    expect(await checkBackup({ format: "panelis-export" }, deps)).toEqual({ ok: false, reason: "wrong-format" });
  });
});
