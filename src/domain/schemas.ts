/*
 * Every validation schema in one import, for the server, the worker and tests.
 * The page's storage imports `record-schemas.ts` and `schema-core.ts` directly
 * and loads `reference-schemas.ts` only when an edition arrives, which keeps the
 * panelist's first screen small.
 */
export * from "./record-schemas.ts";
export * from "./reference-schemas.ts";
export * from "./schema-core.ts";
