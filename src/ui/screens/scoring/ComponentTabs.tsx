import type { AksiNumber, RubricComponent, ScoreRecord } from "../../../domain/types.ts";
import { isGraded } from "../../../domain/progress.ts";
import { pickText, useApp, useT } from "../../../state/index.ts";
import { TabBar } from "../../components/TabBar.tsx";

type Props = {
  components: { component: RubricComponent; indicators: { aksi: AksiNumber | null; id: string }[] }[];
  componentIndex: number;
  onComponent: (index: number) => void;
  aksiList: AksiNumber[];
  aksi: AksiNumber | null;
  onAksi: (aksi: AksiNumber) => void;
  scoresByIndicator: ReadonlyMap<string, ScoreRecord>;
};

/** The component tabs (or the one component's title) and, within it, one tab per aksi with its progress. */
export const ComponentTabs = ({
  components,
  componentIndex,
  onComponent,
  aksiList,
  aksi,
  onAksi,
  scoresByIndicator,
}: Props) => {
  const t = useT();
  const locale = useApp((s) => s.locale);
  const current = components[Math.min(componentIndex, Math.max(0, components.length - 1))];
  return (
    <>
      {components.length > 1 ? (
        <TabBar
          legend={t("score.componentTabs")}
          tabs={components.map((c, index) => ({ value: index, label: pickText(c.component.name, locale) }))}
          active={componentIndex}
          onSelect={onComponent}
        />
      ) : current ? (
        <h2 class="component-title">{pickText(current.component.name, locale)}</h2>
      ) : null}

      {aksiList.length > 1 ? (
        <TabBar
          class="tabs-aksi"
          legend={t("score.aksiTabs")}
          tabs={aksiList.map((number) => {
            const inAksi = current?.indicators.filter((i) => i.aksi === number) ?? [];
            const done = inAksi.filter((i) => isGraded(scoresByIndicator.get(i.id))).length;
            return {
              value: number,
              label: (
                <>
                  {t("score.aksi", { number })} <span class="tab-count">{`${done}/${inAksi.length}`}</span>
                </>
              ),
            };
          })}
          active={aksi}
          onSelect={onAksi}
        />
      ) : null}
    </>
  );
};
