/*
 * The first screen without Dexie: the saved session, the enrolment, the editions and,
 * when a member's session was open, that edition's reference data and the member's
 * records, so a returning tablet shows its start or scoring screen before Dexie has
 * loaded. The Dexie storage opens right after and replaces what this read.
 *
 * A first visit (no database at all) has a snapshot too: the empty one, so a new
 * tablet's start screen renders without waiting for Dexie's chunk.
 *
 * Where the rows come from, fastest first:
 * 1. the page itself, put there by the service worker while the browser was still
 *    replacing the old page (src/protocol/start-rows-embed.ts, workers/sw.ts): no
 *    IndexedDB round at all before the first render;
 * 2. one readonly transaction on the raw IndexedDB API (start-rows.ts), on the
 *    connection the inline script opened while <head> was parsed, or its own.
 *
 * Invariants:
 * - It never writes and never creates a database: a missing database (first visit)
 *   aborts the open's upgrade and gives the empty snapshot; any other surprise (an
 *   older layout, a missing store or index, a malformed block, an open that fails)
 *   gives null or falls back to reading, so the caller falls back to the Dexie path
 *   at worst.
 * - Rows from either source pass through the same parsing, and records through the
 *   same repair step as every Dexie read (`readRecords`).
 * - The embedded rows are taken once (a second start in the same page reads IndexedDB),
 *   and the connection is closed as soon as the read is done, so it never blocks an upgrade.
 */
import type { Edition, Locale, Member, Participant, Rubric } from "../domain/types.ts";
import { START_ROWS_ELEMENT_ID } from "../protocol/start-rows-embed.ts";
import { byEditionOrder, byParticipantOrder, DEFAULT_DB_NAME, parseEnrolment, parseSession } from "./meta-keys.ts";
import { readRecords } from "./record-tables.ts";
import { readStartHint } from "./start-hint.ts";
import { type ExistingDatabase, openExisting, readStartRows, type StartRows } from "./start-rows.ts";
import type { EditionReference, Enrolment, MemberData, Session } from "./storage-types.ts";

export type StartSnapshot = {
  session: Session | null;
  enrolment: Enrolment | null;
  /** Newest first, as `listEditions` gives them. */
  editions: Edition[];
  /** The session's edition, as `loadEdition` gives it; null without a session or when it is gone. */
  reference: EditionReference | null;
  /** The session member's records, as `loadMemberData` gives them; null without a member. */
  memberData: MemberData | null;
};

/** What the inline early open (src/protocol/early-open-script.ts) leaves: the default database's connection, opened before any module ran. */
type EarlyOpen = { name: string; connection: Promise<ExistingDatabase> };

/** The early connection for `name`, taken at most once (a second start opens its own). */
const takeEarlyOpen = (name: string): Promise<ExistingDatabase> | null => {
  const holder = globalThis as { __panelisEarlyOpen?: EarlyOpen };
  const early = holder.__panelisEarlyOpen;
  if (!early || early.name !== name) return null;
  holder.__panelisEarlyOpen = undefined;
  return early.connection;
};

const isArray = (value: unknown): value is unknown[] => Array.isArray(value);

/** Rows the same shape as `readStartRows` gives, or null: a block is checked before it is trusted. */
const asStartRows = (value: unknown): StartRows | null => {
  if (typeof value !== "object" || value === null) return null;
  const rows = value as Partial<StartRows>;
  if (!isArray(rows.editions)) return null;
  const e = rows.edition;
  if (e === null) return rows as StartRows;
  if (typeof e !== "object" || typeof e.editionId !== "string") return null;
  if (e.memberId !== null && typeof e.memberId !== "string") return null;
  if (![e.rubrics, e.participants, e.members, e.records].every(isArray)) return null;
  return e.records.every(isArray) ? (rows as StartRows) : null;
};

/** The little of the DOM this needs (storage is also compiled for workers, which have none). */
type PageDocument = { getElementById(id: string): { textContent: string | null; remove(): void } | null };

/** The rows the service worker put into this page for database `name`, taken once; null when there are none. */
const takeEmbeddedRows = (name: string): StartRows | null => {
  const page = (globalThis as { document?: PageDocument }).document;
  if (name !== DEFAULT_DB_NAME || !page) return null;
  const element = page.getElementById(START_ROWS_ELEMENT_ID);
  if (!element) return null;
  element.remove();
  try {
    return asStartRows(JSON.parse(element.textContent ?? ""));
  } catch {
    return null;
  }
};

/** The snapshot the rows describe, parsed and repaired as Dexie's reads would be; null for a practice session. */
const snapshotOf = (rows: StartRows): StartSnapshot | null => {
  const session = parseSession(rows.session) ?? null;
  // The practice space lives in its own database: its session is restored the Dexie way.
  if (session?.practice) return null;
  const editions = (rows.editions as Edition[]).sort(byEditionOrder);
  const snapshot: StartSnapshot = {
    session,
    enrolment: parseEnrolment(rows.enrolment),
    editions,
    reference: null,
    memberData: null,
  };
  const edition = editions.find((e) => e.id === session?.editionId);
  const stored = rows.edition;
  if (!session || !edition || stored?.editionId !== edition.id) return snapshot;
  const rubrics = stored.rubrics as Rubric[];
  snapshot.reference = {
    edition,
    rubric: rubrics.find((r) => r.id === edition.rubricId) ?? rubrics[0],
    participants: (stored.participants as Participant[]).sort(byParticipantOrder),
    members: stored.members as Member[],
  };
  if (session.memberId && stored.memberId === session.memberId) {
    const locale: Locale = session.locale;
    const [scoreRows = [], sheetRows = [], nominationRows = []] = stored.records;
    const scores = readRecords("scores", scoreRows, locale);
    const sheets = readRecords("sheets", sheetRows, locale);
    const nominations = readRecords("nominations", nominationRows, locale);
    snapshot.memberData = {
      scores: scores.records,
      sheets: sheets.records,
      nominations: nominations.records,
      problems: [...scores.problems, ...sheets.problems, ...nominations.problems],
    };
  }
  return snapshot;
};

/** A device that has never stored anything: exactly what the Dexie restore will find. */
const firstVisit = (): StartSnapshot => ({
  session: null,
  enrolment: null,
  editions: [],
  reference: null,
  memberData: null,
});

/** The start snapshot of database `name`, or null when there is nothing (or nothing safe) to read. */
export const readStartSnapshot = async (name: string = DEFAULT_DB_NAME): Promise<StartSnapshot | null> => {
  const embedded = takeEmbeddedRows(name);
  if (embedded) {
    // The early connection is not needed: close it rather than leave it open until the page goes.
    void takeEarlyOpen(name)?.then((db) => db && db !== "missing" && db.close());
    try {
      return snapshotOf(embedded);
    } catch {
      // A block that parsed but does not describe a screen: read the database instead.
    }
  }
  if (typeof indexedDB === "undefined") return null;
  const db = await (takeEarlyOpen(name) ?? openExisting(name));
  if (db === "missing") return firstVisit();
  if (!db) return null;
  try {
    const rows = await readStartRows(db, readStartHint(name));
    return rows ? snapshotOf(rows) : null;
  } catch {
    return null;
  } finally {
    db.close();
  }
};
