/*
 * The rubric editor's checks: everything the rubric schema checks (empty texts and
 * descriptors, duplicate codes and letters, levels vs scale, score bands) plus the
 * editor's own rule that weights total exactly 100. Each error sits on its field
 * (`field-errors.ts`); a rubric with any error is never saved.
 */
import { type FieldError, fieldErrors } from "./field-errors.ts";
import { RubricSchema } from "./reference-schemas.ts";
import type { Locale, Rubric } from "./types.ts";

export { errorsAt, type FieldError } from "./field-errors.ts";

export const WEIGHT_TOTAL = 100;

/** The path the weight-total error is filed under. */
export const WEIGHTS_PATH = "weights";

const WEIGHTS_WORDS = {
  field: { id: "Bobot komponen", en: "Component weights" },
  message: (total: string) => ({
    id: `jumlahnya ${total}, harus tepat ${WEIGHT_TOTAL}`,
    en: `add up to ${total}, must be exactly ${WEIGHT_TOTAL}`,
  }),
};

const sumOf = (values: number[]): number => Math.round(values.reduce((a, b) => a + b, 0) * 1e6) / 1e6;

export const validateRubricDraft = (rubric: Rubric, locale: Locale = "id"): FieldError[] => {
  const errors = fieldErrors(RubricSchema, rubric, locale);
  const total = sumOf(rubric.components.map((c) => c.weight));
  if (total !== WEIGHT_TOTAL)
    errors.push({
      path: WEIGHTS_PATH,
      field: WEIGHTS_WORDS.field[locale],
      message: WEIGHTS_WORDS.message(new Intl.NumberFormat(locale === "id" ? "id-ID" : "en").format(total))[locale],
    });
  return errors;
};
