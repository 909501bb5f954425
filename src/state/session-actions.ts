/*
 * Opening the app and a session: storage, the chosen edition and member, the live
 * queries that mirror that member's data into the store, language and route.
 * Nothing here writes a record; saves are in save-actions.ts.
 */
import { mergeNomination, mergeScore, mergeSheet } from "../domain/merge.ts";
import type { Locale } from "../domain/types.ts";
import { loadLocale } from "../i18n/translate.ts";
import type { OpenStorageOptions, PanelisStorage } from "../storage/index.ts";
import { readStartSnapshot, type StartSnapshot } from "../storage/start.ts";
import { emptyMemberData, type MemberData } from "./app-store.ts";
import { flushDrafts, recoverDrafts } from "./draft-actions.ts";
import { afterFirstRender, rearmFirstRender, snapshotSettled } from "./first-render.ts";
import { noticeFor, toChangeNotice, toRefused } from "./notice-actions.ts";
import { parseRoute, type Route, routeHash } from "./routing.ts";
import { get, need, needPractice, opened, runtime, set, stopWatches } from "./runtime.ts";

export const navigate = (route: Route) => {
  // Moving to another district or screen commits what is being typed (it stays a draft if invalid).
  void flushDrafts();
  const hash = routeHash(route);
  if (typeof location !== "undefined" && location.hash !== hash) location.hash = hash;
  set({ route });
};

const persistLocale = async (locale: Locale) => {
  await opened();
  const session = get().session;
  await runtime.storage?.setSession({
    editionId: session?.editionId ?? null,
    memberId: session?.memberId ?? null,
    locale,
    ...(session?.practice ? { practice: true } : {}),
  });
};

export const setLocale = async (locale: Locale) => {
  // Noted before any await: a restore finishing meanwhile must not put the remembered language back.
  runtime.chosenLocale = locale;
  await loadLocale(locale);
  if (runtime.chosenLocale !== locale) return;
  set({ locale });
  if (typeof document !== "undefined") document.documentElement.lang = locale;
  // During the restore the session is not known yet; startApp saves the choice once it is.
  if (!runtime.restoring) await persistLocale(locale);
};

/**
 * A live-query snapshot may have been read just before a save committed; merging
 * with the domain's per-field rule (never replacing) keeps a fresher record on screen.
 */
type Synced = { key: string; version: number; stamps: Readonly<Record<string, string | undefined>> };

/** Same version and same stamps: the same writes, so the same values (a stamp names one write). */
const sameWrites = (a: Synced, b: Synced): boolean => {
  if (a.version !== b.version) return false;
  const keys = Object.keys(a.stamps);
  return keys.length === Object.keys(b.stamps).length && keys.every((k) => a.stamps[k] === b.stamps[k]);
};

const mergeSnapshot = <R extends Synced>(
  current: ReadonlyMap<string, R>,
  incoming: readonly R[],
  merge: (a: R, b: R) => R,
): ReadonlyMap<string, R> => {
  const next = new Map<string, R>();
  for (const record of incoming) {
    const mine = current.get(record.key);
    // An unchanged record keeps its object, so only the cards whose record changed render again.
    next.set(record.key, mine ? (sameWrites(mine, record) ? mine : merge(mine, record)) : record);
  }
  const unchanged = next.size === current.size && [...next].every(([key, record]) => current.get(key) === record);
  return unchanged ? current : next;
};

const watchMemberData = (editionId: string, memberId: string) => {
  stopWatches("memberWatches");
  const s = need();
  runtime.memberWatches.push(
    s.watch(
      (st) => st.listNeedsReview(editionId),
      (keys) => set({ needsReview: new Set(keys) }),
    ),
  );
  runtime.memberWatches.push(
    s.watch(
      (st) => st.listNotices(editionId, memberId),
      (notices) =>
        set({
          // Refused changes have their own list, kept however often the notices are dismissed.
          changeNotices: notices.filter((n) => n.seen === 0 && n.kind !== "rejected").map(toChangeNotice),
          refused: notices.filter((n) => n.kind === "rejected").map(toRefused),
        }),
    ),
  );
  runtime.memberWatches.push(
    s.watch(
      (st) => st.loadMemberData(editionId, memberId),
      (data) =>
        set((state) => {
          const next = {
            scores: mergeSnapshot(state.data.scores, data.scores, mergeScore),
            sheets: mergeSnapshot(state.data.sheets, data.sheets, mergeSheet),
            nominations: mergeSnapshot(state.data.nominations, data.nominations, mergeNomination),
          };
          const same = (Object.keys(next) as Array<keyof typeof next>).every((k) => next[k] === state.data[k]);
          return same ? {} : { data: next };
        }),
      (error) => set({ notice: noticeFor(error) }),
    ),
  );
};

