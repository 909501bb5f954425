/*
 * The shared machinery of every validation schema: limits, the bilingual
 * wording of errors (field paths a coordinator understands), and the small
 * schemas records and reference data both use. Schemas themselves live in
 * `record-schemas.ts` (what a tablet writes every tap) and
 * `reference-schemas.ts` (editions, rubrics, panel: loaded rarely, so a tablet's
 * first screen does not carry them).
 */
import * as v from "valibot";
import { NODE_RE, STAMP_RE } from "./hlc.ts";
import type { AwardCategory, Locale, LocalText } from "./types.ts";

export const NOTE_MAX = 4000;
export const SHORT_TEXT_MAX = 200;
export const ID_MAX = 200;
export const REGION_CODE_RE = /^\d{2}(\d{2})?$/;
export const PROVINCE_CODE_RE = /^\d{2}$/;
export const LEVEL_LETTER_RE = /^[A-Z][A-Z0-9+-]{0,2}$/;
export const DEFAULT_MAX_POINTS = 100;
export const AWARD_CATEGORIES = ["inspiratif", "replikatif", "inovatif"] as const satisfies readonly AwardCategory[];

// Messages. Custom checks carry "@code" or "@code:param" as their message, and
// `validate` words them; valibot's own issues are worded from their type.

export type Words = { id: string; en: string };

const CUSTOM_MESSAGES: Record<string, (p: string) => Words> = {
  region_code: () => ({ id: "harus 2 atau 4 angka (kode Kemendagri)", en: "must be 2 or 4 digits (Kemendagri code)" }),
  province_code: () => ({ id: "harus 2 angka (kode Kemendagri)", en: "must be 2 digits (Kemendagri code)" }),
  level_letter: () => ({
    id: "harus huruf kapital, mis. A, B, C, D",
    en: "must be a capital letter such as A, B, C, D",
  }),
  stamp: () => ({ id: "cap waktu tidak sah", en: "is not a valid timestamp" }),
  device_id: () => ({
    id: "hanya boleh huruf, angka dan garis bawah (maks. 32)",
    en: "may contain only letters, digits and underscores (max. 32)",
  }),
  key_mismatch: (p) => ({
    id: `tidak sesuai dengan identitas (seharusnya "${p}")`,
    en: `does not match the identity (expected "${p}")`,
  }),
  level_and_points: () => ({
    id: "hanya boleh salah satu: level atau poin",
    en: "only one of grade level or points may be set",
  }),
  end_before_start: () => ({
    id: "tidak boleh sebelum tanggal mulai",
    en: "must not be before the start date",
  }),
  duplicate: (p) => ({ id: `ganda: ${p}`, en: `duplicate: ${p}` }),
  duplicate_indicator_code: (p) => ({
    id: `kode indikator ${p} muncul lebih dari sekali dalam komponen ini`,
    en: `indicator code ${p} appears more than once in this component`,
  }),
  duplicate_letter: (p) => ({
    id: `huruf level ${p} muncul lebih dari sekali`,
    en: `level letter ${p} appears more than once`,
  }),
  duplicate_id: (p) => ({ id: `ID ${p} dipakai lebih dari sekali`, en: `id ${p} is used more than once` }),
  levels_required: () => ({
    id: "komponen berskala level: indikator harus punya level",
    en: "level-scaled component: the indicator needs levels",
  }),
  levels_forbidden: () => ({
    id: "komponen berskala angka: indikator tidak boleh punya level",
    en: "numeric component: the indicator must not have levels",
  }),
  bands_forbidden: () => ({
    id: "komponen berskala level: indikator tidak memakai rentang nilai",
    en: "level-scaled component: the indicator takes no score bands",
  }),
  band_not_whole: () => ({ id: "batas rentang harus bilangan bulat", en: "band bounds must be whole numbers" }),
  band_min_above_max: () => ({
    id: "batas bawah lebih besar dari batas atas",
    en: "the lower bound is above the upper bound",
  }),
  band_out_of_range: (p) => ({ id: `harus di antara 0 dan ${p}`, en: `must lie between 0 and ${p}` }),
  band_overlap: (p) => ({ id: `tumpang tindih dengan rentang ${p}`, en: `overlaps band ${p}` }),
  band_gap: (p) => ({ id: `nilai ${p} tidak masuk rentang mana pun`, en: `scores ${p} fall in no band` }),
  changes_empty: () => ({ id: "tidak ada perubahan", en: "contains no change" }),
  stamp_device: () => ({
    id: "cap waktu harus berasal dari perangkat pengirim",
    en: "timestamp must come from the sending device",
  }),
  not_in: (p) => ({ id: `harus salah satu dari ${p}`, en: `must be one of ${p}` }),
  unknown_ref: (p) => ({
    id: `merujuk ke ${p} yang tidak ada di rubrik`,
    en: `refers to ${p}, which is not in the rubric`,
  }),
  points_over_max: (p) => ({ id: `paling besar ${p}`, en: `must be at most ${p}` }),
  grade_wrong_scale: (p) => ({ id: `tidak dipakai untuk komponen ${p}`, en: `is not used by component ${p}` }),
  not_an_object: () => ({ id: "data tidak berbentuk rekaman", en: "data is not a record" }),
};

