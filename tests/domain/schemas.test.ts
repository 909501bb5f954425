import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkRubric,
  checkScore,
  EditionSchema,
  EditionSettingsSchema,
  MemberSchema,
  type MutationData,
  MutationSchema,
  NominationRecordSchema,
  NOTE_MAX,
  ParticipantSchema,
  RubricSchema,
  repairNominationRecord,
  repairScoreRecord,
  repairSheetRecord,
  ScoreRecordSchema,
  SheetRecordSchema,
  validate,
} from "../../src/domain/schemas.ts";
import { defaultSettings } from "../../src/domain/settings.ts";
import { maluku2020Sample, ntb2021Sample } from "../../src/domain/templates/index.ts";
import type { Mutation } from "../../src/protocol/mutation.ts";
import {
  aComponent,
  aMember,
  aMutation,
  anEdition,
  anIndicator,
  aNomination,
  aParticipant,
  aRubric,
  aScore,
  aSheet,
  stampAt,
} from "../fixtures/builders.ts";

const errors = (r: { ok: boolean; errors?: string[] }): string[] => (r.ok ? [] : (r.errors ?? []));

describe("the protocol's Mutation and the domain's MutationData are the same shape", () => {
  it("assigns both ways (checked by tsc)", () => {
    const toDomain = (m: Mutation): MutationData => m;
    const toProtocol = (m: MutationData): Mutation => m;
    const m = aMutation();
    expect(toProtocol(toDomain(m))).toBe(m);
  });
});

describe("valid records pass", () => {
  it.each([
    ["edition", EditionSchema, anEdition()],
    ["settings", EditionSettingsSchema, defaultSettings()],
    ["rubric", RubricSchema, aRubric()],
    ["participant", ParticipantSchema, aParticipant()],
    ["member", MemberSchema, aMember()],
    ["score", ScoreRecordSchema, aScore()],
    [
      "numeric score",
      ScoreRecordSchema,
      aScore({ level: null, points: 87.5, indicatorId: "ind-p1", componentId: "cmp-paparan" }),
    ],
    ["sheet", SheetRecordSchema, aSheet()],
    ["nomination", NominationRecordSchema, aNomination()],
    ["score mutation", MutationSchema, aMutation()],
    ["sheet mutation", MutationSchema, aMutation({ table: "sheets", changes: { recused: true, recusalReason: "x" } })],
    ["nomination mutation", MutationSchema, aMutation({ table: "nominations" })],
  ] as const)("%s", (_name, schema, value) => {
    expect(errors(validate(schema, value))).toEqual([]);
  });

  it.each([
    ["NTB 2021", ntb2021Sample],
    ["Maluku 2020", maluku2020Sample],
  ])("every record of the %s sample", (_name, make) => {
    const b = make();
    const all = [
      validate(EditionSchema, b.edition),
      validate(RubricSchema, b.rubric),
      ...b.participants.map((p) => validate(ParticipantSchema, p)),
      ...b.members.map((m) => validate(MemberSchema, m)),
      ...b.scores.map((s) => validate(ScoreRecordSchema, s)),
      ...b.sheets.map((s) => validate(SheetRecordSchema, s)),
      ...b.nominations.map((n) => validate(NominationRecordSchema, n)),
    ];
    expect(all.flatMap(errors)).toEqual([]);
  });

  it("trims identity text and drops unknown fields", () => {
    const r = validate(ParticipantSchema, { ...aParticipant(), name: "  Dompu ", extra: 1 });
    expect(r.ok && r.value.name).toBe("Dompu");
    expect(r.ok && "extra" in r.value).toBe(false);
  });
});

