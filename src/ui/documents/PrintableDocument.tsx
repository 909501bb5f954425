import type { ComponentChildren } from "preact";
import { useT } from "../../state/index.ts";
import "./documents.css";

/**
 * An A4 preview on screen with a Print button; on paper only the pages
 * (documents.css hides everything outside `.print-root`, app chrome included).
 */
export const PrintableDocument = ({ children, label }: { children: ComponentChildren; label: string }) => {
  const t = useT();
  return (
    <section class="print-root" aria-label={label}>
      <div class="doc-toolbar no-print">
        <button type="button" class="button button-primary" onClick={() => window.print()}>
          {t("doc.print")}
        </button>
        <span class="muted">{t("doc.printHint")}</span>
      </div>
      {children}
    </section>
  );
};
