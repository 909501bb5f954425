/*
 * Two sample editions modelled on real sessions (NTB 2021, Maluku 2020), for demos,
 * screens and tests. District names and Kemendagri codes are real; panel names, scores,
 * notes and nominations are MADE UP (edition.isSample = true) and generated from a
 * seeded PRNG and fixed clocks, so every call returns exactly the same bundle.
 */
import { createClock, type Clock } from "../hlc.ts";
import { seededRandom } from "../ids.ts";
import { emptySheetRecord } from "../merge.ts";
import { nominationKey, scoreKey } from "../keys.ts";
import { defaultSettings } from "../settings.ts";
import type {
  AksiNumber,
  AwardCategory,
  Edition,
  EditionBundle,
  Member,
  MemberRole,
  NominationRecord,
  Participant,
  ParticipantRole,
  Rubric,
  ScoreRecord,
  SheetRecord,
} from "../types.ts";
import { DOCUMENT_REVIEW_ID, eightAksiRubricTemplate, PAMERAN_ID, PAPARAN_ID } from "./eight-aksi.ts";

export type { EditionBundle };

export const sampleDataNotice = {
  id: "Contoh: nama panel, nilai, catatan dan nominasi adalah buatan; nama dan kode daerah asli",
  en: "Sample: panel names, scores, notes and nominations are made up; district names and codes are real",
};

export const NTB_2021_RECUSAL_REASON = "konflik kepentingan: pernah bertugas di daerah ini";

type DistrictSeed = { code: string; name: string; group: string; role?: ParticipantRole; order?: number };
type MemberSeed = { key: string; name: string; agency: string; role: MemberRole };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const participantsOf = (prefix: string, editionId: string, seeds: DistrictSeed[]): Participant[] =>
  seeds.map((d) => ({
    id: `${prefix}-${d.code}`,
    editionId,
    regionCode: d.code,
    name: d.name,
    // Kemendagri numbers cities from 71 within a province.
    kind: Number(d.code.slice(2)) >= 71 ? "kota" : "kabupaten",
    rankingGroup: d.group,
    role: d.role ?? "assessed",
    ...(d.order !== undefined ? { order: d.order } : {}),
  }));

const membersOf = (prefix: string, editionId: string, seeds: MemberSeed[], assessed: Participant[]): Member[] => {
  const ids = assessed.map((p) => p.id);
  return seeds.map((m) => ({
    id: `${prefix}-${m.key}`,
    editionId,
    name: m.name,
    agency: m.agency,
    role: m.role,
    assignments:
      m.role === "technical"
        ? [{ componentId: DOCUMENT_REVIEW_ID, participantIds: ids }]
        : m.role === "ketua" || m.role === "anggota"
          ? [
              { componentId: PAPARAN_ID, participantIds: ids },
              { componentId: PAMERAN_ID, participantIds: ids },
            ]
          : [],
  }));
};

const STRENGTHS = [
  "Komitmen kepala daerah kuat dan terlihat dalam anggaran.",
  "Data lokus lengkap dan mutakhir.",
  "KPM aktif di hampir semua desa lokus.",
  "Paparan runtut dan didukung data.",
  "Inovasi kelas ibu balita layak direplikasi.",
  "Koordinasi lintas perangkat daerah berjalan baik.",
];

const RECOMMENDATIONS = [
  "Lengkapi unggahan dokumen di web monitoring.",
  "Perbarui data e-PPGBM setiap bulan.",
  "Perluas pelatihan KPM ke desa non-lokus.",
  "Publikasikan data prevalensi per desa.",
  "Tindak lanjuti hasil reviu kinerja dalam RKPD.",
  "Standarkan alat ukur antropometri di posyandu.",
];

const LOW_LEVEL_NOTES = [
  "Dokumen pendukung belum diunggah lengkap.",
  "Data belum diperbarui untuk tahun berjalan.",
  "Bukti kegiatan hanya dari sebagian desa.",
];

