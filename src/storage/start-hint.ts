/*
 * Which edition and member the next start will show, kept in localStorage beside the
 * session (the session itself stays in IndexedDB, the one truth). With the hint the
 * start snapshot issues every read in one IndexedDB round instead of two — on a
 * reload each round costs ~10 ms here, more on a tablet. Invariants: the hint is
 * only ever a guess that the snapshot checks against the stored session in the same
 * transaction; a missing, stale or unreadable hint costs the one round it was meant
 * to save, never a wrong screen. Storage failures (private mode, quota) are ignored.
 */
import { pageLocalStorage } from "./local-storage.ts";

export type StartHint = { editionId: string; memberId: string | null };

const keyOf = (dbName: string) => `panelis:start-hint:${dbName}`;

export const writeStartHint = (dbName: string, hint: StartHint | null): void => {
  try {
    if (hint) pageLocalStorage()?.setItem(keyOf(dbName), JSON.stringify(hint));
    else pageLocalStorage()?.removeItem(keyOf(dbName));
  } catch {
    // A hint that cannot be kept only costs the next start one IndexedDB round.
  }
};

export const readStartHint = (dbName: string): StartHint | null => {
  try {
    const raw = pageLocalStorage()?.getItem(keyOf(dbName));
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    if (typeof parsed !== "object" || parsed === null) return null;
    const { editionId, memberId } = parsed as Record<string, unknown>;
    if (typeof editionId !== "string" || (memberId !== null && typeof memberId !== "string")) return null;
    return { editionId, memberId };
  } catch {
    return null;
  }
};
