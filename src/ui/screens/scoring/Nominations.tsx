import { nominationKey } from "../../../domain/keys.ts";
import type { AwardCategory } from "../../../domain/types.ts";
import { nominationField, saveNomination, useApp, useT } from "../../../state/index.ts";
import { NoteField } from "../../components/NoteField.tsx";
import { SaveState } from "../../components/SaveState.tsx";

const CATEGORIES: AwardCategory[] = ["inspiratif", "replikatif", "inovatif"];

type Props = { editionId: string; participantId: string; memberId: string; readOnly: boolean };

/** Nominating the district for an award, each with its reason. */
export const Nominations = ({ editionId, participantId, memberId, readOnly }: Props) => {
  const t = useT();
  const nominations = useApp((s) => s.data.nominations);
  const statuses = useApp((s) => s.fieldStatus);
  return (
    <section class="panel" aria-labelledby="nominate-title">
      <h2 id="nominate-title">{t("nominate.heading")}</h2>
      {CATEGORIES.map((category) => {
        const record = nominations.get(nominationKey(editionId, participantId, memberId, category));
        const label = t(`nominate.${category}`);
        return (
          <div key={category} class="nomination">
            <label class="check">
              <input
                type="checkbox"
                checked={record?.nominated ?? false}
                disabled={readOnly}
                onChange={(event) => {
                  const box = event.currentTarget as HTMLInputElement;
                  const nominated = box.checked;
                  // The box shows the committed value; storage's confirmation re-renders it.
                  box.checked = record?.nominated ?? false;
                  void saveNomination(participantId, category, { nominated });
                }}
              />
              <span>{label}</span>
            </label>
            <SaveState state={statuses[nominationField(participantId, category, "nominated")]} empty={!record} />
            {record?.nominated ? (
              <NoteField
                id={`nominate-${category}`}
                label={t("nominate.reason", { category: label })}
                placeholder={t("nominate.reasonPlaceholder")}
                field={nominationField(participantId, category, "reason")}
                value={record.reason}
                state={statuses[nominationField(participantId, category, "reason")]}
                disabled={readOnly}
                onSave={(reason) => saveNomination(participantId, category, { reason })}
              />
            ) : null}
          </div>
        );
      })}
    </section>
  );
};
