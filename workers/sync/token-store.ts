/*
 * The device's bearer token, kept apart from the data: the storage facade has no
 * place for secrets yet (META_KEYS has no token key). It lives in its own small
 * IndexedDB database so it survives reloads; only the sync worker reads it, and it
 * never crosses to the page.
 */
import type { TokenStore } from "./engine.ts";

const DB_NAME = "panelis-device";
const STORE = "secrets";
const TOKEN_KEY = "deviceToken";

const promised = <T>(request: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });

const openDb = (factory: IDBFactory): Promise<IDBDatabase> => {
  const request = factory.open(DB_NAME, 1);
  request.onupgradeneeded = () => {
    if (!request.result.objectStoreNames.contains(STORE)) request.result.createObjectStore(STORE);
  };
  return promised(request);
};

export const createIndexedDbTokenStore = (factory: IDBFactory = globalThis.indexedDB): TokenStore => {
  let db: Promise<IDBDatabase> | null = null;
  const store = async (mode: IDBTransactionMode): Promise<IDBObjectStore> => {
    db ??= openDb(factory);
    return (await db).transaction(STORE, mode).objectStore(STORE);
  };
  return {
    async getToken() {
      const value = await promised((await store("readonly")).get(TOKEN_KEY));
      return typeof value === "string" ? value : null;
    },
    async setToken(token) {
      const s = await store("readwrite");
      if (token === null) await promised(s.delete(TOKEN_KEY));
      else await promised(s.put(token, TOKEN_KEY));
    },
  };
};

export const createMemoryTokenStore = (initial: string | null = null): TokenStore => {
  let token = initial;
  return {
    getToken: async () => token,
    setToken: async (next) => {
      token = next;
    },
  };
};
