import { afterEach } from "vitest";
import { PanelisDb } from "../../src/storage/db.ts";
import { openStorageOn } from "../../src/storage/panelis-storage.ts";
import type { PanelisStorage } from "../../src/storage/storage-types.ts";
import { aMember, aParticipant, aRubric, anEdition, TEST_MILLIS } from "../fixtures/builders.ts";

let dbCounter = 0;
export const uniqueDbName = (label: string): string => `panelis-test-${label}-${++dbCounter}-${Math.random()}`;

export type FakeClock = { now: () => number; set: (ms: number) => void; advance: (ms: number) => void };

export const fakeClock = (start = TEST_MILLIS): FakeClock => {
  let t = start;
  return { now: () => t, set: (ms) => (t = ms), advance: (ms) => (t += ms) };
};

/** Repeatable randomness so mutation ids and the device id are the same on every run. */
export const seededBytes = (seed = 1): ((n: number) => Uint8Array) => {
  let state = seed >>> 0;
  return (n) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
      out[i] = state >>> 24;
    }
    return out;
  };
};

export type Harness = { storage: PanelisStorage; db: PanelisDb; clock: FakeClock; name: string };

export const openHarness = async (
  options: {
    name?: string;
    clock?: FakeClock;
    seed?: number;
    practice?: boolean;
    prepare?: (db: PanelisDb) => void;
    onWritePath?: (path: "planned" | "reread") => void;
  } = {},
): Promise<Harness> => {
  const name = options.name ?? uniqueDbName("h");
  const clock = options.clock ?? fakeClock();
  const db = new PanelisDb(name);
  options.prepare?.(db);
  const storage = await openStorageOn(db, {
    wallClock: clock.now,
    randomBytes: seededBytes(options.seed ?? 7),
    practice: options.practice === true,
    ...(options.onWritePath ? { onWritePath: options.onWritePath } : {}),
  });
  return { storage, db, clock, name };
};

/** One harness per call, every database deleted after each test: the setup each storage test file shares. */
export const harnessPerTest = (): ((options?: Parameters<typeof openHarness>[0]) => Promise<Harness>) => {
  const open: Harness[] = [];
  afterEach(async () => {
    for (const h of open.splice(0)) await h.storage.deleteLocalDatabase();
  });
  return async (options = {}) => {
    const h = await openHarness(options);
    open.push(h);
    return h;
  };
};

export const P1 = "p-5201";
export const P2 = "p-5202";
export const MEMBER = "m-ketua";
export const OTHER_MEMBER = "m-anggota";

export const aBundle = () => ({
  edition: anEdition(),
  rubric: aRubric(),
  participants: [aParticipant(), aParticipant({ id: P2, regionCode: "5202", name: "Lombok Tengah", order: 1 })],
  members: [aMember(), aMember({ id: OTHER_MEMBER, name: "Anggota Uji", role: "anggota" })],
});

export const scoreIdentity = (
  overrides: Partial<{ participantId: string; indicatorId: string; memberId: string }> = {},
) => ({
  editionId: "ed-test",
  participantId: overrides.participantId ?? P1,
  componentId: overrides.indicatorId === "ind-p1" ? "cmp-paparan" : "cmp-doc",
  indicatorId: overrides.indicatorId ?? "ind-1.1",
  memberId: overrides.memberId ?? MEMBER,
  rubricVersion: 1,
});

export const sheetIdentity = (participantId = P1, memberId = MEMBER) => ({
  editionId: "ed-test",
  participantId,
  memberId,
});

/** The names of the IndexedDB databases that exist. */
export const databaseNames = async () => (await indexedDB.databases()).map((d) => d.name);

/** Deletes database `name`: "blocked" when an open connection holds it (it is deleted once that closes). */
export const deleteDatabase = (name: string) =>
  new Promise<"deleted" | "blocked">((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve("deleted");
    request.onerror = () => reject(request.error);
    request.onblocked = () => resolve("blocked");
  });

/** The bundle stored, a session open on its first member, and one score saved with `changes`: a returning tablet. */
export const seedScoredSession = async (
  storage: PanelisStorage,
  changes: Parameters<PanelisStorage["saveScore"]>[1] = { grade: { level: "C", points: null } },
) => {
  const bundle = aBundle();
  await storage.putEditionBundle(bundle);
  await storage.setSession({ editionId: bundle.edition.id, memberId: MEMBER, locale: "id" });
  await storage.saveScore(scoreIdentity(), changes);
};
