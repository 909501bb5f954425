import type { LocalText } from "../../domain/types.ts";
import { pickText, useApp } from "../../state/index.ts";

type EditionCard = { id: string; title: LocalText; provinceName: string; year: number };

/** The list of editions to pick from, on a panelist's start screen and in the coordinator's list alike. */
export const EditionCards = ({ editions, onChoose }: { editions: EditionCard[]; onChoose: (id: string) => void }) => {
  const locale = useApp((s) => s.locale);
  return (
    <ul class="card-list">
      {editions.map((edition) => (
        <li key={edition.id}>
          <button type="button" class="card-button" onClick={() => onChoose(edition.id)}>
            <strong>{pickText(edition.title, locale)}</strong>
            <span class="muted">
              {edition.provinceName} · {edition.year}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
};
