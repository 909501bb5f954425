import { useState } from "preact/hooks";
import { useT } from "../../state/index.ts";

type Props = { id: string; label: string; disabled: boolean; onPick: (data: unknown) => void };

/** A file input that hands over the picked file's JSON, or says in words that it is not JSON. */
export const JsonFilePicker = ({ id, label, disabled, onPick }: Props) => {
  const t = useT();
  const [unreadable, setUnreadable] = useState(false);
  const pick = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    // Cleared, so picking the same file again (after fixing the server side) is a change too.
    input.value = "";
    setUnreadable(false);
    if (!file) return;
    try {
      onPick(JSON.parse(await file.text()) as unknown);
    } catch {
      setUnreadable(true);
    }
  };
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        type="file"
        accept="application/json,.json"
        disabled={disabled}
        onChange={(event) => void pick(event.currentTarget as HTMLInputElement)}
      />
      {unreadable ? (
        <p class="field-error" role="alert">
          {t("coord.fileUnreadable")}
        </p>
      ) : null}
    </div>
  );
};
