/*
 * The storage surface the first screen may load before Dexie: the one raw read that
 * shows a returning tablet's screen, and the typed errors the state layer words.
 * Everything else is entered through index.ts, which loads Dexie.
 */
export { SheetFinalisedError, StorageFullError, StorageValidationError } from "./error-types.ts";
export { readStartSnapshot, type StartSnapshot } from "./start-snapshot.ts";
