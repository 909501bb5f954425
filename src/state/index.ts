export type {
  AppState,
  ChangeNotice,
  FieldState,
  FieldStatus,
  LoadedEdition,
  MemberData,
  Notice,
  Persistence,
  RefusedEntry,
} from "./app-store.ts";
export { dismissChangeNotices, dismissNotice } from "./notice-actions.ts";
export * from "./save-actions.ts";
export * from "./session-actions.ts";
export { onSaved } from "./runtime.ts";
export { dropDraft, flushDrafts, keepDraft, readDraft, registerDraft } from "./draft-actions.ts";
export type { Route } from "./routing.ts";
export { renderFirst } from "./first-render.ts";
export { useApp } from "./useApp.ts";
export { useT } from "./useT.ts";
export {
  formatAge,
  formatBytes,
  formatClock,
  formatNumber,
  formatScore,
  formatLongDate,
  formatTime,
  parseDecimal,
  pickText,
} from "../i18n/translate.ts";
export type { MessageKey, Translate } from "../i18n/translate.ts";
export { applyUpdate, postponeUpdate, watchForUpdates } from "./update-actions.ts";
export { joinWithCode, notifySaved, startSync, stopSync, syncNow } from "./sync-actions.ts";
