import { useMemo, useState } from "preact/hooks";
import { nominationKey, sheetKey } from "../../domain/keys.ts";
import { assignedComponents, isGraded, missingIndicators } from "../../domain/progress.ts";
import type { AksiNumber, AwardCategory, Indicator, ScoreRecord } from "../../domain/types.ts";
import {
  finalise,
  navigate,
  nominationField,
  pickText,
  recuse,
  saveNomination,
  saveSheetFields,
  sheetField,
  undoLast,
  useApp,
  useT,
  withdrawRecusal,
} from "../../state/index.ts";
import { ChangeNotices } from "../components/ChangeNotices.tsx";
import { IndicatorCard } from "../components/IndicatorCard.tsx";
import { Modal } from "../components/Modal.tsx";
import { NoteField } from "../components/NoteField.tsx";

const CATEGORIES: AwardCategory[] = ["inspiratif", "replikatif", "inovatif"];

/** One participant's sheet for the current member: one component and one aksi at a time. */
export const ScoringScreen = ({ participantId }: { participantId: string }) => {
  const t = useT();
  const locale = useApp((s) => s.locale);
  const loaded = useApp((s) => s.loaded);
  const session = useApp((s) => s.session);
  const data = useApp((s) => s.data);
  const canUndo = useApp((s) => s.canUndo);
  const [componentIndex, setComponentIndex] = useState(0);
  const [aksiChoice, setAksiChoice] = useState<AksiNumber | null>(null);
  const [dialog, setDialog] = useState<"finalise" | "recuse" | null>(null);
  const strengthsStatus = useApp((s) => s.fieldStatus[sheetField(participantId, "strengths")]);
  const recommendationsStatus = useApp((s) => s.fieldStatus[sheetField(participantId, "recommendations")]);

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
      <nav class="crumbs">
        <button type="button" class="button button-quiet" onClick={() => navigate({ name: "start" })}>
          ← {t("nav.back")}
        </button>
      </nav>
      <header class="scoring-head">
        <h1 id="screen-title">{t("score.heading", { name: participant.name })}</h1>
        <p class="muted">
          {participant.regionCode} · {t("start.group", { group: participant.rankingGroup })} ·{" "}
          <span data-testid="sheet-progress">{t("score.progress", { scored, total })}</span>
        </p>
        {participant.role === "observer" ? (
          <p class="callout">{t("score.observerNotice", { name: participant.name })}</p>
        ) : null}
        {finalised ? <p class="callout callout-strong">{t("score.readOnlyFinalised")}</p> : null}
        {recused ? <p class="callout callout-strong">{t("score.readOnlyRecused")}</p> : null}
      </header>

      <ChangeNotices participantId={participantId} />
      <div class="toolbar">
        <button type="button" class="button" disabled={!canUndo || finalised} onClick={() => void undoLast()}>
          ↶ {t("score.undo")}
        </button>
        {!finalised ? (
          recused ? (
            <button type="button" class="button" onClick={() => void withdrawRecusal(participantId)}>
              {t("recuse.withdraw")}
            </button>
          ) : (
            <button type="button" class="button" onClick={() => setDialog("recuse")}>
              {t("recuse.button")}
            </button>
          )
        ) : null}
        {!finalised && !recused ? (
          <button type="button" class="button button-primary" onClick={() => setDialog("finalise")}>
            {t("finalise.button")}
          </button>
        ) : null}
      </div>

      {components.length > 1 ? (
        <fieldset class="tabs">
          <legend class="visually-hidden">{t("score.componentTabs")}</legend>
          {components.map((c, index) => (
            <button
              key={c.component.id}
              type="button"
              class={`tab ${index === componentIndex ? "is-active" : ""}`}
              aria-pressed={index === componentIndex}
              onClick={() => setComponentIndex(index)}
            >
              {pickText(c.component.name, locale)}
            </button>
          ))}
        </fieldset>
      ) : current ? (
        <h2 class="component-title">{pickText(current.component.name, locale)}</h2>
      ) : null}

      {aksiList.length > 1 ? (
        <fieldset class="tabs tabs-aksi">
          <legend class="visually-hidden">{t("score.aksiTabs")}</legend>
          {aksiList.map((number) => {
            const inAksi = current?.indicators.filter((i) => i.aksi === number) ?? [];
            const done = inAksi.filter((i) => isGraded(scoresByIndicator.get(i.id))).length;
            return (
              <button
                key={number}
                type="button"
                class={`tab ${number === aksi ? "is-active" : ""}`}
                aria-pressed={number === aksi}
                onClick={() => setAksiChoice(number)}
              >
                {t("score.aksi", { number })} <span class="tab-count">{`${done}/${inAksi.length}`}</span>
              </button>
            );
          })}
        </fieldset>
      ) : null}

      <div class="indicators">
        {current
          ? visible.map((indicator) => (
              <IndicatorCard
                key={indicator.id}
                participantId={participantId}
                component={current.component}
                indicator={indicator}
                score={scoresByIndicator.get(indicator.id)}
                readOnly={readOnly}
              />
            ))
          : null}
      </div>

      <section class="panel" aria-labelledby="notes-title">
        <h2 id="notes-title">{t("notes.heading")}</h2>
        <NoteField
          id="sheet-strengths"
          label={t("notes.strengths")}
          placeholder={t("notes.placeholderStrengths")}
          value={sheet?.strengths ?? ""}
          status={strengthsStatus}
          disabled={readOnly}
          rows={3}
          onSave={(strengths) => saveSheetFields(participantId, { strengths })}
        />
        <NoteField
          id="sheet-recommendations"
          label={t("notes.recommendations")}
          placeholder={t("notes.placeholderRecommendations")}
          value={sheet?.recommendations ?? ""}
          status={recommendationsStatus}
          disabled={readOnly}
          rows={3}
          onSave={(recommendations) => saveSheetFields(participantId, { recommendations })}
        />
      </section>

      {participant.role === "assessed" ? (
        <section class="panel" aria-labelledby="nominate-title">
          <h2 id="nominate-title">{t("nominate.heading")}</h2>
          {CATEGORIES.map((category) => {
            const record = data.nominations.get(nominationKey(session.editionId, participantId, member.id, category));
            const label = t(`nominate.${category}`);
            return (
              <div key={category} class="nomination">
                <label class="check">
                  <input
                    type="checkbox"
                    checked={record?.nominated ?? false}
                    disabled={readOnly}
                    onChange={(event) => {
                      const box = event.currentTarget as HTMLInputElement;
                      const nominated = box.checked;
                      // The box shows the committed value; storage's confirmation re-renders it.
                      box.checked = record?.nominated ?? false;
                      void saveNomination(participantId, category, { nominated });
                    }}
                  />
                  <span>{label}</span>
                </label>
                {record?.nominated ? (
                  <NoteField
                    id={`nominate-${category}`}
                    label={t("nominate.reason", { category: label })}
                    placeholder={t("nominate.reasonPlaceholder")}
                    value={record.reason}
                    status={undefined}
                    disabled={readOnly}
                    onSave={(reason) => saveNomination(participantId, category, { reason })}
                  />
                ) : null}
              </div>
            );
          })}
          <NominationStatus participantId={participantId} />
        </section>
      ) : null}

      {dialog === "finalise" ? (
        <Modal
          title={t("finalise.heading", { name: participant.name })}
          onClose={() => setDialog(null)}
          testId="finalise-dialog"
        >
          {missing.length === 0 ? (
            <p>{t("finalise.allDone")}</p>
          ) : (
            <>
              <p>{t("finalise.missing", { count: missing.length })}</p>
              <ul class="missing-list" data-testid="missing-list">
                {missing.map(({ indicator }) => (
                  <li key={indicator.id}>
                    {indicator.code} — {pickText(indicator.text, locale)}
                  </li>
                ))}
              </ul>
              <p class="muted">{t("finalise.missingHelp")}</p>
            </>
          )}
          <div class="modal-actions">
            <button type="button" class="button" onClick={() => setDialog(null)}>
              {t("finalise.cancel")}
            </button>
            <button
              type="button"
              class="button button-primary"
              onClick={() => {
                setDialog(null);
                void finalise(participantId);
              }}
            >
              {t("finalise.confirm")}
            </button>
          </div>
        </Modal>
      ) : null}
      {dialog === "recuse" ? <RecuseDialog participantId={participantId} onClose={() => setDialog(null)} /> : null}
    </section>
  );
};

