import { useState } from "preact/hooks";
import type { FeedbackLetter } from "../../domain/feedback-letter.ts";
import { useT } from "../../state/index.ts";
import { SelectField } from "../components/Field.tsx";
import type { DocumentEdition, DocumentPublication } from "./DocumentHeader.tsx";
import { FeedbackLetterPage } from "./FeedbackLetterPage.tsx";
import { PrintableDocument } from "./PrintableDocument.tsx";

type Props = {
  letters: readonly FeedbackLetter[];
  edition: DocumentEdition;
  publication: DocumentPublication | null;
  tieBreakCount: number;
  /** One district, or every district in one print job (one per page). */
  participantId?: string;
  /** With an id, a "letter for" picker (not printed) chooses one district or all of them. */
  pickerId?: string;
};

export const FeedbackLetters = ({ letters, edition, publication, tieBreakCount, participantId, pickerId }: Props) => {
  const t = useT();
  const [picked, setPicked] = useState("");
  const only = participantId ?? (picked || undefined);
  const shown = only ? letters.filter((l) => l.participantId === only) : letters;
  return (
    <>
      {pickerId ? (
        <SelectField
          id={pickerId}
          label={t("doc.view.chooseLetter")}
          class="narrow no-print"
          value={picked}
          onValue={setPicked}
          placeholder={t("doc.view.allLetters")}
          options={letters.map((l) => [l.participantId, l.name] as const)}
        />
      ) : null}
      <PrintableDocument label={t("doc.letter.heading")}>
        {shown.map((letter) => (
          <FeedbackLetterPage
            key={letter.participantId}
            letter={letter}
            letters={letters}
            edition={edition}
            publication={publication}
            tieBreakCount={tieBreakCount}
          />
        ))}
      </PrintableDocument>
    </>
  );
};
