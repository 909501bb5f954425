import type { EditionState, LocalText } from "../../domain/types.ts";
import { pickText, useApp, useT } from "../../state/index.ts";

/** `state` only where the reader can act on it (the coordinator's list); a panelist's start screen leaves it out. */
type EditionCard = { id: string; title: LocalText; provinceName: string; year: number; state?: EditionState };

/** The list of editions to pick from, on a panelist's start screen and in the coordinator's list alike. */
export const EditionCards = ({ editions, onChoose }: { editions: EditionCard[]; onChoose: (id: string) => void }) => {
  const locale = useApp((s) => s.locale);
  const t = useT();
  return (
    <ul class="card-list">
      {editions.map((edition) => (
        <li key={edition.id}>
          <button type="button" class="card-button" onClick={() => onChoose(edition.id)}>
            <strong>{pickText(edition.title, locale)}</strong>
            <span class="muted">
              {edition.provinceName} · {edition.year}
              {edition.state ? ` · ${t(`setup.state.${edition.state}`)}` : null}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
};
