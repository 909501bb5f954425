import { useEffect, useMemo, useState } from "preact/hooks";
import { buildBeritaAcara } from "../../domain/berita-acara.ts";
import { toCsv } from "../../domain/csv.ts";
import { buildWorkbook, type ExportLabels } from "../../domain/export-workbook.ts";
import { stateOf } from "../../domain/edition-lifecycle.ts";
import { moderationItems } from "../../domain/moderation.ts";
import { publicationContent } from "../../domain/publication.ts";
import type { EditionBundle, Member, Participant } from "../../domain/types.ts";
import { useCoordinator, useResultsWithFeedback } from "../../state/coordinator.ts";
import { type MessageKey, navigate, pickText, useApp, useT } from "../../state/index.ts";
import { loadPreviousEdition, loadPublications, usePublication } from "../../state/publication-actions.ts";
import { BeritaAcaraDocument } from "../documents/BeritaAcaraDocument.tsx";
import { DocumentHeader } from "../documents/DocumentHeader.tsx";
import { downloadBlob, safeFileName } from "../documents/download.ts";
import { FeedbackLetters } from "../documents/FeedbackLetters.tsx";
import { SelectField } from "../components/Field.tsx";
import { TabBar } from "../components/TabBar.tsx";
import { ModerationList } from "../documents/ModerationList.tsx";
import { PeerLearningView } from "../documents/PeerLearningView.tsx";
import { PrintableDocument } from "../documents/PrintableDocument.tsx";
import { ResultsCharts } from "../documents/ResultsCharts.tsx";
import { workbookBlob } from "../documents/xlsx-sheets.ts";
import { SheetPeek } from "./SheetPeek.tsx";
import { PublishPanel } from "./PublishPanel.tsx";
import { ReadLinks } from "./ReadLinks.tsx";
import { useContentHash } from "./useContentHash.ts";

type Section = "moderation" | "charts" | "beritaAcara" | "letters" | "peers" | "publish" | "exports";

const SECTIONS: readonly Section[] = ["moderation", "charts", "beritaAcara", "letters", "peers", "publish", "exports"];

/**
 * Moderation, the Berita Acara, feedback letters, peer learning, publishing and
 * exports of the edition on screen. The documents are built from the current
 * results; they carry the published version and fingerprint only while the current
 * content hashes to the latest published version, and say DRAFT otherwise.
 */
