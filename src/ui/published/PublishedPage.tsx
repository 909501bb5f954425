import { useEffect } from "preact/hooks";
import { groupTables } from "../../domain/publication-view.ts";
import { formatTime, pickText, useApp, useT } from "../../state/index.ts";
import { loadPublished, type PublishedSnapshot, usePublished } from "../../state/published-view.ts";
import { FeedbackLetters } from "../documents/FeedbackLetters.tsx";
import { GroupResultsTable } from "../documents/GroupResultsTable.tsx";
import { PeerLearningView } from "../documents/PeerLearningView.tsx";
import { ResultsCharts } from "../documents/ResultsCharts.tsx";

export { publishedMessagesReady } from "../../state/published-view.ts";

const ObserverView = ({ snapshot }: { snapshot: Extract<PublishedSnapshot, { kind: "observer" }> }) => {
  const { content } = snapshot;
  const publication = { version: snapshot.version, contentHash: snapshot.contentHash };
  return (
    <>
      {groupTables(content).map((table, i) => (
        <GroupResultsTable
          key={table.group}
          id={`published-group-${i}`}
          table={table}
          decimals={content.results.settings.precision}
        />
      ))}
      <ResultsCharts results={content.results} />
      <FeedbackLetters
        letters={content.letters}
        edition={content.edition}
        publication={publication}
        tieBreakCount={content.results.settings.tieBreak.length}
        pickerId="published-letter-for"
      />
      <PeerLearningView peers={content.peerLearning} />
    </>
  );
};

const DistrictPage = ({ snapshot }: { snapshot: Extract<PublishedSnapshot, { kind: "district" }> }) => {
  const t = useT();
  const { district } = snapshot;
  return (
    <>
      <p class="doc-subtitle">{t("doc.published.district", { name: district.letter.name })}</p>
      <FeedbackLetters
        letters={[district.letter, ...district.cohort]}
        edition={district.edition}
        publication={{ version: snapshot.version, contentHash: snapshot.contentHash }}
        tieBreakCount={district.tieBreakCount}
        participantId={district.letter.participantId}
      />
      <GroupResultsTable id="published-group" table={district.table} decimals={district.letter.method.precision} />
      <PeerLearningView peers={district.peerLearning} />
    </>
  );
};

/** What a read-only link shows: the latest publication, its version and fingerprint; no sign-in, nothing live. */
export const PublishedPage = ({ token }: { token: string }) => {
  const t = useT();
  const locale = useApp((s) => s.locale);
  const view = usePublished((s) => s);
  useEffect(() => {
    void loadPublished(token);
  }, [token]);
  if (view.status === "loading" || view.token !== token) return <p role="status">{t("doc.published.loading")}</p>;
  if (view.status === "failed") {
    return (
      <section class="panel" aria-labelledby="published-title">
        <h1 id="published-title">{t("doc.published.heading")}</h1>
        <p class="notice notice-error" role="alert" data-testid="published-error">
          {view.code === "offline" ? t("doc.published.offline") : view.message}
        </p>
        <button type="button" class="button" onClick={() => void loadPublished(token)}>
          {t("doc.published.retry")}
        </button>
      </section>
    );
  }
  const { snapshot } = view;
  const edition = snapshot.kind === "observer" ? snapshot.content.edition : snapshot.district.edition;
  return (
    <div data-testid="published-page">
      <header class="panel no-print">
        <h1 id="published-title">{t("doc.published.heading")}</h1>
        <p>
          <strong>
            {pickText(edition.title, locale)} · {edition.provinceName} · {edition.year}
          </strong>
        </p>
        <p data-testid="published-meta">
          {t("doc.published.meta", { version: snapshot.version, date: formatTime(locale, snapshot.publishedAt) })}
        </p>
        <p>
          {t("doc.published.hash")}: <code class="hash">{snapshot.contentHash}</code>
        </p>
        <p class="muted">{t("doc.published.readOnly")}</p>
      </header>
      {snapshot.kind === "observer" ? <ObserverView snapshot={snapshot} /> : <DistrictPage snapshot={snapshot} />}
    </div>
  );
};
