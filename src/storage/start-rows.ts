/*
 * The rows a returning tablet's first screen is built from, read as stored with the raw
 * IndexedDB API: the saved session and enrolment, the editions and, when the session
 * names a stored edition, its rubric, participant and member rows and the session
 * member's records. Two readers use it: the page itself (start-snapshot.ts) and the
 * service worker, which reads them while the browser is still replacing the old page
 * and puts them into the scoring page it serves (workers/sw.ts), so the page needs no
 * IndexedDB round before its first render.
 *
 * Invariants:
 * - It only reads: one readonly transaction, no parsing or repair (that is the page's
 *   job, start-snapshot.ts, the same for both readers), nothing that needs Dexie.
 * - A database without the stores it reads (an older layout) gives null: the page then
 *   restores the Dexie way.
 * - A practice session gives null: the practice space lives in its own database.
 * - The hint is only a guess, checked against the stored session in the same
 *   transaction: a wrong hint costs a second round of requests, never a wrong row.
 */
import { META_KEYS, parseSession, SYNC_RECORD_STORES } from "./meta-keys.ts";
import type { StartHint } from "./start-hint.ts";

/** The session edition's rows as stored; `records` follows SYNC_RECORD_STORES, empty without a member. */
export type StartEditionRows = {
  editionId: string;
  memberId: string | null;
  rubrics: unknown[];
  participants: unknown[];
  members: unknown[];
  records: unknown[][];
};

export type StartRows = {
  /** The meta rows' values, unparsed. */
  session: unknown;
  enrolment: unknown;
  editions: unknown[];
  /** Null without a session, or when its edition is not stored. */
  edition: StartEditionRows | null;
};

const STORES = ["meta", "editions", "rubrics", "participants", "members", ...SYNC_RECORD_STORES];

const result = <T>(request: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });

/**
 * What opening an existing database gives: its connection (the caller closes it),
 * "missing" when there is no such database (a first visit: the open's upgrade is
 * aborted, so it is left uncreated for Dexie), or null when it cannot be opened now.
 */
export type ExistingDatabase = IDBDatabase | "missing" | null;

/** Opens database `name` only if it exists (see ExistingDatabase); never creates it. */
export const openExisting = (name: string): Promise<ExistingDatabase> =>
  new Promise((resolve) => {
    let request: IDBOpenDBRequest;
    try {
      request = indexedDB.open(name);
    } catch {
      resolve(null);
      return;
    }
    let missing = false;
    request.onupgradeneeded = () => {
      missing = true;
      request.transaction?.abort();
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => resolve(missing ? "missing" : null);
    request.onblocked = () => resolve(null);
  });

/** One round of requests: the edition's reference rows and, with a member, that member's records. */
const editionReads = async (
  tx: IDBTransaction,
  editionId: string,
  memberId: string | null,
): Promise<StartEditionRows> => {
  const byEdition = (store: string) =>
    result(tx.objectStore(store).index("editionId").getAll(editionId)) as Promise<unknown[]>;
  const byMember = (store: string) =>
    result(
      tx
        .objectStore(store)
        .index("[editionId+memberId]")
        .getAll([editionId, memberId ?? ""]),
    ) as Promise<unknown[]>;
  const [rubrics, participants, members, ...records] = await Promise.all([
    byEdition("rubrics"),
    byEdition("participants"),
    byEdition("members"),
    ...(memberId ? SYNC_RECORD_STORES.map(byMember) : []),
  ]);
  return { editionId, memberId, rubrics, participants, members, records };
};

/** The first screen's rows from an open connection (see the header), or null when there is nothing safe to read. */
export const readStartRows = async (db: IDBDatabase, hint: StartHint | null): Promise<StartRows | null> => {
  if (STORES.some((store) => !db.objectStoreNames.contains(store))) return null;
  const tx = db.transaction(STORES, "readonly");
  const meta = tx.objectStore("meta");
  // Issued together with the session read; used only if the stored session turns out to be the hinted one.
  const guessed = hint ? editionReads(tx, hint.editionId, hint.memberId) : null;
  guessed?.catch(() => undefined);
  const [sessionRow, enrolmentRow, editions] = await Promise.all([
    result(meta.get(META_KEYS.session)) as Promise<{ value?: unknown } | undefined>,
    result(meta.get(META_KEYS.enrolment)) as Promise<{ value?: unknown } | undefined>,
    result(tx.objectStore("editions").getAll()) as Promise<unknown[]>,
  ]);
  const session = parseSession(sessionRow?.value);
  if (session?.practice) return null;
  const rows: StartRows = { session: sessionRow?.value, enrolment: enrolmentRow?.value, editions, edition: null };
  const stored = editions.some((e) => (e as { id?: unknown } | null)?.id === session?.editionId);
  if (!session?.editionId || !stored) return rows;
  const memberId = session.memberId ?? null;
  const hinted = guessed !== null && hint?.editionId === session.editionId && hint.memberId === memberId;
  rows.edition = await (hinted ? guessed : editionReads(tx, session.editionId, memberId));
  return rows;
};
