import { applyUpdate, postponeUpdate, useApp, useT } from "../../state/index.ts";

export const UpdatePrompt = () => {
  const t = useT();
  const ready = useApp((s) => s.updateReady);
  const busy = useApp((s) => s.editing > 0 || s.syncing);
  if (!ready) return null;
  return (
    <div class="notice notice-info update-prompt" role="status" data-testid="update-prompt">
      <span>{busy ? t("update.waitingForEdit") : t("update.available")}</span>
      <button type="button" class="button button-primary" onClick={applyUpdate}>
        {t("update.apply")}
      </button>
      <button type="button" class="button button-quiet" onClick={postponeUpdate}>
        {t("update.later")}
      </button>
    </div>
  );
};
