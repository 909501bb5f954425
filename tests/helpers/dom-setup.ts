/*
 * Shared set-up for every test file that runs in jsdom (`// @vitest-environment jsdom`).
 * Invariant: when a test's hooks are done, nothing rendered by it can still run.
 * Preact schedules effects "after paint" with a 35 ms timeout raced against
 * requestAnimationFrame; a timer left behind fires after vitest has torn the jsdom
 * globals down and throws `cancelAnimationFrame is not defined` as an unhandled error,
 * failing a green run under load. So effects are scheduled through a tracked queue,
 * and after each test the tree is unmounted and whatever is still queued is run
 * (against unmounted components: a no-op) while the environment is alive.
 * Waiting is bounded by what a query looks for, never by wall-clock speed.
 */
import { options } from "preact";
import { afterEach } from "vitest";

type PaintCallback = () => void;

const queued = new Map<PaintCallback, ReturnType<typeof setTimeout>>();

/** Preact's after-paint hook, tracked: a macrotask instead of a frame, so tests see effects promptly. */
const schedulePaint = (callback: PaintCallback): void => {
  const timer = setTimeout(() => {
    queued.delete(callback);
    callback();
  }, 0);
  queued.set(callback, timer);
};

/** How many after-paint callbacks are waiting; 0 once a test's clean-up has run. */
export const pendingPaintCallbacks = (): number => queued.size;

/** Runs every queued after-paint callback now and cancels its timer. */
export const flushPaintCallbacks = (): void => {
  while (queued.size > 0) {
    for (const [callback, timer] of [...queued]) {
      clearTimeout(timer);
      queued.delete(callback);
      callback();
    }
  }
};

if (typeof window !== "undefined") {
  // Loaded only here: node-environment test files never pay for the DOM library.
  const { cleanup, configure } = await import("@testing-library/preact");
  // A busy CI machine renders slowly: a query waits up to 10 s before it fails, not 1 s.
  configure({ asyncUtilTimeout: 10_000 });
  options.requestAnimationFrame = schedulePaint;
  afterEach(() => {
    cleanup();
    flushPaintCallbacks();
  });
}