const NOMINATION_REASONS: Record<AwardCategory, string[]> = {
  inspiratif: ["Kepemimpinan bupati menggerakkan semua perangkat daerah.", "Keterlibatan tokoh agama sangat menonjol."],
  replikatif: ["Mekanisme pendataan desa mudah ditiru daerah lain.", "Format rembuk desa sederhana dan efektif."],
  inovatif: ["Aplikasi pemantauan balita berbasis posyandu.", "Gerakan pangan lokal untuk ibu hamil."],
};

type GenerateOptions = {
  prefix: string;
  edition: Edition;
  rubric: Rubric;
  participants: Participant[];
  members: Member[];
  seed: number;
  /** When each participant's session starts (UTC millis); technical review happens days before. */
  sessionStart: (p: Participant) => number;
  /** Cells deliberately left empty. */
  skip?: (memberId: string, participantId: string, indicatorId: string) => boolean;
  recusals?: Array<{ memberId: string; participantId: string; reason: string }>;
  unfinished?: Array<{ memberId: string; participantId: string }>;
  nominations?: boolean;
};

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const levelFor = (x: number): string => (x >= 0.8 ? "A" : x >= 0.6 ? "B" : x >= 0.4 ? "C" : "D");

const generate = (o: GenerateOptions): Pick<EditionBundle, "scores" | "sheets" | "nominations"> => {
  const random = seededRandom(o.seed);
  const quality = new Map(o.participants.map((p) => [p.id, 0.3 + 0.65 * random()]));
  const bias = new Map(o.members.map((m) => [m.id, (random() - 0.5) * 0.15]));
  const components = new Map(o.rubric.components.map((c) => [c.id, c]));
  const recused = new Set((o.recusals ?? []).map((r) => `${r.memberId}|${r.participantId}`));
  const unfinished = new Set((o.unfinished ?? []).map((r) => `${r.memberId}|${r.participantId}`));
  const scores: ScoreRecord[] = [];
  const sheets: SheetRecord[] = [];
  const nominations: NominationRecord[] = [];

  o.members.forEach((member, mi) => {
    let wall = 0;
    const clock: Clock = createClock(`${o.prefix}dev${String(mi + 1).padStart(2, "0")}`, () => wall);
    const tick = () => {
      wall += 20_000 + Math.floor(random() * 70_000);
      return clock.now();
    };
    for (const participant of o.participants) {
      const assigned = member.assignments.filter((a) => a.participantIds.includes(participant.id));
      if (assigned.length === 0) continue;
      const pairKey = `${member.id}|${participant.id}`;
      const technical = member.role === "technical";
      wall = Math.max(wall, o.sessionStart(participant) - (technical ? 5 * DAY : 0) + mi * 60_000);
      const q = (quality.get(participant.id) ?? 0.5) + (bias.get(member.id) ?? 0);
      let written = 0;
      let expected = 0;
      if (!recused.has(pairKey)) {
        for (const assignment of assigned) {
          const component = components.get(assignment.componentId);
          if (!component) continue;
          for (const indicator of component.indicators) {
            expected++;
            if (o.skip?.(member.id, participant.id, indicator.id)) continue;
            const x = q + (random() - 0.5) * 0.35;
            const level = component.scale === "levels" ? levelFor(x) : null;
            const points =
              component.scale === "numeric"
                ? Math.max(0, Math.min(indicator.maxPoints ?? 100, Math.round(50 + 45 * (q + (random() - 0.5) * 0.2))))
                : null;
            const note = level === "C" || level === "D" ? pick(random, LOW_LEVEL_NOTES) : "";
            const gradeStamp = tick();
            scores.push({
              key: scoreKey(o.edition.id, participant.id, indicator.id, member.id),
              editionId: o.edition.id,
              participantId: participant.id,
              componentId: component.id,
              indicatorId: indicator.id,
              memberId: member.id,
              level,
              points,
              note,
              rubricVersion: o.rubric.version,
              stamps: note ? { grade: gradeStamp, note: tick() } : { grade: gradeStamp },
              version: 0,
            });
            written++;
          }
        }
      }
      const sheet: SheetRecord = emptySheetRecord({
        editionId: o.edition.id,
        participantId: participant.id,
        memberId: member.id,
      });
      const recusal = o.recusals?.find((r) => r.memberId === member.id && r.participantId === participant.id);
      // A panelist who has entered nothing for a district has no sheet yet either.
      if (!recusal && written === 0) continue;
      if (recusal) {
        sheet.recused = true;
        sheet.recusalReason = recusal.reason;
        sheet.stamps = { recused: tick(), recusalReason: tick() };
      } else if (unfinished.has(pairKey) || written < expected) {
        sheet.strengths = pick(random, STRENGTHS);
        sheet.stamps = { strengths: tick() };
      } else {
        sheet.strengths = pick(random, STRENGTHS);
        sheet.recommendations = pick(random, RECOMMENDATIONS);
        sheet.finalised = true;
        sheet.stamps = { strengths: tick(), recommendations: tick(), finalised: tick() };
      }
      sheets.push(sheet);
    }

    if (o.nominations && (member.role === "ketua" || member.role === "anggota")) {
      const assessed = o.participants.filter((p) => p.role === "assessed");
      for (const category of ["inspiratif", "replikatif", "inovatif"] as const) {
        // Better districts are likelier picks, so the tallies have a clear but not unanimous winner.
        const ranked = [...assessed].sort((a, b) => (quality.get(b.id) ?? 0) - (quality.get(a.id) ?? 0));
        const chosen = ranked[Math.min(ranked.length - 1, Math.floor(random() * random() * ranked.length))];
        if (!chosen) continue;
        nominations.push({
          key: nominationKey(o.edition.id, chosen.id, member.id, category),
          editionId: o.edition.id,
          participantId: chosen.id,
          memberId: member.id,
          category,
          nominated: true,
          reason: pick(random, NOMINATION_REASONS[category]),
          stamps: { nominated: tick(), reason: tick() },
          version: 0,
        });
      }
    }
  });
  return { scores, sheets, nominations };
};

