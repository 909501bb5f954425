/*
 * The shipped starting rubric for the 8 Aksi Konvergensi: document review (technical team,
 * 60), paparan (panel, 20) and pameran / field verification (panel, 20), per Bengkulu 2023.
 *
 * Only indicator 1.1 and its levels follow a published form (Lampung 2020); the aksi names
 * follow the national guide. Every other indicator text and descriptor here is MADE UP to
 * be plausible, and the UI must show `sampleNotice` wherever it shows them.
 */
import type { AksiNumber, Indicator, Level, LocalText, Rubric, RubricComponent, ScoreBand } from "../types.ts";

export const sampleNotice: LocalText = {
  id: "Contoh: teks indikator selain 1.1 adalah buatan",
  en: "Sample: indicator texts other than 1.1 are made up",
};

export const ALL_AKSI: readonly AksiNumber[] = [1, 2, 3, 4, 5, 6, 7, 8];

export const AKSI_NAMES: Readonly<Record<AksiNumber, LocalText>> = {
  1: { id: "Analisis Situasi", en: "Situation analysis" },
  2: { id: "Penyusunan Rencana Kegiatan", en: "Activity planning" },
  3: { id: "Rembuk Stunting", en: "District stunting summit" },
  4: { id: "Peraturan Bupati/Walikota tentang Peran Desa", en: "Regent/mayor regulation on the role of villages" },
  5: {
    id: "Pembinaan Kader Pembangunan Manusia (KPM) / Pelaku dan Pemerintahan Desa",
    en: "Coaching human development cadres (KPM), village actors and governments",
  },
  6: { id: "Sistem Manajemen Data Stunting", en: "Stunting data management system" },
  7: { id: "Pengukuran dan Publikasi Data Stunting", en: "Measuring and publishing stunting data" },
  8: { id: "Reviu Kinerja Tahunan", en: "Annual performance review" },
};

export const DOCUMENT_REVIEW_ID = "doc-review";
export const PAPARAN_ID = "paparan";
export const PAMERAN_ID = "pameran";

/** Levels by share of a population: the pattern of the published 1.1 (100% / ≥75% / ≥50% / <50%). */
const shareLevels = (subject: LocalText): Level[] => [
  { letter: "A", descriptor: { id: `100% ${subject.id}`, en: `100% of ${subject.en}` } },
  {
    letter: "B",
    descriptor: { id: `Paling sedikit 75% ${subject.id}`, en: `At least 75% of ${subject.en}` },
  },
  {
    letter: "C",
    descriptor: { id: `Paling sedikit 50% ${subject.id}`, en: `At least 50% of ${subject.en}` },
  },
  { letter: "D", descriptor: { id: `Kurang dari 50% ${subject.id}`, en: `Fewer than 50% of ${subject.en}` } },
];

/** Levels for a document or event: exists, is complete, is acted upon. Made up. */
const documentLevels = (): Level[] => [
  {
    letter: "A",
    descriptor: { id: "Ada, lengkap, dan sudah ditindaklanjuti", en: "Exists, is complete and has been acted upon" },
  },
  {
    letter: "B",
    descriptor: { id: "Ada dan lengkap, belum ditindaklanjuti", en: "Exists and is complete, not yet acted upon" },
  },
  { letter: "C", descriptor: { id: "Ada tetapi belum lengkap", en: "Exists but is incomplete" } },
  { letter: "D", descriptor: { id: "Belum ada", en: "Does not exist yet" } },
];

type IndicatorSeed = {
  code: string;
  text: LocalText;
  /** A share subject gives 100/75/50 levels; absent gives document levels. */
  share?: LocalText;
  evidenceHint?: LocalText;
};

