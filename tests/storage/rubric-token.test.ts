import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import type { Rubric } from "../../src/domain/types.ts";
import { aNumericComponent, anIndicator, aRubric } from "../fixtures/builders.ts";
import { aBundle, harnessPerTest, scoreIdentity } from "./helpers.ts";

const harness = harnessPerTest();

const points = (n: number) => ({ grade: { level: null, points: n } });
const paparan = () => scoreIdentity({ indicatorId: "ind-p1" });

/** The same rubric id and version with a lower maximum: only the content changed. */
const tightened = (): Rubric =>
  aRubric({
    components: [
      aRubric().components[0] as Rubric["components"][number],
      aNumericComponent({
        indicators: [anIndicator({ id: "ind-p1", code: "P1", aksi: null, levels: [], maxPoints: 80 })],
      }),
    ],
  });

describe("a tap checks its score against the stored rubric, cached under a token", () => {
  it("sees a rubric a new bundle wrote, at the next tap", async () => {
    const h = await harness();
    await h.storage.putEditionBundle(aBundle());
    const token = (await h.db.meta.get("rubricToken:ed-test"))?.value;
    expect(typeof token).toBe("string");
    await h.storage.saveScore(paparan(), points(90));
    await h.storage.saveScore(paparan(), points(95));
    await h.storage.putEditionBundle({ ...aBundle(), rubric: tightened() });
    expect((await h.db.meta.get("rubricToken:ed-test"))?.value).not.toBe(token);
    await expect(h.storage.saveScore(paparan(), points(90))).rejects.toThrow(/80/);
    expect((await h.storage.saveScore(paparan(), points(80))).record.points).toBe(80);
  });

  it("sees a rubric a pull wrote, at the next tap", async () => {
    const h = await harness();
    await h.storage.putEditionBundle(aBundle());
    await h.storage.saveScore(paparan(), points(90));
    await h.storage.applyRemote([{ table: "rubrics", key: "rubric-test", version: 7, record: tightened() }], {
      editionId: "ed-test",
      cursor: 7,
    });
    await expect(h.storage.saveScore(paparan(), points(90))).rejects.toThrow(/80/);
  });

  it("still checks every tap against the stored rubric when the edition has no token yet (an older database)", async () => {
    const h = await harness();
    await h.storage.putEditionBundle(aBundle());
    await h.db.meta.delete("rubricToken:ed-test");
    await h.storage.saveScore(paparan(), points(90));
    await h.db.rubrics.put(tightened());
    await expect(h.storage.saveScore(paparan(), points(90))).rejects.toThrow(/80/);
  });
});
