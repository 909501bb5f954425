/*
 * An in-process async mutex. Invariant: holders run one at a time, in the order they
 * asked; the lock passes on when the holder's promise settles, resolved or rejected.
 */
export type Mutex = {
  /** True while some holder runs (or waits its turn behind another). */
  readonly held: boolean;
  run<T>(fn: () => Promise<T>): Promise<T>;
};

export const createMutex = (): Mutex => {
  let tail: Promise<void> = Promise.resolve();
  let waiting = 0;
  return {
    get held() {
      return waiting > 0;
    },
    run<T>(fn: () => Promise<T>): Promise<T> {
      waiting += 1;
      const result = tail.then(fn);
      tail = result.then(
        () => {
          waiting -= 1;
        },
        () => {
          waiting -= 1;
        },
      );
      return result;
    },
  };
};
