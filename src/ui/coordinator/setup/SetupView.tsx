import { useState } from "preact/hooks";
import { diffRubrics, type RubricDiff } from "../../../domain/rubric-diff.ts";
import { useCoordinator } from "../../../state/coordinator.ts";
import {
  closeDraft,
  reapplyOverServer,
  reloadFromServer,
  saveDraft,
  setupStore,
  useSetup,
} from "../../../state/edition-setup.ts";
import { type MessageKey, useT } from "../../../state/index.ts";
import { Modal, ModalActions } from "../../components/Modal.tsx";
import { TabBar } from "../../components/TabBar.tsx";
import { EditionDetailsForm } from "./EditionDetailsForm.tsx";
import { PanelMatrix } from "./PanelMatrix.tsx";
import { ParticipantsPicker } from "./ParticipantsPicker.tsx";
import { RubricDiffView } from "./RubricDiffView.tsx";
import { RubricEditor } from "./RubricEditor.tsx";
import { SettingsForm } from "./SettingsForm.tsx";
import "./setup.css";

export type SetupSection = "details" | "rubric" | "participants" | "panel" | "settings";

const SECTIONS: [SetupSection, MessageKey][] = [
  ["details", "setup.sectionDetails"],
  ["rubric", "setup.sectionRubric"],
  ["participants", "setup.sectionParticipants"],
  ["panel", "setup.sectionPanel"],
  ["settings", "setup.sectionSettings"],
];

/** Which section a field error belongs to, so the summary can take the coordinator there. */
const sectionOf = (path: string): SetupSection =>
  path.startsWith("rubric")
    ? "rubric"
    : path.startsWith("participants")
      ? "participants"
      : path.startsWith("members")
        ? "panel"
        : path.startsWith("edition.settings")
          ? "settings"
          : "details";

type Props = { onSaved?: (editionId: string) => void };

/** The edition set-up: one draft across five sections, saved whole, with the rubric diff shown before saving. */
export const SetupView = ({ onSaved }: Props) => {
  const t = useT();
  const draft = useSetup((s) => s.draft);
  const errors = useSetup((s) => s.errors);
  const saving = useSetup((s) => s.saving);
  const saveError = useSetup((s) => s.saveError);
  const savedAt = useSetup((s) => s.savedAt);
  const dirty = useSetup((s) => s.dirty);
  const stale = useSetup((s) => s.stale);
  const scores = useCoordinator((s) => (s.editionId === draft?.edition.id ? (s.data?.scores ?? []) : []));
  const [section, setSection] = useState<SetupSection>("details");
  const [pendingDiff, setPendingDiff] = useState<RubricDiff | null>(null);
  if (!draft) return null;
  const save = async () => {
    const outcome = await saveDraft();
    if (outcome === "saved") onSaved?.(draft.edition.id);
  };
  const requestSave = () => {
    const saved = setupStore.getState().savedRubric;
    const diff = saved ? diffRubrics(saved, draft.rubric, scores) : null;
    if (diff && diff.changes.length > 0) setPendingDiff(diff);
    else void save();
  };
  return (
    <section class="setup" aria-labelledby="setup-title">
      <div class="toolbar">
        <h2 id="setup-title" class="grow">
          {draft.edition.title.id || t("setup.untitled")}
        </h2>
        <button type="button" class="button button-quiet" onClick={closeDraft}>
          {t("setup.closeDraft")}
        </button>
        <button type="button" class="button button-primary" disabled={saving} onClick={requestSave}>
          {t("setup.save")}
        </button>
      </div>
      <p class="muted" role="status" data-testid="save-state">
        {saving ? t("setup.saving") : dirty ? t("setup.unsaved") : savedAt ? t("setup.saved") : ""}
      </p>
      {saveError && !stale ? (
        <p class="notice notice-error" role="alert">
          {saveError}
        </p>
      ) : null}
      {stale ? <StalePanel /> : null}
      {errors.length > 0 ? (
        <div class="notice notice-error" role="alert" data-testid="error-summary">
          <p>{t("setup.errorsSummary", { count: errors.length })}</p>
          <ul>
            {errors.slice(0, 12).map((e) => (
              <li key={`${e.path}|${e.message}`}>
                <button type="button" class="link-button" onClick={() => setSection(sectionOf(e.path))}>
                  {e.field}: {e.message}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <TabBar
        legend={t("setup.sections")}
        tabs={SECTIONS.map(([value, label]) => {
          const count = errors.filter((e) => sectionOf(e.path) === value).length;
          return {
            value,
            label: (
              <>
                {t(label)}
                {count > 0 ? <span class="tab-count">{count}</span> : null}
              </>
            ),
          };
        })}
        active={section}
        onSelect={setSection}
      />
      {section === "details" ? <EditionDetailsForm /> : null}
      {section === "rubric" ? <RubricEditor /> : null}
      {section === "participants" ? <ParticipantsPicker /> : null}
      {section === "panel" ? <PanelMatrix /> : null}
      {section === "settings" ? <SettingsForm /> : null}
      {pendingDiff ? (
        <Modal title={t("setup.diffTitle")} onClose={() => setPendingDiff(null)} testId="diff-dialog">
          <RubricDiffView diff={pendingDiff} fromVersion={setupStore.getState().savedRubric?.version ?? 1} />
          <ModalActions
            cancel={t("setup.cancel")}
            confirm={t("setup.confirmSave")}
            onCancel={() => setPendingDiff(null)}
            onConfirm={() => {
              setPendingDiff(null);
              void save();
            }}
          />
        </Modal>
      ) : null}
    </section>
  );
};

/** Another coordinator saved first: what they changed, then reload theirs or save mine over it. */
const StalePanel = () => {
  const t = useT();
  const stale = useSetup((s) => s.stale);
  const base = useSetup((s) => s.savedRubric);
  const draft = useSetup((s) => s.draft);
  if (!stale || !draft) return null;
  const rubricDiff = base ? diffRubrics(base, stale.rubric) : { changes: [], needsReview: 0 };
  const ids = (xs: { id: string }[]) => new Set(xs.map((x) => x.id));
  const mine = ids(draft.participants);
  const theirs = ids(stale.participants);
  return (
    <div class="notice notice-error" role="alert" data-testid="stale-panel">
      <p>{t("setup.staleIntro", { version: stale.version })}</p>
      {rubricDiff.changes.length > 0 ? <RubricDiffView diff={rubricDiff} fromVersion={base?.version ?? 1} /> : null}
      <p>
        {t("setup.staleCounts", {
          added: [...theirs].filter((id) => !mine.has(id)).length,
          removed: [...mine].filter((id) => !theirs.has(id)).length,
          members: stale.members.length,
        })}
      </p>
      <div class="toolbar">
        <button type="button" class="button" onClick={reloadFromServer}>
          {t("setup.reloadTheirs")}
        </button>
        <button type="button" class="button button-primary" onClick={() => void reapplyOverServer()}>
          {t("setup.reapplyMine")}
        </button>
      </div>
    </div>
  );
};
