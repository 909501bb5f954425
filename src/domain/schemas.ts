/*
 * Runtime twins of the record types in `types.ts`, and of the wire `Mutation`.
 *
 * Invariant: every schema's output is assignable to its type (checked at compile time
 * with `satisfies`), and anything crossing a trust boundary (wire, storage, import)
 * goes through one of these before the rest of the app sees it. Errors are worded
 * for a coordinator, in Indonesian or English, and name the field path.
 *
 * `MutationSchema` lives here rather than in protocol because domain (merge) needs the
 * mutation's shape and may not import protocol; protocol should re-export it.
 */
import * as v from "valibot";
import { NODE_RE, parseStamp, STAMP_RE } from "./hlc.ts";
import { nominationKey, scoreKey, sheetKey } from "./keys.ts";
import type {
  AksiNumber,
  Assignment,
  AwardCategory,
  Edition,
  EditionSettings,
  Locale,
  LocalText,
  Member,
  NominationRecord,
  Participant,
  Rubric,
  ScoreRecord,
  SheetRecord,
} from "./types.ts";

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

type Words = { id: string; en: string };

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

const code = (name: keyof typeof CUSTOM_MESSAGES, param?: string | number): string =>
  param === undefined ? `@${name}` : `@${name}:${param}`;

const wordCustom = (message: string, locale: Locale): string | null => {
  if (!message.startsWith("@")) return null;
  const sep = message.indexOf(":");
  const name = sep < 0 ? message.slice(1) : message.slice(1, sep);
  const param = sep < 0 ? "" : message.slice(sep + 1);
  const words = CUSTOM_MESSAGES[name];
  return words ? words(param)[locale] : null;
};

/** Labels for record kinds, shown first in every error path. */
const RECORD_LABELS = {
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
  table: { id: "tabel", en: "table" },
  identity: { id: "identitas", en: "identity" },
  changes: { id: "perubahan", en: "changes" },
  mutationId: { id: "ID perubahan", en: "change id" },
  deviceId: { id: "perangkat", en: "device" },
  seq: { id: "nomor urut", en: "sequence number" },
  baseVersion: { id: "versi dasar", en: "base version" },
};

/** Inside a LocalText, "id" and "en" are languages, not identifiers. */
const LOCAL_TEXT_KEYS = new Set(["name", "title", "text", "descriptor", "evidenceHint"]);
const LANGUAGE_LABELS: Record<string, Words> = {
  id: { id: "bahasa Indonesia", en: "Indonesian" },
  en: { id: "bahasa Inggris", en: "English" },
};

const labelPath = (keys: ReadonlyArray<unknown>, locale: Locale): string[] => {
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

const wordIssue = (issue: v.BaseIssue<unknown>, locale: Locale): string => {
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

const SCHEMA_LABELS = new WeakMap<object, Words>();

const labelled = <S extends object>(schema: S, label: Words): S => {
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

const identity = () => v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(ID_MAX));
const shortText = () => v.pipe(v.string(), v.trim(), v.maxLength(SHORT_TEXT_MAX));
const requiredShortText = () => v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(SHORT_TEXT_MAX));
const longText = () => v.pipe(v.string(), v.maxLength(NOTE_MAX));
const count = () => v.pipe(v.number(), v.integer(), v.minValue(0));
const positive = () => v.pipe(v.number(), v.finite(), v.gtValue(0));
const isoDate = () => v.pipe(v.string(), v.isoDate());

export const StampSchema = v.pipe(v.string(), v.regex(STAMP_RE, code("stamp")));
export const DeviceIdSchema = v.pipe(v.string(), v.regex(NODE_RE, code("device_id")));
export const LevelLetterSchema = v.pipe(v.string(), v.trim(), v.regex(LEVEL_LETTER_RE, code("level_letter")));
export const AksiSchema = v.picklist([1, 2, 3, 4, 5, 6, 7, 8] as const);
export const AwardCategorySchema = v.picklist(AWARD_CATEGORIES);
export const LocalTextSchema = v.object({
  id: v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(NOTE_MAX)),
  en: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(NOTE_MAX))),
}) satisfies v.GenericSchema<unknown, LocalText>;

type PathKey = string | number;

