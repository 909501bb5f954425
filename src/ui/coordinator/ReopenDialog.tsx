import type { Member, Participant } from "../../domain/types.ts";
import { REOPEN_REASON_MAX, reopenSheet } from "../../state/coordinator.ts";
import { useT } from "../../state/index.ts";
import { ReasonDialog } from "../components/ReasonDialog.tsx";

type Props = { participant: Participant; member: Member; onClose: () => void };

/** Reopening a final sheet asks first and needs a reason: it is audited and the member's tablet shows it. */
export const ReopenDialog = ({ participant, member, onClose }: Props) => {
  const t = useT();
  return (
    <ReasonDialog
      id="reopen"
      title={t("coord.reopenTitle", { member: member.name, participant: participant.name })}
      help={t("coord.reopenHelp")}
      label={t("coord.reopenReason")}
      required={t("coord.reopenReasonRequired")}
      cancel={t("setup.cancel")}
      confirm={t("coord.reopen")}
      testId="reopen-dialog"
      maxLength={REOPEN_REASON_MAX}
      onClose={onClose}
      onConfirm={(reason) => void reopenSheet(participant.id, member.id, reason)}
    />
  );
};