export const code = (name: keyof typeof CUSTOM_MESSAGES, param?: string | number): string =>
  param === undefined ? `@${name}` : `@${name}:${param}`;

export const wordCustom = (message: string, locale: Locale): string | null => {
  if (!message.startsWith("@")) return null;
  const sep = message.indexOf(":");
  const name = sep < 0 ? message.slice(1) : message.slice(1, sep);
  const param = sep < 0 ? "" : message.slice(sep + 1);
  const words = CUSTOM_MESSAGES[name];
  return words ? words(param)[locale] : null;
};

/** Labels for record kinds, shown first in every error path. */
export const RECORD_LABELS = {
  edition: { id: "Edisi", en: "Edition" },
  settings: { id: "Pengaturan edisi", en: "Edition settings" },
  rubric: { id: "Rubrik", en: "Rubric" },
  participant: { id: "Peserta", en: "Participant" },
  member: { id: "Anggota panel", en: "Panel member" },
  score: { id: "Skor", en: "Score" },
  sheet: { id: "Lembar penilaian", en: "Assessment sheet" },
  nomination: { id: "Nominasi", en: "Nomination" },
  mutation: { id: "Perubahan", en: "Change" },
} satisfies Record<string, Words>;

/** Field labels for keys that recur across records; unknown keys are shown as they are. */
export const FIELD_LABELS: Record<string, Words> = {
  id: { id: "ID", en: "ID" },
  key: { id: "kunci", en: "key" },
  editionId: { id: "edisi", en: "edition" },
  participantId: { id: "peserta", en: "participant" },
  participantIds: { id: "peserta", en: "participant" },
  componentId: { id: "komponen", en: "component" },
  indicatorId: { id: "indikator", en: "indicator" },
  indicatorIds: { id: "indikator", en: "indicator" },
  memberId: { id: "anggota panel", en: "panel member" },
  rubricId: { id: "rubrik", en: "rubric" },
  level: { id: "nilai (level)", en: "grade level" },
  points: { id: "nilai (poin)", en: "points" },
  note: { id: "keterangan", en: "note" },
  rubricVersion: { id: "versi rubrik", en: "rubric version" },
  version: { id: "versi", en: "version" },
  stamps: { id: "cap waktu", en: "timestamps" },
  stamp: { id: "cap waktu", en: "timestamp" },
  grade: { id: "nilai", en: "grade" },
  strengths: { id: "kekuatan", en: "strengths" },
  recommendations: { id: "rekomendasi", en: "recommendations" },
  recused: { id: "mundur (konflik kepentingan)", en: "recused" },
  recusalReason: { id: "alasan mundur", en: "recusal reason" },
  finalised: { id: "final", en: "finalised" },
  reopenReason: { id: "alasan dibuka kembali", en: "reopen reason" },
  category: { id: "kategori", en: "category" },
  nominated: { id: "dinominasikan", en: "nominated" },
  reason: { id: "alasan", en: "reason" },
  provinceCode: { id: "kode provinsi", en: "province code" },
  provinceName: { id: "nama provinsi", en: "province name" },
  year: { id: "tahun", en: "year" },
  periodAssessed: { id: "periode yang dinilai", en: "period assessed" },
  title: { id: "judul", en: "title" },
  aksiInScope: { id: "aksi yang dinilai", en: "aksi in scope" },
  mode: { id: "mode pelaksanaan", en: "mode" },
  startDate: { id: "tanggal mulai", en: "start date" },
  endDate: { id: "tanggal selesai", en: "end date" },
  venue: { id: "tempat", en: "venue" },
  settings: { id: "pengaturan", en: "settings" },
  isSample: { id: "data contoh", en: "sample data" },
  state: { id: "status edisi", en: "edition state" },
  sourceEditionId: { id: "edisi asal", en: "copied from" },
  schedule: { id: "jadwal", en: "schedule" },
  slots: { id: "urutan", en: "slot" },
  date: { id: "tanggal", en: "date" },
  time: { id: "waktu", en: "time" },
  room: { id: "ruang", en: "room" },
  currentParticipantId: { id: "peserta yang sedang presentasi", en: "current presenter" },
  participantAttendance: { id: "kehadiran peserta", en: "participant attendance" },
  memberAttendance: { id: "kehadiran anggota panel", en: "member attendance" },
  isTemplate: { id: "templat", en: "template" },
  letterValues: { id: "nilai huruf", en: "letter values" },
  levelScaling: { id: "penskalaan level", en: "level scaling" },
  rollUp: { id: "cara agregasi", en: "roll-up" },
  combine: { id: "penggabungan nilai panelis", en: "combining panelists" },
  method: { id: "metode", en: "method" },
  precision: { id: "presisi (desimal)", en: "precision (decimals)" },
  tieBreak: { id: "penentu peringkat seri", en: "tie-break" },
  awards: { id: "penghargaan", en: "award" },
  outliers: { id: "pencilan", en: "outliers" },
  thresholdPoints: { id: "ambang (poin)", en: "threshold (points)" },
  kind: { id: "jenis", en: "kind" },
  n: { id: "jumlah", en: "number" },
  aksi: { id: "aksi", en: "aksi" },
  name: { id: "nama", en: "name" },
  agency: { id: "instansi", en: "agency" },
  role: { id: "peran", en: "role" },
  assignments: { id: "penugasan", en: "assignment" },
  regionCode: { id: "kode wilayah", en: "region code" },
  rankingGroup: { id: "kelompok peringkat", en: "ranking group" },
  order: { id: "urutan tampil", en: "presentation order" },
  components: { id: "komponen", en: "component" },
  weight: { id: "bobot", en: "weight" },
  team: { id: "tim", en: "team" },
  scale: { id: "skala", en: "scale" },
  indicators: { id: "indikator", en: "indicator" },
  code: { id: "kode", en: "code" },
  text: { id: "teks", en: "text" },
  levels: { id: "level", en: "level" },
  letter: { id: "huruf", en: "letter" },
  descriptor: { id: "deskripsi", en: "descriptor" },
  evidenceHint: { id: "petunjuk bukti", en: "evidence hint" },
  maxPoints: { id: "poin maksimum", en: "maximum points" },
  bands: { id: "rentang nilai", en: "score band" },
  min: { id: "batas bawah", en: "lower bound" },
  max: { id: "batas atas", en: "upper bound" },
  label: { id: "sebutan", en: "label" },
  table: { id: "tabel", en: "table" },
  identity: { id: "identitas", en: "identity" },
  changes: { id: "perubahan", en: "changes" },
  mutationId: { id: "ID perubahan", en: "change id" },
  deviceId: { id: "perangkat", en: "device" },
  seq: { id: "nomor urut", en: "sequence number" },
  baseVersion: { id: "versi dasar", en: "base version" },
};

