/*
 * The rubric editor's checks: everything the rubric schema checks (empty texts and
 * descriptors, duplicate codes and letters, levels vs scale, score bands) plus the
 * editor's own rule that weights total exactly 100. Each error carries the path of
 * the field it belongs to (so the editor shows it next to that field) and the field's
 * name in words (id/en); a rubric with any error is never saved.
 */
import * as v from "valibot";
import { RubricSchema } from "./reference-schemas.ts";
import { labelPath, type PathKey, wordCustom, wordIssue } from "./schema-core.ts";
import type { Locale, Rubric } from "./types.ts";

export type FieldError = {
  /** Dot path into the rubric, e.g. "components.1.indicators.0.bands.2.min"; "weights" for the total. */
  path: string;
  /** The field in words: "komponen 2 › indikator 1 › rentang nilai 3 › batas bawah". */
  field: string;
  message: string;
};

export const WEIGHT_TOTAL = 100;

const WEIGHTS_WORDS = {
  field: { id: "Bobot komponen", en: "Component weights" },
  message: (total: string) => ({
    id: `jumlahnya ${total}, harus tepat ${WEIGHT_TOTAL}`,
    en: `add up to ${total}, must be exactly ${WEIGHT_TOTAL}`,
  }),
};

const sumOf = (values: number[]): number => Math.round(values.reduce((a, b) => a + b, 0) * 1e6) / 1e6;

export const validateRubricDraft = (rubric: Rubric, locale: Locale = "id"): FieldError[] => {
  const errors: FieldError[] = [];
  const result = v.safeParse(RubricSchema, rubric);
  if (!result.success)
    for (const issue of result.issues) {
      const keys = (issue.path ?? []).map((p) => p.key as PathKey);
      errors.push({
        path: keys.join("."),
        field: labelPath(keys, locale).join(" › "),
        message: wordCustom(issue.message, locale) ?? wordIssue(issue, locale),
      });
    }
  const total = sumOf(rubric.components.map((c) => c.weight));
  if (total !== WEIGHT_TOTAL)
    errors.push({
      path: "weights",
      field: WEIGHTS_WORDS.field[locale],
      message: WEIGHTS_WORDS.message(new Intl.NumberFormat(locale === "id" ? "id-ID" : "en").format(total))[locale],
    });
  const unique = new Map(errors.map((e) => [`${e.path}|${e.message}`, e] as const));
  return [...unique.values()];
};

/** Errors for one field (exact path) — what the editor shows under that input. */
export const errorsAt = (errors: readonly FieldError[], path: string): FieldError[] =>
  errors.filter((e) => e.path === path);
