import type { FieldState } from "../../state/index.ts";
import { SaveState } from "./SaveState.tsx";
import { useDraftField } from "./useDraftField.ts";

type Props = {
  id: string;
  /** The store's field id (noteField, sheetField…): its draft and saved marker. */
  field: string;
  label: string;
  placeholder: string;
  value: string;
  state: FieldState | undefined;
  disabled: boolean;
  onSave: (value: string) => Promise<boolean>;
  rows?: number;
};

/** Free text that owns its draft while typed (kept durably) and is committed when the panelist moves on. */
export const NoteField = ({ id, field, label, placeholder, value, state, disabled, onSave, rows = 2 }: Props) => {
  const draft = useDraftField({
    field,
    committedText: value,
    parse: (text) => ({ ok: true, value: text }),
    commit: (text) => (text === value ? Promise.resolve(true) : onSave(text)),
  });
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <textarea
        id={id}
        ref={draft.ref as { current: HTMLTextAreaElement | null }}
        rows={rows}
        placeholder={placeholder}
        disabled={disabled}
        maxLength={4000}
        aria-describedby={`${id}-state`}
        onInput={draft.onInput}
        onFocus={draft.onFocus}
        onBlur={draft.onBlur}
      />
      <SaveState id={`${id}-state`} state={state} dirty={draft.dirty} empty={value === ""} />
    </div>
  );
};
