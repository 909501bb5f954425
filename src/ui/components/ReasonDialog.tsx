import { useState } from "preact/hooks";
import { Modal, ModalActions } from "./Modal.tsx";

type Props = {
  /** Prefix of the field's and error's ids. */
  id: string;
  title: string;
  help: string;
  label: string;
  required: string;
  cancel: string;
  confirm: string;
  testId: string;
  maxLength?: number;
  onClose: () => void;
  /** Called with the trimmed reason; the dialog has closed by then. */
  onConfirm: (reason: string) => void;
};

/** A confirmation that needs a written reason (a recusal, a reopen): an empty one is refused in words. */
export const ReasonDialog = ({
  id,
  title,
  help,
  label,
  required,
  cancel,
  confirm,
  testId,
  maxLength,
  onClose,
  onConfirm,
}: Props) => {
  const [reason, setReason] = useState("");
  const [error, setError] = useState(false);
  return (
    <Modal title={title} onClose={onClose} testId={testId}>
      <p>{help}</p>
      <div class="field">
        <label for={`${id}-reason`}>{label}</label>
        <textarea
          id={`${id}-reason`}
          rows={2}
          maxLength={maxLength}
          value={reason}
          aria-invalid={error}
          aria-describedby={error ? `${id}-error` : undefined}
          onInput={(event) => setReason((event.currentTarget as HTMLTextAreaElement).value)}
        />
        {error ? (
          <p id={`${id}-error`} class="field-error" role="alert">
            {required}
          </p>
        ) : null}
      </div>
      <ModalActions
        cancel={cancel}
        confirm={confirm}
        onCancel={onClose}
        onConfirm={() => {
          if (!reason.trim()) {
            setError(true);
            return;
          }
          onClose();
          onConfirm(reason.trim());
        }}
      />
    </Modal>
  );
};