describe("bad input gives a worded error naming the field", () => {
  it("a grade letter in the wrong form", () => {
    expect(errors(validate(ScoreRecordSchema, aScore({ level: "a" })))).toEqual([
      "Skor › nilai (level): harus huruf kapital, mis. A, B, C, D",
    ]);
    expect(errors(validate(ScoreRecordSchema, aScore({ level: "a" }), "en"))).toEqual([
      "Score › grade level: must be a capital letter such as A, B, C, D",
    ]);
  });

  it("a grade letter that the indicator does not have", () => {
    const score = aScore({ level: "E" });
    expect(checkScore(score, aRubric())).toEqual(["Skor › nilai (level): harus salah satu dari A, B, C, D"]);
    expect(checkScore(score, aRubric(), "en")).toEqual(["Score › grade level: must be one of A, B, C, D"]);
  });

  it("points over the criterion's maximum, or a grade on the wrong scale", () => {
    const numeric = { indicatorId: "ind-p1", componentId: "cmp-paparan", level: null } as const;
    expect(checkScore(aScore({ ...numeric, points: 101 }), aRubric())).toEqual([
      "Skor › nilai (poin): paling besar 100",
    ]);
    expect(checkScore(aScore({ points: 3, level: null }), aRubric(), "en")).toEqual([
      "Score › points: is not used by component Document review",
    ]);
    expect(checkScore(aScore({ indicatorId: "nope" }), aRubric(), "en")).toEqual([
      "Score › indicator: refers to nope, which is not in the rubric",
    ]);
  });

  it("both a level and points", () => {
    expect(errors(validate(ScoreRecordSchema, aScore({ points: 3 }), "en"))).toEqual([
      "Score › points: only one of grade level or points may be set",
    ]);
  });

  it("negative points and a note that is too long", () => {
    const bad = aScore({ level: null, points: -1, note: "x".repeat(NOTE_MAX + 1) });
    expect(errors(validate(ScoreRecordSchema, bad))).toEqual([
      "Skor › nilai (poin): paling kecil 0",
      "Skor › keterangan: paling panjang 4000 karakter",
    ]);
  });

  it("a missing field and a malformed stamp", () => {
    const { memberId: _, ...noMember } = aScore();
    expect(errors(validate(ScoreRecordSchema, { ...noMember, stamps: { grade: "yesterday" } }, "en"))).toEqual([
      "Score › panel member: is required",
      "Score › timestamps › grade: is not a valid timestamp",
    ]);
  });

  it("a key that does not follow the identity", () => {
    expect(errors(validate(SheetRecordSchema, aSheet({ key: "x" }), "en"))).toEqual([
      'Assessment sheet › key: does not match the identity (expected "ed-test|p-5201|m-ketua")',
    ]);
  });

  it("a region code, a year and a date range out of bounds", () => {
    expect(errors(validate(ParticipantSchema, aParticipant({ regionCode: "520" })))).toEqual([
      "Peserta › kode wilayah: harus 2 atau 4 angka (kode Kemendagri)",
    ]);
    expect(errors(validate(EditionSchema, anEdition({ year: 2017 }), "en"))).toEqual([
      "Edition › year: must be at least 2018",
    ]);
    expect(errors(validate(EditionSchema, anEdition({ startDate: "2021-07-19", endDate: "2021-07-18" })))).toEqual([
      "Edisi › tanggal selesai: tidak boleh sebelum tanggal mulai",
    ]);
    expect(errors(validate(EditionSchema, anEdition({ startDate: "19/07/2021" }), "en"))).toEqual([
      "Edition › start date: must be a date as YYYY-MM-DD",
    ]);
  });

  it("settings out of range", () => {
    const settings = { ...defaultSettings(), precision: 5, letterValues: { A: 4, B: 0 } };
    expect(errors(validate(EditionSchema, anEdition({ settings })))).toEqual([
      "Edisi › pengaturan › nilai huruf › B: harus lebih dari 0",
      "Edisi › pengaturan › presisi (desimal): paling besar 4",
    ]);
    expect(errors(validate(EditionSettingsSchema, { ...defaultSettings(), rollUp: "sum" }, "en"))).toEqual([
      "Edition settings › roll-up: must be one of per-aksi, per-indicator",
    ]);
  });

  it("rubric: duplicate indicator codes, duplicate level letters, zero weight, empty name", () => {
    const dupCode = aRubric({
      components: [aComponent({ indicators: [anIndicator(), anIndicator({ id: "ind-x" })] })],
    });
    expect(errors(validate(RubricSchema, dupCode))).toEqual([
      "Rubrik › komponen 1 › indikator 2 › kode: kode indikator 1.1 muncul lebih dari sekali dalam komponen ini",
    ]);
    const dupLetter = aRubric({
      components: [
        aComponent({
          indicators: [
            anIndicator({
              levels: [
                { letter: "A", descriptor: { id: "a" } },
                { letter: "A", descriptor: { id: "b" } },
              ],
            }),
          ],
        }),
      ],
    });
    expect(errors(validate(RubricSchema, dupLetter, "en"))).toEqual([
      "Rubric › component 1 › indicator 1 › level 2 › letter: level letter A appears more than once",
    ]);
    const weightless = aRubric({ components: [aComponent({ weight: 0, name: { id: " " } })] });
    expect(errors(validate(RubricSchema, weightless))).toEqual([
      "Rubrik › komponen 1 › nama › bahasa Indonesia: wajib diisi",
      "Rubrik › komponen 1 › bobot: harus lebih dari 0",
    ]);
  });

  it("rubric: the same indicator id in two components", () => {
    const r = aRubric({ components: [aComponent(), aComponent({ id: "cmp-2" })] });
    expect(errors(validate(RubricSchema, r, "en"))).toEqual([
      "Rubric › component 2 › indicator 1 › ID: id ind-1.1 is used more than once",
      "Rubric › component 2 › indicator 2 › ID: id ind-1.2 is used more than once",
    ]);
  });

  it("mutations: unknown table, empty changes, foreign stamp, wrong key", () => {
    expect(errors(validate(MutationSchema, { ...aMutation(), table: "votes" }))).toEqual([
      "Perubahan › tabel: harus salah satu dari scores, sheets, nominations",
    ]);
    expect(errors(validate(MutationSchema, aMutation({ changes: {} }), "en"))).toEqual([
      "Change › changes: contains no change",
    ]);
    expect(errors(validate(MutationSchema, aMutation({ stamp: stampAt(1, 0, "devB") }), "en"))).toEqual([
      "Change › timestamp: timestamp must come from the sending device",
    ]);
    expect(errors(validate(MutationSchema, aMutation({ key: "x" }), "en"))).toEqual([
      'Change › key: does not match the identity (expected "ed-test|p-5201|ind-1.1|m-ketua")',
    ]);
    expect(
      errors(validate(MutationSchema, aMutation({ changes: { grade: { level: "A", points: 4 } } }), "en")),
    ).toEqual(["Change › changes › grade › points: only one of grade level or points may be set"]);
  });

  it("garbage never throws", () => {
    const schemas = [
      EditionSchema,
      RubricSchema,
      ParticipantSchema,
      MemberSchema,
      ScoreRecordSchema,
      SheetRecordSchema,
      NominationRecordSchema,
      MutationSchema,
    ];
    fc.assert(
      fc.property(fc.anything(), fc.constantFrom("id" as const, "en" as const), (data, locale) => {
        for (const s of schemas) {
          const r = validate(s, data, locale);
          if (!r.ok) expect(r.errors.length).toBeGreaterThan(0);
        }
      }),
    );
  });
});