/** Issue path items for checks that point below the object they inspect. */
const pathTo = (root: unknown, keys: PathKey[]): [v.IssuePathItem, ...v.IssuePathItem[]] | undefined => {
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

const firstDuplicate = (values: ReadonlyArray<unknown>): number => {
  const seen = new Set<unknown>();
  for (let i = 0; i < values.length; i++) {
    if (seen.has(values[i])) return i;
    seen.add(values[i]);
  }
  return -1;
};

const uniqueItems = <T>(label: (item: T) => unknown) =>
  v.rawCheck<T[]>(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const i = firstDuplicate(dataset.value.map(label));
    if (i >= 0)
      addIssue({ message: code("duplicate", String(label(dataset.value[i] as T))), path: pathTo(dataset.value, [i]) });
  });

const CombineSchema = v.variant("method", [
  v.object({ method: v.literal("mean") }),
  v.object({ method: v.literal("trimmed-mean"), k: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10)) }),
  v.object({ method: v.literal("z-score") }),
  v.object({ method: v.literal("consensus"), memberId: identity() }),
]);

const TieBreakSchema = v.variant("kind", [
  v.object({ kind: v.literal("component"), componentId: identity() }),
  v.object({ kind: v.literal("aksi"), aksi: AksiSchema }),
  v.object({ kind: v.literal("indicator"), indicatorId: identity() }),
]);

const AwardRuleSchema = v.variant("kind", [
  v.object({ kind: v.literal("best-n"), n: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10)) }),
  v.object({ kind: v.literal("nomination-count"), category: AwardCategorySchema }),
  v.object({
    kind: v.literal("indicator-rule"),
    category: AwardCategorySchema,
    indicatorIds: v.pipe(v.array(identity()), v.nonEmpty()),
  }),
]);

export const EditionSettingsSchema = labelled(
  v.object({
    letterValues: v.pipe(
      v.record(LevelLetterSchema, positive()),
      v.check((r) => Object.keys(r).length > 0, code("not_in", "A, B, C, D")),
    ),
    levelScaling: v.picklist(["x-over-max"] as const),
    rollUp: v.picklist(["per-aksi", "per-indicator"] as const),
    combine: CombineSchema,
    precision: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(4)),
    tieBreak: v.array(TieBreakSchema),
    awards: v.array(AwardRuleSchema),
    outliers: v.object({ thresholdPoints: positive() }),
  }),
  RECORD_LABELS.settings,
) satisfies v.GenericSchema<unknown, EditionSettings>;

export const EditionSchema = labelled(
  v.pipe(
    v.object({
      id: identity(),
      provinceCode: v.pipe(v.string(), v.trim(), v.regex(PROVINCE_CODE_RE, code("province_code"))),
      provinceName: requiredShortText(),
      year: v.pipe(v.number(), v.integer(), v.minValue(2018), v.maxValue(2100)),
      periodAssessed: requiredShortText(),
      title: LocalTextSchema,
      aksiInScope: v.pipe(
        v.array(AksiSchema),
        v.nonEmpty(),
        uniqueItems<AksiNumber>((a) => a),
      ),
      mode: v.picklist(["offline", "online", "hybrid"] as const),
      startDate: isoDate(),
      endDate: isoDate(),
      venue: shortText(),
      rubricId: identity(),
      settings: EditionSettingsSchema,
      isSample: v.boolean(),
    }),
    v.forward(
      v.partialCheck([["startDate"], ["endDate"]], (e) => e.endDate >= e.startDate, code("end_before_start")),
      ["endDate"],
    ),
  ),
  RECORD_LABELS.edition,
) satisfies v.GenericSchema<unknown, Edition>;

export const ParticipantSchema = labelled(
  v.object({
    id: identity(),
    editionId: identity(),
    regionCode: v.pipe(v.string(), v.trim(), v.regex(REGION_CODE_RE, code("region_code"))),
    name: requiredShortText(),
    kind: v.picklist(["kabupaten", "kota"] as const),
    rankingGroup: shortText(),
    role: v.picklist(["assessed", "observer"] as const),
    order: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  }),
  RECORD_LABELS.participant,
) satisfies v.GenericSchema<unknown, Participant>;

