/*
 * When the page renders for the first time. A returning tablet (one with a start hint,
 * storage/start-hint.ts) renders once, with its screen from the start snapshot, instead
 * of a "loading" frame first: that frame's style, layout and paint sit on the main
 * thread in front of the database's answer, which waits for them (offline reload bench,
 * 5 interleaved runs each: 2.92× → 2.64× the blank page, median).
 * Invariants:
 * - A first visit (no hint) renders at once: there is no snapshot to wait for, and its
 *   first paint is what a new user sees.
 * - The wait ends as soon as startApp has tried the snapshot, shown or not (and what
 *   the caller adds has loaded), and never lasts longer than FIRST_RENDER_WAIT_MS: no
 *   start leaves the page blank.
 */
import { hasStartHint } from "../storage/start.ts";

export const FIRST_RENDER_WAIT_MS = 1000;

const deferred = () => {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
};

let snapshotTried = deferred();

/** startApp: the start snapshot has been shown, or there is none to show. */
export const snapshotSettled = (): void => snapshotTried.resolve();

/** stopApp (a page unload, in tests): the next start waits for its own snapshot. */
export const rearmFirstRender = (): void => {
  snapshotTried = deferred();
};

/**
 * Resolves when the page should render for the first time (see the header). `alsoFor`:
 * what else that first screen needs, e.g. the scoring screen's code on a `#/score/`
 * reload, so the first render shows the sheet rather than a "loading" line that a
 * later frame replaces; bounded by the same deadline, and a failure only stops waiting.
 */
export const firstRender = (storageName?: string, alsoFor: readonly Promise<unknown>[] = []): Promise<void> => {
  if (!hasStartHint(storageName)) return Promise.resolve();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, FIRST_RENDER_WAIT_MS);
  });
  const needed = Promise.all([snapshotTried.promise, ...alsoFor.map((p) => p.catch(() => undefined))]);
  return Promise.race([needed, deadline]).then(() => clearTimeout(timer));
};