export const DocumentsView = ({ editionId }: { editionId: string }) => {
  const t = useT();
  const locale = useApp((s) => s.locale);
  const reference = useCoordinator((s) => s.bundle);
  const data = useCoordinator((s) => s.data);
  // With feedback: the letters and the publication need it, built once per computed results.
  const results = useResultsWithFeedback();
  const [section, setSection] = useState<Section>("moderation");
  const [showNames, setShowNames] = useState(false);
  const [csvSheet, setCsvSheet] = useState(0);
  const [exportError, setExportError] = useState<string | null>(null);
  const [peek, setPeek] = useState<{ participant: Participant; member: Member } | null>(null);
  const latest = usePublication((s) => (s.editionId === editionId ? (s.versions?.[0] ?? null) : null));
  const previous = usePublication((s) => s.previous);
  const sourceEditionId = reference?.edition.sourceEditionId;
  useEffect(() => {
    void loadPublications(editionId);
  }, [editionId]);
  useEffect(() => {
    void loadPreviousEdition(sourceEditionId);
  }, [sourceEditionId]);
  const bundle = useMemo<EditionBundle | null>(
    () =>
      reference && data
        ? {
            edition: reference.edition,
            rubric: reference.rubric,
            participants: reference.participants,
            members: reference.members,
            scores: data.scores,
            sheets: data.sheets,
            nominations: data.nominations,
          }
        : null,
    [reference, data],
  );
  const content = useMemo(
    () =>
      bundle && results ? publicationContent(bundle, results, { showNames, ...(previous ? { previous } : {}) }) : null,
    [bundle, results, showNames, previous],
  );
  const liveHash = useContentHash(content);
  if (!bundle || !results || !content) return null;
  const published =
    latest && liveHash === latest.contentHash ? { version: latest.version, contentHash: latest.contentHash } : null;
  const { edition, rubric } = bundle;
  const name = (list: readonly { id: string; name: string }[]) => (id: string) =>
    list.find((x) => x.id === id)?.name ?? id;
  const componentName = (id: string) => {
    const c = rubric.components.find((x) => x.id === id);
    return c ? pickText(c.name, locale) : id;
  };
  const label: ExportLabels = (key) => t((key.startsWith("band.") ? `doc.${key}` : `doc.export.${key}`) as MessageKey);
  const workbook = () => buildWorkbook(bundle, results, label);
  const base = `${pickText(edition.title, locale)}-${edition.year}`;
  const exportXlsx = () => {
    setExportError(null);
    workbookBlob(workbook()).then(
      (blob) => downloadBlob(blob, safeFileName(base, "xlsx")),
      (error: unknown) => setExportError(t("doc.view.exportFailed", { message: String(error) })),
    );
  };
  const exportCsv = (delimiter: "," | ";") => {
    const sheet = workbook()[csvSheet];
    if (!sheet) return;
    const blob = new Blob([toCsv(sheet.rows, { delimiter })], { type: "text/csv;charset=utf-8" });
    downloadBlob(blob, safeFileName(`${base}-${sheet.name}`, "csv"));
  };
  const documentEdition = {
    title: edition.title,
    provinceName: edition.provinceName,
    year: edition.year,
    isSample: edition.isSample,
  };
  return (
    <>
      <TabBar
        legend={t("doc.view.sections")}
        class="no-print"
        tabs={SECTIONS.map((value) => ({ value, label: t(`doc.view.${value}` as MessageKey) }))}
        active={section}
        onSelect={setSection}
      />
      {section === "beritaAcara" || section === "letters" || section === "peers" || section === "publish" ? (
        <div class="no-print">
          <p class="callout" data-testid="draft-state">
            {published
              ? t("doc.pub.liveMatches", { version: published.version })
              : latest
                ? t("doc.pub.liveDiffers", { version: latest.version })
                : t("doc.view.draftNotice")}
          </p>
          <label class="check">
            <input
              type="checkbox"
              checked={showNames}
              onChange={(e) => setShowNames((e.currentTarget as HTMLInputElement).checked)}
            />{" "}
            {t("doc.view.showNames")}
          </label>
        </div>
      ) : null}
      {section === "moderation" ? (
        <ModerationList
          items={moderationItems(results)}
          participantName={name(bundle.participants)}
          memberName={name(bundle.members)}
          componentName={componentName}
          decimals={results.settings.precision}
          onOpenSheet={(memberId, participantId) => {
            const participant = bundle.participants.find((p) => p.id === participantId);
            const member = bundle.members.find((m) => m.id === memberId);
            if (participant && member) setPeek({ participant, member });
          }}
          onOpenComponent={() => navigate({ name: "coordinator", editionId, tab: "results", participantId: null })}
        />
      ) : null}
      {peek ? <SheetPeek participant={peek.participant} member={peek.member} onClose={() => setPeek(null)} /> : null}
      {section === "charts" ? (
        <PrintableDocument label={t("doc.view.charts")}>
          <article class="doc-page" data-testid="charts-page">
            <DocumentHeader edition={documentEdition} publication={published} />
            <ResultsCharts results={results} framed={false} />
          </article>
        </PrintableDocument>
      ) : null}
      {section === "beritaAcara" ? (
        <BeritaAcaraDocument
          ba={buildBeritaAcara(bundle, {
            content,
            version: published?.version ?? null,
            contentHash: published?.contentHash ?? null,
          })}
        />
      ) : null}
      {section === "letters" ? (
        <FeedbackLetters
          letters={content.letters}
          edition={documentEdition}
          publication={published}
          tieBreakCount={results.settings.tieBreak.length}
          pickerId="letter-for"
        />
      ) : null}
      {section === "peers" ? (
        <PrintableDocument label={t("doc.peers.heading")}>
          <article class="doc-page" data-testid="peers-page">
            <DocumentHeader edition={documentEdition} publication={published} />
            <PeerLearningView peers={content.peerLearning} framed={false} />
          </article>
        </PrintableDocument>
      ) : null}
      {section === "publish" ? (
        <>
          <PublishPanel
            editionId={editionId}
            canPublish={["closed", "published"].includes(stateOf(edition))}
            statePublished={stateOf(edition) === "published"}
            showNames={showNames}
            decimals={results.settings.precision}
            participantName={name(bundle.participants)}
          />
          <ReadLinks editionId={editionId} participants={bundle.participants} />
        </>
      ) : null}
      {section === "exports" ? (
        <section class="panel" aria-labelledby="exports-title" data-testid="exports">
          <h3 id="exports-title">{t("doc.view.exports")}</h3>
          <p class="muted">{t("doc.view.exportsHelp")}</p>
          <p>
            <button type="button" class="button button-primary" onClick={exportXlsx}>
              {t("doc.view.xlsx")}
            </button>
          </p>
          <SelectField
            id="csv-sheet"
            label={t("doc.view.csvWhich")}
            class="narrow"
            value={String(csvSheet)}
            onValue={(v) => setCsvSheet(Number(v))}
            options={workbook().map((sheet, i) => [String(i), sheet.name] as const)}
          />
          <p class="join-row">
            <button type="button" class="button" onClick={() => exportCsv(",")}>
              {t("doc.view.csvComma")}
            </button>
            <button type="button" class="button" onClick={() => exportCsv(";")}>
              {t("doc.view.csvSemicolon")}
            </button>
          </p>
          {exportError ? (
            <p class="notice notice-error" role="alert">
              {exportError}
            </p>
          ) : null}
        </section>
      ) : null}
    </>
  );
};
