/*
 * Names and readings the start screen's raw read (start-snapshot.ts) shares with the
 * Dexie storage: the database name, the meta keys, how a stored session or enrolment
 * is read, and the order editions and participants are listed in. Nothing here
 * imports Dexie, so the first screen can use it without loading Dexie.
 */
import type { Edition, Locale, Participant } from "../domain/types.ts";
import type { Enrolment, Session } from "./storage-types.ts";

export const DEFAULT_DB_NAME = "panelis";

/** The stores of the records a tablet syncs, in the order the start rows list them (record-tables.ts). */
export const SYNC_RECORD_STORES = ["scores", "sheets", "nominations"] as const;

/** Every key the meta table holds; nothing else writes meta. */
export const META_KEYS = {
  deviceId: "deviceId",
  /** The seq the next mutation will take (starts at 1). */
  nextSeq: "nextSeq",
  /** Greatest HLC stamp issued or received, so a restart never goes backwards. */
  clock: "clock",
  session: "session",
  cursor: (editionId: string) => `cursor:${editionId}`,
  lastSyncAt: (editionId: string) => `lastSyncAt:${editionId}`,
  /** Score keys the server flagged "needs review" (the rubric changed under them), per edition. */
  needsReview: (editionId: string) => `needsReview:${editionId}`,
  /** The device's bearer token: read and written only by the sync worker, never shown on the page. */
  deviceToken: "deviceToken",
  /** Text a panelist is typing into one field, kept until it is committed (or found invalid and fixed). */
  draft: (fieldKey: string) => `draft:${fieldKey}`,
  /** The edition and member a join code enrolled this tablet for: it scores only as that member. */
  enrolment: "enrolment",
  /**
   * Changes whenever an edition's rubric rows are written (putEditionBundle, pull), in the
   * same transaction: a tap checks this small row and validates against the rubric it
   * cached under the same token, instead of reading the whole rubric each time.
   */
  rubricToken: (editionId: string) => `rubricToken:${editionId}`,
} as const;

const isLocale = (value: unknown): value is Locale => value === "id" || value === "en";

export const parseSession = (value: unknown): Session | undefined => {
  const s = value as Partial<Session> | null | undefined;
  if (!s || !isLocale(s.locale)) return undefined;
  const editionId = typeof s.editionId === "string" ? s.editionId : null;
  const memberId = editionId !== null && typeof s.memberId === "string" ? s.memberId : null;
  return { editionId, memberId, locale: s.locale, ...(s.practice === true ? { practice: true } : {}) };
};

export const parseEnrolment = (value: unknown): Enrolment | null => {
  const e = value as Partial<Enrolment> | null | undefined;
  return typeof e?.editionId === "string" && typeof e.memberId === "string"
    ? { editionId: e.editionId, memberId: e.memberId }
    : null;
};

/** Newest year first, then by id. */
export const byEditionOrder = (a: Edition, b: Edition): number =>
  b.year - a.year || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Presentation order, then region code. */
export const byParticipantOrder = (a: Participant, b: Participant): number =>
  (a.order ?? Number.MAX_SAFE_INTEGER) - (b.order ?? Number.MAX_SAFE_INTEGER) ||
  (a.regionCode < b.regionCode ? -1 : a.regionCode > b.regionCode ? 1 : 0);
