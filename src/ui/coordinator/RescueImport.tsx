import { useState } from "preact/hooks";
import { useCoordinator } from "../../state/coordinator.ts";
import { importTabletFile, type RescueImportResponse } from "../../state/coordinator-recovery.ts";
import { useT } from "../../state/index.ts";
import { JsonFilePicker } from "./JsonFilePicker.tsx";

/** A tablet's last-resort file, imported change by change through the same checks as a sync; the report says what happened. */
export const RescueImport = ({ editionId }: { editionId: string }) => {
  const t = useT();
  const bundle = useCoordinator((s) => s.bundle);
  const busy = useCoordinator((s) => s.busy);
  const [report, setReport] = useState<RescueImportResponse | null>(null);
  const name = (list: readonly { id: string; name: string }[] | undefined, id: string) =>
    list?.find((x) => x.id === id)?.name ?? id;
  const importFile = async (data: unknown) => {
    setReport(null);
    setReport(await importTabletFile(editionId, data));
  };
  const refused = report?.changes.filter((c) => c.outcome === "refused") ?? [];
  return (
    <section class="panel" aria-labelledby="rescue-title">
      <h3 id="rescue-title">{t("coord.rescueHeading")}</h3>
      <p class="muted">{t("coord.rescueHelp")}</p>
      <JsonFilePicker
        id="rescue-file"
        label={t("coord.rescuePick")}
        disabled={busy}
        onPick={(data) => void importFile(data)}
      />
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
