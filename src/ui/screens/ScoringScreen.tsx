import { useMemo, useState } from "preact/hooks";
import { sheetKey } from "../../domain/keys.ts";
import { assignedComponents, isGraded, missingIndicators } from "../../domain/progress.ts";
import type { AksiNumber, Indicator, ScoreRecord } from "../../domain/types.ts";
import { navigate, useApp, useT } from "../../state/index.ts";
import { ChangeNotices } from "../components/ChangeNotices.tsx";
import { IndicatorCard } from "../components/IndicatorCard.tsx";
import { RefusedChanges } from "../components/RefusedChanges.tsx";
import { ComponentTabs } from "./scoring/ComponentTabs.tsx";
import { FinaliseDialog } from "./scoring/FinaliseDialog.tsx";
import { Nominations } from "./scoring/Nominations.tsx";
import { RecuseDialog } from "./scoring/RecuseDialog.tsx";
import { ScoringHeader } from "./scoring/ScoringHeader.tsx";
import { ScoringToolbar } from "./scoring/ScoringToolbar.tsx";
import { SheetNotes } from "./scoring/SheetNotes.tsx";

/** One participant's sheet for the current member: one component and one aksi at a time. */
export const ScoringScreen = ({ participantId }: { participantId: string }) => {
  const t = useT();
  const loaded = useApp((s) => s.loaded);
  const session = useApp((s) => s.session);
  const data = useApp((s) => s.data);
  const [componentIndex, setComponentIndex] = useState(0);
  const [aksiChoice, setAksiChoice] = useState<AksiNumber | null>(null);
  const [dialog, setDialog] = useState<"finalise" | "recuse" | null>(null);

  const participant = loaded?.participants.find((p) => p.id === participantId);
  const member = loaded?.members.find((m) => m.id === session?.memberId);
  const components = useMemo(
    () => (loaded && member ? assignedComponents(loaded.rubric, member, participantId) : []),
    [loaded, member, participantId],
  );
  const scoresByIndicator = useMemo(() => {
    const map = new Map<string, ScoreRecord>();
    for (const score of data.scores.values())
      if (score.participantId === participantId) map.set(score.indicatorId, score);
    return map;
  }, [data.scores, participantId]);

  if (!loaded || !participant || !member || !session?.memberId) {
    return (
      <section class="screen" aria-labelledby="screen-title">
        <h1 id="screen-title">{t("score.notFound")}</h1>
        <button type="button" class="button" onClick={() => navigate({ name: "start" })}>
          {t("nav.back")}
        </button>
      </section>
    );
  }

  const sheet = data.sheets.get(sheetKey(session.editionId, participantId, member.id));
  const recused = sheet?.recused ?? false;
  const finalised = sheet?.finalised ?? false;
  const readOnly = recused || finalised;
  const current = components[Math.min(componentIndex, Math.max(0, components.length - 1))];
  const aksiList = current
    ? ([...new Set(current.indicators.map((i) => i.aksi).filter((a): a is AksiNumber => a !== null))] as AksiNumber[])
    : [];
  const aksi = aksiChoice !== null && aksiList.includes(aksiChoice) ? aksiChoice : (aksiList[0] ?? null);
  const visible: Indicator[] = current
    ? current.indicators.filter((i) => aksiList.length === 0 || i.aksi === aksi)
    : [];
  const total = components.reduce((n, c) => n + c.indicators.length, 0);
  const scored = components.reduce(
    (n, c) => n + c.indicators.filter((i) => isGraded(scoresByIndicator.get(i.id))).length,
    0,
  );
  const missing = missingIndicators(loaded.rubric, member, participantId, scoresByIndicator);

  return (
    <section class="screen scoring" aria-labelledby="screen-title">
      <ScoringHeader
        participant={participant}
        scored={scored}
        total={total}
        finalised={finalised}
        recused={recused}
        reopenReason={sheet?.reopenReason}
      />
      <ChangeNotices participantId={participantId} />
      <RefusedChanges participantId={participantId} />
      <ScoringToolbar participantId={participantId} finalised={finalised} recused={recused} onAsk={setDialog} />
      <ComponentTabs
        components={components}
        componentIndex={componentIndex}
        onComponent={setComponentIndex}
        aksiList={aksiList}
        aksi={aksi}
        onAksi={setAksiChoice}
        scoresByIndicator={scoresByIndicator}
      />
      <div class="indicators">
        {current
          ? visible.map((indicator) => (
              <IndicatorCard
                key={`${participantId}:${indicator.id}`}
                participantId={participantId}
                component={current.component}
                indicator={indicator}
                score={scoresByIndicator.get(indicator.id)}
                readOnly={readOnly}
              />
            ))
          : null}
      </div>
      <SheetNotes
        participantId={participantId}
        strengths={sheet?.strengths ?? ""}
        recommendations={sheet?.recommendations ?? ""}
        readOnly={readOnly}
      />
      {participant.role === "assessed" ? (
        <Nominations
          editionId={session.editionId}
          participantId={participantId}
          memberId={member.id}
          readOnly={readOnly}
        />
      ) : null}
      {dialog === "finalise" ? (
        <FinaliseDialog
          participantId={participantId}
          name={participant.name}
          missing={missing}
          onClose={() => setDialog(null)}
        />
      ) : null}
      {dialog === "recuse" ? <RecuseDialog participantId={participantId} onClose={() => setDialog(null)} /> : null}
    </section>
  );
};
