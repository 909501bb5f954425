/*
 * Drafts: a field being edited owns its text. While the panelist types, the text
 * is kept durably (storage.putDraft, outside the outbox) and nothing on screen
 * replaces it; it becomes a change only when committed — on blur, Enter, moving
 * to another card, district or tab, the page being hidden, or pagehide. Invalid
 * text stays a draft, explained next to the field, and is never committed.
 */
import { get, need, runtime } from "./runtime.ts";

/** A field's draft key: one per (edition, member, field), so drafts never cross sessions. */
const draftKey = (field: string): string | null => {
  const session = get().session;
  return session?.memberId ? `${session.editionId}|${session.memberId}|${field}` : null;
};

export const keepDraft = async (field: string, text: string): Promise<void> => {
  const key = draftKey(field);
  if (key) await runtime.storage?.putDraft(key, text);
};

export const readDraft = async (field: string): Promise<string | null> => {
  const key = draftKey(field);
  return key && runtime.storage ? runtime.storage.getDraft(key) : null;
};

export const dropDraft = async (field: string): Promise<void> => {
  const key = draftKey(field);
  if (key) await need().deleteDraft(key);
};

/** Fields with an open draft register how to commit it; returns the unregister function. */
export const registerDraft = (flush: () => Promise<void>): (() => void) => {
  runtime.drafts.add(flush);
  return () => {
    runtime.drafts.delete(flush);
  };
};

/** Commits every open draft that is valid (navigation, page hidden, pagehide). */
export const flushDrafts = async (): Promise<void> => {
  await Promise.all([...runtime.drafts].map((flush) => flush()));
};
