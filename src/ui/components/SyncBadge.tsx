import type { MessageKey } from "../../state/index.ts";
import { formatTime, syncNow, useApp, useT } from "../../state/index.ts";

/** Always visible: a panelist must know at a glance whether anything is still only on this tablet. */
export const SyncBadge = () => {
  const t = useT();
  const online = useApp((s) => s.online);
  const pending = useApp((s) => s.pending);
  const lastSyncAt = useApp((s) => s.lastSyncAt);
  const syncing = useApp((s) => s.syncing);
  const syncError = useApp((s) => s.syncError);
  const needsEnrolment = useApp((s) => s.needsEnrolment);
  const enrolled = useApp((s) => s.session !== null && s.session.memberId !== null);
  const locale = useApp((s) => s.locale);
  const waiting = t("sync.waiting", { count: pending });
  const errorText = syncError
    ? t("sync.error", { reason: t(`syncError.${syncError.key}` as MessageKey, { detail: syncError.detail }) })
    : null;
  return (
    <section class="sync-badge" aria-label={t("sync.statusLabel")} data-testid="sync-badge">
      <span class={`sync-dot ${online ? "is-online" : "is-offline"}`} aria-hidden="true" />
      <span class="sync-net" data-testid="sync-network">
        {online ? t("sync.online") : t("sync.offline")}
      </span>
      <span class="sync-pending" role="status" data-testid="sync-pending" data-count={pending}>
        {syncing ? t("sync.running") : pending > 0 ? waiting : t("sync.allSent")}
      </span>
      <span class="sync-last" data-testid="sync-last">
        {lastSyncAt ? t("sync.lastSync", { time: formatTime(locale, lastSyncAt) }) : t("sync.never")}
      </span>
      {enrolled && online && !needsEnrolment ? (
        <button type="button" class="button button-on-brand" disabled={syncing} onClick={() => void syncNow()}>
          {t("sync.now")}
        </button>
      ) : null}
      {needsEnrolment && syncError?.key === "unauthorized" ? (
        <span class="sync-error" role="alert">
          {t("sync.needsEnrolment")}
        </span>
      ) : needsEnrolment && enrolled ? (
        <span class="sync-note" data-testid="sync-local-only">
          {t("sync.localOnly")}
        </span>
      ) : needsEnrolment ? null : errorText && pending > 0 && online ? (
        <span class="sync-error" role="alert" data-testid="sync-error">
          {errorText}
        </span>
      ) : null}
    </section>
  );
};
