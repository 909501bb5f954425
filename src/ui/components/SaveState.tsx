import type { FieldStatus } from "../../state/index.ts";
import { useT } from "../../state/index.ts";

/** "Saved on this device" appears only after the IndexedDB transaction committed. */
export const SaveState = ({ status, id }: { status: FieldStatus | undefined; id?: string }) => {
  const t = useT();
  if (!status || status === "error") return <span id={id} class="save-state" />;
  return (
    <span id={id} class={`save-state is-${status}`} role="status" data-testid="save-state" data-status={status}>
      {status === "saving" ? t("score.saving") : `✓ ${t("score.saved")}`}
    </span>
  );
};