const SEEDS: Readonly<Record<AksiNumber, IndicatorSeed[]>> = {
  1: [
    {
      // The one indicator taken from a real form (Lampung 2020).
      code: "1.1",
      text: {
        id: "Kabupaten/kota menggunakan data sebaran dan cakupan stunting untuk menentukan lokasi prioritas",
        en: "The district uses stunting distribution and coverage data to choose priority locations",
      },
      share: {
        id: "lokasi prioritas memiliki jumlah kasus atau prevalensi tinggi",
        en: "priority locations have a high case count or prevalence",
      },
      evidenceHint: {
        id: "Dokumen analisis situasi dan SK penetapan lokasi prioritas",
        en: "Situation analysis document and the decree setting priority locations",
      },
    },
    {
      code: "1.2",
      text: {
        id: "Kabupaten/kota mengidentifikasi kesenjangan cakupan layanan gizi spesifik dan sensitif di lokasi prioritas",
        en: "The district identifies coverage gaps in specific and sensitive nutrition services in priority locations",
      },
      share: {
        id: "intervensi prioritas telah dianalisis kesenjangan cakupannya",
        en: "priority interventions have had their coverage gap analysed",
      },
    },
    {
      code: "1.3",
      text: {
        id: "Hasil analisis situasi dibahas lintas perangkat daerah dan dituangkan dalam rekomendasi",
        en: "Situation analysis results are discussed across agencies and written up as recommendations",
      },
    },
  ],
  2: [
    {
      code: "2.1",
      text: {
        id: "Rencana kegiatan penurunan stunting terintegrasi dalam RKPD dan Renja perangkat daerah",
        en: "The stunting reduction activity plan is integrated into the RKPD and agency work plans",
      },
      share: {
        id: "kegiatan prioritas tercantum dalam RKPD/Renja",
        en: "priority activities appear in the RKPD/Renja",
      },
    },
    {
      code: "2.2",
      text: {
        id: "Anggaran kegiatan prioritas dialokasikan ke lokasi prioritas",
        en: "The budget for priority activities is allocated to priority locations",
      },
      share: {
        id: "anggaran kegiatan prioritas dialokasikan di lokasi prioritas",
        en: "the priority activity budget is allocated in priority locations",
      },
    },
    {
      code: "2.3",
      text: {
        id: "Rencana kegiatan memuat target cakupan layanan per lokasi prioritas",
        en: "The activity plan sets service coverage targets per priority location",
      },
    },
  ],
  3: [
    {
      code: "3.1",
      text: {
        id: "Rembuk stunting kabupaten/kota melibatkan seluruh pemangku kepentingan",
        en: "The district stunting summit involves all stakeholders",
      },
      share: { id: "unsur pemangku kepentingan yang diundang hadir", en: "invited stakeholder groups attend" },
    },
    {
      code: "3.2",
      text: {
        id: "Hasil rembuk stunting dituangkan dalam deklarasi komitmen yang ditandatangani bupati/wali kota",
        en: "The summit's outcome is a commitment declaration signed by the regent/mayor",
      },
    },
    {
      code: "3.3",
      text: {
        id: "Kesepakatan rembuk stunting ditindaklanjuti dalam rencana kerja perangkat daerah",
        en: "Summit agreements are followed up in agency work plans",
      },
      share: { id: "kesepakatan rembuk telah ditindaklanjuti", en: "summit agreements have been followed up" },
    },
  ],
  4: [
    {
      code: "4.1",
      text: {
        id: "Peraturan bupati/wali kota tentang peran desa dalam penurunan stunting telah ditetapkan",
        en: "A regent/mayor regulation on the role of villages in stunting reduction is in force",
      },
    },
    {
      code: "4.2",
      text: {
        id: "Desa menganggarkan kegiatan konvergensi stunting dalam APBDes",
        en: "Villages budget stunting convergence activities in their village budgets",
      },
      share: {
        id: "desa menganggarkan kegiatan konvergensi dalam APBDes",
        en: "villages budget convergence activities in the village budget",
      },
    },
    {
      code: "4.3",
      text: {
        id: "Peraturan tentang peran desa disosialisasikan kepada pemerintah desa",
        en: "The regulation on the role of villages is explained to village governments",
      },
      share: { id: "desa telah menerima sosialisasi peraturan", en: "villages have been briefed on the regulation" },
    },
  ],
  5: [
    {
      code: "5.1",
      text: {
        id: "Setiap desa memiliki Kader Pembangunan Manusia (KPM) yang aktif",
        en: "Every village has an active human development cadre (KPM)",
      },
      share: { id: "desa memiliki KPM aktif", en: "villages have an active KPM" },
    },
    {
      code: "5.2",
      text: { id: "KPM mendapatkan peningkatan kapasitas", en: "KPMs receive capacity building" },
      share: { id: "KPM telah mengikuti pelatihan", en: "KPMs have completed training" },
    },
    {
      code: "5.3",
      text: {
        id: "Pemerintah desa melaksanakan rembuk stunting desa",
        en: "Village governments hold a village stunting summit",
      },
      share: { id: "desa melaksanakan rembuk stunting desa", en: "villages hold a village stunting summit" },
    },
  ],
  6: [
    {
      code: "6.1",
      text: {
        id: "Kabupaten/kota memiliki sistem manajemen data stunting yang terintegrasi",
        en: "The district has an integrated stunting data management system",
      },
    },
    {
      code: "6.2",
      text: {
        id: "Data cakupan layanan dari desa dikompilasi secara berkala",
        en: "Service coverage data from villages is compiled regularly",
      },
      share: {
        id: "desa melaporkan data cakupan layanan tepat waktu",
        en: "villages report service coverage data on time",
      },
    },
    {
      code: "6.3",
      text: {
        id: "Data stunting digunakan dalam pengambilan keputusan perangkat daerah",
        en: "Stunting data is used in agency decision-making",
      },
    },
  ],
  7: [
    {
      code: "7.1",
      text: {
        id: "Pengukuran pertumbuhan balita dilaksanakan di posyandu",
        en: "Child growth is measured at the community health posts (posyandu)",
      },
      share: {
        id: "balita diukur tinggi atau panjang badannya",
        en: "children under five have their height or length measured",
      },
    },
    {
      code: "7.2",
      text: {
        id: "Alat ukur antropometri di posyandu memenuhi standar",
        en: "Anthropometric equipment at the posyandu meets the standard",
      },
      share: { id: "posyandu memiliki alat ukur standar", en: "posyandu have standard equipment" },
    },
    {
      code: "7.3",
      text: {
        id: "Data prevalensi stunting dipublikasikan kepada masyarakat",
        en: "Stunting prevalence data is published to the public",
      },
    },
  ],
  8: [
    {
      code: "8.1",
      text: {
        id: "Reviu kinerja tahunan pelaksanaan konvergensi dilaksanakan",
        en: "An annual review of convergence performance is held",
      },
    },
    {
      code: "8.2",
      text: {
        id: "Reviu menilai capaian target cakupan layanan",
        en: "The review assesses progress against service coverage targets",
      },
      share: {
        id: "indikator cakupan layanan direviu capaiannya",
        en: "coverage indicators have their achievement reviewed",
      },
    },
    {
      code: "8.3",
      text: {
        id: "Hasil reviu digunakan untuk perbaikan rencana tahun berikutnya",
        en: "Review findings are used to improve next year's plan",
      },
    },
  ],
};

