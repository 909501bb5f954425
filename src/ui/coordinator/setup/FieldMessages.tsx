import type { FieldError } from "../../../domain/field-errors.ts";
import { TextField } from "../../components/Field.tsx";

/** The DOM id of a field's error list, for `aria-describedby`. */
export const errorId = (path: string): string => `err-${path.replace(/[^\w-]/g, "-")}`;

type Props = {
  errors: readonly FieldError[];
  path: string /** Also show errors on fields below this one. */;
  below?: boolean;
};

/** Errors of one field, shown next to it; nothing when the field is fine. */
export const FieldMessages = ({ errors, path, below = false }: Props) => {
  const mine = errors.filter((e) => e.path === path || (below && e.path.startsWith(`${path}.`)));
  if (mine.length === 0) return null;
  return (
    <ul id={errorId(path)} class="field-error" data-testid={`error-${path}`}>
      {mine.map((e) => (
        <li key={`${e.path}|${e.message}`}>
          {below && e.path !== path ? `${e.field}: ` : ""}
          {e.message}
        </li>
      ))}
    </ul>
  );
};

/** Props for an input whose errors are listed by `FieldMessages` for the same path. */
export const invalidProps = (errors: readonly FieldError[], path: string) => {
  const invalid = errors.some((e) => e.path === path);
  return invalid ? { "aria-invalid": true, "aria-describedby": errorId(path) } : {};
};

type CheckedProps = Parameters<typeof TextField>[0] & { errors: readonly FieldError[]; path: string };

/** A text field of the draft: marked invalid, and followed by its errors, when the draft's `path` has any. */
export const CheckedTextField = ({ errors, path, input, ...field }: CheckedProps) => (
  <TextField {...field} input={{ ...input, ...invalidProps(errors, path) }}>
    <FieldMessages errors={errors} path={path} />
  </TextField>
);
