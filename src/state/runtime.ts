/*
 * The page's handles on resources that are not UI state: the open storage facade,
 * the live-query subscriptions and the sync layer's save listener. They live here,
 * not in the store, because they are not rendered and not serialisable; everything
 * a screen shows (undo stack, persistence, notices) is a store field.
 */
import type { Locale } from "../domain/types.ts";
import type { PanelisStorage } from "../storage/index.ts";
import { type AppState, appStore } from "./app-store.ts";

type Runtime = {
  storage: PanelisStorage | null;
  /** Settles when startApp has opened storage (the first screen may show before: see startApp). */
  opening: Promise<unknown> | null;
  /** The practice space's own facade (its own database, no outbox writer); opened on first use. */
  practice: PanelisStorage | null;
  openPractice: (() => Promise<PanelisStorage>) | null;
  /** Watches of the chosen member's data: replaced when the member changes. */
  memberWatches: Array<() => void>;
  /** Watches that live as long as the app (the outbox count). */
  appWatches: Array<() => void>;
  afterSave: (() => void) | null;
  /** How each field with an uncommitted draft commits it (see draft-actions.ts). */
  drafts: Set<() => Promise<void>>;
  /** The language the user picked on this page load: it wins over the one the restored session remembers. */
  chosenLocale: Locale | null;
  /** True while startApp restores the last session (nothing may persist a half-known session then). */
  restoring: boolean;
};

export const runtime: Runtime = {
  storage: null,
  opening: null,
  practice: null,
  openPractice: null,
  memberWatches: [],
  appWatches: [],
  afterSave: null,
  drafts: new Set(),
  chosenLocale: null,
  restoring: false,
};

/** Lets the sync layer hear about each durable save without this module importing it. */
export const onSaved = (listener: (() => void) | null) => {
  runtime.afterSave = listener;
};

export const set = (partial: Partial<AppState> | ((state: AppState) => Partial<AppState>)) =>
  appStore.setState(partial);
export const get = () => appStore.getState();

/** The facade of the current session: the practice space's while practising, else the real one. */
export const need = (practice = get().session?.practice === true): PanelisStorage => {
  const storage = practice ? runtime.practice : runtime.storage;
  if (!storage) throw new Error("storage is not open yet");
  return storage;
};

/** Actions a panelist can start from the first screen wait here until storage is open. */
export const opened = async (): Promise<void> => {
  await runtime.opening;
};

export const needPractice = async (): Promise<PanelisStorage> => {
  await opened();
  if (!runtime.practice && runtime.openPractice) runtime.practice = await runtime.openPractice();
  return need(true);
};

export const stopWatches = (which: "memberWatches" | "appWatches") => {
  for (const stop of runtime[which]) stop();
  runtime[which] = [];
};
