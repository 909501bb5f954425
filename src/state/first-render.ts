/*
 * When the page renders for the first time, and what waits for that render. A returning
 * tablet (one with a start hint, storage/start-hint.ts) renders once, with its screen
 * from the start snapshot, instead of a "loading" frame first: that frame's style,
 * layout and paint sit on the main thread in front of the database's answer, which
 * waits for them (offline reload bench, 5 interleaved runs each: 2.92× → 2.64× the
 * blank page, median). Dexie and the storage facade load after that render: their
 * chunk's import and evaluation took 4–11 ms of main thread in front of it (marks
 * along the offline reload on the 2-core bench machine).
 * Invariants:
 * - A first visit (no hint) renders at once: there is no snapshot to wait for, and its
 *   first paint is what a new user sees.
 * - The wait ends as soon as startApp has tried the snapshot, shown or not, and never
 *   lasts longer than FIRST_RENDER_WAIT_MS: no start leaves the page blank.
 * - `afterFirstRender` never waits for a render nobody asked for (a first visit, a
 *   test that starts the app without a page), so storage always opens.
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
/** The waiting first render, settled once it has run (or thrown); null when none waits. */
let rendering: Promise<void> | null = null;

/** startApp: the start snapshot has been shown, or there is none to show. */
export const snapshotSettled = (): void => snapshotTried.resolve();

/** stopApp (a page unload, in tests): the next start waits for its own snapshot. */
export const rearmFirstRender = (): void => {
  snapshotTried = deferred();
  rendering = null;
};

/** Runs the page's first `render` when it should (see the header); resolves after it ran. */
export const renderFirst = (render: () => void, storageName?: string): Promise<void> => {
  if (!hasStartHint(storageName)) return Promise.resolve().then(render);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, FIRST_RENDER_WAIT_MS);
  });
  const done = Promise.race([snapshotTried.promise, deadline]).then(() => {
    clearTimeout(timer);
    render();
  });
  rendering = done.catch(() => undefined);
  return done;
};

/** startApp: resolves once the waiting first render has run, at once when none waits. */
export const afterFirstRender = (): Promise<void> => rendering ?? Promise.resolve();