/** Inside a LocalText, "id" and "en" are languages, not identifiers. */
const LOCAL_TEXT_KEYS = new Set(["name", "title", "text", "descriptor", "evidenceHint", "label"]);
const LANGUAGE_LABELS: Record<string, Words> = {
  id: { id: "bahasa Indonesia", en: "Indonesian" },
  en: { id: "bahasa Inggris", en: "English" },
};

export const labelPath = (keys: ReadonlyArray<unknown>, locale: Locale): string[] => {
  const out: string[] = [];
  keys.forEach((key, i) => {
    const prev = keys[i - 1];
    if (typeof key === "number") {
      // "components", 0 reads better as "komponen 1" than "komponen › 1".
      const last = out.pop();
      out.push(`${last ?? ""} ${key + 1}`.trim());
      return;
    }
    const k = String(key);
    const words =
      typeof prev === "string" && LOCAL_TEXT_KEYS.has(prev) && LANGUAGE_LABELS[k]
        ? LANGUAGE_LABELS[k]
        : FIELD_LABELS[k];
    out.push(words ? words[locale] : k);
  });
  return out;
};

const TYPE_WORDS: Record<string, Words> = {
  string: { id: "teks", en: "text" },
  number: { id: "angka", en: "a number" },
  boolean: { id: "ya/tidak", en: "yes/no" },
  Object: { id: "objek", en: "an object" },
  Array: { id: "daftar", en: "a list" },
  null: { id: "kosong", en: "empty" },
};