export const indicatorId = (code: string): string => `ind-${code}`;

const documentIndicator = (aksi: AksiNumber, seed: IndicatorSeed): Indicator => ({
  id: indicatorId(seed.code),
  code: seed.code,
  aksi,
  text: seed.text,
  ...(seed.evidenceHint ? { evidenceHint: seed.evidenceHint } : {}),
  levels: seed.share ? shareLevels(seed.share) : documentLevels(),
});

export const documentReviewComponent = (aksi: readonly AksiNumber[] = ALL_AKSI): RubricComponent => ({
  id: DOCUMENT_REVIEW_ID,
  name: { id: "Reviu dokumen (web monitoring Bangda)", en: "Document review (Bangda monitoring web)" },
  weight: 60,
  team: "technical",
  scale: "levels",
  indicators: [...aksi].sort((a, b) => a - b).flatMap((a) => SEEDS[a].map((seed) => documentIndicator(a, seed))),
});

/** Label on every band the template ships: the wording is ours, for the coordinator to edit. */
export const bandsNotice: LocalText = {
  id: "Contoh rentang nilai, buatan: silakan ubah sesuai juknis provinsi",
  en: "Sample score bands, made up: edit them to the province's guide",
};

const band = (min: number, max: number, label: LocalText, id: string, en: string): ScoreBand => ({
  min,
  max,
  label,
  descriptor: { id, en },
});

