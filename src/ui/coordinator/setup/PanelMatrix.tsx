import { useState } from "preact/hooks";
import { isAssigned, type MatrixCell, matrixCell, setCell, setException } from "../../../domain/assignments.ts";
import type { Member, MemberRole } from "../../../domain/types.ts";
import { updateDraft, useSetup } from "../../../state/edition-setup.ts";
import { pickText, useApp, useT } from "../../../state/index.ts";
import { DataTable } from "../../components/DataTable.tsx";
import { SelectField, TextField } from "../../components/Field.tsx";
import { CheckedTextField } from "./FieldMessages.tsx";
import { freshId } from "./list-edit.ts";

const ROLES: MemberRole[] = ["ketua", "anggota", "technical", "observer", "coordinator"];

const setMembers = (recipe: (ms: Member[]) => Member[]) => updateDraft((d) => ({ ...d, members: recipe(d.members) }));

/** The panel: members (name, agency, role) and what each scores, as a members × components matrix. */
export const PanelMatrix = () => {
  const t = useT();
  const draft = useSetup((s) => s.draft);
  const errors = useSetup((s) => s.errors);
  const [open, setOpen] = useState<string | null>(null);
  if (!draft) return null;
  const { members, participants } = draft;
  const addMember = () =>
    setMembers((ms) => [
      ...ms,
      {
        id: freshId(
          "m",
          ms.map((m) => m.id),
        ),
        editionId: draft.edition.id,
        name: "",
        agency: "",
        role: "anggota",
        assignments: [],
      },
    ]);
  const patch = (id: string, recipe: (m: Member) => Member) =>
    setMembers((ms) => ms.map((m) => (m.id === id ? recipe(m) : m)));
  return (
    <section class="panel" aria-labelledby="panel-title">
      <h3 id="panel-title">{t("setup.panelHeading")}</h3>
      {members.map((m, i) => (
        <div class="field-row member-row" key={m.id} data-testid={`member-${i}`}>
          <CheckedTextField
            id={`member-${i}-name`}
            label={t("setup.memberName")}
            value={m.name}
            onValue={(v) => patch(m.id, (x) => ({ ...x, name: v }))}
            errors={errors}
            path={`members.${i}.name`}
          />
          <TextField
            id={`member-${i}-agency`}
            label={t("setup.agency")}
            value={m.agency}
            onValue={(v) => patch(m.id, (x) => ({ ...x, agency: v }))}
          />
          <SelectField
            id={`member-${i}-role`}
            label={t("setup.role")}
            class="field-medium"
            value={m.role}
            onValue={(v) => patch(m.id, (x) => ({ ...x, role: v as MemberRole }))}
            options={ROLES.map((r) => [r, t(`role.${r}`)])}
          />
          <button
            type="button"
            class="button button-quiet"
            aria-label={t("setup.remove", { item: m.name || t("setup.memberN", { n: i + 1 }) })}
            onClick={() => setMembers((ms) => ms.filter((x) => x.id !== m.id))}
          >
            ✕
          </button>
        </div>
      ))}
      <button type="button" class="button" onClick={addMember}>
        {t("setup.addMember")}
      </button>
      <AssignmentMatrix open={open} onOpen={setOpen} patch={patch} />
      {members.length > 0 && participants.length === 0 ? (
        <p class="muted">{t("setup.matrixNeedsParticipants")}</p>
      ) : null}
    </section>
  );
};

type MatrixProps = {
  open: string | null;
  onOpen: (key: string | null) => void;
  patch: (id: string, recipe: (m: Member) => Member) => void;
};

const CELL_KEY = { all: "setup.cellAll", some: "setup.cellSome", none: "setup.cellNone" } as const;

