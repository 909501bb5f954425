/*
 * Drafts: a field being edited owns its text. While the panelist types, the text
 * is kept durably (storage.putDraft, outside the outbox) and nothing on screen
 * replaces it; it becomes a change only when committed — on blur, Enter, moving
 * to another card, district or tab, the page being hidden, or pagehide. Invalid
 * text stays a draft, explained next to the field, and is never committed. A draft
 * whose commit the closing page cut short is committed when its session opens again.
 */
import type { AwardCategory } from "../domain/types.ts";
import { parseDecimal } from "../i18n/translate.ts";
import type { PanelisStorage } from "../storage/index.ts";
import type { LoadedEdition } from "./app-store.ts";
import { get, need, opened, runtime } from "./runtime.ts";

/** A field's draft key: one per (edition, member, field), so drafts never cross sessions. */
const draftKey = (field: string): string | null => {
  const session = get().session;
  return session?.memberId ? `${session.editionId}|${session.memberId}|${field}` : null;
};

export const keepDraft = async (field: string, text: string): Promise<void> => {
  const key = draftKey(field);
  await opened();
  if (key) await runtime.storage?.putDraft(key, text);
};

export const readDraft = async (field: string): Promise<string | null> => {
  const key = draftKey(field);
  await opened();
  return key && runtime.storage ? runtime.storage.getDraft(key) : null;
};

export const dropDraft = async (field: string): Promise<void> => {
  const key = draftKey(field);
  await opened();
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

/** Field ids as save-actions names them: grade|note:<participant>:<indicator>, sheet:<p>:<field>, nomination:<p>:<category>:reason. */
const commitOne = async (
  s: PanelisStorage,
  ids: { editionId: string; memberId: string },
  loaded: LoadedEdition,
  field: string,
  text: string,
): Promise<boolean> => {
  const [kind, participantId = "", a = "", b] = field.split(":");
  const { editionId, memberId } = ids;
  if (kind === "grade" || kind === "note") {
    const component = loaded.rubric.components.find((c) => c.indicators.some((i) => i.id === a));
    const indicator = component?.indicators.find((i) => i.id === a);
    if (!component || !indicator) return false;
    const identity = {
      ...ids,
      participantId,
      componentId: component.id,
      indicatorId: a,
      rubricVersion: loaded.rubric.version,
    };
    if (kind === "note") return s.saveScore(identity, { note: text }).then(() => true);
    const points = text.trim() === "" ? null : parseDecimal(text);
    // Invalid text stays a draft: it is never committed.
    if (text.trim() !== "" && (points === null || points < 0 || points > (indicator.maxPoints ?? 100))) return false;
    return s.saveScore(identity, { grade: { level: null, points } }).then(() => true);
  }
  if (kind === "sheet" && (a === "strengths" || a === "recommendations"))
    return s.saveSheet({ editionId, participantId, memberId }, { [a]: text }).then(() => true);
  if (kind === "nomination" && b === "reason")
    return s
      .saveNomination({ editionId, participantId, memberId, category: a as AwardCategory }, { reason: text })
      .then(() => true);
  return false;
};

/** Commits the drafts a closed or reloaded page left for this session; invalid or refused ones stay drafts. */
export const recoverDrafts = async (
  s: PanelisStorage,
  editionId: string,
  memberId: string,
  loaded: LoadedEdition,
): Promise<void> => {
  const prefix = `${editionId}|${memberId}|`;
  const drafts = await s.listDrafts(prefix);
  if (drafts.length === 0) return;
  const data = await s.loadMemberData(editionId, memberId);
  // A draft whose commit did land (only its removal was cut short) is not saved twice.
  const alreadyStored = (field: string, text: string): boolean => {
    const [kind, participantId, a] = field.split(":");
    if (kind === "note")
      return data.scores.some((r) => r.participantId === participantId && r.indicatorId === a && r.note === text);
    if (kind === "grade")
      return data.scores.some(
        (r) =>
          r.participantId === participantId &&
          r.indicatorId === a &&
          r.points === (text.trim() === "" ? null : parseDecimal(text)),
      );
    if (kind === "sheet")
      return data.sheets.some(
        (r) => r.participantId === participantId && (r as Record<string, unknown>)[a ?? ""] === text,
      );
    return false;
  };
  for (const { fieldKey, text } of drafts) {
    const field = fieldKey.slice(prefix.length);
    try {
      if (alreadyStored(field, text) || (await commitOne(s, { editionId, memberId }, loaded, field, text)))
        await s.deleteDraft(fieldKey);
    } catch {
      // A draft that cannot be committed (a finalised sheet…) stays on the tablet as a draft.
    }
  }
};
