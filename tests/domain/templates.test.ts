import { describe, expect, it } from "vitest";
import {
  checkRubric,
  checkScore,
  EditionSchema,
  MemberSchema,
  NominationRecordSchema,
  ParticipantSchema,
  RubricSchema,
  ScoreRecordSchema,
  SheetRecordSchema,
  validate,
} from "../../src/domain/schemas.ts";
import { defaultSettings } from "../../src/domain/settings.ts";
import {
  DOCUMENT_REVIEW_ID,
  type EditionBundle,
  eightAksiRubricTemplate,
  maluku2020Sample,
  NTB_2021_RECUSAL_REASON,
  ntb2021Sample,
  PAMERAN_ID,
  PAPARAN_ID,
  sampleNotice,
} from "../../src/domain/templates/index.ts";

const errorsOf = (bundle: EditionBundle): string[] => {
  const errors: string[] = [];
  const check = (r: { ok: boolean; errors?: string[] }) => errors.push(...(r.errors ?? []));
  check(validate(EditionSchema, bundle.edition));
  check(validate(RubricSchema, bundle.rubric));
  for (const p of bundle.participants) check(validate(ParticipantSchema, p));
  for (const m of bundle.members) check(validate(MemberSchema, m));
  for (const s of bundle.scores) check(validate(ScoreRecordSchema, s));
  for (const s of bundle.sheets) check(validate(SheetRecordSchema, s));
  for (const n of bundle.nominations) check(validate(NominationRecordSchema, n));
  errors.push(...checkRubric(bundle.rubric, bundle.edition.settings));
  for (const s of bundle.scores) errors.push(...checkScore(s, bundle.rubric));
  return errors;
};

describe("8 aksi rubric template", () => {
  const rubric = eightAksiRubricTemplate("template");

  it("is a valid template with document review 60, paparan 20, pameran 20", () => {
    expect(validate(RubricSchema, rubric).ok).toBe(true);
    expect(rubric.isTemplate).toBe(true);
    expect(rubric.components.map((c) => [c.id, c.team, c.scale, c.weight])).toEqual([
      [DOCUMENT_REVIEW_ID, "technical", "levels", 60],
      [PAPARAN_ID, "panel", "numeric", 20],
      [PAMERAN_ID, "panel", "numeric", 20],
    ]);
  });

  it("has three indicators per aksi, coded 1.1 … 8.3, graded A–D", () => {
    const doc = rubric.components[0];
    expect(doc?.indicators.map((i) => i.code)).toEqual(
      [1, 2, 3, 4, 5, 6, 7, 8].flatMap((a) => [`${a}.1`, `${a}.2`, `${a}.3`]),
    );
    for (const i of doc?.indicators ?? []) {
      expect(i.levels.map((l) => l.letter)).toEqual(["A", "B", "C", "D"]);
      expect(i.aksi).toBe(Number(i.code.split(".")[0]));
      for (const l of i.levels) expect(l.descriptor.en).toBeTruthy();
    }
  });

  it("carries indicator 1.1 as the published form has it", () => {
    const i11 = rubric.components[0]?.indicators[0];
    expect(i11?.text.id).toBe(
      "Kabupaten/kota menggunakan data sebaran dan cakupan stunting untuk menentukan lokasi prioritas",
    );
    expect(i11?.levels[0]?.descriptor.id).toBe("100% lokasi prioritas memiliki jumlah kasus atau prevalensi tinggi");
    expect(i11?.levels[1]?.descriptor.id).toBe(
      "Paling sedikit 75% lokasi prioritas memiliki jumlah kasus atau prevalensi tinggi",
    );
  });

  it("has the Sulawesi Utara 2022 paparan criteria on 0–100", () => {
    const paparan = rubric.components[1];
    expect(paparan?.indicators.map((i) => i.text.id)).toEqual([
      "Penguasaan masalah",
      "Pemahaman istilah",
      "Komitmen",
      "Inovasi daerah",
      "Pameran",
      "Video singkat",
      "Ketepatan waktu",
    ]);
    for (const i of paparan?.indicators ?? []) expect(i.maxPoints).toBe(100);
  });

  it("says the texts are samples", () => {
    expect(sampleNotice.id).toContain("buatan");
    expect(sampleNotice.en).toContain("made up");
  });

  it("passes the rubric check against default settings", () => {
    expect(checkRubric(rubric, defaultSettings())).toEqual([]);
  });
});

