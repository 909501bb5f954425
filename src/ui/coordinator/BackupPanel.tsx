import { useState } from "preact/hooks";
import { useCoordinator } from "../../state/coordinator.ts";
import { fetchBackup, type RestoreResponse, restoreFromBackup } from "../../state/coordinator-recovery.ts";
import { pickText, useApp, useT } from "../../state/index.ts";
import { downloadBlob, safeFileName } from "../documents/download.ts";
import { JsonFilePicker } from "./JsonFilePicker.tsx";

/** Each edition as one backup file, and restoring one into this server (only an edition it does not have). */
export const BackupPanel = () => {
  const t = useT();
  const locale = useApp((s) => s.locale);
  const editions = useCoordinator((s) => s.editions);
  const busy = useCoordinator((s) => s.busy);
  const [restored, setRestored] = useState<RestoreResponse | null>(null);
  const [choice, setChoice] = useState("");
  const chosen = editions.some((e) => e.id === choice) ? choice : (editions[0]?.id ?? "");
  const download = async (editionId: string) => {
    const backup = await fetchBackup(editionId);
    if (!backup) return;
    const blob = new Blob([JSON.stringify(backup)], { type: "application/json" });
    downloadBlob(blob, safeFileName(`panelis-${editionId}-${backup.createdAt.slice(0, 10)}`, "json"));
  };
  const restore = async (data: unknown) => {
    setRestored(null);
    setRestored(await restoreFromBackup(data));
  };
  return (
    <section class="panel" aria-labelledby="backup-title" data-testid="backup-panel">
      <h3 id="backup-title">{t("coord.backupHeading")}</h3>
      <p class="muted">{t("coord.backupHelp")}</p>
      {editions.length > 0 ? (
        <div class="toolbar">
          <div class="field">
            <label for="backup-edition">{t("coord.backupEdition")}</label>
            <select
              id="backup-edition"
              value={chosen}
              onChange={(e) => setChoice((e.currentTarget as HTMLSelectElement).value)}
            >
              {editions.map((e) => (
                <option key={e.id} value={e.id}>
                  {`${pickText(e.title, locale)} (${e.year})`}
                </option>
              ))}
            </select>
          </div>
          <button type="button" class="button" disabled={busy} onClick={() => void download(chosen)}>
            {t("coord.backupDownload")}
          </button>
        </div>
      ) : null}
      <JsonFilePicker
        id="restore-file"
        label={t("coord.restorePick")}
        disabled={busy}
        onPick={(data) => void restore(data)}
      />
      {restored ? (
        <p role="status" data-testid="restore-result">
          {t("coord.restored", {
            id: restored.editionId,
            scores: restored.records.scores,
            sheets: restored.records.sheets,
            nominations: restored.records.nominations,
            audit: restored.auditEntries,
          })}
        </p>
      ) : null}
    </section>
  );
};
