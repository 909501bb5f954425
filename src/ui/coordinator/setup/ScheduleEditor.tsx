import { useEffect } from "preact/hooks";
import {
  attendanceOf,
  emptySchedule,
  participantsInOrder,
  presenterStatus,
  reorderSlots,
  scheduleProblems,
} from "../../../domain/schedule.ts";
import type { Attendance, Member, Participant, ScheduleSlot } from "../../../domain/types.ts";
import {
  advance,
  editSchedule,
  loadSchedule,
  saveSchedule,
  setAttendance,
  useDay,
} from "../../../state/edition-day.ts";
import { useT } from "../../../state/index.ts";
import { DataTable } from "../../components/DataTable.tsx";
import { ItemControls } from "./ItemControls.tsx";
import { moveBy } from "./list-edit.ts";

type Props = { editionId: string; participants: Participant[]; members: Member[] };

const value = (e: Event) => (e.currentTarget as HTMLInputElement).value;

/** Presentation order with date, time and room; who is in the room and who is remote; the current presenter. */
export const ScheduleEditor = ({ editionId, participants, members }: Props) => {
  const t = useT();
  const schedule = useDay((s) => (s.editionId === editionId ? s.schedule : null));
  const dirty = useDay((s) => s.scheduleDirty);
  const busy = useDay((s) => s.busy);
  useEffect(() => {
    void loadSchedule(editionId);
  }, [editionId]);
  const current = schedule ?? emptySchedule(editionId);
  const ordered = participantsInOrder(participants, current);
  const slotOf = (id: string): ScheduleSlot | undefined => current.slots.find((s) => s.participantId === id);
  const problems = scheduleProblems(current, new Set(participants.map((p) => p.id)));
  const reorder = (ids: string[]) => editSchedule((s) => reorderSlots(s, ids), editionId);
  const patchSlot = (id: string, p: Partial<ScheduleSlot>) =>
    editSchedule((s) => {
      const withAll = s.slots.some((x) => x.participantId === id)
        ? s
        : reorderSlots(
            s,
            ordered.map((o) => o.id),
          );
      return { ...withAll, slots: withAll.slots.map((x) => (x.participantId === id ? { ...x, ...p } : x)) };
    }, editionId);
  const presenting = participants.find((p) => p.id === current.currentParticipantId);
  // No order saved yet: the list shows a proposal (alphabetical) that "Simpan jadwal" saves as it stands, so a
  // coordinator happy with it need not move a row first to be allowed to save and start.
  const proposalOnly = schedule !== null && current.slots.length === 0;
  const save = () => {
    if (current.slots.length === 0) reorder(ordered.map((o) => o.id));
    void saveSchedule(editionId);
  };
  const attendanceSelect = (kind: "participant" | "member", id: string, name: string, where: Attendance) => (
    <select
      aria-label={t("setup.attendanceOf", { name })}
      value={where}
      onChange={(e) => setAttendance(kind, id, (e.currentTarget as HTMLSelectElement).value as Attendance, editionId)}
    >
      <option value="room">{t("setup.inRoom")}</option>
      <option value="remote">{t("setup.remote")}</option>
    </select>
  );
  return (
    <section class="panel" aria-labelledby="schedule-title">
      <h3 id="schedule-title">{t("setup.scheduleHeading")}</h3>
      <div class="toolbar">
        <p class="grow" role="status" data-testid="current-presenter">
          {presenting ? t("setup.nowPresenting", { name: presenting.name }) : t("setup.nobodyPresenting")}
        </p>
        <button
          type="button"
          class="button button-primary"
          disabled={busy || dirty || current.slots.length === 0}
          onClick={() => void advance(editionId)}
        >
          {t("setup.advance")}
        </button>
      </div>
      {dirty ? <p class="muted">{t("setup.saveScheduleFirst")}</p> : null}
      {proposalOnly && !dirty ? (
        <p class="muted" data-testid="schedule-proposal">
          {t("setup.scheduleProposal")}
        </p>
      ) : null}
      <DataTable
        variant="matrix"
        testId="schedule-table"
        columns={[
          t("setup.order"),
          t("setup.participantName"),
          t("setup.date"),
          t("setup.time"),
          t("setup.room"),
          t("setup.attendance"),
          { label: t("setup.actions"), hidden: true },
        ]}
      >
        {ordered.map((p, i) => {
          const slot = slotOf(p.id);
          const status = presenterStatus(current, p.id);
          return (
            <tr key={p.id} class={status ? `is-${status}` : ""}>
              <td>{slot ? slot.order : "—"}</td>
              <th scope="row">
                {p.name}
                {status ? (
                  <span class="pill">{t(status === "presenting" ? "setup.presenting" : "setup.next")}</span>
                ) : null}
              </th>
              <td>
                <input
                  type="date"
                  aria-label={t("setup.dateOf", { name: p.name })}
                  value={slot?.date ?? ""}
                  onInput={(e) => patchSlot(p.id, { date: value(e) })}
                />
              </td>
              <td>
                <input
                  aria-label={t("setup.timeOf", { name: p.name })}
                  placeholder="08.00–08.45"
                  value={slot?.time ?? ""}
                  onInput={(e) => patchSlot(p.id, { time: value(e) })}
                />
              </td>
              <td>
                <input
                  aria-label={t("setup.roomOf", { name: p.name })}
                  value={slot?.room ?? ""}
                  onInput={(e) => patchSlot(p.id, { room: value(e) })}
                />
              </td>
              <td>
                {attendanceSelect("participant", p.id, p.name, attendanceOf(current.participantAttendance, p.id))}
              </td>
              <td>
                <ItemControls
                  label={p.name}
                  index={i}
                  count={ordered.length}
                  onMove={(by) => reorder(moveBy(ordered, i, by).map((x) => x.id))}
                  onRemove={() => reorder(ordered.filter((x) => x.id !== p.id && slotOf(x.id)).map((x) => x.id))}
                />
              </td>
            </tr>
          );
        })}
      </DataTable>
      {problems.length > 0 ? (
        <ul class="field-error" data-testid="schedule-problems">
          {problems.map((pr) => (
            <li key={`${pr.kind}-${pr.participantId}`}>
              {t(`setup.schedule.${pr.kind}`, {
                name: participants.find((p) => p.id === pr.participantId)?.name ?? pr.participantId,
              })}
            </li>
          ))}
        </ul>
      ) : null}
      <h4>{t("setup.memberAttendance")}</h4>
      <ul class="plain-list">
        {members.map((m) => (
          <li key={m.id} class="field-row">
            <span class="grow">{m.name}</span>
            {attendanceSelect("member", m.id, m.name, attendanceOf(current.memberAttendance, m.id))}
          </li>
        ))}
      </ul>
      <div class="toolbar">
        <button
          type="button"
          class="button button-primary"
          disabled={busy || !(dirty || proposalOnly) || problems.length > 0}
          onClick={save}
        >
          {t("setup.saveSchedule")}
        </button>
      </div>
    </section>
  );
};
