/*
 * The typed errors the storage layer reports (see errors.ts for how Dexie's failures
 * become these). Kept free of Dexie so the first screen can recognise them without it.
 */
export class StorageValidationError extends Error {
  override readonly name = "StorageValidationError";
  readonly errors: string[];
  constructor(errors: string[]) {
    super(`Data not saved: ${errors.join("; ")}`);
    this.errors = errors;
  }
}

export class SheetFinalisedError extends Error {
  override readonly name = "SheetFinalisedError";
  readonly sheetKey: string;
  constructor(sheetKey: string) {
    super("This sheet is finalised; only the coordinator can reopen it.");
    this.sheetKey = sheetKey;
  }
}

export class StorageFullError extends Error {
  override readonly name = "StorageFullError";
  constructor(cause: unknown) {
    super("The tablet's storage is full: the last change was not saved. Free some space, then try again.", { cause });
  }
}
