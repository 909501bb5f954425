import type { FeedbackLetter, LetterAward, LetterIndicator } from "../../domain/feedback-letter.ts";
import { AKSI_NAMES } from "../../domain/templates/index.ts";
import type { AksiNumber, LocalText, ScoreBand } from "../../domain/types.ts";
import { formatNumber, type MessageKey, pickText, type Translate, useApp, useT } from "../../state/index.ts";
import { DotPlotLegend } from "./charts/DotPlotLegend.tsx";
import { AksiDotPlot } from "./charts/AksiDotPlot.tsx";
import { TotalsBar } from "./charts/TotalsBar.tsx";
import { DocumentHeader, type DocumentEdition, type DocumentPublication } from "./DocumentHeader.tsx";
import { NoteList } from "./NoteList.tsx";
import { RulesList } from "./RulesList.tsx";
import { TableHead } from "./TableHead.tsx";

type Props = {
  letter: FeedbackLetter;
  /** Every letter of the edition: the cohort (same group, assessed) is drawn in the charts. */
  letters: readonly FeedbackLetter[];
  edition: DocumentEdition;
  publication: DocumentPublication | null;
  tieBreakCount: number;
};

/** One district's feedback letter on its own A4 page(s). */
export const FeedbackLetterPage = ({ letter, letters, edition, publication, tieBreakCount }: Props) => {
  const t = useT();
  const locale = useApp((s) => s.locale);
  const decimals = letter.method.precision;
  const num = (x: number | null) => (x === null ? t("doc.none") : formatNumber(locale, x, decimals));
  const cohort = letters.filter((l) => l.rankingGroup === letter.rankingGroup && !l.observer);
  const withSelf = letter.observer ? [...cohort, letter] : cohort;
  return (
    <article
      class="doc-page"
      data-testid={`letter-${letter.participantId}`}
      aria-labelledby={`letter-${letter.participantId}-title`}
    >
      <DocumentHeader edition={edition} publication={publication} />
      <h2 class="doc-title" id={`letter-${letter.participantId}-title`}>
        {t("doc.letter.heading")}
      </h2>
      <p class="doc-subtitle">{t("doc.letter.to", { name: letter.name, code: letter.regionCode })}</p>
      <p data-testid="standing">
        {letter.observer
          ? t("doc.letter.observer", { group: letter.rankingGroup })
          : letter.rank === null
            ? t("doc.letter.unranked")
            : t("doc.letter.standing", {
                total: num(letter.total),
                rank: letter.rank,
                size: letter.groupSize,
                group: letter.rankingGroup,
                percentile: formatNumber(locale, letter.percentile ?? 0, 0),
              })}
        {letter.sharedWith.length > 0 ? ` ${t("doc.letter.sharedWith")}` : null}
      </p>
      <TotalsBar
        id={`totals-${letter.participantId}`}
        points={withSelf.map((l) => ({ id: l.participantId, label: l.name, value: l.total }))}
        highlightId={letter.participantId}
        decimals={decimals}
      />

      <h3>{t("doc.letter.componentsHeading")}</h3>
      <table>
        <TableHead columns={["doc.col.component", "#doc.col.weight", "#doc.col.score", "#doc.col.median"]} />
        <tbody>
          {letter.components.map((c) => (
            <tr key={c.componentId}>
              <th scope="row">{pickText(c.name, locale)}</th>
              <td class="num">{formatNumber(locale, c.weight, 0)}</td>
              <td class="num">{num(c.value)}</td>
              <td class="num">{num(c.cohortMedian)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      {letter.aksi.length > 0 ? (
        <>
          <h3>{t("doc.letter.aksiHeading")}</h3>
          <table data-testid="aksi-table">
            <TableHead columns={["doc.col.aksi", "#doc.col.score", "#doc.col.median", "#doc.col.percentile"]} />
            <tbody>
              {letter.aksi.map((a) => (
                <tr key={a.aksi}>
                  <th scope="row">{aksiName(t, a.aksi, locale)}</th>
                  <td class="num">{num(a.value)}</td>
                  <td class="num">{num(a.cohortMedian)}</td>
                  <td class="num">{a.percentile === null ? t("doc.none") : formatNumber(locale, a.percentile, 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <DotPlotLegend district={letter.name} />
          <div class="chart-grid">
            {letter.aksi.map((a) => (
              <AksiDotPlot
                key={a.aksi}
                aksi={a.aksi}
                caption={aksiName(t, a.aksi, locale)}
                decimals={decimals}
                highlightId={letter.participantId}
                points={withSelf.map((l) => ({
                  id: l.participantId,
                  label: l.name,
                  value: l.aksi.find((x) => x.aksi === a.aksi)?.value ?? null,
                }))}
              />
            ))}
          </div>
        </>
      ) : null}

      <h3>{t("doc.letter.indicatorsHeading")}</h3>
      <table class="doc-indicator-table" data-testid="indicator-table">
        <TableHead
          columns={[
            "doc.col.indicator",
            "doc.col.reached",
            "doc.col.target",
            "doc.col.evidence",
            letter.previous ? "doc.col.change" : null,
          ]}
        />
        <tbody>
          {letter.indicators.map((i) => (
            <IndicatorRow key={i.indicatorId} line={i} showPrevious={letter.previous !== null} num={num} />
          ))}
        </tbody>
      </table>

      <h3>{t("doc.letter.strengthsHeading")}</h3>
      <NoteList notes={letter.strengths} testId="strengths" />
      <h3>{t("doc.letter.prioritiesHeading")}</h3>
      <NoteList notes={letter.priorities} testId="priorities" />

      {letter.awards.length > 0 ? (
        <>
          <h3>{t("doc.letter.awardsHeading")}</h3>
          <ul data-testid="letter-awards">
            {letter.awards.map((a) => (
              <li key={awardKey(a)}>
                {awardText(t, a)}
                {a.kind === "nomination" ? <NoteList notes={a.reasons} /> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      {letter.previous ? (
        <>
          <h3>{t("doc.letter.previousHeading")}</h3>
          <p data-testid="previous-total">
            {t("doc.letter.previousTotal", {
              from: num(letter.previous.total),
              to: num(letter.total),
              rank: letter.previous.rank ?? t("doc.none"),
            })}
          </p>
        </>
      ) : null}

      <section class="doc-method" data-testid="letter-method">
        <h3>{t("doc.letter.methodHeading")}</h3>
        <RulesList method={letter.method} tieBreakCount={tieBreakCount} />
      </section>
    </article>
  );
};

const aksiName = (t: Translate, aksi: AksiNumber, locale: "id" | "en") =>
  t("doc.ba.aksiLine", { number: aksi, name: pickText(AKSI_NAMES[aksi], locale) });

const awardKey = (a: LetterAward) => (a.kind === "best-n" ? `best-${a.group}` : `${a.kind}-${a.category}`);

const awardText = (t: Translate, a: LetterAward): string => {
  if (a.kind === "best-n") return t("doc.letter.awardBest", { rank: a.rank, n: a.n, group: a.group });
  const category = t(`nominate.${a.category}` as MessageKey);
  if (a.kind === "nomination") return t("doc.letter.awardNomination", { category, count: a.count });
  return t("doc.letter.awardRule", { category });
};

const levelText = (level: { letter: string; descriptor: LocalText } | null, locale: "id" | "en") =>
  level ? `${level.letter} — ${pickText(level.descriptor, locale)}` : null;

/** "Baik (71–85) — descriptor", the band as the rubric card shows it. */
const bandText = (band: ScoreBand, locale: "id" | "en") =>
  `${pickText(band.label, locale)} (${band.min}–${band.max}) — ${pickText(band.descriptor, locale)}`;

const IndicatorRow = ({
  line,
  showPrevious,
  num,
}: {
  line: LetterIndicator;
  showPrevious: boolean;
  num: (x: number | null) => string;
}) => {
  const t = useT();
  const locale = useApp((s) => s.locale);
  const points =
    line.points === null
      ? null
      : t("doc.letter.points", { points: num(line.points), max: String(line.maxPoints ?? "") });
  const reached =
    line.scale === "levels"
      ? (levelText(line.reached, locale) ?? t("doc.none"))
      : line.band && points
        ? t("doc.letter.pointsInBand", { points, band: bandText(line.band, locale) })
        : (points ?? t("doc.none"));
  const target =
    line.scale === "levels"
      ? line.reached === null
        ? t("doc.none")
        : (levelText(line.target, locale) ?? t("doc.letter.topLevel"))
      : line.band === null
        ? t("doc.none")
        : line.nextBand
          ? bandText(line.nextBand, locale)
          : t("doc.letter.topBand");
  return (
    <tr data-testid={`indicator-${line.code}`}>
      <th scope="row">
        {line.code}. {pickText(line.text, locale)}
      </th>
      {/* data-label: on a phone each row stacks into a card, and the cell says which column it was. */}
      <td data-label={t("doc.col.reached")}>{reached}</td>
      <td data-testid="target" data-label={t("doc.col.target")}>
        {target}
      </td>
      <td data-label={t("doc.col.evidence")}>
        <NoteList notes={line.evidence} />
      </td>
      {showPrevious ? (
        <td data-label={t("doc.col.change")}>
          {line.previous
            ? t("doc.letter.previous", {
                from: line.previous.letter ?? num(line.previous.score),
                to: line.reached?.letter ?? num(line.score),
              })
            : t("doc.none")}
        </td>
      ) : null}
    </tr>
  );
};
