/*
 * The page's localStorage, for the two storage parts that keep something beside
 * IndexedDB (the draft journal, the start hint). Storage also compiles for the sync
 * worker, which has none (nor has Node): there, and where access throws (a blocked
 * storage setting), this gives null.
 */

/** The part of the Web Storage API those parts use. */
export type WebStorage = {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
};

export const pageLocalStorage = (): WebStorage | null => {
  try {
    return (globalThis as { localStorage?: WebStorage }).localStorage ?? null;
  } catch {
    return null;
  }
};
