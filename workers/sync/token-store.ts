/*
 * The device's bearer token lives in the storage facade's meta table, so it is
 * backed up, upgraded and deleted together with the data it unlocks; only the
 * sync worker reads it, and it never crosses to the page.
 */
import type { PanelisStorage } from "../../src/storage/index.ts";
import type { TokenStore } from "./ports.ts";

export const createStorageTokenStore = (
  storage: Pick<PanelisStorage, "getDeviceToken" | "setDeviceToken">,
): TokenStore => ({
  getToken: () => storage.getDeviceToken(),
  setToken: (token) => storage.setDeviceToken(token),
});

export const createMemoryTokenStore = (initial: string | null = null): TokenStore => {
  let token = initial;
  return {
    getToken: async () => token,
    setToken: async (next) => {
      token = next;
    },
  };
};
