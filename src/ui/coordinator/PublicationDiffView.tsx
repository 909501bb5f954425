import type { PublicationDiff } from "../../state/publication-actions.ts";
import { formatNumber, type MessageKey, useApp, useT } from "../../state/index.ts";

type Props = { diff: PublicationDiff; decimals: number; participantName: (id: string) => string };

/** What changed between two published versions, in words. */
export const PublicationDiffView = ({ diff, decimals, participantName }: Props) => {
  const t = useT();
  const locale = useApp((s) => s.locale);
  const rank = (r: number | null) => (r === null ? t("doc.pub.unranked") : String(r));
  const total = (x: number | null) => (x === null ? t("doc.none") : formatNumber(locale, x, decimals));
  const award = (a: PublicationDiff["awardsAdded"][number]) =>
    a.award === "best-n"
      ? `${t("doc.pub.diff.bestN")} ${a.group ?? ""} #${a.rank ?? ""}`
      : t(`nominate.${a.award}` as MessageKey);
  const lines = [
    ...diff.ranks.map((r) => t("doc.pub.diff.rank", { name: r.name, from: rank(r.from), to: rank(r.to) })),
    ...diff.totals.map((r) => t("doc.pub.diff.total", { name: r.name, from: total(r.from), to: total(r.to) })),
    ...diff.awardsAdded.map((a) =>
      t("doc.pub.diff.awardAdded", { award: award(a), name: participantName(a.participantId) }),
    ),
    ...diff.awardsRemoved.map((a) =>
      t("doc.pub.diff.awardRemoved", { award: award(a), name: participantName(a.participantId) }),
    ),
    ...diff.participantsAdded.map((id) => t("doc.pub.diff.added", { name: participantName(id) })),
    ...diff.participantsRemoved.map((id) => t("doc.pub.diff.removed", { name: participantName(id) })),
  ];
  if (diff.lettersChanged.length > 0)
    lines.push(t("doc.pub.diff.letters", { names: diff.lettersChanged.map(participantName).join(", ") }));
  return (
    <div data-testid={`diff-${diff.toVersion}`}>
      <h4>{t("doc.pub.diffHeading", { from: diff.fromVersion, to: diff.toVersion })}</h4>
      {lines.length === 0 ? (
        <p class="muted">{t("doc.pub.diff.none")}</p>
      ) : (
        <ul>
          {lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </div>
  );
};
