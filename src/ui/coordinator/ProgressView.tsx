import { useMemo, useState } from "preact/hooks";
import { sheetKey } from "../../domain/keys.ts";
import { sheetProgress } from "../../domain/progress.ts";
import type { Member, Participant, ScoreRecord } from "../../domain/types.ts";
import { type CoordinatorState, useCoordinator } from "../../state/coordinator.ts";
import { navigate, useT } from "../../state/index.ts";
import { MemberHeaderRow } from "./MemberHeaderRow.tsx";
import { ReopenDialog } from "./ReopenDialog.tsx";
import { RescueImport } from "./RescueImport.tsx";
import { RevokeDialog } from "./RevokeDialog.tsx";

/** Who has scored what: the coordinator's view of the hall while the session runs. */
export const ProgressView = () => {
  const t = useT();
  const bundle = useCoordinator((s) => s.bundle);
  const data = useCoordinator((s) => s.data);
  const devices = useCoordinator((s) => s.devices);
  const joinCodes = useCoordinator((s) => s.joinCodes);
  const [reopening, setReopening] = useState<{ participant: Participant; member: Member } | null>(null);
  const [revoking, setRevoking] = useState<CoordinatorState["devices"][number] | null>(null);
  const scorers = useMemo(() => bundle?.members.filter((m) => m.assignments.length > 0) ?? [], [bundle]);
  const cells = useMemo(() => {
    const index = new Map<string, Map<string, ScoreRecord>>();
    for (const score of data?.scores ?? []) {
      const id = `${score.memberId}|${score.participantId}`;
      const map = index.get(id) ?? new Map<string, ScoreRecord>();
      map.set(score.indicatorId, score);
      index.set(id, map);
    }
    const sheets = new Map((data?.sheets ?? []).map((s) => [s.key, s]));
    return { index, sheets };
  }, [data]);
  if (!bundle) return null;
  const memberName = (id: string) => bundle.members.find((m) => m.id === id)?.name ?? id;
  return (
    <>
      <section class="panel" aria-labelledby="progress-title">
        <h3 id="progress-title">{t("coord.progressHeading")}</h3>
        <div class="table-scroll">
          <table class="matrix" data-testid="progress-matrix">
            <MemberHeaderRow members={scorers} />
            <tbody>
              {bundle.participants.map((participant) => (
                <tr key={participant.id}>
                  <th scope="row">
                    {participant.name}
                    {participant.role === "observer" ? <span class="muted block">{t("start.observer")}</span> : null}
                  </th>
                  {scorers.map((member) => {
                    const assigned = member.assignments.some((a) => a.participantIds.includes(participant.id));
                    if (!assigned) return <td key={member.id}>{t("coord.cellNone")}</td>;
                    const sheet = cells.sheets.get(sheetKey(bundle.edition.id, participant.id, member.id));
                    const progress = sheetProgress(
                      bundle.rubric,
                      member,
                      participant,
                      cells.index.get(`${member.id}|${participant.id}`) ?? new Map(),
                      sheet,
                    );
                    return (
                      <td key={member.id} data-testid={`cell-${member.id}-${participant.regionCode}`}>
                        {t("coord.cellProgress", { scored: progress.scored, total: progress.total })}
                        {progress.finalised ? (
                          <>
                            {" "}
                            <span class="pill pill-done">{t("coord.cellFinal")}</span>
                          </>
                        ) : null}
                        {progress.recused ? (
                          <>
                            {" "}
                            <span class="pill">{t("coord.cellRecused")}</span>
                          </>
                        ) : null}
                        {progress.finalised ? (
                          <button
                            type="button"
                            class="button button-quiet"
                            aria-label={t("coord.reopenLabel", { member: member.name, participant: participant.name })}
                            onClick={() => setReopening({ participant, member })}
                          >
                            {t("coord.reopen")}
                          </button>
                        ) : null}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section class="panel" aria-labelledby="join-codes-title">
        <h3 id="join-codes-title">{t("coord.joinHeading")}</h3>
        <ul class="card-list">
          {scorers.map((member) => {
            const code = joinCodes[member.id];
            const link = code ? `${location.origin}/${code.joinUrl.replace(/^\//, "")}` : null;
            return (
              <li key={member.id} class="join-row">
                <span>
                  <strong>{member.name}</strong> · {t(`role.${member.role}`)}
                </span>
                {code && link ? (
                  <span data-testid={`join-code-${member.id}`}>
                    <code class="join-code">{code.code}</code> <a href={link}>{t("coord.joinLink")}</a>
                  </span>
                ) : (
                  // A new code retires the printed one: it is created on the join sheet, which asks first.
                  <button
                    type="button"
                    class="button"
                    aria-label={t("coord.joinCreateFor", { name: member.name })}
                    onClick={() =>
                      navigate({ name: "coordinator", editionId: bundle.edition.id, tab: "join", participantId: null })
                    }
                  >
                    {t("setup.tabJoin")}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      </section>
      <section class="panel" aria-labelledby="devices-title">
        <h3 id="devices-title">{t("coord.devices")}</h3>
        {devices.length === 0 ? <p>{t("coord.noDevices")}</p> : null}
        <ul class="card-list">
          {devices.map((device) => (
            <li key={device.id} class="join-row">
              <span>
                {/* A tablet left unnamed is called "Tablet <member>": the member's name is not repeated after it. */}
                {device.name.includes(memberName(device.memberId))
                  ? t("coord.deviceLineOwnName", { name: device.name, seq: device.lastSeq })
                  : t("coord.deviceLine", {
                      name: device.name,
                      member: memberName(device.memberId),
                      seq: device.lastSeq,
                    })}
              </span>
              {device.revokedAt ? (
                <span class="pill">{t("coord.revoked")}</span>
              ) : (
                <button type="button" class="button" onClick={() => setRevoking(device)}>
                  {t("coord.revoke")}
                </button>
              )}
            </li>
          ))}
        </ul>
      </section>
      <RescueImport editionId={bundle.edition.id} />
      {reopening ? <ReopenDialog {...reopening} onClose={() => setReopening(null)} /> : null}
      {revoking ? <RevokeDialog device={revoking} onClose={() => setRevoking(null)} /> : null}
    </>
  );
};
