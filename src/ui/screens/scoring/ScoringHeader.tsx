import type { Participant } from "../../../domain/types.ts";
import { navigate, useT } from "../../../state/index.ts";

type Props = {
  participant: Participant;
  scored: number;
  total: number;
  finalised: boolean;
  recused: boolean;
  /** Why the coordinator reopened this sheet; shown while it is open again. */
  reopenReason?: string | undefined;
};

/** Back link, the district's name, progress and why the sheet may be read-only. */
export const ScoringHeader = ({ participant, scored, total, finalised, recused, reopenReason }: Props) => {
  const t = useT();
  return (
    <>
      <nav class="crumbs">
        <button type="button" class="button button-quiet" onClick={() => navigate({ name: "start" })}>
          ← {t("nav.back")}
        </button>
      </nav>
      <header class="scoring-head">
        <h1 id="screen-title">{t("score.heading", { name: participant.name })}</h1>
        <p class="muted">
          {participant.regionCode} · {t("start.group", { group: participant.rankingGroup })} ·{" "}
          <span data-testid="sheet-progress">{t("score.progress", { scored, total })}</span>
        </p>
        {participant.role === "observer" ? (
          <p class="callout">{t("score.observerNotice", { name: participant.name })}</p>
        ) : null}
        {finalised ? <p class="callout callout-strong">{t("score.readOnlyFinalised")}</p> : null}
        {recused ? <p class="callout callout-strong">{t("score.readOnlyRecused")}</p> : null}
        {reopenReason && !finalised ? (
          <p class="callout" data-testid="reopen-reason">
            {t("score.reopened", { reason: reopenReason })}
          </p>
        ) : null}
      </header>
    </>
  );
};