export const MemberSchema = labelled(
  v.object({
    id: identity(),
    editionId: identity(),
    name: requiredShortText(),
    agency: shortText(),
    role: v.picklist(["ketua", "anggota", "technical", "observer", "coordinator"] as const),
    assignments: v.pipe(
      v.array(
        v.object({
          componentId: identity(),
          participantIds: v.pipe(
            v.array(identity()),
            uniqueItems<string>((p) => p),
          ),
        }),
      ),
      uniqueItems<Assignment>((a) => a.componentId),
    ),
  }),
  RECORD_LABELS.member,
) satisfies v.GenericSchema<unknown, Member>;

const LevelSchema = v.object({ letter: LevelLetterSchema, descriptor: LocalTextSchema });

const IndicatorSchema = v.object({
  id: identity(),
  code: requiredShortText(),
  aksi: v.nullable(AksiSchema),
  text: LocalTextSchema,
  evidenceHint: v.optional(LocalTextSchema),
  levels: v.pipe(
    v.array(LevelSchema),
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed) return;
      const i = firstDuplicate(dataset.value.map((l) => l.letter));
      if (i >= 0)
        addIssue({
          message: code("duplicate_letter", dataset.value[i]?.letter),
          path: pathTo(dataset.value, [i, "letter"]),
        });
    }),
  ),
  maxPoints: v.optional(positive()),
});

const ComponentSchema = v.pipe(
  v.object({
    id: identity(),
    name: LocalTextSchema,
    weight: positive(),
    team: v.picklist(["technical", "panel"] as const),
    scale: v.picklist(["levels", "numeric"] as const),
    indicators: v.pipe(v.array(IndicatorSchema), v.nonEmpty()),
  }),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const c = dataset.value;
    const dup = firstDuplicate(c.indicators.map((i) => i.code));
    if (dup >= 0)
      addIssue({
        message: code("duplicate_indicator_code", c.indicators[dup]?.code),
        path: pathTo(c, ["indicators", dup, "code"]),
      });
    c.indicators.forEach((indicator, i) => {
      if (c.scale === "levels" && indicator.levels.length === 0)
        addIssue({ message: code("levels_required"), path: pathTo(c, ["indicators", i, "levels"]) });
      if (c.scale === "numeric" && indicator.levels.length > 0)
        addIssue({ message: code("levels_forbidden"), path: pathTo(c, ["indicators", i, "levels"]) });
    });
  }),
);

export const RubricSchema = labelled(
  v.pipe(
    v.object({
      id: identity(),
      editionId: identity(),
      version: count(),
      name: LocalTextSchema,
      isTemplate: v.boolean(),
      components: v.pipe(v.array(ComponentSchema), v.nonEmpty()),
    }),
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed) return;
      const r = dataset.value;
      const dupComponent = firstDuplicate(r.components.map((c) => c.id));
      if (dupComponent >= 0)
        addIssue({
          message: code("duplicate_id", r.components[dupComponent]?.id),
          path: pathTo(r, ["components", dupComponent, "id"]),
        });
      // Score keys use the indicator id alone, so it must be unique across the whole rubric.
      const seen = new Set<string>();
      r.components.forEach((c, ci) => {
        c.indicators.forEach((indicator, ii) => {
          if (seen.has(indicator.id))
            addIssue({
              message: code("duplicate_id", indicator.id),
              path: pathTo(r, ["components", ci, "indicators", ii, "id"]),
            });
          seen.add(indicator.id);
        });
      });
    }),
  ),
  RECORD_LABELS.rubric,
) satisfies v.GenericSchema<unknown, Rubric>;

const GradeEntries = {
  level: v.nullable(LevelLetterSchema),
  points: v.nullable(v.pipe(v.number(), v.finite(), v.minValue(0))),
};

const notBothGrades = <T extends { level: string | null; points: number | null }>() =>
  v.rawCheck<T>(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    if (dataset.value.level !== null && dataset.value.points !== null)
      addIssue({ message: code("level_and_points"), path: pathTo(dataset.value, ["points"]) });
  });

const keyMatches = <T extends { key: string }>(expected: (value: T) => string) =>
  v.rawCheck<T>(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const want = expected(dataset.value);
    if (dataset.value.key !== want)
      addIssue({ message: code("key_mismatch", want), path: pathTo(dataset.value, ["key"]) });
  });

