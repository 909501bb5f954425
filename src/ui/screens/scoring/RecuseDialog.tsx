import { useState } from "preact/hooks";
import { recuse, useT } from "../../../state/index.ts";
import { Modal, ModalActions } from "../../components/Modal.tsx";

/** Recusal needs a reason: the coordinator reads it. */
export const RecuseDialog = ({ participantId, onClose }: { participantId: string; onClose: () => void }) => {
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
      <ModalActions
        cancel={t("recuse.cancel")}
        confirm={t("recuse.confirm")}
        onCancel={onClose}
        onConfirm={() => {
          if (!reason.trim()) {
            setError(true);
            return;
          }
          onClose();
          void recuse(participantId, reason.trim());
        }}
      />
    </Modal>
  );
};
