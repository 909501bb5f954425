import type { ModerationItem } from "../../domain/moderation.ts";
import { formatNumber, type MessageKey, useApp, useT } from "../../state/index.ts";
import "./documents.css";

type Props = {
  items: readonly ModerationItem[];
  participantName: (id: string) => string;
  memberName: (id: string) => string;
  componentName: (id: string) => string;
  decimals: number;
  /** Opens the member's sheet for the participant (read-only, with notes, and the reopen action). */
  onOpenSheet: (memberId: string, participantId: string) => void;
  /** Opens the component's scores, for a low-agreement item. */
  onOpenComponent: (componentId: string) => void;
};

/** Outliers and low-agreement components in one list, each with the way to act on it. */
export const ModerationList = (props: Props) => {
  const t = useT();
  const locale = useApp((s) => s.locale);
  const num = (x: number) => formatNumber(locale, x, props.decimals);
  return (
    <section class="panel" aria-labelledby="moderation-title" data-testid="moderation">
      <h3 id="moderation-title">{t("doc.mod.heading")}</h3>
      <p class="muted">{t("doc.mod.intro")}</p>
      {props.items.length === 0 ? (
        <p>{t("doc.mod.empty")}</p>
      ) : (
        <ul class="moderation-list">
          {props.items.map((item) =>
            item.kind === "outlier" ? (
              <li key={`o|${item.participantId}|${item.componentId}|${item.memberId}`} data-testid="moderation-outlier">
                <span>
                  {t("doc.mod.outlier", {
                    member: props.memberName(item.memberId),
                    participant: props.participantName(item.participantId),
                    value: num(item.value),
                    component: props.componentName(item.componentId),
                    distance: num(Math.abs(item.difference)),
                    direction: t(item.difference > 0 ? "doc.mod.above" : "doc.mod.below"),
                    others: num(item.othersMean),
                  })}
                </span>
                <button
                  type="button"
                  class="button"
                  onClick={() => props.onOpenSheet(item.memberId, item.participantId)}
                >
                  {t("doc.mod.open", {
                    member: props.memberName(item.memberId),
                    participant: props.participantName(item.participantId),
                  })}
                </button>
              </li>
            ) : (
              <li key={`a|${item.componentId}`} data-testid="moderation-agreement">
                <span>
                  {item.alpha === null || item.band === null
                    ? t("doc.mod.noAlpha", {
                        component: props.componentName(item.componentId),
                        reason: t(`coord.reason.${item.reason ?? "too-few-rows"}` as MessageKey),
                      })
                    : t("doc.mod.lowAgreement", {
                        component: props.componentName(item.componentId),
                        band: t(`doc.band.${item.band}` as MessageKey),
                        alpha: formatNumber(locale, item.alpha, 3),
                        count: item.pairableValues,
                      })}
                </span>
                <button type="button" class="button" onClick={() => props.onOpenComponent(item.componentId)}>
                  {t("doc.mod.openComponent", { component: props.componentName(item.componentId) })}
                </button>
              </li>
            ),
          )}
        </ul>
      )}
    </section>
  );
};
