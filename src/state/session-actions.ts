/*
 * Opening the app and a session: storage, the chosen edition and member, the live
 * queries that mirror that member's data into the store, language and route.
 * Nothing here writes a record; saves are in save-actions.ts.
 */
import { mergeNomination, mergeScore, mergeSheet } from "../domain/merge.ts";
import type { Locale } from "../domain/types.ts";
import { loadLocale } from "../i18n/translate.ts";
import { openStorage } from "../storage/index.ts";
import { emptyMemberData } from "./app-store.ts";
import { flushDrafts, recoverDrafts } from "./draft-actions.ts";
import { noticeFor, toChangeNotice, toRefused } from "./notice-actions.ts";
import { parseRoute, type Route, routeHash } from "./routing.ts";
import { get, need, needPractice, runtime, set, stopWatches } from "./runtime.ts";

export const navigate = (route: Route) => {
  // Moving to another district or screen commits what is being typed (it stays a draft if invalid).
  void flushDrafts();
  const hash = routeHash(route);
  if (typeof location !== "undefined" && location.hash !== hash) location.hash = hash;
  set({ route });
};

const persistLocale = async (locale: Locale) => {
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
const mergeSnapshot = <R extends { key: string }>(
  current: ReadonlyMap<string, R>,
  incoming: readonly R[],
  merge: (a: R, b: R) => R,
): ReadonlyMap<string, R> => {
  const next = new Map<string, R>();
  for (const record of incoming) {
    const mine = current.get(record.key);
    next.set(record.key, mine ? merge(mine, record) : record);
  }
  return next;
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
        set((state) => ({
          data: {
            scores: mergeSnapshot(state.data.scores, data.scores, mergeScore),
            sheets: mergeSnapshot(state.data.sheets, data.sheets, mergeSheet),
            nominations: mergeSnapshot(state.data.nominations, data.nominations, mergeNomination),
          },
        })),
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
  set({ session: { editionId, memberId, practice }, loaded, data: emptyMemberData(), undo: [], fieldStatus: {} });
  if (memberId) watchMemberData(editionId, memberId);
  else {
    stopWatches("memberWatches");
    set({ changeNotices: [], refused: [] });
  }
};

export type StartOptions = { storageName?: string; openStorageFn?: typeof openStorage };

/** Opens storage and restores the last session; safe to call once per page load. */
export const startApp = async (options: StartOptions = {}) => {
  const open = options.openStorageFn ?? openStorage;
  const named = options.storageName ? { name: options.storageName } : {};
  runtime.restoring = true;
  const s = await open(named);
  runtime.storage = s;
  runtime.openPractice = () => open({ ...named, practice: true });
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
  set({ ready: true });
  // The quota estimate is informational: it never delays the first screen.
  refreshDeviceInfo().catch(() => undefined);
};

export const stopApp = () => {
  runtime.chosenLocale = null;
  runtime.restoring = false;
  stopWatches("memberWatches");
  stopWatches("appWatches");
  runtime.storage?.close();
  runtime.practice?.close();
  runtime.storage = null;
  runtime.practice = null;
  set({ undo: [] });
};

export const refreshDeviceInfo = async () => {
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
