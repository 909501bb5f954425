import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import { beginEditing, dropDraft, endEditing, keepDraft, readDraft, registerDraft } from "../../state/index.ts";

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

type Options<T> = {
  /** The field id in the store (gradeField, noteField…): drafts and saved markers are per field. */
  field: string;
  /** The committed value as text: shown whenever the field holds no draft of its own. */
  committedText: string;
  parse: (text: string) => Parsed<T>;
  /** Saves a parsed value; resolves true once it is committed (or was already the committed one). */
  commit: (value: T) => Promise<boolean>;
};

export type DraftField = {
  ref: { current: HTMLInputElement | HTMLTextAreaElement | null };
  /** The field holds text that is not committed yet. */
  dirty: boolean;
  error: string | null;
  onInput: (event: Event) => void;
  onFocus: () => void;
  onBlur: () => void;
  onKeyDown: (event: KeyboardEvent) => void;
};

/**
 * A field that owns its draft: the element is uncontrolled, so no re-render, live query
 * or sync can overwrite what is being typed. Every keystroke is kept as a durable draft;
 * the draft is committed on blur, Enter (single-line), unmount and flushDrafts(); invalid
 * text stays, with its error, and is never committed.
 */
export const useDraftField = <T>({ field, committedText, parse, commit }: Options<T>): DraftField => {
  const ref = useRef<HTMLInputElement | HTMLTextAreaElement | null>(null);
  const owned = useRef(false);
  const committing = useRef<string | null>(null);
  const [state, setState] = useState<{ dirty: boolean; error: string | null }>({ dirty: false, error: null });
  const latest = useRef({ parse, commit, committedText, field });
  latest.current = { parse, commit, committedText, field };

  // Outside changes (a commit, another tablet, undo) show only while the panelist owns no draft.
  useLayoutEffect(() => {
    const el = ref.current;
    if (el && !owned.current && el.value !== committedText) el.value = committedText;
  }, [committedText, state.dirty]);

  const flush = async (): Promise<void> => {
    const el = ref.current;
    if (!owned.current || !el) return;
    const text = el.value;
    const { parse: read, commit: save, field: name } = latest.current;
    const parsed = read(text);
    if (!parsed.ok) {
      setState({ dirty: true, error: parsed.error });
      return;
    }
    // Blur, navigation and unmount can all ask at once: the same text is committed once.
    if (committing.current === text) return;
    committing.current = text;
    let ok = false;
    try {
      ok = await save(parsed.value);
    } finally {
      committing.current = null;
    }
    // Typing may have gone on while the commit ran: only an unchanged field gives up its draft.
    if (ok && ref.current?.value === text) {
      owned.current = false;
      setState({ dirty: false, error: null });
      await dropDraft(name);
    }
  };
  const flushRef = useRef(flush);
  flushRef.current = flush;

  useEffect(() => {
    let live = true;
    // A draft left by a reload or a closed tab comes back, still uncommitted.
    void readDraft(field).then((text) => {
      const el = ref.current;
      if (!live || text === null || owned.current || !el) return;
      if (text === latest.current.committedText) {
        void dropDraft(field);
        return;
      }
      el.value = text;
      owned.current = true;
      const parsed = latest.current.parse(text);
      setState({ dirty: true, error: parsed.ok ? null : parsed.error });
    });
    const unregister = registerDraft(() => flushRef.current());
    return () => {
      live = false;
      unregister();
      void flushRef.current();
    };
  }, [field]);

  return {
    ref,
    ...state,
    onInput: (event) => {
      const text = (event.currentTarget as HTMLInputElement).value;
      owned.current = true;
      if (!state.dirty || state.error) setState({ dirty: true, error: null });
      void keepDraft(field, text);
    },
    onFocus: beginEditing,
    onBlur: () => {
      endEditing();
      void flushRef.current();
    },
    onKeyDown: (event) => {
      if (event.key === "Enter" && event.currentTarget instanceof HTMLInputElement) void flushRef.current();
    },
  };
};
