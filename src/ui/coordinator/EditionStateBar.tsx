import { useState } from "preact/hooks";
import { nextStates, stateOf } from "../../domain/edition-lifecycle.ts";
import { isGraded } from "../../domain/progress.ts";
import type { EditionState } from "../../domain/types.ts";
import { useCoordinator } from "../../state/coordinator.ts";
import { changeEditionState, useDay } from "../../state/edition-day.ts";
import { useT } from "../../state/index.ts";
import { Modal, ModalActions } from "../components/Modal.tsx";
import { UnfinishedSheets } from "./UnfinishedSheets.tsx";

/** The edition's state, what it means for tablets, and the moves allowed from it (each confirmed first). */
export const EditionStateBar = () => {
  const t = useT();
  const bundle = useCoordinator((s) => s.bundle);
  const scored = useCoordinator((s) => (s.data?.scores ?? []).some(isGraded));
  const busy = useDay((s) => s.busy);
  const error = useDay((s) => s.error);
  const [confirm, setConfirm] = useState<EditionState | null>(null);
  if (!bundle) return null;
  const state = stateOf(bundle.edition);
  const editionId = bundle.edition.id;
  return (
    <div class="toolbar" data-testid="edition-state">
      <p class="grow">
        <strong>{t("setup.stateLabel", { state: t(`setup.state.${state}`) })}</strong> · {t(`setup.stateHelp.${state}`)}
      </p>
      {nextStates(state, scored).map((to) => (
        <button key={to} type="button" class="button" disabled={busy} onClick={() => setConfirm(to)}>
          {t(`setup.moveTo.${to}`)}
        </button>
      ))}
      {error ? (
        <p class="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {confirm ? (
        <Modal title={t(`setup.moveTo.${confirm}`)} onClose={() => setConfirm(null)} testId="confirm-state">
          <p>{t(`setup.stateHelp.${confirm}`)}</p>
          {confirm === "closed" ? <UnfinishedSheets /> : null}
          <ModalActions
            cancel={t("setup.cancel")}
            confirm={t(`setup.moveTo.${confirm}`)}
            onCancel={() => setConfirm(null)}
            onConfirm={() => {
              setConfirm(null);
              void changeEditionState(editionId, confirm);
            }}
          />
        </Modal>
      ) : null}
    </div>
  );
};