const optionsOf = (expected: string): string =>
  expected
    .replace(/^\(|\)$/g, "")
    .split(" | ")
    .map((o) => o.replace(/^"(.*)"$/, "$1"))
    .join(", ");

export const wordIssue = (issue: v.BaseIssue<unknown>, locale: Locale): string => {
  const custom = wordCustom(issue.message, locale);
  if (custom) return custom;
  const w = (id: string, en: string) => (locale === "id" ? id : en);
  const req = issue.requirement;
  switch (issue.type) {
    case "min_length":
    case "non_empty":
      return typeof issue.input === "string"
        ? w("wajib diisi", "must not be empty")
        : w(`paling sedikit ${req ?? 1} isian`, `needs at least ${req ?? 1} item(s)`);
    case "max_length":
      return typeof issue.input === "string"
        ? w(`paling panjang ${req} karakter`, `must be at most ${req} characters`)
        : w(`paling banyak ${req} isian`, `may have at most ${req} items`);
    case "min_value":
      return w(`paling kecil ${req}`, `must be at least ${req}`);
    case "max_value":
      return w(`paling besar ${req}`, `must be at most ${req}`);
    case "gt_value":
      return w(`harus lebih dari ${req}`, `must be greater than ${req}`);
    case "integer":
      return w("harus bilangan bulat", "must be a whole number");
    case "finite":
      return w("harus angka yang sah", "must be a finite number");
    case "iso_date":
      return w("harus tanggal berformat TTTT-BB-HH", "must be a date as YYYY-MM-DD");
    case "regex":
      return w("formatnya tidak sesuai", "has the wrong format");
  }
  if (issue.kind === "schema") {
    if (issue.received === "undefined") return w("wajib diisi", "is required");
    const expected = issue.expected ?? "";
    if (expected.includes(" | ") || issue.type === "picklist" || issue.type === "literal" || issue.type === "variant")
      return w(`harus salah satu dari ${optionsOf(expected)}`, `must be one of ${optionsOf(expected)}`);
    const words = TYPE_WORDS[expected];
    if (words) return w(`harus berupa ${words.id}`, `must be ${words.en}`);
  }
  return w("tidak sah", "is invalid");
};

export const SCHEMA_LABELS = new WeakMap<object, Words>();

