import { useEffect, useState } from "preact/hooks";
import { sheetKey } from "../../domain/keys.ts";
import { assignedComponents } from "../../domain/progress.ts";
import type { Member, Participant } from "../../domain/types.ts";
import { refreshEdition, useCoordinator } from "../../state/coordinator.ts";
import { formatNumber, pickText, useApp, useT } from "../../state/index.ts";
import { Modal } from "../components/Modal.tsx";
import { ReopenDialog } from "./ReopenDialog.tsx";

type Props = { participant: Participant; member: Member; onClose: () => void };

/** One member's sheet for one participant, read-only, with the evidence notes and the reopen action: what a board cell opens. */
export const SheetPeek = ({ participant, member, onClose }: Props) => {
  const t = useT();
  const locale = useApp((s) => s.locale);
  const bundle = useCoordinator((s) => s.bundle);
  const data = useCoordinator((s) => s.data);
  const [reopening, setReopening] = useState(false);
  useEffect(() => {
    if (bundle) void refreshEdition(bundle.edition.id);
  }, [bundle?.edition.id]);
  if (!bundle) return null;
  const scores = new Map(
    (data?.scores ?? [])
      .filter((s) => s.participantId === participant.id && s.memberId === member.id)
      .map((s) => [s.indicatorId, s] as const),
  );
  const sheet = data?.sheets.find((s) => s.key === sheetKey(bundle.edition.id, participant.id, member.id));
  // One dialog at a time: the reopen dialog replaces the peek, and closing it closes both.
  if (reopening) return <ReopenDialog participant={participant} member={member} onClose={onClose} />;
  return (
    <Modal
      title={t("setup.peekTitle", { member: member.name, participant: participant.name })}
      onClose={onClose}
      testId="sheet-peek"
    >
      {sheet?.reopenReason && !sheet.finalised ? (
        <p class="callout">{t("coord.reopenedReason", { reason: sheet.reopenReason })}</p>
      ) : null}
      {sheet?.recused ? <p class="callout">{t("setup.peekRecused", { reason: sheet.recusalReason || "—" })}</p> : null}
      {assignedComponents(bundle.rubric, member, participant.id).map(({ component, indicators }) => (
        <table class="matrix" key={component.id}>
          <caption>{pickText(component.name, locale)}</caption>
          <thead>
            <tr>
              <th scope="col">{t("setup.code")}</th>
              <th scope="col">{t("coord.scoreCol")}</th>
              <th scope="col">{t("setup.note")}</th>
            </tr>
          </thead>
          <tbody>
            {indicators.map((i) => {
              const s = scores.get(i.id);
              const grade =
                s?.level ??
                (s?.points != null ? formatNumber(locale, s.points, Number.isInteger(s.points) ? 0 : 1) : "—");
              return (
                <tr key={i.id}>
                  <th scope="row">{i.code}</th>
                  <td>{grade}</td>
                  <td>{s?.note || "—"}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ))}
      <p>
        <strong>{t("coord.strengths")}:</strong> {sheet?.strengths || t("coord.none")}
      </p>
      <p>
        <strong>{t("coord.recommendations")}:</strong> {sheet?.recommendations || t("coord.none")}
      </p>
      <div class="toolbar">
        {sheet?.finalised ? (
          <button type="button" class="button" onClick={() => setReopening(true)}>
            {t("coord.reopen")}
          </button>
        ) : null}
        <button type="button" class="button" onClick={onClose}>
          {t("setup.close")}
        </button>
      </div>
    </Modal>
  );
};