describe("checkRubric", () => {
  it("accepts the builder rubric with default settings", () => {
    expect(checkRubric(aRubric(), defaultSettings())).toEqual([]);
  });

  it("names a level letter without a value and a tie-break that points nowhere", () => {
    const settings = {
      ...defaultSettings(),
      letterValues: { A: 4, B: 3, C: 2 },
      tieBreak: [{ kind: "component" as const, componentId: "gone" }],
    };
    expect(checkRubric(aRubric(), settings, "en")).toEqual([
      "Rubric › component 1 › indicator 1 › level 4 › letter: must be one of A, B, C",
      "Rubric › component 1 › indicator 2 › level 4 › letter: must be one of A, B, C",
      "Edition settings › tie-break 1: refers to gone, which is not in the rubric",
    ]);
  });
});

describe("repair of stored records", () => {
  it("fills missing optional fields with defaults and derives the key", () => {
    const { key: _k, note: _n, stamps: _s, version: _v, points: _p, ...old } = aScore();
    const r = repairScoreRecord(old);
    expect(r.errors).toEqual([]);
    expect(r.record).toEqual(aScore({ note: "", stamps: {}, version: 0, points: null }));
  });

  it("keeps a record's data but drops a stamp it cannot read", () => {
    const r = repairSheetRecord({
      ...aSheet({ strengths: "Baik" }),
      stamps: { strengths: "kemarin", recused: stampAt() },
    });
    expect(r.record).toEqual(aSheet({ strengths: "Baik", stamps: { recused: stampAt() } }));
  });

  it("fills nomination defaults", () => {
    const { nominated: _n, reason: _r, ...old } = aNomination();
    expect(repairNominationRecord(old).record).toEqual(aNomination({ nominated: false, reason: "" }));
  });

  it("rejects what it cannot repair, with reasons, without throwing", () => {
    expect(repairScoreRecord(null)).toEqual({ record: null, errors: ["Skor: data tidak berbentuk rekaman"] });
    expect(repairSheetRecord([], "en")).toEqual({ record: null, errors: ["Assessment sheet: data is not a record"] });
    const r = repairScoreRecord({ ...aScore(), level: 7 }, "en");
    expect(r).toEqual({ record: null, errors: ["Score › grade level: must be text"] });
    fc.assert(
      fc.property(fc.anything(), (data) => {
        for (const repair of [repairScoreRecord, repairSheetRecord, repairNominationRecord]) {
          const out = repair(data);
          expect(out.record === null ? out.errors.length > 0 : out.errors.length === 0).toBe(true);
        }
      }),
    );
  });
});
