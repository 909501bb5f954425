/*
 * Validation errors placed on the field they belong to: the dot path of the field
 * (for the form to show the message next to its input) and the field's name in the
 * coordinator's words (id/en), from the same labels every schema error uses.
 */
import * as v from "valibot";
import { labelPath, type PathKey, wordCustom, wordIssue } from "./schema-core.ts";
import type { Locale } from "./types.ts";

export type FieldError = {
  /** Dot path, e.g. "components.1.indicators.0.bands.2.min"; a rule over several fields has its own name. */
  path: string;
  /** The field in words: "komponen 2 › indikator 1 › rentang nilai 3 › batas bawah". */
  field: string;
  message: string;
};

export const fieldErrors = (schema: v.GenericSchema, data: unknown, locale: Locale = "id"): FieldError[] => {
  const result = v.safeParse(schema, data);
  if (result.success) return [];
  const errors = result.issues.map((issue) => {
    const keys = (issue.path ?? []).map((p) => p.key as PathKey);
    return {
      path: keys.join("."),
      field: labelPath(keys, locale).join(" › "),
      message: wordCustom(issue.message, locale) ?? wordIssue(issue, locale),
    };
  });
  return [...new Map(errors.map((e) => [`${e.path}|${e.message}`, e] as const)).values()];
};

/** Errors for one field (exact path): what a form shows under that input. */
export const errorsAt = (errors: readonly FieldError[], path: string): FieldError[] =>
  errors.filter((e) => e.path === path);
