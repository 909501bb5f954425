import { dismissNotice, useApp, useT } from "../../state/index.ts";

export const NoticeBar = () => {
  const t = useT();
  const notice = useApp((s) => s.notice);
  if (!notice) return null;
  return (
    <div
      class={`notice notice-${notice.tone}`}
      role={notice.tone === "error" ? "alert" : "status"}
      data-testid="notice"
    >
      <span>{t(notice.key, notice.params)}</span>
      <button type="button" class="button button-quiet" onClick={dismissNotice}>
        {t("error.dismiss")}
      </button>
    </div>
  );
};
