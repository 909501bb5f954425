import type { FeedbackLetter } from "../../domain/feedback-letter.ts";
import { useT } from "../../state/index.ts";
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
};

export const FeedbackLetters = ({ letters, edition, publication, tieBreakCount, participantId }: Props) => {
  const t = useT();
  const shown = participantId ? letters.filter((l) => l.participantId === participantId) : letters;
  return (
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
  );
};
