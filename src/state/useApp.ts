import { type AppState, useAppStore } from "./app-store.ts";

/** Read-only access for screens: they select what they show and never set state directly. */
export const useApp = <T>(selector: (state: AppState) => T): T => useAppStore(selector);
