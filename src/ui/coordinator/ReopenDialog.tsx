import { useState } from "preact/hooks";
import type { Member, Participant } from "../../domain/types.ts";
import { reopenSheet } from "../../state/coordinator.ts";
import { useT } from "../../state/index.ts";
import { Modal, ModalActions } from "../components/Modal.tsx";

type Props = { participant: Participant; member: Member; onClose: () => void };

/** Reopening a final sheet asks first and needs a reason: it is audited and the member's tablet shows it. */
export const ReopenDialog = ({ participant, member, onClose }: Props) => {
  const t = useT();
  const [reason, setReason] = useState("");
  const [error, setError] = useState(false);
  return (
    <Modal
      title={t("coord.reopenTitle", { member: member.name, participant: participant.name })}
      onClose={onClose}
      testId="reopen-dialog"
    >
      <p>{t("coord.reopenHelp")}</p>
      <div class="field">
        <label for="reopen-reason">{t("coord.reopenReason")}</label>
        <textarea
          id="reopen-reason"
          rows={2}
          maxLength={500}
          value={reason}
          aria-invalid={error}
          aria-describedby={error ? "reopen-error" : undefined}
          onInput={(event) => setReason((event.currentTarget as HTMLTextAreaElement).value)}
        />
        {error ? (
          <p id="reopen-error" class="field-error" role="alert">
            {t("coord.reopenReasonRequired")}
          </p>
        ) : null}
      </div>
      <ModalActions
        cancel={t("setup.cancel")}
        confirm={t("coord.reopen")}
        onCancel={onClose}
        onConfirm={() => {
          if (!reason.trim()) {
            setError(true);
            return;
          }
          onClose();
          void reopenSheet(participant.id, member.id, reason.trim());
        }}
      />
    </Modal>
  );
};
