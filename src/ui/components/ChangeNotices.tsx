import { dismissChangeNotices, formatTime, useApp, useT } from "../../state/index.ts";

/** Nothing another device does to this panelist's values happens silently. */
export const ChangeNotices = ({ participantId }: { participantId?: string }) => {
  const t = useT();
  const locale = useApp((s) => s.locale);
  const all = useApp((s) => s.changeNotices);
  const participants = useApp((s) => s.loaded?.participants);
  const notices = participantId ? all.filter((n) => n.participantId === participantId) : all;
  if (notices.length === 0) return null;
  const name = (id: string) => participants?.find((p) => p.id === id)?.name ?? id;
  return (
    <section class="panel change-notices" aria-labelledby="changes-title" data-testid="change-notices">
      <h2 id="changes-title">{t("changes.heading")}</h2>
      <ul class="plain-list">
        {notices.map((n) => (
          <li key={n.id}>
            {t(`changes.${n.kind}`, {
              participant: name(n.participantId),
              subject: n.subject,
              previous: n.previous,
              current: n.current,
              device: n.byDeviceId ?? t("changes.unknownDevice"),
              time: n.changedAt ? formatTime(locale, n.changedAt) : t("changes.unknownTime"),
              reason: n.reason ?? "—",
            })}
          </li>
        ))}
      </ul>
      <button type="button" class="button" onClick={() => void dismissChangeNotices()}>
        {t("changes.dismiss")}
      </button>
    </section>
  );
};
