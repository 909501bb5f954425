import { recuse, useT } from "../../../state/index.ts";
import { ReasonDialog } from "../../components/ReasonDialog.tsx";

/** Recusal needs a reason: the coordinator reads it. */
export const RecuseDialog = ({ participantId, onClose }: { participantId: string; onClose: () => void }) => {
  const t = useT();
  return (
    <ReasonDialog
      id="recuse"
      title={t("recuse.heading")}
      help={t("recuse.help")}
      label={t("recuse.reason")}
      required={t("recuse.reasonRequired")}
      cancel={t("recuse.cancel")}
      confirm={t("recuse.confirm")}
      testId="recuse-dialog"
      onClose={onClose}
      onConfirm={(reason) => void recuse(participantId, reason)}
    />
  );
};