const NTB_DISTRICTS: DistrictSeed[] = [
  { code: "5201", name: "Lombok Barat" },
  { code: "5202", name: "Lombok Tengah" },
  { code: "5203", name: "Lombok Timur" },
  { code: "5204", name: "Sumbawa" },
  { code: "5205", name: "Dompu" },
  { code: "5206", name: "Bima" },
  { code: "5207", name: "Sumbawa Barat" },
  { code: "5208", name: "Lombok Utara" },
  { code: "5271", name: "Kota Mataram" },
  { code: "5272", name: "Kota Bima" },
].map((d, i) => ({ ...d, group: "Kabupaten/Kota NTB", order: i + 1 }));

const NTB_MEMBERS: MemberSeed[] = [
  { key: "ketua", name: "Ir. Baiq Nurhayati, M.Si.", agency: "Bappeda Provinsi NTB", role: "ketua" },
  { key: "anggota-1", name: "dr. I Made Suryawan, M.Kes.", agency: "Dinas Kesehatan Provinsi NTB", role: "anggota" },
  {
    key: "anggota-2",
    name: "Hj. Siti Aminah, S.Sos.",
    agency: "Dinas Pemberdayaan Masyarakat dan Desa Provinsi NTB",
    role: "anggota",
  },
  { key: "anggota-3", name: "Drs. Lalu Hamdani", agency: "Perwakilan BKKBN Provinsi NTB", role: "anggota" },
  { key: "anggota-4", name: "Dr. Rina Kartikasari, M.P.H.", agency: "Perguruan tinggi (contoh)", role: "anggota" },
  {
    key: "anggota-5",
    name: "Ahmad Zulkarnain, S.K.M.",
    agency: "Lembaga swadaya masyarakat (contoh)",
    role: "anggota",
  },
  { key: "teknis-1", name: "Nurul Hidayati, S.T.", agency: "Bappeda Provinsi NTB (Tim Teknis)", role: "technical" },
  {
    key: "teknis-2",
    name: "Yusuf Ramadhan, S.Kom.",
    agency: "Dinas Kominfotik Provinsi NTB (Tim Teknis)",
    role: "technical",
  },
  { key: "koordinator", name: "Wahyu Prasetyo, S.E.", agency: "Sekretariat Bappeda Provinsi NTB", role: "coordinator" },
];

