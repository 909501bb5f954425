import { useState } from "preact/hooks";
import type { MessageKey } from "../../state/index.ts";
import { formatTime, syncNow, useApp, useT } from "../../state/index.ts";

/**
 * Always visible: a panelist must know at a glance whether anything is still only on this tablet. A device
 * that has nothing to send and never will — not enrolled, nothing waiting, never synced (a coordinator's
 * laptop, a tablet before it joins, practice) — shows only the network: "Semua perubahan terkirim · Belum
 * pernah sinkron" there claimed changes were sent that never existed.
 */
export const SyncBadge = () => {
  const t = useT();
  const online = useApp((s) => s.online);
  const pending = useApp((s) => s.pending);
  const lastSyncAt = useApp((s) => s.lastSyncAt);
  const syncing = useApp((s) => s.syncing);
  const needsEnrolment = useApp((s) => s.needsEnrolment);
  const enrolled = useApp((s) => s.session !== null && s.session.memberId !== null && !s.session.practice);
  const locale = useApp((s) => s.locale);
  const syncs = useApp((s) => s.enrolment !== null || s.pending > 0 || s.lastSyncAt !== null || s.syncing);
  const waiting = t("sync.waiting", { count: pending });
  return (
    <section class="sync-badge" aria-label={t("sync.statusLabel")} data-testid="sync-badge">
      <span class={`sync-dot ${online ? "is-online" : "is-offline"}`} aria-hidden="true" />
      <span class="sync-net" data-testid="sync-network">
        {online ? t("sync.online") : t("sync.offline")}
      </span>
      {syncs ? (
        <>
          <span class="sync-pending" role="status" data-testid="sync-pending" data-count={pending}>
            {syncing ? t("sync.running") : pending > 0 ? waiting : t("sync.allSent")}
          </span>
          <span class="sync-last" data-testid="sync-last" title={t("sync.statusLabel")}>
            {lastSyncAt ? t("sync.lastSync", { time: formatTime(locale, lastSyncAt) }) : t("sync.never")}
          </span>
        </>
      ) : null}
      {enrolled && online && !needsEnrolment ? (
        <button
          type="button"
          class="button button-on-brand sync-now"
          disabled={syncing}
          aria-label={t("sync.now")}
          title={t("sync.now")}
          onClick={() => void syncNow()}
        >
          <span aria-hidden="true">⟳</span>
        </button>
      ) : null}
    </section>
  );
};

/** What went wrong with sync, in words to act on: shown in the notice strip, not in the one-row header. */
export const SyncMessages = () => {
  const t = useT();
  const online = useApp((s) => s.online);
  const pending = useApp((s) => s.pending);
  const syncError = useApp((s) => s.syncError);
  const needsEnrolment = useApp((s) => s.needsEnrolment);
  const enrolled = useApp((s) => s.session !== null && s.session.memberId !== null && !s.session.practice);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const errorText = syncError
    ? t("sync.error", { reason: t(`syncError.${syncError.key}` as MessageKey, { detail: syncError.detail }) })
    : null;
  if (syncError && dismissedAt === syncError.at) return null;
  const dismiss = syncError ? (
    <button type="button" class="button button-quiet" onClick={() => setDismissedAt(syncError.at)}>
      {t("error.dismiss")}
    </button>
  ) : null;
  return (
    <>
      {needsEnrolment && (syncError?.key === "unauthorized" || syncError?.key === "device-revoked") ? (
        <div class="notice notice-error" role="alert">
          <span>
            {syncError.key === "device-revoked"
              ? t("sync.error", { reason: t("syncError.device-revoked") })
              : t("sync.needsEnrolment")}
          </span>
          {dismiss}
        </div>
      ) : needsEnrolment && enrolled ? (
        <div class="notice notice-info" data-testid="sync-local-only">
          <span>{t("sync.localOnly")}</span>
        </div>
      ) : needsEnrolment ? null : errorText && pending > 0 && online ? (
        <div class="notice notice-error" role="alert" data-testid="sync-error">
          <span>{errorText}</span>
          {dismiss}
        </div>
      ) : null}
    </>
  );
};
