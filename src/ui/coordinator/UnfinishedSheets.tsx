import { boardGrid, unfinishedSheets } from "../../domain/board.ts";
import { useCoordinator } from "../../state/coordinator.ts";
import { useT } from "../../state/index.ts";

/** How many unfinished sheets are named one by one; the rest are counted. */
const NAMED = 8;

/**
 * Before closing: the assigned sheets that are not final yet (in progress or not started), by member and
 * district, from the data on screen. Closing leaves their missing grades out of the results and stops the
 * tablets, so the coordinator sees whom to ask first. Nothing when every sheet is final or recused.
 */
export const UnfinishedSheets = () => {
  const t = useT();
  const bundle = useCoordinator((s) => s.bundle);
  const data = useCoordinator((s) => s.data);
  if (!bundle || !data) return null;
  const grid = boardGrid({
    rubric: bundle.rubric,
    participants: bundle.participants,
    members: bundle.members,
    scores: data.scores,
    sheets: data.sheets,
  });
  const open = unfinishedSheets(grid);
  if (open.length === 0) return null;
  const nameOf = new Map([...bundle.participants, ...bundle.members].map((x) => [x.id, x.name] as const));
  const cell = grid.cells;
  return (
    <div class="callout callout-strong" data-testid="unfinished-sheets">
      <p>{t("setup.unfinished", { count: open.length })}</p>
      <ul>
        {open.slice(0, NAMED).map((s) => {
          const c = cell[s.participantId]?.[s.memberId];
          const state =
            c?.state === "in-progress"
              ? t("setup.cellInProgress", { scored: c.scored, total: c.total })
              : t("setup.cellEmpty");
          return (
            <li key={`${s.participantId}:${s.memberId}`}>
              {t("setup.unfinishedLine", {
                member: nameOf.get(s.memberId) ?? s.memberId,
                participant: nameOf.get(s.participantId) ?? s.participantId,
                state,
              })}
            </li>
          );
        })}
      </ul>
      {open.length > NAMED ? <p>{t("setup.unfinishedMore", { count: open.length - NAMED })}</p> : null}
    </div>
  );
};
