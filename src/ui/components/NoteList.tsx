import type { ComponentChildren } from "preact";

export type ListedNote = { key: string; text: string; author: string };

/** A heading and the panel's notes under it, each with its author; `empty` when there are none. */
export const NoteList = ({
  heading,
  notes,
  empty,
}: {
  heading: ComponentChildren;
  notes: ListedNote[];
  empty: string;
}) => (
  <>
    <h4>{heading}</h4>
    {notes.length === 0 ? <p class="muted">{empty}</p> : null}
    <ul class="plain-list">
      {notes.map((note) => (
        <li key={note.key}>
          {note.text} <span class="muted">— {note.author}</span>
        </li>
      ))}
    </ul>
  </>
);
