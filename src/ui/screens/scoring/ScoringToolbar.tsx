import { undoLast, useApp, useT, withdrawRecusal } from "../../../state/index.ts";

type Props = {
  participantId: string;
  finalised: boolean;
  recused: boolean;
  onAsk: (dialog: "finalise" | "recuse") => void;
};

/** Undo, recuse or withdraw, finalise: the sheet-wide actions. */
export const ScoringToolbar = ({ participantId, finalised, recused, onAsk }: Props) => {
  const t = useT();
  const canUndo = useApp((s) => s.undo.length > 0);
  return (
    <div class="toolbar">
      <button type="button" class="button" disabled={!canUndo || finalised} onClick={() => void undoLast()}>
        ↶ {t("score.undo")}
      </button>
      {!finalised ? (
        recused ? (
          <button type="button" class="button" onClick={() => void withdrawRecusal(participantId)}>
            {t("recuse.withdraw")}
          </button>
        ) : (
          <button type="button" class="button" onClick={() => onAsk("recuse")}>
            {t("recuse.button")}
          </button>
        )
      ) : null}
      {!finalised && !recused ? (
        <button type="button" class="button button-primary" onClick={() => onAsk("finalise")}>
          {t("finalise.button")}
        </button>
      ) : null}
    </div>
  );
};
