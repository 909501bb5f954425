import type { LetterNote } from "../../domain/panel-notes.ts";
import { useT } from "../../state/index.ts";

/** Panel notes as the district reads them: the text, and the authors only when the setting shows names. */
export const NoteList = ({ notes, testId }: { notes: readonly LetterNote[]; testId?: string }) => {
  const t = useT();
  if (notes.length === 0) return <p data-testid={testId}>{t("doc.none")}</p>;
  return (
    <ul data-testid={testId}>
      {notes.map((n) => (
        <li key={n.text}>
          {n.text}
          {n.by ? ` ${t("doc.notesBy", { names: n.by.join(", ") })}` : null}
        </li>
      ))}
    </ul>
  );
};