/** Members × components; a cell ticks the component for every assessed participant, "exceptions" per participant. */
export const AssignmentMatrix = ({ open, onOpen, patch }: MatrixProps) => {
  const t = useT();
  const locale = useApp((s) => s.locale);
  const draft = useSetup((s) => s.draft);
  if (!draft || draft.members.length === 0) return null;
  const { members, participants, rubric } = draft;
  const [memberId, componentId] = open?.split("|") ?? [];
  const openMember = members.find((m) => m.id === memberId);
  const openComponent = rubric.components.find((c) => c.id === componentId);
  return (
    <>
      <h4>{t("setup.matrixHeading")}</h4>
      <DataTable
        variant="matrix"
        testId="assignment-matrix"
        columns={[
          { key: "member", label: t("setup.memberName") },
          ...rubric.components.map((c) => ({ key: c.id, label: pickText(c.name, locale) })),
        ]}
      >
        <AllMembersRow />
        {members.map((m, i) => {
          const name = m.name || t("setup.memberN", { n: i + 1 });
          return (
            <tr key={m.id}>
              <th scope="row">{name}</th>
              {rubric.components.map((c) => {
                const cell: MatrixCell = matrixCell(m, c.id, participants);
                const label = t("setup.cellLabel", { member: name, component: pickText(c.name, locale) });
                return (
                  <td key={c.id} data-cell={cell}>
                    <label class="check">
                      <input
                        type="checkbox"
                        aria-label={label}
                        checked={cell === "all"}
                        ref={(el) => {
                          if (el) el.indeterminate = cell === "some";
                        }}
                        onChange={(e) =>
                          patch(m.id, (x) =>
                            setCell(x, c.id, (e.currentTarget as HTMLInputElement).checked, participants),
                          )
                        }
                      />
                      <span>{t(CELL_KEY[cell])}</span>
                    </label>
                    <button
                      type="button"
                      class="button button-quiet"
                      aria-expanded={open === `${m.id}|${c.id}`}
                      aria-label={t("setup.exceptionsFor", { member: name, component: pickText(c.name, locale) })}
                      onClick={() => onOpen(open === `${m.id}|${c.id}` ? null : `${m.id}|${c.id}`)}
                    >
                      {t("setup.exceptions")}
                    </button>
                  </td>
                );
              })}
            </tr>
          );
        })}
      </DataTable>
      {openMember && openComponent ? (
        <fieldset class="field" data-testid="exceptions">
          <legend>
            {t("setup.exceptionsFor", { member: openMember.name, component: pickText(openComponent.name, locale) })}
          </legend>
          <div class="check-grid">
            {participants.map((p) => (
              <label class="check" key={p.id}>
                <input
                  type="checkbox"
                  checked={isAssigned(openMember, openComponent.id, p.id)}
                  onChange={(e) =>
                    patch(openMember.id, (x) =>
                      setException(x, openComponent.id, p.id, (e.currentTarget as HTMLInputElement).checked),
                    )
                  }
                />
                {p.name}
                {p.role === "observer" ? ` (${t("setup.observer")})` : ""}
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
    </>
  );
};

/**
 * The matrix's first row: one tick per component for the whole panel (twelve panelists on Paparan took twelve
 * ticks). Ticked when every member scores it for every participant, mixed when some do; ticking sets every
 * member's cell, exceptions included, and unticking clears them.
 */
const AllMembersRow = () => {
  const t = useT();
  const locale = useApp((s) => s.locale);
  const draft = useSetup((s) => s.draft);
  if (!draft) return null;
  const { members, participants, rubric } = draft;
  return (
    <tr class="matrix-all" data-testid="matrix-all">
      <th scope="row">{t("setup.allMembers")}</th>
      {rubric.components.map((c) => {
        const cells = members.map((m) => matrixCell(m, c.id, participants));
        const all = cells.every((cell) => cell === "all");
        const none = cells.every((cell) => cell === "none");
        return (
          <td key={c.id}>
            <label class="check">
              <input
                type="checkbox"
                aria-label={t("setup.allMembersLabel", { component: pickText(c.name, locale) })}
                checked={all}
                ref={(el) => {
                  if (el) el.indeterminate = !all && !none;
                }}
                onChange={(e) => {
                  const on = (e.currentTarget as HTMLInputElement).checked;
                  setMembers((ms) => ms.map((m) => setCell(m, c.id, on, participants)));
                }}
              />
              <span>{t(all ? "setup.cellAll" : none ? "setup.cellNone" : "setup.cellSome")}</span>
            </label>
          </td>
        );
      })}
    </tr>
  );
};
