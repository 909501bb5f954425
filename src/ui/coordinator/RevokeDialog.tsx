import { type CoordinatorState, revokeDevice } from "../../state/coordinator.ts";
import { useT } from "../../state/index.ts";
import { Modal, ModalActions } from "../components/Modal.tsx";

/** Revoking a tablet cannot be undone from here (it must enrol again), so it asks first. */
type Device = CoordinatorState["devices"][number];

export const RevokeDialog = ({ device, onClose }: { device: Device; onClose: () => void }) => {
  const t = useT();
  return (
    <Modal title={t("coord.revokeConfirmTitle", { name: device.name })} onClose={onClose} testId="revoke-dialog">
      <p>{t("coord.revokeConfirmText")}</p>
      <ModalActions
        cancel={t("setup.cancel")}
        confirm={t("coord.revoke")}
        onCancel={onClose}
        onConfirm={() => {
          onClose();
          void revokeDevice(device.id);
        }}
      />
    </Modal>
  );
};