export const ScoreRecordSchema = labelled(
  v.pipe(
    v.object({
      key: identity(),
      editionId: identity(),
      participantId: identity(),
      componentId: identity(),
      indicatorId: identity(),
      memberId: identity(),
      ...GradeEntries,
      note: longText(),
      rubricVersion: count(),
      stamps: v.object({ grade: v.optional(StampSchema), note: v.optional(StampSchema) }),
      version: count(),
    }),
    notBothGrades(),
    keyMatches((s) => scoreKey(s.editionId, s.participantId, s.indicatorId, s.memberId)),
  ),
  RECORD_LABELS.score,
) satisfies v.GenericSchema<unknown, ScoreRecord>;

export const SheetRecordSchema = labelled(
  v.pipe(
    v.object({
      key: identity(),
      editionId: identity(),
      participantId: identity(),
      memberId: identity(),
      strengths: longText(),
      recommendations: longText(),
      recused: v.boolean(),
      recusalReason: longText(),
      finalised: v.boolean(),
      stamps: v.object({
        strengths: v.optional(StampSchema),
        recommendations: v.optional(StampSchema),
        recused: v.optional(StampSchema),
        recusalReason: v.optional(StampSchema),
        finalised: v.optional(StampSchema),
      }),
      version: count(),
    }),
    keyMatches((s) => sheetKey(s.editionId, s.participantId, s.memberId)),
  ),
  RECORD_LABELS.sheet,
) satisfies v.GenericSchema<unknown, SheetRecord>;

export const NominationRecordSchema = labelled(
  v.pipe(
    v.object({
      key: identity(),
      editionId: identity(),
      participantId: identity(),
      memberId: identity(),
      category: AwardCategorySchema,
      nominated: v.boolean(),
      reason: longText(),
      stamps: v.object({ nominated: v.optional(StampSchema), reason: v.optional(StampSchema) }),
      version: count(),
    }),
    keyMatches((n) => nominationKey(n.editionId, n.participantId, n.memberId, n.category)),
  ),
  RECORD_LABELS.nomination,
) satisfies v.GenericSchema<unknown, NominationRecord>;

// Mutation (wire). Shape is `Mutation` of src/protocol/mutation.ts.

const envelope = {
  mutationId: v.pipe(v.string(), v.nonEmpty(), v.maxLength(64)),
  deviceId: DeviceIdSchema,
  seq: v.pipe(v.number(), v.integer(), v.minValue(1)),
  key: identity(),
  baseVersion: count(),
  stamp: StampSchema,
};

const GradeSchema = v.pipe(v.object(GradeEntries), notBothGrades());

const hasChanges = <T extends { changes: object }>() =>
  v.rawCheck<T>(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const changes = dataset.value.changes as Record<string, unknown>;
    if (Object.values(changes).every((c) => c === undefined))
      addIssue({ message: code("changes_empty"), path: pathTo(dataset.value, ["changes"]) });
  });

const stampFromDevice = <T extends { stamp: string; deviceId: string }>() =>
  v.rawCheck<T>(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    if (parseStamp(dataset.value.stamp)?.node !== dataset.value.deviceId)
      addIssue({ message: code("stamp_device"), path: pathTo(dataset.value, ["stamp"]) });
  });

const ScoreMutationSchema = v.pipe(
  v.object({
    table: v.literal("scores"),
    identity: v.object({
      editionId: identity(),
      participantId: identity(),
      componentId: identity(),
      indicatorId: identity(),
      memberId: identity(),
      rubricVersion: count(),
    }),
    changes: v.object({ grade: v.optional(GradeSchema), note: v.optional(longText()) }),
    ...envelope,
  }),
  hasChanges(),
  stampFromDevice(),
  keyMatches((m) =>
    scoreKey(m.identity.editionId, m.identity.participantId, m.identity.indicatorId, m.identity.memberId),
  ),
);

const SheetMutationSchema = v.pipe(
  v.object({
    table: v.literal("sheets"),
    identity: v.object({ editionId: identity(), participantId: identity(), memberId: identity() }),
    changes: v.object({
      strengths: v.optional(longText()),
      recommendations: v.optional(longText()),
      recused: v.optional(v.boolean()),
      recusalReason: v.optional(longText()),
      finalised: v.optional(v.boolean()),
    }),
    ...envelope,
  }),
  hasChanges(),
  stampFromDevice(),
  keyMatches((m) => sheetKey(m.identity.editionId, m.identity.participantId, m.identity.memberId)),
);

