/*
 * Chooses the engine: DATABASE_URL=postgres://… (or postgresql://) opens the
 * PostgreSQL store; anything else opens the embedded SQLite file, so `npm start`
 * without configuration is unchanged.
 */
import { createPgStore } from "./pg-store.ts";
import { createStore, DEFAULT_DB_PATH } from "./store.ts";
import type { Store } from "./store-types.ts";

export const isPostgresUrl = (url: string | undefined): url is string =>
  url !== undefined && /^postgres(ql)?:\/\//.test(url);

export type OpenOptions = { databaseUrl?: string; dbPath?: string; poolSize?: number };

export const openStore = async (options: OpenOptions = {}): Promise<Store> =>
  isPostgresUrl(options.databaseUrl)
    ? createPgStore({ url: options.databaseUrl, ...(options.poolSize ? { max: options.poolSize } : {}) })
    : createStore(options.dbPath ?? DEFAULT_DB_PATH);

/** Where the store lives, for the start banner (the password is left out). */
export const describeDatabase = (options: OpenOptions): string => {
  if (!isPostgresUrl(options.databaseUrl)) return options.dbPath ?? DEFAULT_DB_PATH;
  const url = new URL(options.databaseUrl);
  url.password = "";
  return url.toString();
};
