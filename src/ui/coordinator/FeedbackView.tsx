import { useCoordinator, useResultsWithFeedback } from "../../state/coordinator.ts";
import { formatNumber, navigate, pickText, useApp, useT } from "../../state/index.ts";
import { DataTable } from "../components/DataTable.tsx";
import { SelectField } from "../components/Field.tsx";
import { NoteList } from "../components/NoteList.tsx";

/** What a district can act on: the level it reached, the next level as its target, and how its cohort did. */
export const FeedbackView = ({ editionId, participantId }: { editionId: string; participantId: string | null }) => {
  const t = useT();
  const locale = useApp((s) => s.locale);
  const results = useResultsWithFeedback();
  const bundle = useCoordinator((s) => s.bundle);
  if (!results || !bundle) return null;
  const chosen = participantId ?? bundle.participants[0]?.id ?? null;
  const participant = bundle.participants.find((p) => p.id === chosen);
  const feedback = results.feedback.find((f) => f.participantId === chosen);
  const precision = results.settings.precision;
  const num = (value: number | null) => (value === null ? "—" : formatNumber(locale, value, precision));
  const indicators = new Map(bundle.rubric.components.flatMap((c) => c.indicators.map((i) => [i.id, i] as const)));
  const memberName = (id: string) => bundle.members.find((m) => m.id === id)?.name ?? id;
  return (
    <>
      <SelectField
        id="feedback-participant"
        label={t("coord.chooseParticipant")}
        class="narrow"
        value={chosen ?? ""}
        onValue={(v) => navigate({ name: "coordinator", editionId, tab: "feedback", participantId: v })}
        options={bundle.participants.map((p) => [p.id, p.name])}
      />
      {participant && feedback ? (
        <section class="panel" aria-labelledby="feedback-title" data-testid="feedback">
          <h3 id="feedback-title">{t("coord.feedbackHeading", { name: participant.name })}</h3>
          {participant.role === "observer" ? (
            <p class="callout">{t("score.observerNotice", { name: participant.name })}</p>
          ) : null}
          <DataTable
            variant="results"
            columns={[
              t("coord.aksiCol"),
              { label: t("coord.scoreCol"), numeric: true },
              { label: t("coord.medianCol"), numeric: true },
              { label: t("coord.percentileCol"), numeric: true },
            ]}
          >
            {feedback.aksi.map((a) => (
              <tr key={a.aksi}>
                <th scope="row">{t("score.aksi", { number: a.aksi })}</th>
                <td class="num">{num(a.value)}</td>
                <td class="num">{num(a.cohortMedian)}</td>
                <td class="num">{a.percentile === null ? "—" : formatNumber(locale, a.percentile, 0)}</td>
              </tr>
            ))}
          </DataTable>
          <DataTable
            variant="results"
            columns={[
              t("coord.indicatorCol"),
              t("coord.reachedCol"),
              t("coord.targetCol"),
              { label: t("coord.scoreCol"), numeric: true },
              { label: t("coord.medianCol"), numeric: true },
            ]}
          >
            {feedback.indicators.map((f) => {
              const indicator = indicators.get(f.indicatorId);
              return (
                <tr key={f.indicatorId}>
                  <th scope="row">
                    {f.code} {indicator ? <span class="muted block">{pickText(indicator.text, locale)}</span> : null}
                  </th>
                  <td>{f.reached ? `${f.reached.letter} — ${pickText(f.reached.descriptor, locale)}` : "—"}</td>
                  <td>
                    {f.target
                      ? `${f.target.letter} — ${pickText(f.target.descriptor, locale)}`
                      : f.reached
                        ? t("coord.topLevel")
                        : "—"}
                  </td>
                  <td class="num">{num(f.score)}</td>
                  <td class="num">{num(f.cohortMedian)}</td>
                </tr>
              );
            })}
          </DataTable>
          {(["strengths", "recommendations"] as const).map((kind) => (
            <NoteList
              key={kind}
              heading={t(`coord.${kind}`)}
              empty={t("coord.none")}
              notes={feedback[kind].map((n) => ({
                key: `${kind}-${n.memberId}`,
                text: n.text,
                author: memberName(n.memberId),
              }))}
            />
          ))}
        </section>
      ) : null}
    </>
  );
};
