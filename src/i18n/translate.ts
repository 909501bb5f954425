/*
 * One lookup for every message. The Indonesian panel catalogue is always
 * loaded; English and the coordinator's catalogues are fetched on demand so a
 * panelist's first load carries only what it shows. A key missing in a
 * catalogue falls back to Indonesian, never to a blank.
 */
import type { Locale } from "../domain/types.ts";
import type { CoordinatorMessageKey } from "./messages-coordinator-id.ts";
import { type PanelMessageKey, messagesId } from "./messages-id.ts";
import type { SetupMessageKey } from "./messages-setup-id.ts";

export type MessageKey = PanelMessageKey | CoordinatorMessageKey | SetupMessageKey;

export type Params = Record<string, string | number>;

export type Translate = (key: MessageKey, params?: Params) => string;

const catalogues: Record<Locale, Partial<Record<MessageKey, string>>> = { id: { ...messagesId }, en: {} };

let englishLoaded: Promise<void> | null = null;
let coordinatorLoaded: Promise<void> | null = null;

/** Resolves once every message of `locale` the loaded screens need is present. */
export const loadLocale = (locale: Locale): Promise<void> => {
  if (locale === "id") return Promise.resolve();
  englishLoaded ??= import("./messages-en.ts").then(({ messagesEn }) => {
    Object.assign(catalogues.en, messagesEn);
  });
  return englishLoaded;
};

/** The coordinator chunk calls this before its first render. */
export const loadCoordinatorMessages = (): Promise<void> => {
  coordinatorLoaded ??= Promise.all([
    import("./messages-coordinator-id.ts"),
    import("./messages-coordinator-en.ts"),
    import("./messages-setup-id.ts"),
    import("./messages-setup-en.ts"),
  ]).then(([{ messagesCoordinatorId }, { messagesCoordinatorEn }, { messagesSetupId }, { messagesSetupEn }]) => {
    Object.assign(catalogues.id, messagesCoordinatorId, messagesSetupId);
    Object.assign(catalogues.en, messagesCoordinatorEn, messagesSetupEn);
  });
  return coordinatorLoaded;
};

export const format = (template: string, params?: Params): string =>
  params ? template.replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole)) : template;

export const translator =
  (locale: Locale): Translate =>
  (key, params) =>
    format(catalogues[locale][key] ?? catalogues.id[key] ?? key, params);

/** Numbers and dates follow the UI language: 81,60 in Indonesian, 81.60 in English. */
export const formatNumber = (locale: Locale, value: number, decimals: number): string =>
  new Intl.NumberFormat(locale === "id" ? "id-ID" : "en-GB", {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }).format(value);

export const formatTime = (locale: Locale, epochMs: number): string =>
  new Intl.DateTimeFormat(locale === "id" ? "id-ID" : "en-GB", { dateStyle: "medium", timeStyle: "short" }).format(
    new Date(epochMs),
  );

export const formatBytes = (locale: Locale, bytes: number): string => {
  const units = ["B", "KB", "MB", "GB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${formatNumber(locale, value, unit === 0 ? 0 : 1)} ${units[unit]}`;
};

/** Rubric text is authored in Indonesian; the English gloss is used when present. */
export const pickText = (text: { id: string; en?: string }, locale: Locale): string =>
  locale === "en" && text.en ? text.en : text.id;
