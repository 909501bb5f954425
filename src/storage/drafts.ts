/*
 * Drafts: the text of a field being typed, kept until it is committed. Not part of
 * the outbox (a draft is never pushed).
 *
 * Invariant: a keystroke's draft is durable the moment putDraft returns. IndexedDB
 * writes are asynchronous and a page closed right after a keystroke can lose one in
 * flight, so on the page every draft is also journaled synchronously to localStorage
 * (keyed by database); reads prefer the journal, deletes clear both.
 */
import type { StorageContext } from "./context.ts";
import { META_KEYS } from "./db.ts";
import { guard } from "./errors.ts";
import { pageLocalStorage } from "./local-storage.ts";
import type { PanelisStorage } from "./storage-types.ts";

export type DraftAccess = Pick<PanelisStorage, "putDraft" | "getDraft" | "deleteDraft" | "listDrafts">;

export const createDrafts = ({ db }: StorageContext): DraftAccess => {
  const journal = pageLocalStorage();
  const journalKey = (fieldKey: string) => `panelis:${db.name}:${META_KEYS.draft(fieldKey)}`;
  const journalPrefix = journalKey("");
  const fromJournal = (fieldKey: string): string | null => {
    try {
      return journal?.getItem(journalKey(fieldKey)) ?? null;
    } catch {
      return null;
    }
  };
  return {
    putDraft: (fieldKey, text) => {
      try {
        journal?.setItem(journalKey(fieldKey), text);
      } catch {
        // A full localStorage still leaves the IndexedDB copy.
      }
      return guard(async () => void (await db.meta.put({ key: META_KEYS.draft(fieldKey), value: text })));
    },

    getDraft: (fieldKey) =>
      guard(async () => {
        const journaled = fromJournal(fieldKey);
        if (journaled !== null) return journaled;
        const value = (await db.meta.get(META_KEYS.draft(fieldKey)))?.value;
        return typeof value === "string" ? value : null;
      }),

    listDrafts: (prefix) =>
      guard(async () => {
        const drafts = new Map<string, string>();
        const rows = await db.meta.where("key").startsWith(META_KEYS.draft(prefix)).toArray();
        for (const row of rows)
          if (typeof row.value === "string") drafts.set(row.key.slice(META_KEYS.draft("").length), row.value);
        for (let i = 0; journal && i < journal.length; i++) {
          const key = journal.key(i);
          if (!key?.startsWith(journalPrefix)) continue;
          const fieldKey = key.slice(journalPrefix.length);
          const text = journal.getItem(key);
          if (fieldKey.startsWith(prefix) && text !== null) drafts.set(fieldKey, text);
        }
        return [...drafts].map(([fieldKey, text]) => ({ fieldKey, text }));
      }),

    deleteDraft: (fieldKey) => {
      try {
        journal?.removeItem(journalKey(fieldKey));
      } catch {
        // Nothing to clear.
      }
      return guard(() => db.meta.delete(META_KEYS.draft(fieldKey)));
    },
  };
};
