/*
 * Every failure the storage layer reports is one of the typed errors below, so
 * the state layer can word it for the panelist. A full disk is never swallowed:
 * it surfaces as StorageFullError, whatever wrapper Dexie put around it.
 */
import Dexie from "dexie";
import { StorageFullError } from "./error-types.ts";

export { SheetFinalisedError, StorageFullError, StorageValidationError } from "./error-types.ts";

const QUOTA_NAME = Dexie.errnames.QuotaExceeded;

/** Dexie nests the DOMException in `inner` (and in `failures` for bulk ops); a quota error may sit at any depth. */
export const isQuotaError = (error: unknown, depth = 0): boolean => {
  if (depth > 5 || typeof error !== "object" || error === null) return false;
  if (error instanceof Dexie.QuotaExceededError) return true;
  const { name, inner, failures, cause } = error as {
    name?: unknown;
    inner?: unknown;
    failures?: unknown;
    cause?: unknown;
  };
  if (name === QUOTA_NAME) return true;
  if (isQuotaError(inner, depth + 1) || isQuotaError(cause, depth + 1)) return true;
  return Array.isArray(failures) && failures.some((f) => isQuotaError(f, depth + 1));
};

export const toStorageError = (error: unknown): unknown =>
  error instanceof StorageFullError || !isQuotaError(error) ? error : new StorageFullError(error);

/** Runs a storage operation and rethrows its failure in the storage layer's vocabulary. */
export const guard = async <T>(operation: () => Promise<T>): Promise<T> => {
  try {
    return await operation();
  } catch (error) {
    throw toStorageError(error);
  }
};