/** An enrolled tablet scores only as its member: any other choice becomes that member. */
const allowedMember = (editionId: string, memberId: string | null, practice: boolean): string | null => {
  const enrolment = get().enrolment;
  if (practice || enrolment?.editionId !== editionId) return memberId;
  if (memberId !== null && memberId !== enrolment.memberId)
    set({ notice: { key: "start.memberLocked", tone: "error" } });
  return enrolment.memberId;
};

export const openSession = async (
  editionId: string,
  requestedMember: string | null,
  persist = true,
  practice = get().session?.practice === true,
) => {
  await opened();
  const s = practice ? await needPractice() : need(false);
  const memberId = allowedMember(editionId, requestedMember, practice);
  // Drafts belong to the session they were typed in: commit them before it changes.
  await flushDrafts();
  const reference = await s.loadEdition(editionId);
  const loaded = reference?.rubric ? { ...reference, rubric: reference.rubric } : null;
  if (!loaded) {
    set({ session: null, loaded: null, data: emptyMemberData() });
    return;
  }
  if (memberId) await recoverDrafts(s, editionId, memberId, loaded);
  // Persist first: a reload right after choosing must come back to the same member.
  if (persist) {
    const session = { editionId, memberId, locale: get().locale, practice };
    await need(false).setSession(session);
    // The practice space remembers who practised, so returning to it later opens the same sheet list.
    if (practice) await s.setSession(session);
  }
  // Restoring the session the start snapshot already shows keeps its records, undo and field marks on screen.
  const shown = get().session;
  const same = !persist && shown?.editionId === editionId && shown.memberId === memberId && shown.practice === practice;
  set({
    session: { editionId, memberId, practice },
    loaded,
    ...(same ? {} : { data: emptyMemberData(), undo: [], fieldStatus: {} }),
  });
  if (memberId) watchMemberData(editionId, memberId);
  else {
    stopWatches("memberWatches");
    set({ changeNotices: [], refused: [] });
  }
};

type OpenStorage = (options: OpenStorageOptions) => Promise<PanelisStorage>;
export type StartOptions = { storageName?: string; openStorageFn?: OpenStorage };

/** Dexie and the storage facade load as their own chunk, after the first screen is up (`afterFirstRender`). */
const openLazily: OpenStorage = async (options) => (await import("../storage/index.ts")).openStorage(options);

const byKey = <R extends { key: string }>(records: readonly R[]): ReadonlyMap<string, R> =>
  new Map(records.map((r) => [r.key, r]));

/** The first screen from the start snapshot (one raw IndexedDB read): what startApp would show, minus live data. */
const showSnapshot = async ({ session, enrolment, editions, reference, memberData }: StartSnapshot) => {
  const locale: Locale = runtime.chosenLocale ?? (session?.locale === "en" ? "en" : "id");
  await loadLocale(locale);
  if (typeof document !== "undefined") document.documentElement.lang = locale;
  const rubric = reference?.rubric;
  // An enrolled tablet scores only as its member: any other saved member waits for the full restore.
  const allowed = enrolment?.editionId !== session?.editionId || enrolment?.memberId === session?.memberId;
  const restored =
    session?.editionId && reference && rubric && allowed
      ? {
          session: { editionId: session.editionId, memberId: session.memberId, practice: false },
          loaded: { ...reference, rubric },
          data: (memberData
            ? {
                scores: byKey(memberData.scores),
                sheets: byKey(memberData.sheets),
                nominations: byKey(memberData.nominations),
              }
            : emptyMemberData()) satisfies MemberData,
        }
      : {};
  set({ enrolment, locale, editions, online: typeof navigator === "undefined" ? true : navigator.onLine, ...restored });
};

/**
 * Opens storage and restores the last session; safe to call once per page load. A
 * returning tablet's screen is shown first from the start snapshot (no Dexie), then
 * storage opens — after the page's first render, so Dexie's chunk is not evaluated in
 * front of it — and the same restore runs on it, replacing what the snapshot showed;
 * actions started in between wait for it (`opened`).
 */
