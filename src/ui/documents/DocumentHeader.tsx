import type { LocalText } from "../../domain/types.ts";
import { pickText, useApp, useT } from "../../state/index.ts";

export type DocumentEdition = { title: LocalText; provinceName: string; year: number; isSample: boolean };

export type DocumentPublication = { version: number; contentHash: string };

/** The line every printed page carries: edition, published version and its fingerprint (or DRAFT), sample notice. */
export const DocumentHeader = ({
  edition,
  publication,
}: {
  edition: DocumentEdition;
  publication: DocumentPublication | null;
}) => {
  const t = useT();
  const locale = useApp((s) => s.locale);
  return (
    <header class="doc-meta">
      <p>
        {pickText(edition.title, locale)} ·{" "}
        <span data-testid="publication-line">
          {publication
            ? t("doc.publication", { version: publication.version, hash: publication.contentHash.slice(0, 12) })
            : t("doc.draft")}
        </span>
      </p>
      {edition.isSample ? <p class="doc-sample">{t("doc.sampleNotice")}</p> : null}
    </header>
  );
};
