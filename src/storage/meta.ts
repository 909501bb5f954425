/*
 * Per-device settings and sync bookkeeping kept in the meta table: the session
 * (edition, member, locale), the device token, each edition's pull cursor and last
 * sync time, the scores flagged for review, and the member a join code enrolled. Keys come from META_KEYS only.
 */
import type { StorageContext } from "./context.ts";
import { parseEnrolment, parseSession } from "./meta-keys.ts";
import { META_KEYS } from "./db.ts";
import { guard, StorageValidationError } from "./errors.ts";
import { writeStartHint } from "./start-hint.ts";
import type { PanelisStorage } from "./storage-types.ts";

export type MetaAccess = Pick<
  PanelisStorage,
  | "getSession"
  | "setSession"
  | "getDeviceToken"
  | "setDeviceToken"
  | "getCursor"
  | "getLastSyncAt"
  | "listNeedsReview"
  | "getEnrolment"
  | "setEnrolment"
>;

const stringsOf = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((k): k is string => typeof k === "string") : [];

/** Sets or clears the needs-review flag of score keys. Call inside a transaction that includes meta. */
export const updateNeedsReview = async (
  { db }: StorageContext,
  editionId: string,
  flags: ReadonlyMap<string, boolean>,
): Promise<void> => {
  const metaKey = META_KEYS.needsReview(editionId);
  const keys = new Set(stringsOf((await db.meta.get(metaKey))?.value));
  for (const [key, flagged] of flags) {
    if (flagged) keys.add(key);
    else keys.delete(key);
  }
  await db.meta.put({ key: metaKey, value: [...keys].sort() });
};

export const createMeta = (ctx: StorageContext): MetaAccess => {
  const { db } = ctx;
  const read = async (key: string): Promise<unknown> => (await db.meta.get(key))?.value;
  return {
    getSession: () => guard(async () => parseSession(await read(META_KEYS.session))),

    setSession: async (session) => {
      const parsed = parseSession(session);
      if (!parsed) throw new StorageValidationError(["Session needs an edition, a member and a locale (id or en)."]);
      await guard(() => db.meta.put({ key: META_KEYS.session, value: parsed }));
      // The practice space is restored the Dexie way (start-snapshot.ts): no hint for it.
      const { editionId, memberId, practice } = parsed;
      writeStartHint(db.name, editionId && !practice ? { editionId, memberId } : null);
      ctx.setLocale(parsed.locale);
    },

    getDeviceToken: () =>
      guard(async () => {
        const value = await read(META_KEYS.deviceToken);
        return typeof value === "string" ? value : null;
      }),

    setDeviceToken: (token) =>
      guard(async () => {
        if (token === null) await db.meta.delete(META_KEYS.deviceToken);
        else await db.meta.put({ key: META_KEYS.deviceToken, value: token });
      }),

    getCursor: (editionId) =>
      guard(async () => {
        const value = await read(META_KEYS.cursor(editionId));
        return typeof value === "number" ? value : 0;
      }),

    getLastSyncAt: (editionId) =>
      guard(async () => {
        const value = await read(META_KEYS.lastSyncAt(editionId));
        return typeof value === "number" ? value : null;
      }),

    getEnrolment: () => guard(async () => parseEnrolment(await read(META_KEYS.enrolment))),

    setEnrolment: (enrolment) =>
      guard(async () => void (await db.meta.put({ key: META_KEYS.enrolment, value: { ...enrolment } }))),

    listNeedsReview: (editionId) => guard(async () => stringsOf(await read(META_KEYS.needsReview(editionId)))),
  };
};
