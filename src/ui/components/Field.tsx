import type { ComponentChildren } from "preact";

type FieldProps = {
  id: string;
  label: string;
  /** Classes beside "field", e.g. "field-narrow". */
  class?: string;
  /** Shown below the control: help, error messages. */
  children?: ComponentChildren;
};

const fieldClass = (extra?: string) => (extra ? `field ${extra}` : "field");

type TextFieldProps = FieldProps & {
  value: string | number;
  onValue: (value: string) => void;
  /** More than 1: a text area of that many rows, for a sentence that must be read whole (an indicator's text). */
  lines?: number;
  /** Further input attributes. */
  input?: {
    type?: "text" | "number" | "date" | "password";
    inputMode?: "numeric" | "decimal";
    min?: number;
    max?: number;
    list?: string;
    autocomplete?: string;
    autocapitalize?: "characters";
    "aria-invalid"?: boolean;
    "aria-describedby"?: string;
  };
};

/** A labelled input that reports what is typed. */
export const TextField = ({ id, label, class: extra, value, onValue, input = {}, lines, children }: TextFieldProps) => {
  // Preact types each input type apart; the attributes above suit every one of them.
  const { type, ...attributes } = input;
  return (
    <div class={fieldClass(extra)}>
      <label for={id}>{label}</label>
      {lines !== undefined && lines > 1 ? (
        <textarea
          aria-invalid={attributes["aria-invalid"]}
          aria-describedby={attributes["aria-describedby"]}
          id={id}
          rows={lines}
          value={value}
          onInput={(e) => onValue((e.currentTarget as HTMLTextAreaElement).value)}
        />
      ) : (
        <input
          {...attributes}
          type={type as "text" | undefined}
          id={id}
          value={value}
          onInput={(e) => onValue((e.currentTarget as HTMLInputElement).value)}
        />
      )}
      {children}
    </div>
  );
};

type SelectFieldProps = FieldProps & {
  value: string;
  onValue: (value: string) => void;
  /** [value, text] of each option, in order. */
  options: readonly (readonly [string, string])[];
  /** The text of an empty first option ("choose…", "all"); none without it. */
  placeholder?: string;
};

/** A labelled select that reports the chosen value. */
export const SelectField = ({
  id,
  label,
  class: extra,
  value,
  onValue,
  options,
  placeholder,
  children,
}: SelectFieldProps) => (
  <div class={fieldClass(extra)}>
    <label for={id}>{label}</label>
    <select id={id} value={value} onChange={(e) => onValue((e.currentTarget as HTMLSelectElement).value)}>
      {placeholder === undefined ? null : <option value="">{placeholder}</option>}
      {options.map(([v, text]) => (
        <option key={v} value={v}>
          {text}
        </option>
      ))}
    </select>
    {children}
  </div>
);
