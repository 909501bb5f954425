/*
 * The first screen's one IndexedDB read, without Dexie: the saved session, the
 * enrolment, the editions and, when a member's session was open, that edition's
 * reference data and the member's records — one readonly transaction on the raw
 * IndexedDB API, so a returning tablet shows its start or scoring screen before
 * Dexie has loaded. The Dexie storage opens right after and replaces what this read.
 *
 * Invariants:
 * - It never writes and never creates a database: a missing database (first visit)
 *   aborts the open's upgrade, and any other surprise (an older layout, a missing
 *   store or index) gives null, so the caller falls back to the Dexie path.
 * - Records pass through the same repair step as every Dexie read (`readRecords`).
 * - The connection is closed as soon as the read is done, so it never blocks an upgrade.
 */
import type { Edition, Locale, Member, Participant, Rubric } from "../domain/types.ts";
import {
  byEditionOrder,
  byParticipantOrder,
  DEFAULT_DB_NAME,
  META_KEYS,
  parseEnrolment,
  parseSession,
} from "./meta-keys.ts";
import { readRecords, SYNC_RECORD_TABLES } from "./record-tables.ts";
import { readStartHint, type StartHint } from "./start-hint.ts";
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

const STORES = ["meta", "editions", "rubrics", "participants", "members", ...SYNC_RECORD_TABLES];

const result = <T>(request: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });

const openExisting = (name: string): Promise<IDBDatabase | null> =>
  new Promise((resolve) => {
    const request = indexedDB.open(name);
    // Only a database that does not exist yet needs an upgrade here: leave it uncreated for Dexie.
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => resolve(null);
    request.onblocked = () => resolve(null);
  });

/** What the inline early open (src/protocol/early-open-script.ts) leaves: the default database's connection, opened before any module ran. */
type EarlyOpen = { name: string; connection: Promise<IDBDatabase | null> };

/** The early connection for `name`, taken at most once (a second start opens its own). */
const takeEarlyOpen = (name: string): Promise<IDBDatabase | null> | null => {
  const holder = globalThis as { __panelisEarlyOpen?: EarlyOpen };
  const early = holder.__panelisEarlyOpen;
  if (!early || early.name !== name) return null;
  holder.__panelisEarlyOpen = undefined;
  return early.connection;
};

type MemberReads = [Rubric[], Participant[], Member[], ...unknown[][]];

/** The session edition's reference rows and, with a member, that member's records: one round of requests. */
const memberReads = (tx: IDBTransaction, editionId: string, memberId: string | null): Promise<MemberReads> => {
  const byEdition = <T>(store: string) =>
    result(tx.objectStore(store).index("editionId").getAll(editionId)) as Promise<T[]>;
  const byMember = (store: string) =>
    result(
      tx
        .objectStore(store)
        .index("[editionId+memberId]")
        .getAll([editionId, memberId ?? ""]),
    ) as Promise<unknown[]>;
  return Promise.all([
    byEdition<Rubric>("rubrics"),
    byEdition<Participant>("participants"),
    byEdition<Member>("members"),
    ...(memberId ? SYNC_RECORD_TABLES.map(byMember) : []),
  ]);
};

const read = async (db: IDBDatabase, hint: StartHint | null): Promise<StartSnapshot | null> => {
  if (STORES.some((store) => !db.objectStoreNames.contains(store))) return null;
  const tx = db.transaction(STORES, "readonly");
  const meta = tx.objectStore("meta");
  // Issued together with the session read; used only if the stored session turns out to be the hinted one.
  const guessed = hint ? memberReads(tx, hint.editionId, hint.memberId) : null;
  guessed?.catch(() => undefined);
  const [sessionRow, enrolmentRow, editions] = await Promise.all([
    result(meta.get(META_KEYS.session)) as Promise<{ value?: unknown } | undefined>,
    result(meta.get(META_KEYS.enrolment)) as Promise<{ value?: unknown } | undefined>,
    result(tx.objectStore("editions").getAll()) as Promise<Edition[]>,
  ]);
  const session = parseSession(sessionRow?.value) ?? null;
  // The practice space lives in its own database: its session is restored the Dexie way.
  if (session?.practice) return null;
  const snapshot: StartSnapshot = {
    session,
    enrolment: parseEnrolment(enrolmentRow?.value),
    editions: editions.sort(byEditionOrder),
    reference: null,
    memberData: null,
  };
  const edition = editions.find((e) => e.id === session?.editionId);
  if (!session || !edition) return snapshot;
  const memberId = session.memberId ?? null;
  const hinted = guessed !== null && hint?.editionId === edition.id && hint.memberId === memberId;
  const [rubrics, participants, members, ...records] = await (hinted ? guessed : memberReads(tx, edition.id, memberId));
  snapshot.reference = {
    edition,
    rubric: rubrics.find((r) => r.id === edition.rubricId) ?? rubrics[0],
    participants: participants.sort(byParticipantOrder),
    members,
  };
  if (session.memberId) {
    const locale: Locale = session.locale;
    const scores = readRecords("scores", records[0] ?? [], locale);
    const sheets = readRecords("sheets", records[1] ?? [], locale);
    const nominations = readRecords("nominations", records[2] ?? [], locale);
    snapshot.memberData = {
      scores: scores.records,
      sheets: sheets.records,
      nominations: nominations.records,
      problems: [...scores.problems, ...sheets.problems, ...nominations.problems],
    };
  }
  return snapshot;
};

/** The start snapshot of database `name`, or null when there is nothing (or nothing safe) to read. */
export const readStartSnapshot = async (name: string = DEFAULT_DB_NAME): Promise<StartSnapshot | null> => {
  if (typeof indexedDB === "undefined") return null;
  const db = await (takeEarlyOpen(name) ?? openExisting(name));
  if (!db) return null;
  try {
    return await read(db, readStartHint(name));
  } catch {
    return null;
  } finally {
    db.close();
  }
};