/** NTB 2021: Aksi 5–8, ten districts, offline, one ranking group; one recusal and one unfinished sheet. */
export const ntb2021Sample = (): EditionBundle => {
  const prefix = "ntb21";
  const editionId = "sample-ntb-2021";
  const aksi: AksiNumber[] = [5, 6, 7, 8];
  const rubric = eightAksiRubricTemplate(editionId, { aksi, isTemplate: false });
  const edition: Edition = {
    id: editionId,
    provinceCode: "52",
    provinceName: "Nusa Tenggara Barat",
    year: 2021,
    periodAssessed: "2020",
    title: {
      id: "Penilaian Kinerja Aksi Konvergensi Penurunan Stunting Kabupaten/Kota Provinsi NTB Tahun 2021 (contoh)",
      en: "Performance assessment of the stunting convergence actions, NTB districts, 2021 (sample)",
    },
    aksiInScope: aksi,
    mode: "offline",
    startDate: "2021-07-19",
    endDate: "2021-07-19",
    venue: "Aula Bappeda Kabupaten Lombok Timur, Selong",
    rubricId: rubric.id,
    settings: { ...defaultSettings(), tieBreak: [{ kind: "component", componentId: DOCUMENT_REVIEW_ID }] },
    isSample: true,
  };
  const participants = participantsOf(prefix, editionId, NTB_DISTRICTS);
  const members = membersOf(prefix, editionId, NTB_MEMBERS, participants);
  const anggota2 = `${prefix}-anggota-2`;
  const anggota4 = `${prefix}-anggota-4`;
  const lombokTimur = `${prefix}-5203`;
  const kotaBima = `${prefix}-5272`;
  // Session start 08:30 WITA (00:30 UTC); each district presents for 45 minutes.
  const dayStart = Date.UTC(2021, 6, 19, 0, 30);
  const generated = generate({
    prefix,
    edition,
    rubric,
    participants,
    members,
    seed: 20210719,
    sessionStart: (p) => dayStart + ((p.order ?? 1) - 1) * 45 * 60_000,
    recusals: [{ memberId: anggota2, participantId: lombokTimur, reason: NTB_2021_RECUSAL_REASON }],
    unfinished: [{ memberId: anggota4, participantId: kotaBima }],
    skip: (memberId, participantId, indicatorId) =>
      memberId === anggota4 &&
      participantId === kotaBima &&
      ["crit-P5", "crit-P6", "crit-P7", "crit-V3", "crit-V4"].includes(indicatorId),
  });
  return { edition, rubric, participants, members, ...generated };
};

const MALUKU_DISTRICTS: DistrictSeed[] = [
  { code: "8101", name: "Maluku Tengah", group: "Lokus 2019 (Aksi 5–8)", order: 1 },
  { code: "8107", name: "Kepulauan Aru", group: "Lokus 2019 (Aksi 5–8)", order: 2 },
  { code: "8106", name: "Seram Bagian Barat", group: "Lokus 2019 (Aksi 5–8)", order: 3 },
  { code: "8108", name: "Maluku Barat Daya", group: "Lokus 2020 (Aksi 1–4)", order: 4 },
  { code: "8105", name: "Seram Bagian Timur", group: "Lokus 2020 (Aksi 1–4)", order: 5 },
  { code: "8102", name: "Maluku Tenggara", group: "Lokus 2020 (Aksi 1–4)", order: 6 },
  { code: "8171", name: "Kota Ambon", group: "Lokus 2021 (peninjau)", role: "observer" },
];

