import { useEffect, useState } from "preact/hooks";
import { type BoardCell, boardCounts } from "../../domain/board.ts";
import type { Member, Participant } from "../../domain/types.ts";
import { useCoordinator } from "../../state/coordinator.ts";
import { BOARD_POLL_MS, pollBoard, restoreBoard, useDay } from "../../state/edition-day.ts";
import { formatTime, useApp, useT } from "../../state/index.ts";
import { BoardTablets } from "./BoardTablets.tsx";
import { RecusalForm } from "./RecusalForm.tsx";
import { SheetPeek } from "./SheetPeek.tsx";
import { MemberHeaderRow } from "./MemberHeaderRow.tsx";

/** Re-renders every few seconds so "data from n seconds ago" stays true while nothing arrives. */
const useNow = (ms: number): number => {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
};

const CELL_CLASS: Record<BoardCell["state"], string> = {
  "not-assigned": "cell-none",
  recused: "cell-recused",
  final: "cell-final",
  "in-progress": "cell-progress",
  empty: "cell-empty",
};

/**
 * Kemajuan: participants × members, each cell empty / in progress (n of m) / final /
 * recused / not assigned, and each member's tablets. Polls every 3 s while visible.
 */
export const LiveBoard = ({ editionId }: { editionId: string }) => {
  const t = useT();
  const locale = useApp((s) => s.locale);
  const bundle = useCoordinator((s) => s.bundle);
  const board = useDay((s) => (s.board?.editionId === editionId ? s.board : null));
  const fetchedAt = useDay((s) => s.boardFetchedAt);
  const offline = useDay((s) => s.boardOffline);
  const now = useNow(1000);
  const [peek, setPeek] = useState<{ participant: Participant; member: Member } | null>(null);
  useEffect(() => {
    restoreBoard(editionId);
    void pollBoard(editionId);
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") void pollBoard(editionId);
    }, BOARD_POLL_MS);
    return () => clearInterval(timer);
  }, [editionId]);
  if (!bundle || !board) return <p role="status">{t("app.loading")}</p>;
  const members = board.grid.memberIds
    .map((id) => bundle.members.find((m) => m.id === id))
    .filter((m): m is Member => m !== undefined);
  const counts = boardCounts(board.grid);
  const ageSeconds = fetchedAt ? Math.max(0, Math.round((now - fetchedAt) / 1000)) : null;
  return (
    <section class="panel" aria-labelledby="board-title">
      <h3 id="board-title">{t("setup.boardHeading")}</h3>
      <p class={offline ? "callout callout-strong" : "muted"} role="status" data-testid="board-age">
        {offline
          ? t("setup.boardOffline", { time: fetchedAt ? formatTime(locale, fetchedAt) : "—" })
          : t("setup.boardFresh", { seconds: ageSeconds ?? 0 })}
      </p>
      <p class="muted">
        {t("setup.boardCounts", {
          final: counts.final,
          progress: counts["in-progress"],
          empty: counts.empty,
          recused: counts.recused,
        })}
      </p>
      <div class="table-scroll">
        <table class="matrix board" data-testid="board-grid">
          <MemberHeaderRow members={members} />
          <tbody>
            {bundle.participants.map((p) => (
              <tr key={p.id} class={board.currentParticipantId === p.id ? "is-presenting" : ""}>
                <th scope="row">
                  {p.name}
                  {board.currentParticipantId === p.id ? (
                    <>
                      {" "}
                      <span class="pill">{t("setup.presenting")}</span>
                    </>
                  ) : null}
                  {p.role === "observer" ? <span class="muted block">{t("start.observer")}</span> : null}
                </th>
                {members.map((m) => {
                  const cell = board.grid.cells[p.id]?.[m.id] ?? { state: "not-assigned" };
                  const words = cellWords(cell, t);
                  return (
                    <td
                      key={m.id}
                      class={CELL_CLASS[cell.state]}
                      data-testid={`board-${m.id}-${p.regionCode}`}
                      data-state={cell.state}
                    >
                      {cell.state === "not-assigned" ? (
                        <span>{words}</span>
                      ) : (
                        <button
                          type="button"
                          class="button button-quiet cell-button"
                          aria-label={t("setup.openSheet", { member: m.name, participant: p.name, state: words })}
                          onClick={() => setPeek({ participant: p, member: m })}
                        >
                          {words}
                        </button>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <RecusalForm editionId={editionId} />
      <BoardTablets editionId={editionId} board={board} members={bundle.members} now={now} />
      {peek ? <SheetPeek participant={peek.participant} member={peek.member} onClose={() => setPeek(null)} /> : null}
    </section>
  );
};

const cellWords = (cell: BoardCell, t: ReturnType<typeof useT>): string => {
  switch (cell.state) {
    case "not-assigned":
      return t("setup.cellNotAssigned");
    case "recused":
      return t("coord.cellRecused");
    case "final":
      return t("coord.cellFinal");
    case "in-progress":
      return t("setup.cellInProgress", { scored: cell.scored, total: cell.total });
    case "empty":
      return t("setup.cellEmpty");
  }
};
