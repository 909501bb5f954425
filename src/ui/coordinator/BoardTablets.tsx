import type { Member } from "../../domain/types.ts";
import { type BoardResponse, presetAudit } from "../../state/edition-day.ts";
import { formatAge, formatTime, navigate, useApp, useT } from "../../state/index.ts";

type Props = { editionId: string; board: BoardResponse; members: Member[]; now: number };

/**
 * Per member, their tablets: the name the panelist gave it, last sync, in the room or
 * remote, how many changes wait on it as it last reported (and how old that report is),
 * and its refused changes, linking to the audit screen filtered to that tablet.
 */
export const BoardTablets = ({ editionId, board, members, now }: Props) => {
  const t = useT();
  const locale = useApp((s) => s.locale);
  const openRefused = (deviceId: string) => {
    presetAudit(deviceId);
    navigate({ name: "coordinator", editionId, tab: "audit", participantId: null });
  };
  return (
    <>
      <h4>{t("setup.tablets")}</h4>
      {board.devices.length === 0 ? <p>{t("coord.noDevices")}</p> : null}
      <ul class="card-list" data-testid="board-devices">
        {members
          .filter((m) => board.devices.some((d) => d.memberId === m.id))
          .map((m) => (
            <li key={m.id}>
              <strong>{m.name}</strong>
              <ul class="plain-list">
                {board.devices
                  .filter((d) => d.memberId === m.id)
                  .map((d) => (
                    <li key={d.id} data-testid={`tablet-${d.id}`}>
                      {t("setup.tabletLine", {
                        name: d.name,
                        seen: d.lastSeenAt ? formatTime(locale, d.lastSeenAt) : t("setup.neverSeen"),
                        changes: d.lastSeq,
                        where: t(d.attendance === "remote" ? "setup.remote" : "setup.inRoom"),
                      })}
                      {d.revokedAt ? <span class="pill">{t("coord.revoked")}</span> : null}
                      <br />
                      <span class={d.pendingCount ? "" : "muted"} data-testid="tablet-pending">
                        {d.pendingCount !== undefined && d.pendingAt !== undefined
                          ? t("coord.tabletPending", {
                              count: d.pendingCount,
                              age: formatAge(locale, now - d.pendingAt),
                            })
                          : t("coord.tabletPendingUnknown")}
                      </span>
                      {" · "}
                      {d.refused > 0 ? (
                        <a
                          href={`#/coordinator/${encodeURIComponent(editionId)}/audit`}
                          class="button button-quiet"
                          onClick={(event) => {
                            event.preventDefault();
                            openRefused(d.id);
                          }}
                        >
                          {t("coord.tabletRefused", { count: d.refused })}
                        </a>
                      ) : (
                        <span class="muted">{t("coord.tabletRefusedNone")}</span>
                      )}
                    </li>
                  ))}
              </ul>
            </li>
          ))}
      </ul>
    </>
  );
};
