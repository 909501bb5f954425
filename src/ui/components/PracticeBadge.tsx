import { useApp, useT } from "../../state/index.ts";

/** "Latihan" on every screen while the practice space is open: nothing there is ever sent. */
export const PracticeBadge = () => {
  const t = useT();
  const practice = useApp((s) => s.session?.practice === true);
  return practice ? (
    <span class="badge badge-practice" data-testid="practice-badge" title={t("practice.notice")}>
      {t("practice.badge")}
    </span>
  ) : null;
};
