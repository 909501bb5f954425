import { saveSheetFields, sheetField, useApp, useT } from "../../../state/index.ts";
import { NoteField } from "../../components/NoteField.tsx";

type Props = { participantId: string; strengths: string; recommendations: string; readOnly: boolean };

const NOTES = [
  { name: "strengths", label: "notes.strengths", placeholder: "notes.placeholderStrengths" },
  { name: "recommendations", label: "notes.recommendations", placeholder: "notes.placeholderRecommendations" },
] as const;

/** The panelist's strengths and recommendations for this district: the feedback page quotes them. */
export const SheetNotes = ({ participantId, strengths, recommendations, readOnly }: Props) => {
  const t = useT();
  const statuses = useApp((s) => s.fieldStatus);
  const values = { strengths, recommendations };
  return (
    <section class="panel" aria-labelledby="notes-title">
      <h2 id="notes-title">{t("notes.heading")}</h2>
      {NOTES.map((note) => (
        <NoteField
          key={note.name}
          id={`sheet-${note.name}`}
          field={sheetField(participantId, note.name)}
          label={t(note.label)}
          placeholder={t(note.placeholder)}
          value={values[note.name]}
          state={statuses[sheetField(participantId, note.name)]}
          disabled={readOnly}
          rows={3}
          onSave={(text) => saveSheetFields(participantId, { [note.name]: text })}
        />
      ))}
    </section>
  );
};
