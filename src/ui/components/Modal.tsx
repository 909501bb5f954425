import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";

type Props = { title: string; onClose: () => void; children: ComponentChildren; testId?: string };

/** A modal that keeps keyboard focus inside and gives it back to the opener on close. */
export const Modal = ({ title, onClose, children, testId }: Props) => {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    const first = ref.current?.querySelector<HTMLElement>("button, input, textarea, select, [tabindex]");
    first?.focus();
    return () => opener?.focus();
  }, []);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Escape") onClose();
    if (event.key !== "Tab" || !ref.current) return;
    const focusable = [...ref.current.querySelectorAll<HTMLElement>("button, input, textarea, select")].filter(
      (el) => !el.hasAttribute("disabled"),
    );
    const first = focusable[0];
    const last = focusable.at(-1);
    if (event.shiftKey && document.activeElement === first) {
      last?.focus();
      event.preventDefault();
    } else if (!event.shiftKey && document.activeElement === last) {
      first?.focus();
      event.preventDefault();
    }
  };
  return (
    <div class="modal-backdrop">
      <div
        class="modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby="modal-title"
        ref={ref}
        onKeyDown={onKeyDown}
        data-testid={testId}
      >
        <h2 id="modal-title">{title}</h2>
        {children}
      </div>
    </div>
  );
};

/** Cancel and confirm, the end of every dialog; `onConfirm` decides whether the dialog closes. */
export const ModalActions = ({
  cancel,
  confirm,
  onCancel,
  onConfirm,
}: {
  cancel: string;
  confirm: string;
  onCancel: () => void;
  onConfirm: () => void;
}) => (
  <div class="modal-actions">
    <button type="button" class="button" onClick={onCancel}>
      {cancel}
    </button>
    <button type="button" class="button button-primary" onClick={onConfirm}>
      {confirm}
    </button>
  </div>
);