describe.each([
  ["NTB 2021", ntb2021Sample],
  ["Maluku 2020", maluku2020Sample],
])("%s sample", (_name, make) => {
  const bundle = make();

  it("passes every schema and cross-check", () => {
    expect(errorsOf(bundle)).toEqual([]);
  });

  it("is identical on every call", () => {
    expect(make()).toEqual(bundle);
  });

  it("says it is sample data", () => {
    expect(bundle.edition.isSample).toBe(true);
    expect(bundle.rubric.isTemplate).toBe(false);
    expect(bundle.edition.rubricId).toBe(bundle.rubric.id);
  });

  it("has a ketua, anggota, technical reviewers and a coordinator with fitting assignments", () => {
    const roles = bundle.members.map((m) => m.role);
    expect(roles.filter((r) => r === "ketua")).toHaveLength(1);
    expect(roles.filter((r) => r === "anggota").length).toBeGreaterThanOrEqual(4);
    expect(roles.filter((r) => r === "technical").length).toBeGreaterThanOrEqual(1);
    expect(roles).toContain("coordinator");
    const assessed = bundle.participants.filter((p) => p.role === "assessed").map((p) => p.id);
    for (const m of bundle.members) {
      const components = m.assignments.map((a) => a.componentId);
      if (m.role === "technical") expect(components).toEqual([DOCUMENT_REVIEW_ID]);
      if (m.role === "ketua" || m.role === "anggota") expect(components).toEqual([PAPARAN_ID, PAMERAN_ID]);
      for (const a of m.assignments) expect(a.participantIds).toEqual(assessed);
    }
  });

  it("only scores what members are assigned", () => {
    const members = new Map(bundle.members.map((m) => [m.id, m]));
    for (const s of bundle.scores) {
      const a = members.get(s.memberId)?.assignments.find((x) => x.componentId === s.componentId);
      expect(a?.participantIds).toContain(s.participantId);
    }
  });

  it("has unique keys and stamps from the writer's own device", () => {
    const keys = [...bundle.scores, ...bundle.sheets, ...bundle.nominations].map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);
    const stamps = [...bundle.scores, ...bundle.sheets, ...bundle.nominations].flatMap((r) => Object.values(r.stamps));
    expect(new Set(stamps).size).toBe(stamps.length);
  });
});

describe("NTB 2021 sample", () => {
  const b = ntb2021Sample();

  it("is the Lombok Timur offline session on Aksi 5–8 with ten real districts", () => {
    expect(b.edition).toMatchObject({
      provinceCode: "52",
      mode: "offline",
      startDate: "2021-07-19",
      aksiInScope: [5, 6, 7, 8],
    });
    expect(b.edition.venue).toContain("Lombok Timur");
    // The same list as tests/domain/regions.test.ts on purpose: each states its expectation literally.
    expect(b.participants.map((p) => `${p.regionCode} ${p.name}`)).toEqual([
      "5201 Lombok Barat",
      "5202 Lombok Tengah",
      "5203 Lombok Timur",
      "5204 Sumbawa",
      "5205 Dompu",
      "5206 Bima",
      "5207 Sumbawa Barat",
      "5208 Lombok Utara",
      "5271 Kota Mataram",
      "5272 Kota Bima",
    ]);
    expect(b.participants.filter((p) => p.kind === "kota").map((p) => p.regionCode)).toEqual(["5271", "5272"]);
    expect(new Set(b.participants.map((p) => p.rankingGroup)).size).toBe(1);
  });

  it("restricts document review to aksi 5–8", () => {
    const doc = b.rubric.components.find((c) => c.id === DOCUMENT_REVIEW_ID);
    expect(doc?.indicators.map((i) => i.code)).toEqual(
      ["5", "6", "7", "8"].flatMap((a) => [`${a}.1`, `${a}.2`, `${a}.3`]),
    );
  });

  it("is complete except one recusal and one unfinished sheet", () => {
    const recused = b.sheets.filter((s) => s.recused);
    expect(recused).toHaveLength(1);
    expect(recused[0]?.recusalReason).toBe(NTB_2021_RECUSAL_REASON);
    expect(
      b.scores.filter((s) => s.memberId === recused[0]?.memberId && s.participantId === recused[0]?.participantId),
    ).toEqual([]);
    const open = b.sheets.filter((s) => !s.finalised && !s.recused);
    expect(open).toHaveLength(1);
    // 10 districts × (2 technical × 12 indicators + 6 panel × 11 criteria), less 11 recused and 5 unfinished cells.
    expect(b.scores).toHaveLength(10 * (2 * 12 + 6 * 11) - 11 - 5);
    expect(b.sheets).toHaveLength(10 * 8);
  });
});

describe("Maluku 2020 sample", () => {
  const b = maluku2020Sample();

  it("is the hybrid two-day session with two cohorts and Kota Ambon observing", () => {
    expect(b.edition).toMatchObject({
      provinceCode: "81",
      mode: "hybrid",
      startDate: "2020-11-03",
      endDate: "2020-11-04",
    });
    const byGroup = (g: string) =>
      b.participants.filter((p) => p.rankingGroup.startsWith(g) && p.role === "assessed").map((p) => p.name);
    expect(byGroup("Lokus 2019")).toEqual(["Maluku Tengah", "Kepulauan Aru", "Seram Bagian Barat"]);
    expect(byGroup("Lokus 2020")).toEqual(["Maluku Barat Daya", "Seram Bagian Timur", "Maluku Tenggara"]);
    const ambon = b.participants.find((p) => p.regionCode === "8171");
    expect(ambon).toMatchObject({ name: "Kota Ambon", role: "observer", kind: "kota" });
    expect(b.scores.some((s) => s.participantId === ambon?.id)).toBe(false);
  });

  it("awards best 3 per group and the three nomination awards, with nominations to count", () => {
    expect(b.edition.settings.awards).toEqual([
      { kind: "best-n", n: 3 },
      { kind: "nomination-count", category: "inspiratif" },
      { kind: "nomination-count", category: "replikatif" },
      { kind: "nomination-count", category: "inovatif" },
    ]);
    expect(b.nominations).toHaveLength(5 * 3);
    for (const n of b.nominations) expect(n.reason).not.toBe("");
  });
});