const NominationMutationSchema = v.pipe(
  v.object({
    table: v.literal("nominations"),
    identity: v.object({
      editionId: identity(),
      participantId: identity(),
      memberId: identity(),
      category: AwardCategorySchema,
    }),
    changes: v.object({ nominated: v.optional(v.boolean()), reason: v.optional(longText()) }),
    ...envelope,
  }),
  hasChanges(),
  stampFromDevice(),
  keyMatches((m) =>
    nominationKey(m.identity.editionId, m.identity.participantId, m.identity.memberId, m.identity.category),
  ),
);

export const MutationSchema = labelled(
  v.variant("table", [ScoreMutationSchema, SheetMutationSchema, NominationMutationSchema]),
  RECORD_LABELS.mutation,
);

/**
 * The domain's view of a wire mutation; structurally the same as protocol's `Mutation`
 * (tests/domain/schemas.test.ts checks both directions).
 */
export type MutationData = v.InferOutput<typeof MutationSchema>;
export type ScoreMutationData = Extract<MutationData, { table: "scores" }>;
export type SheetMutationData = Extract<MutationData, { table: "sheets" }>;
export type NominationMutationData = Extract<MutationData, { table: "nominations" }>;

// Repair: records loaded from storage may predate a field; fill defaults, then validate.

export type Repaired<T> = { record: T; errors: [] } | { record: null; errors: string[] };

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);

const withDefaults = (data: Record<string, unknown>, defaults: Record<string, unknown>): Record<string, unknown> => {
  const out: Record<string, unknown> = { ...data };
  for (const [k, d] of Object.entries(defaults)) if (out[k] === undefined || out[k] === null) out[k] = d;
  return out;
};

/** A malformed stamp only loses its field's protection in merges; dropping it keeps the record's data. */
const cleanStamps = (stamps: unknown, fields: readonly string[]): Record<string, string> => {
  const out: Record<string, string> = {};
  if (!isObject(stamps)) return out;
  for (const f of fields) {
    const s = stamps[f];
    if (typeof s === "string" && STAMP_RE.test(s)) out[f] = s;
  }
  return out;
};

const repair = <S extends v.GenericSchema>(
  schema: S,
  data: unknown,
  defaults: Record<string, unknown>,
  stampFields: readonly string[],
  deriveKey: (d: Record<string, unknown>) => string | null,
  locale: Locale,
): Repaired<v.InferOutput<S>> => {
  const root = SCHEMA_LABELS.get(schema);
  if (!isObject(data)) {
    const message = wordCustom(code("not_an_object"), locale) ?? "";
    return { record: null, errors: [root ? `${root[locale]}: ${message}` : message] };
  }
  const filled = withDefaults(data, defaults);
  filled.stamps = cleanStamps(data.stamps, stampFields);
  if (typeof filled.key !== "string" || filled.key === "") {
    const key = deriveKey(filled);
    if (key !== null) filled.key = key;
  }
  const result = validate(schema, filled, locale);
  return result.ok ? { record: result.value, errors: [] } : { record: null, errors: result.errors };
};

const str = (x: unknown): x is string => typeof x === "string" && x !== "";

export const repairScoreRecord = (data: unknown, locale: Locale = "id"): Repaired<ScoreRecord> =>
  repair(
    ScoreRecordSchema,
    data,
    { level: null, points: null, note: "", version: 0 },
    ["grade", "note"],
    (d) =>
      str(d.editionId) && str(d.participantId) && str(d.indicatorId) && str(d.memberId)
        ? scoreKey(d.editionId, d.participantId, d.indicatorId, d.memberId)
        : null,
    locale,
  );

export const repairSheetRecord = (data: unknown, locale: Locale = "id"): Repaired<SheetRecord> =>
  repair(
    SheetRecordSchema,
    data,
    { strengths: "", recommendations: "", recused: false, recusalReason: "", finalised: false, version: 0 },
    ["strengths", "recommendations", "recused", "recusalReason", "finalised"],
    (d) =>
      str(d.editionId) && str(d.participantId) && str(d.memberId)
        ? sheetKey(d.editionId, d.participantId, d.memberId)
        : null,
    locale,
  );

