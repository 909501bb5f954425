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
  // The native control's button is ~20 px high and speaks the browser's language ("Choose File"), not the
  // app's: the input stays in the page (focusable, its label its name) but out of sight, and its label is
  // the 44 px button the coordinator sees and taps; focus and disabled show on that button.
  return (
    <div class="field file-picker">
      <input
        id={id}
        class="file-picker-input"
        type="file"
        accept="application/json,.json"
        disabled={disabled}
        onChange={(event) => void pick(event.currentTarget as HTMLInputElement)}
      />
      <label for={id} class="button file-picker-button">
        {label}
      </label>
      {unreadable ? (
        <p class="field-error" role="alert">
          {t("coord.fileUnreadable")}
        </p>
      ) : null}
    </div>
  );
};
