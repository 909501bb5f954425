import { useState } from "preact/hooks";
import { useCoordinator } from "../../state/coordinator.ts";
import { recordRecusal, useDay } from "../../state/edition-day.ts";
import { useT } from "../../state/index.ts";

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
      <div class="field">
        <label for="recusal-member">{t("setup.recusalMember")}</label>
        <select
          id="recusal-member"
          value={memberId}
          onChange={(e) => setMemberId((e.currentTarget as HTMLSelectElement).value)}
        >
          <option value="">{t("setup.choose")}</option>
          {scorers.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="recusal-participant">{t("setup.recusalParticipant")}</label>
        <select
          id="recusal-participant"
          value={participantId}
          onChange={(e) => setParticipantId((e.currentTarget as HTMLSelectElement).value)}
        >
          <option value="">{t("setup.choose")}</option>
          {participants.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="recusal-reason">{t("setup.recusalReason")}</label>
        <input
          id="recusal-reason"
          value={reason}
          onInput={(e) => setReason((e.currentTarget as HTMLInputElement).value)}
        />
      </div>
      <button type="submit" class="button" disabled={busy || !memberId || !participantId}>
        {t("setup.recusalSave")}
      </button>
    </form>
  );
};
