import { useState } from "preact/hooks";
import { useCoordinator } from "../../state/coordinator.ts";
import { recordRecusal, useDay } from "../../state/edition-day.ts";
import { useT } from "../../state/index.ts";
import { SelectField, TextField } from "../components/Field.tsx";

/** The coordinator records a member's recusal from a district, with the reason (an empty reason lifts it). */
export const RecusalForm = ({ editionId }: { editionId: string }) => {
  const t = useT();
  const bundle = useCoordinator((s) => s.bundle);
  const busy = useDay((s) => s.busy);
  const [memberId, setMemberId] = useState("");
  const [participantId, setParticipantId] = useState("");
  const [reason, setReason] = useState("");
  if (!bundle) return null;
  const scorers = bundle.members.filter((m) => m.assignments.length > 0);
  const assigned = scorers.find((m) => m.id === memberId)?.assignments.flatMap((a) => a.participantIds);
  const participants = bundle.participants.filter((p) => assigned?.includes(p.id));
  return (
    <form
      class="field-row"
      aria-labelledby="recusal-title"
      onSubmit={(e) => {
        e.preventDefault();
        void recordRecusal(editionId, participantId, memberId, reason).then(() => setReason(""));
      }}
    >
      <h4 id="recusal-title" class="grow">
        {t("setup.recusalHeading")}
      </h4>
      <SelectField
        id="recusal-member"
        label={t("setup.recusalMember")}
        value={memberId}
        onValue={setMemberId}
        placeholder={t("setup.choose")}
        options={scorers.map((m) => [m.id, m.name])}
      />
      <SelectField
        id="recusal-participant"
        label={t("setup.recusalParticipant")}
        value={participantId}
        onValue={setParticipantId}
        placeholder={t("setup.choose")}
        options={participants.map((p) => [p.id, p.name])}
      />
      <TextField id="recusal-reason" label={t("setup.recusalReason")} value={reason} onValue={setReason} />
      <button type="submit" class="button" disabled={busy || !memberId || !participantId}>
        {t("setup.recusalSave")}
      </button>
    </form>
  );
};
