/*
 * When the page renders for the first time, and what waits for that render. The page
 * renders once, with its screen from the start snapshot, instead of a "loading" frame
 * first: that frame's style, layout and paint sit on the main thread in front of the
 * database's answer, which waits for them (offline reload bench, 5 interleaved runs
 * each: 2.92× → 2.64× the blank page, median). A first visit waits too, for the
 * snapshot's "no database here" (one IndexedDB open), and so shows its start screen
 * as its first paint instead of "loading" until Dexie's chunk has loaded and opened
 * (Lighthouse: that chunk and its evaluation were on the way to the largest paint).
 * Dexie and the storage facade load after that render has been painted: their chunk's
 * import and evaluation took 4–11 ms of main thread in front of the render (marks
 * along the offline reload on the 2-core bench machine), and fetched in front of the
 * paint it sat on a first visit's way to its largest paint (Lighthouse, simulated
 * mobile, 14 runs each interleaved against the code before: LCP 2.4–2.6 s → 1.9–2.1 s;
 * its evaluation now counts as blocking time after that paint instead, TBT 185 → 271 ms,
 * score 94 → 92.5; without this wait the first visit's empty snapshot scored lower still.
 * A reload's first paint is the same either way: tablet-class, 344/324 vs 364/304 ms).
 * Invariants:
 * - The wait ends as soon as startApp has tried the snapshot, shown or not, and never
 *   lasts longer than FIRST_RENDER_WAIT_MS: no start leaves the page blank.
 * - `afterFirstRender` never waits for a render nobody asked for (a test that starts
 *   the app without a page), so storage always opens.
 */
export const FIRST_RENDER_WAIT_MS = 1000;
export const FIRST_PAINT_WAIT_MS = 100;

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
export const renderFirst = (render: () => void): Promise<void> => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, FIRST_RENDER_WAIT_MS);
  });
  const done = Promise.race([snapshotTried.promise, deadline]).then(() => {
    clearTimeout(timer);
    render();
  });
  rendering = done.catch(() => undefined).then(afterPaint);
  return done;
};

/**
 * Resolves once the frame after the first render has been painted, or after
 * FIRST_PAINT_WAIT_MS when no frame comes (a page opened in a background tab gets
 * no animation frames): storage's chunk is then fetched and evaluated after that
 * paint, not in front of it.
 */
const afterPaint = (): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, FIRST_PAINT_WAIT_MS);
    if (typeof requestAnimationFrame !== "function") return;
    // A task queued from the frame's callback runs after that frame is painted.
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(timer);
        resolve();
      }, 0),
    );
  });

/** startApp: resolves once the waiting first render has run and been painted, at once when none waits. */
export const afterFirstRender = (): Promise<void> => rendering ?? Promise.resolve();