// Deliberately the same shape as NTB_MEMBERS: each sample's panel is data written out in full, not generated.
const MALUKU_MEMBERS: MemberSeed[] = [
  { key: "ketua", name: "Ir. Maria Pattiasina, M.Si.", agency: "Bappeda Provinsi Maluku", role: "ketua" },
  { key: "anggota-1", name: "dr. Abdul Rahman Tuasikal", agency: "Dinas Kesehatan Provinsi Maluku", role: "anggota" },
  {
    key: "anggota-2",
    name: "Yohana Lekatompessy, S.Sos.",
    agency: "Dinas Pemberdayaan Masyarakat dan Desa Provinsi Maluku",
    role: "anggota",
  },
  { key: "anggota-3", name: "Ronald Sahetapy, S.E.", agency: "Perwakilan BKKBN Provinsi Maluku", role: "anggota" },
  { key: "anggota-4", name: "Dr. Fatima Rumalutur, M.Kes.", agency: "Perguruan tinggi (contoh)", role: "anggota" },
  {
    key: "teknis-1",
    name: "Hendrik Matulessy, S.T.",
    agency: "Bappeda Provinsi Maluku (Tim Teknis)",
    role: "technical",
  },
  {
    key: "koordinator",
    name: "Nurlaila Tuharea, S.IP.",
    agency: "Sekretariat Bappeda Provinsi Maluku",
    role: "coordinator",
  },
];

/**
 * Maluku 2020: hybrid over two days, two locus cohorts ranked separately, Kota Ambon as an
 * unranked observer, best-3 per group plus the three nomination awards. Day two's paparan
 * and pameran are only partly entered (two online panelists have not synced yet).
 */
export const maluku2020Sample = (): EditionBundle => {
  const prefix = "mlk20";
  const editionId = "sample-maluku-2020";
  const rubric = eightAksiRubricTemplate(editionId, { isTemplate: false });
  // Spelt out like NTB's on purpose: a sample edition is read as a whole against the session it models.
  const edition: Edition = {
    id: editionId,
    provinceCode: "81",
    provinceName: "Maluku",
    year: 2020,
    periodAssessed: "2019",
    title: {
      id: "Penilaian Kinerja 8 Aksi Konvergensi Penurunan Stunting Kabupaten/Kota Provinsi Maluku Tahun 2020 (contoh)",
      en: "Performance assessment of the 8 convergence actions, Maluku districts, 2020 (sample)",
    },
    aksiInScope: [1, 2, 3, 4, 5, 6, 7, 8],
    mode: "hybrid",
    startDate: "2020-11-03",
    endDate: "2020-11-04",
    venue: "Ruang rapat Bappeda Provinsi Maluku, Ambon (tatap muka dan daring)",
    rubricId: rubric.id,
    settings: {
      ...defaultSettings(),
      tieBreak: [
        { kind: "component", componentId: DOCUMENT_REVIEW_ID },
        { kind: "component", componentId: PAPARAN_ID },
      ],
      awards: [
        { kind: "best-n", n: 3 },
        { kind: "nomination-count", category: "inspiratif" },
        { kind: "nomination-count", category: "replikatif" },
        { kind: "nomination-count", category: "inovatif" },
      ],
    },
    isSample: true,
  };
  const participants = participantsOf(prefix, editionId, MALUKU_DISTRICTS);
  const assessed = participants.filter((p) => p.role === "assessed");
  const members = membersOf(prefix, editionId, MALUKU_MEMBERS, assessed);
  const notYetSynced = new Set([`${prefix}-anggota-3`, `${prefix}-anggota-4`]);
  const dayTwo = new Set(assessed.filter((p) => (p.order ?? 0) > 3).map((p) => p.id));
  // 09:00 WIT (00:00 UTC) each day, 90 minutes per district.
  const day1 = Date.UTC(2020, 10, 3, 0, 0);
  const generated = generate({
    prefix,
    edition,
    rubric,
    participants: assessed,
    members,
    seed: 20201103,
    sessionStart: (p) => {
      const order = p.order ?? 1;
      return order > 3 ? day1 + DAY + (order - 4) * 90 * 60_000 : day1 + (order - 1) * 90 * 60_000;
    },
    skip: (memberId, participantId) => notYetSynced.has(memberId) && dayTwo.has(participantId),
    nominations: true,
  });
  return { edition, rubric, participants, members, ...generated };
};
