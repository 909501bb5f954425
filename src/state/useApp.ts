import { type AppState, appStore } from "./app-store.ts";
import { useStoreSelector } from "./useStoreSelector.ts";

/** Read-only access for screens: they select what they show and never set state directly. */
export const useApp = <T>(selector: (state: AppState) => T): T => useStoreSelector(appStore, selector);
