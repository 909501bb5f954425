/*
 * One lookup for every message. The Indonesian panel catalogue is always
 * loaded; English and the coordinator's catalogues are fetched on demand so a
 * panelist's first load carries only what it shows. A key missing in a
 * catalogue falls back to Indonesian, never to a blank.
 */
import type { Locale } from "../domain/types.ts";
import type { CoordinatorMessageKey } from "./messages-coordinator-id.ts";
import type { DocumentsMessageKey } from "./messages-documents-id.ts";
import { type PanelMessageKey, messagesId } from "./messages-id.ts";
import { plainNumber } from "./plain-number.ts";
import type { SetupMessageKey } from "./messages-setup-id.ts";

export type MessageKey = PanelMessageKey | CoordinatorMessageKey | DocumentsMessageKey | SetupMessageKey;

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
    import("./messages-documents-id.ts"),
    import("./messages-documents-en.ts"),
    import("./messages-setup-id.ts"),
    import("./messages-setup-en.ts"),
  ]).then(
    ([
      { messagesCoordinatorId },
      { messagesCoordinatorEn },
      { messagesDocumentsId },
      { messagesDocumentsEn },
      { messagesSetupId },
      { messagesSetupEn },
    ]) => {
      Object.assign(catalogues.id, messagesCoordinatorId, messagesDocumentsId, messagesSetupId);
      Object.assign(catalogues.en, messagesCoordinatorEn, messagesDocumentsEn, messagesSetupEn);
    },
  );
  return coordinatorLoaded;
};

/**
 * Fills `{name}` placeholders. A value that ends a sentence of its own — a name with its academic title,
 * "Ir. Baiq Nurhayati, M.Si." — does not get the template's full stop a second time ("M.Si.." in a toast).
 */
export const format = (template: string, params?: Params): string =>
  params
    ? template.replace(/\{(\w+)\}(\.?)/g, (whole, name: string, stop: string) => {
        const value = params[name];
        if (value === undefined) return whole;
        const text = String(value);
        return stop !== "" && text.endsWith(".") ? text : text + stop;
      })
    : template;

const pluralRules: Record<Locale, Intl.PluralRules> = {
  id: new Intl.PluralRules("id-ID"),
  en: new Intl.PluralRules("en-GB"),
};

/**
 * With a numeric `count`, a catalogue may give the plural forms as `key.one`, `key.few`…
 * (Intl.PluralRules categories); `key` itself is the "other" form. Indonesian needs only `key`.
 */
export const translator =
  (locale: Locale): Translate =>
  (key, params) => {
    const catalogue = catalogues[locale] as Record<string, string | undefined>;
    const count = params?.count;
    const form = typeof count === "number" ? catalogue[`${key}.${pluralRules[locale].select(count)}`] : undefined;
    return format(form ?? catalogue[key] ?? catalogues.id[key] ?? key, params);
  };

const tag = (locale: Locale) => (locale === "id" ? "id-ID" : "en-GB");

/** Building an Intl formatter costs far more than using one (a screen re-render formats dozens): one per need. */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
const cached = <F extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => F): F => {
  const hit = formatters.get(key);
  if (hit) return hit as F;
  const made = make();
  formatters.set(key, made);
  return made;
};
const numberFormat = (locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat =>
  cached(`n|${locale}|${JSON.stringify(options)}`, () => new Intl.NumberFormat(tag(locale), options));
const dateFormat = (locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat =>
  cached(`d|${locale}|${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(tag(locale), options));

/** Numbers and dates follow the UI language: 81,60 in Indonesian, 81.60 in English. */
export const formatNumber = (locale: Locale, value: number, decimals: number): string =>
  plainNumber(locale, value, decimals, decimals, true) ??
  numberFormat(locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value);

/** A score as people write it: "72,5" in Indonesian, "72.5" in English, no trailing zeros. */
export const formatScore = (locale: Locale, value: number): string =>
  plainNumber(locale, value, 0, 2, false) ??
  numberFormat(locale, { maximumFractionDigits: 2, useGrouping: false }).format(value);

/** Reads a typed score in either notation ("72,5" or "72.5"); null when it is not a plain decimal number. */
export const parseDecimal = (text: string): number | null => {
  const trimmed = text.trim();
  if (!/^[0-9]+(?:[.,][0-9]+)?$/.test(trimmed)) return null;
  return Number(trimmed.replace(",", "."));
};

export const formatTime = (locale: Locale, epochMs: number): string =>
  dateFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(epochMs));

/*
 * A calendar date (ISO "2020-11-04") as an official letter writes it: "Rabu, 4 November 2020". The options are
 * spelled out, not dateStyle "full": ICU's full Indonesian pattern pads the day ("Rabu, 04 November 2020").
 */
export const formatLongDate = (locale: Locale, isoDate: string): string =>
  dateFormat(locale, { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(`${isoDate}T00:00:00Z`),
  );

/** How long ago, in the largest whole unit: "3 menit yang lalu" / "3 minutes ago"; "sekarang" under a minute. */
export const formatAge = (locale: Locale, ageMs: number): string => {
  const rtf = new Intl.RelativeTimeFormat(locale === "id" ? "id-ID" : "en-GB", { numeric: "auto" });
  const minutes = Math.floor(Math.max(0, ageMs) / 60_000);
  if (minutes < 60) return rtf.format(-minutes, "minute");
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? rtf.format(-hours, "hour") : rtf.format(-Math.floor(hours / 24), "day");
};

/** The time of day only (14.02 / 14:02), for "saved at" markers on today's work. */
export const formatClock = (locale: Locale, epochMs: number): string =>
  dateFormat(locale, { timeStyle: "short" }).format(new Date(epochMs));

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