export const startApp = async (options: StartOptions = {}) => {
  const open = options.openStorageFn ?? openLazily;
  const named = options.storageName ? { name: options.storageName } : {};
  runtime.restoring = true;
  let settle: (outcome: Promise<PanelisStorage>) => void = () => undefined;
  runtime.opening = new Promise<PanelisStorage>((resolve) => {
    settle = resolve;
  });
  runtime.opening.catch(() => undefined);
  runtime.openPractice = () => open({ ...named, practice: true });
  let snapshot: StartSnapshot | null = null;
  try {
    snapshot = await readStartSnapshot(options.storageName);
    if (snapshot) {
      await showSnapshot(snapshot);
      listenToPage();
      set({ ready: true });
    }
  } finally {
    snapshotSettled();
  }
  await afterFirstRender();
  const opening = open(named).then((storage) => {
    runtime.storage = storage;
    return storage;
  });
  settle(opening);
  const s = await opening;
  const [saved, enrolment] = await Promise.all([s.getSession(), s.getEnrolment()]);
  set({ enrolment });
  const remembered: Locale = saved?.locale === "en" ? "en" : "id";
  const locale: Locale = runtime.chosenLocale ?? remembered;
  if (typeof document !== "undefined") document.documentElement.lang = locale;
  set({ locale, online: typeof navigator === "undefined" ? true : navigator.onLine });
  // Restoring the last session is the cold-start path: its reads run side by side, and nothing is written.
  const [editions] = await Promise.all([
    s.listEditions(),
    loadLocale(locale),
    saved?.editionId
      ? openSession(saved.editionId, saved.memberId ?? null, false, saved.practice === true)
      : Promise.resolve(),
    saved?.practice ? reloadPracticeEditions() : Promise.resolve(),
  ]);
  set({ editions });
  runtime.restoring = false;
  // A language picked while restoring wins, and is kept for the next launch.
  const chosen = runtime.chosenLocale;
  if (chosen) {
    set({ locale: chosen });
    if (chosen !== remembered) await persistLocale(chosen);
  }
  runtime.appWatches.push(
    s.watch(
      (st) => st.pendingCount(),
      (pending) => set({ pending }),
    ),
  );
  if (!snapshot) listenToPage();
  set({ ready: true });
  // The quota estimate is informational: it never delays the first screen.
  refreshDeviceInfo().catch(() => undefined);
};

const listenToPage = () => {
  if (typeof window !== "undefined") {
    const onHash = () => {
      void flushDrafts();
      set({ route: parseRoute(location.hash) });
    };
    window.addEventListener("hashchange", onHash);
    window.addEventListener("online", () => set({ online: true }));
    window.addEventListener("offline", () => set({ online: false }));
    // A hidden or closing page commits open drafts; they are already durable as drafts either way.
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "hidden") void flushDrafts();
    });
    window.addEventListener("pagehide", () => void flushDrafts());
    onHash();
  }
};

export const stopApp = () => {
  rearmFirstRender();
  runtime.chosenLocale = null;
  runtime.restoring = false;
  stopWatches("memberWatches");
  stopWatches("appWatches");
  runtime.storage?.close();
  runtime.practice?.close();
  runtime.storage = null;
  runtime.opening = null;
  runtime.practice = null;
  set({ undo: [] });
};

export const refreshDeviceInfo = async () => {
  await opened();
  const usage = await need(false).estimateUsage();
  set({ usage });
};

export const loadSampleEdition = async () => {
  const { ntb2021Sample } = await import("../domain/templates/index.ts");
  // Practice starts from empty sheets; the sample's made-up scores are for the coordinator's demo.
  const { edition, rubric, participants, members } = ntb2021Sample();
  const bundle = { edition, rubric, participants, members };
  await (await needPractice()).putEditionBundle(bundle);
  await reloadPracticeEditions();
  await openSession(bundle.edition.id, null, true, true);
};

export const reloadEditions = async () => {
  await opened();
  set({ editions: await need(false).listEditions() });
};

const reloadPracticeEditions = async () => {
  set({ practiceEditions: await (await needPractice()).listEditions() });
};

/** Practice stays reachable as practice after enrolment, from the start screen. */
export const openPractice = async (editionId: string) => {
  await reloadPracticeEditions();
  const last = await (await needPractice()).getSession();
  await openSession(editionId, last?.editionId === editionId ? last.memberId : null, true, true);
};

export const chooseEdition = (editionId: string) => openSession(editionId, null, true, false);

export const chooseMember = (memberId: string | null) => {
  const session = get().session;
  if (!session) return Promise.resolve();
  return openSession(session.editionId, memberId);
};