const NominationStatus = ({ participantId }: { participantId: string }) => {
  const anySaved = useApp((s) =>
    CATEGORIES.some((c) => s.fieldStatus[nominationField(participantId, c, "nominated")] === "saved"),
  );
  const t = useT();
  return anySaved ? (
    <p class="save-state is-saved" role="status">
      ✓ {t("score.saved")}
    </p>
  ) : null;
};

const RecuseDialog = ({ participantId, onClose }: { participantId: string; onClose: () => void }) => {
  const t = useT();
  const [reason, setReason] = useState("");
  const [error, setError] = useState(false);
  return (
    <Modal title={t("recuse.heading")} onClose={onClose} testId="recuse-dialog">
      <p>{t("recuse.help")}</p>
      <div class="field">
        <label for="recuse-reason">{t("recuse.reason")}</label>
        <textarea
          id="recuse-reason"
          rows={2}
          value={reason}
          aria-invalid={error}
          aria-describedby={error ? "recuse-error" : undefined}
          onInput={(event) => setReason((event.currentTarget as HTMLTextAreaElement).value)}
        />
        {error ? (
          <p id="recuse-error" class="field-error" role="alert">
            {t("recuse.reasonRequired")}
          </p>
        ) : null}
      </div>
      <div class="modal-actions">
        <button type="button" class="button" onClick={onClose}>
          {t("recuse.cancel")}
        </button>
        <button
          type="button"
          class="button button-primary"
          onClick={() => {
            if (!reason.trim()) {
              setError(true);
              return;
            }
            onClose();
            void recuse(participantId, reason.trim());
          }}
        >
          {t("recuse.confirm")}
        </button>
      </div>
    </Modal>
  );
};
