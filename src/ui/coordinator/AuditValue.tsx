import { type AuditField, type AuditShown, auditShown } from "../../domain/audit-wording.ts";
import { EDITION_STATES } from "../../domain/edition-lifecycle.ts";
import { formatScore, type MessageKey, pickText, useApp, useT } from "../../state/index.ts";

const STATES: readonly string[] = EDITION_STATES;

/**
 * A value of an audit entry (as `auditShown` reads it) in one line of words — a grade's
 * letter or points, ya/tidak, an edition state in words, a text — or null for a whole
 * record, which `AuditValue` folds instead of writing out.
 */
export const useAuditText = (): ((shown: AuditShown, field: AuditField | null) => string | null) => {
  const t = useT();
  const locale = useApp((s) => s.locale);
  return (shown, field) => {
    switch (shown.kind) {
      case "none":
        return "—";
      case "grade":
        return shown.level ?? (shown.points === null ? "—" : formatScore(locale, shown.points));
      case "flag":
        return t(shown.value ? "setup.auditYes" : "setup.auditNo");
      case "number":
        return formatScore(locale, shown.value);
      case "text":
        return field === "editions.state" && STATES.includes(shown.text)
          ? t(`setup.state.${shown.text}` as MessageKey)
          : shown.text;
      case "data":
        return null;
    }
  };
};

/**
 * One old or new value of an audit entry. A whole record (reference data, a schedule)
 * is named and folded: its JSON opens on request in a box that scrolls (and takes
 * focus, so a keyboard can scroll it), instead of a 30 KB rubric laid out in a cell.
 */
export const AuditValue = ({ value, field }: { value: unknown; field: AuditField | null }) => {
  const t = useT();
  const locale = useApp((s) => s.locale);
  const shown = auditShown(value);
  const text = useAuditText()(shown, field);
  if (text !== null || shown.kind !== "data") return <>{text}</>;
  const name = shown.name ? pickText(shown.name, locale) : null;
  return (
    <details class="audit-data">
      <summary>{name ? `${name} (${t("setup.auditData")})` : t("setup.auditData")}</summary>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling box must be reachable by keyboard to be scrolled. */}
      <pre tabIndex={0}>{shown.json}</pre>
    </details>
  );
};
