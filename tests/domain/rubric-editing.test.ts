import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffRubrics } from "../../src/domain/rubric-diff.ts";
import { errorsAt, validateRubricDraft } from "../../src/domain/rubric-validation.ts";
import { eightAksiRubricTemplate, PAPARAN_ID } from "../../src/domain/templates/index.ts";
import type { AksiNumber, Rubric } from "../../src/domain/types.ts";
import { aComponent, anIndicator, aNumericComponent, aRubric, aScore } from "../fixtures/builders.ts";

const template = (): Rubric => eightAksiRubricTemplate("e1", { aksi: [5, 6, 7, 8], isTemplate: false });

describe("rubric editor validation", () => {
  it("the 8-aksi template passes", () => {
    expect(validateRubricDraft(template())).toEqual([]);
  });

  it("weights that do not total 100 are named in words", () => {
    const r = template();
    (r.components[0] as { weight: number }).weight = 50.5;
    expect(validateRubricDraft(r, "id")).toEqual([
      { path: "weights", field: "Bobot komponen", message: "jumlahnya 90,5, harus tepat 100" },
    ]);
    expect(validateRubricDraft(r, "en")[0]?.message).toBe("add up to 90.5, must be exactly 100");
  });

  it("a duplicate code, an empty descriptor and a band gap each sit on their own field", () => {
    const r = aRubric({
      components: [
        aComponent({
          weight: 60,
          indicators: [
            anIndicator(),
            anIndicator({
              id: "ind-x",
              code: "1.1",
              levels: [
                { letter: "A", descriptor: { id: "Lengkap" } },
                { letter: "B", descriptor: { id: " " } },
              ],
            }),
          ],
        }),
        aNumericComponent({
          weight: 40,
          indicators: [
            anIndicator({
              id: "ind-p1",
              code: "P1",
              aksi: null,
              levels: [],
              bands: [
                { min: 0, max: 50, label: { id: "Kurang" }, descriptor: { id: "a" } },
                { min: 60, max: 100, label: { id: "Baik" }, descriptor: { id: "b" } },
              ],
            }),
          ],
        }),
      ],
    });
    const errors = validateRubricDraft(r, "id");
    expect(errorsAt(errors, "components.0.indicators.1.code")[0]).toMatchObject({
      field: "komponen 1 › indikator 2 › kode",
      message: "kode indikator 1.1 muncul lebih dari sekali dalam komponen ini",
    });
    expect(errorsAt(errors, "components.0.indicators.1.levels.1.descriptor.id")[0]).toMatchObject({
      field: "komponen 1 › indikator 2 › level 2 › deskripsi › bahasa Indonesia",
      message: "wajib diisi",
    });
    expect(errorsAt(errors, "components.1.indicators.0.bands.1")[0]?.message).toBe(
      "nilai 51–59 tidak masuk rentang mana pun",
    );
    expect(errors.some((e) => e.path === "weights")).toBe(false);
  });

  it("any weights that total 100 (to the cent) pass the weight rule; any others fail it", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 9000 }), { minLength: 1, maxLength: 5 }), (cents) => {
        const r = template();
        const comps = cents.map((c, i) => ({
          ...(r.components[i % 3] as Rubric["components"][number]),
          id: `c${i}`,
          weight: c / 100,
        }));
        const fixed = comps.map((c, i) => (i === comps.length - 1 ? { ...c, weight: 0 } : c));
        const rest = Math.round((100 - fixed.reduce((a, c) => a + c.weight, 0)) * 100) / 100;
        const total = cents.reduce((a, b) => a + b, 0) / 100;
        const weightErrors = (rubric: Rubric) => validateRubricDraft(rubric).filter((e) => e.path === "weights");
        if (rest > 0) {
          const ok = { ...r, components: fixed.map((c, i) => (i === fixed.length - 1 ? { ...c, weight: rest } : c)) };
          expect(weightErrors(ok)).toEqual([]);
        }
        expect(weightErrors({ ...r, components: comps }).length).toBe(Math.abs(total - 100) < 1e-9 ? 0 : 1);
      }),
    );
  });
});

describe("rubric version diff", () => {
  it("lists an added indicator, a removed one, a changed text, changed levels and a changed weight", () => {
    const before = template();
    const after = structuredClone(before);
    const doc = after.components[0];
    const paparan = after.components.find((c) => c.id === PAPARAN_ID);
    if (!doc || !paparan) throw new Error("template changed");
    doc.weight = 50;
    paparan.weight = 30;
    const removed = doc.indicators.shift();
    const first = doc.indicators[0];
    if (!first || !removed) throw new Error("template changed");
    first.text = { id: "Teks baru" };
    first.levels = first.levels.slice(0, 3);
    doc.indicators.push(anIndicator({ id: "ind-9.9", code: "9.9", aksi: 8, text: { id: "Baru" } }));
    const scores = [
      aScore({ componentId: doc.id, indicatorId: removed.id, level: "A" }),
      aScore({ componentId: doc.id, indicatorId: first.id, level: "D", memberId: "m1" }),
      aScore({ componentId: doc.id, indicatorId: first.id, level: "B", memberId: "m2" }),
      aScore({ componentId: "x", indicatorId: "nowhere", level: "A", memberId: "m3" }),
    ];
    const diff = diffRubrics(before, after, scores);
    expect(diff.changes.map((c) => c.kind)).toEqual([
      "weight",
      "indicator-removed",
      "indicator-text",
      "levels",
      "indicator-added",
      "weight",
    ]);
    expect(diff.changes[0]).toMatchObject({ kind: "weight", from: 60, to: 50 });
    expect(diff.changes[3]).toMatchObject({ from: ["A", "B", "C", "D"], to: ["A", "B", "C"] });
    // The score on the removed indicator and the D on the shortened one; the already-invalid one is not counted.
    expect(diff.needsReview).toBe(2);
  });

  it("a rubric compared with itself has no changes and sends nothing to review", () => {
    fc.assert(
      fc.property(fc.subarray<AksiNumber>([1, 2, 3, 4, 5, 6, 7, 8], { minLength: 1 }), (aksi) => {
        const r = eightAksiRubricTemplate("e", { aksi });
        const scores = r.components[0]?.indicators.map((i) =>
          aScore({ indicatorId: i.id, componentId: "doc-review", memberId: i.id }),
        );
        expect(diffRubrics(r, structuredClone(r), scores)).toEqual({ changes: [], needsReview: 0 });
      }),
    );
  });
});
