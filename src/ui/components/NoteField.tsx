import { useEffect, useRef, useState } from "preact/hooks";
import { beginEditing, endEditing, type FieldStatus } from "../../state/index.ts";
import { SaveState } from "./SaveState.tsx";

type Props = {
  id: string;
  label: string;
  placeholder: string;
  value: string;
  status: FieldStatus | undefined;
  disabled: boolean;
  onSave: (value: string) => Promise<unknown>;
  rows?: number;
};

const SAVE_AFTER_MS = 700;

/** Saves while typing (after a pause) and on leaving the field, so a closed tablet loses at most the last pause. */
export const NoteField = ({ id, label, placeholder, value, status, disabled, onSave, rows = 2 }: Props) => {
  const [draft, setDraft] = useState(value);
  const focused = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const lastSaved = useRef(value);

  useEffect(() => {
    if (!focused.current) setDraft(value);
    lastSaved.current = value;
  }, [value]);

  const flush = (text: string) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (text === lastSaved.current) return;
    lastSaved.current = text;
    void onSave(text);
  };

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  return (
    <div class="field">
      <label for={id}>{label}</label>
      <textarea
        id={id}
        rows={rows}
        value={draft}
        placeholder={placeholder}
        disabled={disabled}
        maxLength={4000}
        aria-describedby={`${id}-state`}
        onFocus={() => {
          focused.current = true;
          beginEditing();
        }}
        onBlur={(event) => {
          focused.current = false;
          endEditing();
          flush((event.currentTarget as HTMLTextAreaElement).value);
        }}
        onInput={(event) => {
          const text = (event.currentTarget as HTMLTextAreaElement).value;
          setDraft(text);
          if (timer.current) clearTimeout(timer.current);
          timer.current = setTimeout(() => flush(text), SAVE_AFTER_MS);
        }}
      />
      {/* "Saved" describes the stored text; while the draft differs, it would be a promise not yet kept. */}
      <SaveState id={`${id}-state`} status={draft === value ? status : undefined} />
    </div>
  );
};
