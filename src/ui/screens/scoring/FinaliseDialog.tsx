import type { Indicator } from "../../../domain/types.ts";
import { finalise, pickText, useApp, useT } from "../../../state/index.ts";
import { Modal, ModalActions } from "../../components/Modal.tsx";

type Props = { participantId: string; name: string; missing: { indicator: Indicator }[]; onClose: () => void };

/** Confirms finalising, listing what is still unscored. */
export const FinaliseDialog = ({ participantId, name, missing, onClose }: Props) => {
  const t = useT();
  const locale = useApp((s) => s.locale);
  return (
    <Modal title={t("finalise.heading", { name })} onClose={onClose} testId="finalise-dialog">
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
      <ModalActions
        cancel={t("finalise.cancel")}
        confirm={t("finalise.confirm")}
        onCancel={onClose}
        onConfirm={() => {
          onClose();
          void finalise(participantId);
        }}
      />
    </Modal>
  );
};
