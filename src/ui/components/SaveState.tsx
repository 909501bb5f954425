import type { FieldState } from "../../state/index.ts";
import { formatClock, useApp, useT } from "../../state/index.ts";

type Props = {
  /** This field's last save, keyed by (district, indicator, field): never another field's. */
  state: FieldState | undefined;
  /** The field holds typed text not committed yet. */
  dirty?: boolean;
  /** Nothing is stored for this field: an empty field never claims to be saved. */
  empty?: boolean;
  id?: string;
};

/** "Saved on this device" appears only after the IndexedDB transaction committed, with when. */
export const SaveState = ({ state, dirty = false, empty = false, id }: Props) => {
  const t = useT();
  const locale = useApp((s) => s.locale);
  if (dirty)
    return (
      <span id={id} class="save-state is-draft" role="status" data-testid="save-state" data-status="draft">
        {t("score.unsaved")}
      </span>
    );
  if (!state || state.status === "error" || (empty && state.status === "saved"))
    return <span id={id} class="save-state" />;
  return (
    <span
      id={id}
      class={`save-state is-${state.status}`}
      role="status"
      data-testid="save-state"
      data-status={state.status}
    >
      {state.status === "saving"
        ? t("score.saving")
        : `✓ ${t("score.savedAt", { time: formatClock(locale, state.at) })}`}
    </span>
  );
};
