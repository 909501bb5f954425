import { useState } from "preact/hooks";
import { useCoordinator } from "../../state/coordinator.ts";
import { importTabletFile, type RescueImportResponse } from "../../state/coordinator-recovery.ts";
import { useT } from "../../state/index.ts";
import { readJsonFile } from "./read-json-file.ts";

/** A tablet's last-resort file, imported change by change through the same checks as a sync; the report says what happened. */
export const RescueImport = ({ editionId }: { editionId: string }) => {
  const t = useT();
  const bundle = useCoordinator((s) => s.bundle);
  const busy = useCoordinator((s) => s.busy);
  const [report, setReport] = useState<RescueImportResponse | null>(null);
  const [unreadable, setUnreadable] = useState(false);
  const name = (list: readonly { id: string; name: string }[] | undefined, id: string) =>
    list?.find((x) => x.id === id)?.name ?? id;
  const onPick = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = "";
    setReport(null);
    setUnreadable(false);
    if (!file) return;
    const data = await readJsonFile(file);
    if (data === null) {
      setUnreadable(true);
      return;
    }
    setReport(await importTabletFile(editionId, data));
  };
  const refused = report?.changes.filter((c) => c.outcome === "refused") ?? [];
  return (
    <section class="panel" aria-labelledby="rescue-title">
      <h3 id="rescue-title">{t("coord.rescueHeading")}</h3>
      <p class="muted">{t("coord.rescueHelp")}</p>
      <div class="field">
        <label for="rescue-file">{t("coord.rescuePick")}</label>
        <input
          id="rescue-file"
          type="file"
          accept="application/json,.json"
          disabled={busy}
          onChange={(event) => void onPick(event.currentTarget as HTMLInputElement)}
        />
      </div>
      {unreadable ? (
        <p class="field-error" role="alert">
          {t("coord.fileUnreadable")}
        </p>
      ) : null}
      {report ? (
        <div role="status" data-testid="rescue-report">
          <p>
            {t("coord.rescueResult", {
              member: name(bundle?.members, report.memberId),
              applied: report.counts.applied,
              duplicate: report.counts.duplicate,
              refused: report.counts.refused,
            })}
          </p>
          {refused.length > 0 ? (
            <ul>
              {refused.map((c) => (
                <li key={c.mutationId}>
                  {t("coord.rescueRefused", {
                    participant: name(bundle?.participants, c.participantId),
                    reason: c.reason ?? c.reasonCode ?? "—",
                  })}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </section>
  );
};
