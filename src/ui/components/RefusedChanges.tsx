import { isRefusalReason } from "../../domain/refusal-reasons.ts";
import type { MessageKey, RefusedEntry } from "../../state/index.ts";
import { formatTime, useApp, useT } from "../../state/index.ts";

export const refusedAnchor = (entry: Pick<RefusedEntry, "id">) => `refused-${entry.id}`;

/** "Tidak diterima server": what the server refused stays listed with what was typed, when, and why. */
export const RefusedChanges = ({ participantId }: { participantId?: string }) => {
  const t = useT();
  const locale = useApp((s) => s.locale);
  const all = useApp((s) => s.refused);
  const loaded = useApp((s) => s.loaded);
  const entries = participantId ? all.filter((e) => e.participantId === participantId) : all;
  if (entries.length === 0) return null;
  const district = (id: string) => loaded?.participants.find((p) => p.id === id)?.name ?? id;
  const subject = (entry: RefusedEntry) => {
    if (entry.table === "sheets") return t("refused.sheet");
    const indicator = loaded?.rubric.components.flatMap((c) => c.indicators).find((i) => i.id === entry.subjectId);
    return indicator ? t("score.indicator", { code: indicator.code }) : (entry.subjectId ?? "—");
  };
  const values = (fields: Record<string, string>) => Object.values(fields).join(" · ") || "—";
  return (
    <section class="panel refused" aria-labelledby="refused-title" data-testid="refused-changes">
      <h2 id="refused-title">{t("refused.heading")}</h2>
      <p class="muted">{t("refused.help")}</p>
      <ul class="plain-list">
        {entries.map((entry) => (
          <li key={entry.id} id={refusedAnchor(entry)} tabIndex={-1} data-testid="refused-entry">
            <p>
              {t("refused.item", {
                participant: district(entry.participantId),
                subject: subject(entry),
                typed: values(entry.typed),
                time: entry.typedAt ? formatTime(locale, entry.typedAt) : "—",
                server: values(entry.serverNow),
              })}
            </p>
            <p class="refused-reason">
              {entry.reasonCode && isRefusalReason(entry.reasonCode)
                ? t(`refused.reason.${entry.reasonCode}` as MessageKey)
                : t("refused.reason.other", { reason: entry.reason ?? "—" })}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
};

/** On a field whose change was refused: the server's value is shown, and this leads to what was typed. */
export const RefusedMarker = ({ participantId, subjectId }: { participantId: string; subjectId: string }) => {
  const t = useT();
  const entry = useApp((s) =>
    s.refused.findLast((e) => e.participantId === participantId && e.subjectId === subjectId),
  );
  if (!entry) return null;
  return (
    <button
      type="button"
      class="refused-marker"
      data-testid="refused-marker"
      onClick={() => {
        const target = document.getElementById(refusedAnchor(entry));
        target?.scrollIntoView({ block: "center" });
        target?.focus();
      }}
    >
      ⚠ {t("refused.marker")}
    </button>
  );
};