export const repairNominationRecord = (data: unknown, locale: Locale = "id"): Repaired<NominationRecord> =>
  repair(
    NominationRecordSchema,
    data,
    { nominated: false, reason: "", version: 0 },
    ["nominated", "reason"],
    (d) =>
      str(d.editionId) && str(d.participantId) && str(d.memberId) && str(d.category)
        ? nominationKey(d.editionId, d.participantId, d.memberId, d.category as AwardCategory)
        : null,
    locale,
  );

// Cross-record checks: shape is fine, but does it fit the rubric and settings?

const line = (root: Words, keys: PathKey[], message: string, locale: Locale): string =>
  `${[root[locale], ...labelPath(keys, locale)].join(" › ")}: ${wordCustom(message, locale) ?? message}`;

/** Rubric against the edition's settings: letters with a value, references that exist. */
export const checkRubric = (rubric: Rubric, settings: EditionSettings, locale: Locale = "id"): string[] => {
  const errors: string[] = [];
  const letters = Object.keys(settings.letterValues);
  const componentIds = new Set(rubric.components.map((c) => c.id));
  const indicatorIds = new Set(rubric.components.flatMap((c) => c.indicators.map((i) => i.id)));
  const aksis = new Set(rubric.components.flatMap((c) => c.indicators.map((i) => i.aksi)));
  rubric.components.forEach((c, ci) => {
    c.indicators.forEach((indicator, ii) => {
      indicator.levels.forEach((level, li) => {
        if (!(level.letter in settings.letterValues))
          errors.push(
            line(
              RECORD_LABELS.rubric,
              ["components", ci, "indicators", ii, "levels", li, "letter"],
              code("not_in", letters.join(", ")),
              locale,
            ),
          );
      });
    });
  });
  settings.tieBreak.forEach((t, i) => {
    const missing =
      (t.kind === "component" && !componentIds.has(t.componentId) && t.componentId) ||
      (t.kind === "indicator" && !indicatorIds.has(t.indicatorId) && t.indicatorId) ||
      (t.kind === "aksi" && !aksis.has(t.aksi) && `aksi ${t.aksi}`);
    if (missing) errors.push(line(RECORD_LABELS.settings, ["tieBreak", i], code("unknown_ref", missing), locale));
  });
  settings.awards.forEach((a, i) => {
    if (a.kind !== "indicator-rule") return;
    for (const id of a.indicatorIds)
      if (!indicatorIds.has(id))
        errors.push(line(RECORD_LABELS.settings, ["awards", i, "indicatorIds"], code("unknown_ref", id), locale));
  });
  return errors;
};

/** A score against its rubric: the indicator exists, and the grade fits its scale. */
export const checkScore = (score: ScoreRecord, rubric: Rubric, locale: Locale = "id"): string[] => {
  const component = rubric.components.find((c) => c.indicators.some((i) => i.id === score.indicatorId));
  const indicator = component?.indicators.find((i) => i.id === score.indicatorId);
  if (!component || !indicator)
    return [line(RECORD_LABELS.score, ["indicatorId"], code("unknown_ref", score.indicatorId), locale)];
  const errors: string[] = [];
  if (component.id !== score.componentId)
    errors.push(line(RECORD_LABELS.score, ["componentId"], code("not_in", component.id), locale));
  const componentName = component.name[locale] ?? component.name.id;
  if (component.scale === "levels") {
    if (score.points !== null)
      errors.push(line(RECORD_LABELS.score, ["points"], code("grade_wrong_scale", componentName), locale));
    const letters = indicator.levels.map((l) => l.letter);
    if (score.level !== null && !letters.includes(score.level))
      errors.push(line(RECORD_LABELS.score, ["level"], code("not_in", letters.join(", ")), locale));
  } else {
    if (score.level !== null)
      errors.push(line(RECORD_LABELS.score, ["level"], code("grade_wrong_scale", componentName), locale));
    const max = indicator.maxPoints ?? DEFAULT_MAX_POINTS;
    if (score.points !== null && score.points > max)
      errors.push(line(RECORD_LABELS.score, ["points"], code("points_over_max", max), locale));
  }
  return errors;
};
