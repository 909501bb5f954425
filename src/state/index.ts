export type {
  AppState,
  ChangeNotice,
  FieldStatus,
  LoadedEdition,
  MemberData,
  Notice,
  Persistence,
} from "./app-store.ts";
export * from "./panel-actions.ts";
export type { Route } from "./routing.ts";
export { useApp } from "./useApp.ts";
export { useT } from "./useT.ts";
export { formatBytes, formatNumber, formatTime, pickText } from "../i18n/translate.ts";
export type { MessageKey, Translate } from "../i18n/translate.ts";
export { applyUpdate, postponeUpdate, watchForUpdates } from "./update-actions.ts";
export { joinWithCode, notifySaved, startSync, stopSync, syncNow } from "./sync-actions.ts";
