/*
 * Editions, rubrics, participants and the panel: validated when an edition is
 * imported or loaded onto a device, never on a tap. Kept apart from the record
 * schemas so the panelist's first screen need not load them.
 */
import * as v from "valibot";
import { type BandProblem, bandProblems } from "./bands.ts";
import type {
  AksiNumber,
  Assignment,
  Edition,
  EditionSchedule,
  EditionSettings,
  Locale,
  Member,
  Participant,
  Rubric,
  ScheduleSlot,
  ScoreBand,
} from "./types.ts";
import {
  REGION_CODE_RE,
  PROVINCE_CODE_RE,
  code,
  RECORD_LABELS,
  labelled,
  identity,
  shortText,
  requiredShortText,
  count,
  positive,
  isoDate,
  LevelLetterSchema,
  AksiSchema,
  AwardCategorySchema,
  LocalTextSchema,
  pathTo,
  firstDuplicate,
  uniqueItems,
  line,
  DEFAULT_MAX_POINTS,
  type PathKey,
} from "./schema-core.ts";

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

const AttendanceSchema = v.picklist(["room", "remote"] as const);

export const ScheduleSchema = v.object({
  editionId: identity(),
  slots: v.pipe(
    v.array(
      v.object({
        participantId: identity(),
        order: v.pipe(v.number(), v.integer(), v.minValue(1)),
        date: v.union([v.literal(""), isoDate()]),
        time: shortText(),
        room: shortText(),
      }),
    ),
    v.maxLength(1000),
    uniqueItems<ScheduleSlot>((s) => s.participantId),
    uniqueItems<ScheduleSlot>((s) => s.order),
  ),
  currentParticipantId: v.nullable(identity()),
  participantAttendance: v.record(identity(), AttendanceSchema),
  memberAttendance: v.record(identity(), AttendanceSchema),
}) satisfies v.GenericSchema<unknown, EditionSchedule>;

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
      state: v.optional(v.picklist(["draft", "open", "closed", "published"] as const)),
      sourceEditionId: v.optional(identity()),
      schedule: v.optional(ScheduleSchema),
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

const BandSchema = v.object({
  min: v.pipe(v.number(), v.finite()),
  max: v.pipe(v.number(), v.finite()),
  label: LocalTextSchema,
  descriptor: LocalTextSchema,
});

const BAND_CODES: Record<BandProblem["kind"], string> = {
  "not-whole": code("band_not_whole"),
  "min-above-max": code("band_min_above_max"),
  "out-of-range": "",
  overlap: "",
  gap: "",
};

/** Band problems as (message, path below the indicator); `bands.ts` owns the rule. */
export const bandIssues = (bands: readonly ScoreBand[], maxPoints: number | undefined): [string, PathKey[]][] =>
  bandProblems(bands, maxPoints ?? DEFAULT_MAX_POINTS).map((p) => {
    const at: PathKey[] = ["bands", p.index];
    switch (p.kind) {
      case "out-of-range":
        return [code("band_out_of_range", p.maxPoints), at];
      case "overlap": {
        const o = bands[p.other];
        return [code("band_overlap", `${o?.min}–${o?.max}`), [...at, "min"]];
      }
      case "gap":
        return [code("band_gap", p.from === p.to ? `${p.from}` : `${p.from}–${p.to}`), at];
      default:
        return [BAND_CODES[p.kind], at];
    }
  });

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
  bands: v.optional(v.array(BandSchema)),
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
      if (c.scale === "levels" && (indicator.bands?.length ?? 0) > 0)
        addIssue({ message: code("bands_forbidden"), path: pathTo(c, ["indicators", i, "bands"]) });
      for (const [message, at] of bandIssues(indicator.bands ?? [], indicator.maxPoints))
        addIssue({ message, path: pathTo(c, ["indicators", i, ...at]) });
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