/** Made-up 0–100 bands, the same four for every criterion; `bandsNotice` says so. */
export const sampleBands = (): ScoreBand[] => [
  band(
    86,
    100,
    { id: "Sangat baik", en: "Very good" },
    "Jelas, lengkap dan didukung data serta contoh nyata dari desa.",
    "Clear, complete and backed by data and real examples from villages.",
  ),
  band(
    71,
    85,
    { id: "Baik", en: "Good" },
    "Jelas dan sebagian besar didukung data; beberapa bagian masih umum.",
    "Clear and mostly backed by data; some parts stay general.",
  ),
  band(
    56,
    70,
    { id: "Cukup", en: "Fair" },
    "Disampaikan, tetapi data pendukung terbatas dan belum runtut.",
    "Covered, but with little supporting data and not well ordered.",
  ),
  band(
    0,
    55,
    { id: "Kurang", en: "Poor" },
    "Tidak jelas, tidak didukung data, atau tidak disampaikan.",
    "Unclear, not backed by data, or not covered.",
  ),
];

const criterion = (code: string, id: string, en: string): Indicator => ({
  id: `crit-${code}`,
  code,
  aksi: null,
  text: { id, en },
  levels: [],
  maxPoints: 100,
  bands: sampleBands(),
});

/** A component the panel scores on points, weighted 20 like the sessions these templates follow. */
const panelComponent = (id: string, name: RubricComponent["name"], indicators: Indicator[]): RubricComponent => ({
  id,
  name,
  weight: 20,
  team: "panel",
  scale: "numeric",
  indicators,
});

/** Presentation criteria as used in Sulawesi Utara 2022. */
export const paparanComponent = (): RubricComponent =>
  panelComponent(PAPARAN_ID, { id: "Paparan", en: "Presentation" }, [
    criterion("P1", "Penguasaan masalah", "Command of the problem"),
    criterion("P2", "Pemahaman istilah", "Understanding of terms"),
    criterion("P3", "Komitmen", "Commitment"),
    criterion("P4", "Inovasi daerah", "Regional innovation"),
    criterion("P5", "Pameran", "Exhibition"),
    criterion("P6", "Video singkat", "Short video"),
    criterion("P7", "Ketepatan waktu", "Keeping to time"),
  ]);

/** Scored on points like the paparan, because panels score exhibition stands on a 0–100 sheet. Criteria made up. */
export const pameranComponent = (): RubricComponent =>
  panelComponent(PAMERAN_ID, { id: "Pameran / verifikasi lapangan", en: "Exhibition / field verification" }, [
    criterion("V1", "Kelengkapan materi pameran", "Completeness of exhibition material"),
    criterion("V2", "Kesesuaian data dengan kondisi lapangan", "Data matching conditions on the ground"),
    criterion("V3", "Kreativitas penyajian", "Creative presentation"),
    criterion("V4", "Kemampuan menjawab pertanyaan panel", "Answering the panel's questions"),
  ]);

export type RubricTemplateOptions = {
  /** Restrict document review to these aksi (an edition's `aksiInScope`). */
  aksi?: readonly AksiNumber[];
  /** Editions copy the template: false, and they give it their own id. */
  isTemplate?: boolean;
  id?: string;
};

export const eightAksiRubricTemplate = (editionId: string, options: RubricTemplateOptions = {}): Rubric => ({
  id: options.id ?? `rubric-${editionId}`,
  editionId,
  version: 1,
  name: { id: "Rubrik Penilaian Kinerja 8 Aksi Konvergensi", en: "8 Convergence Actions performance rubric" },
  isTemplate: options.isTemplate ?? true,
  components: [documentReviewComponent(options.aksi ?? ALL_AKSI), paparanComponent(), pameranComponent()],
});