export const labelled = <S extends object>(schema: S, label: Words): S => {
  SCHEMA_LABELS.set(schema, label);
  return schema;
};

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/** Words one issue as "Record › field › sub-field: message". */
export const describeIssue = (issue: v.BaseIssue<unknown>, locale: Locale = "id", root?: Words): string => {
  const keys = (issue.path ?? []).map((p) => p.key);
  const parts = [...(root ? [root[locale]] : []), ...labelPath(keys, locale)];
  const message = wordIssue(issue, locale);
  return parts.length > 0 ? `${parts.join(" › ")}: ${message}` : message;
};

/** Never throws: garbage in gives `ok: false` with worded errors. */
export const validate = <S extends v.GenericSchema>(
  schema: S,
  data: unknown,
  locale: Locale = "id",
): ValidationResult<v.InferOutput<S>> => {
  const result = v.safeParse(schema, data);
  if (result.success) return { ok: true, value: result.output };
  const root = SCHEMA_LABELS.get(schema);
  const errors = result.issues.map((issue) => describeIssue(issue, locale, root));
  return { ok: false, errors: [...new Set(errors)] };
};

export const identity = () => v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(ID_MAX));
export const shortText = () => v.pipe(v.string(), v.trim(), v.maxLength(SHORT_TEXT_MAX));
export const requiredShortText = () => v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(SHORT_TEXT_MAX));
export const longText = () => v.pipe(v.string(), v.maxLength(NOTE_MAX));
/** A whole number the server can store as an SQL INTEGER and JavaScript can count exactly. */
export const count = () => v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER));
export const positive = () => v.pipe(v.number(), v.finite(), v.gtValue(0));
export const isoDate = () => v.pipe(v.string(), v.isoDate());

export const StampSchema = v.pipe(v.string(), v.regex(STAMP_RE, code("stamp")));
export const DeviceIdSchema = v.pipe(v.string(), v.regex(NODE_RE, code("device_id")));
export const LevelLetterSchema = v.pipe(v.string(), v.trim(), v.regex(LEVEL_LETTER_RE, code("level_letter")));
export const AksiSchema = v.picklist([1, 2, 3, 4, 5, 6, 7, 8] as const);
export const AwardCategorySchema = v.picklist(AWARD_CATEGORIES);
export const LocalTextSchema = v.object({
  id: v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(NOTE_MAX)),
  en: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(NOTE_MAX))),
}) satisfies v.GenericSchema<unknown, LocalText>;

export type PathKey = string | number;

/** Issue path items for checks that point below the object they inspect. */
export const pathTo = (root: unknown, keys: PathKey[]): [v.IssuePathItem, ...v.IssuePathItem[]] | undefined => {
  const items: v.IssuePathItem[] = [];
  let input: unknown = root;
  for (const key of keys) {
    const value = (input as Record<PathKey, unknown>)[key];
    items.push(
      typeof key === "number"
        ? { type: "array", origin: "value", input: input as unknown[], key, value }
        : { type: "object", origin: "value", input: input as Record<string, unknown>, key, value },
    );
    input = value;
  }
  const [first, ...rest] = items;
  return first ? [first, ...rest] : undefined;
};

export const firstDuplicate = (values: ReadonlyArray<unknown>): number => {
  const seen = new Set<unknown>();
  for (let i = 0; i < values.length; i++) {
    if (seen.has(values[i])) return i;
    seen.add(values[i]);
  }
  return -1;
};

export const uniqueItems = <T>(label: (item: T) => unknown) =>
  v.rawCheck<T[]>(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const i = firstDuplicate(dataset.value.map(label));
    if (i >= 0)
      addIssue({ message: code("duplicate", String(label(dataset.value[i] as T))), path: pathTo(dataset.value, [i]) });
  });

// Cross-record checks: shape is fine, but does it fit the rubric and settings?

export const line = (root: Words, keys: PathKey[], message: string, locale: Locale): string =>
  `${[root[locale], ...labelPath(keys, locale)].join(" › ")}: ${wordCustom(message, locale) ?? message}`;
