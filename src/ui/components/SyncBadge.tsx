import { formatTime, useApp, useT } from "../../state/index.ts";

/** Always visible: a panelist must know at a glance whether anything is still only on this tablet. */
export const SyncBadge = () => {
  const t = useT();
  const online = useApp((s) => s.online);
  const pending = useApp((s) => s.pending);
  const lastSyncAt = useApp((s) => s.lastSyncAt);
  const syncing = useApp((s) => s.syncing);
  const locale = useApp((s) => s.locale);
  const waiting = pending === 1 ? t("sync.waitingOne") : t("sync.waiting", { count: pending });
  return (
    <section class="sync-badge" aria-label={t("sync.statusLabel")} data-testid="sync-badge">
      <span class={`sync-dot ${online ? "is-online" : "is-offline"}`} aria-hidden="true" />
      <span class="sync-net" data-testid="sync-network">
        {online ? t("sync.online") : t("sync.offline")}
      </span>
      <span class="sync-pending" role="status" data-testid="sync-pending" data-count={pending}>
        {syncing ? t("sync.running") : pending > 0 ? waiting : t("sync.allSent")}
      </span>
      <span class="sync-last">
        {lastSyncAt ? t("sync.lastSync", { time: formatTime(locale, lastSyncAt) }) : t("sync.never")}
      </span>
    </section>
  );
};
