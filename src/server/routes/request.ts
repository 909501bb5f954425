/*
 * What every route shares: the request environment, the guards that decide who may
 * call, body reading and validation, JSON replies, locale, rate-limit checks and
 * error mapping.
 * Invariants: a body is size-capped, must be JSON and is validated against a
 * protocol schema before a handler looks at it; every non-2xx answer is
 * `{ error: { code, message, details? } }`, and an error that is not an ApiError is
 * logged and answered as a bare 500 (nothing internal reaches the client).
 */
import type { Context, ErrorHandler, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { languageDetector } from "hono/language";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type * as v from "valibot";
import type { Clock } from "../../domain/hlc.ts";
import { validate } from "../../domain/schemas.ts";
import type { Locale, Member } from "../../domain/types.ts";
import type { DeviceInfo } from "../../protocol/wire.ts";
import type { Actor } from "../editions.ts";
import { ApiError, errorBody } from "../errors.ts";
import type { RateLimits } from "../rate-limit.ts";
import type { CoordinatorEntity, DeviceEntity, Store, VersionedEdition } from "../store/store-types.ts";

export type Principal =
  | { kind: "coordinator"; coordinator: CoordinatorEntity; tokenHash: string }
  | { kind: "device"; device: DeviceEntity; tokenHash: string };

export type Env = {
  Variables: {
    locale: Locale;
    /** Set by hono/language; `locale` is the same value, typed. */
    language: string;
    principal: Principal | null;
    /** The client's address as rate limits see it (client-address.ts). */
    address: string;
  };
};

/** What route modules get from the app. */
export type RouteDeps = {
  store: Store;
  limits: RateLimits;
  now: () => number;
  /** The server's own HLC: stamps of coordinator edits (reopen) must sort after what devices wrote. */
  clock: Clock;
  sessionTtlMs: number;
  joinCodeTtlMs: number;
};

export const SMALL_BODY_BYTES = 16 * 1024;
export const BUNDLE_BODY_BYTES = 4 * 1024 * 1024;

/** Indonesian unless `?lang=en` or Accept-Language prefers English; no cookie. */
export const withLocale = (): MiddlewareHandler<Env> => {
  const detect = languageDetector({
    supportedLanguages: ["id", "en"],
    fallbackLanguage: "id",
    order: ["querystring", "header"],
    caches: false,
  });
  return async (c, next) => {
    c.set("principal", null);
    await detect(c, async () => {
      c.set("locale", c.get("language") as Locale);
      await next();
    });
  };
};

export const errorHandler =
  (logError: (error: unknown) => void): ErrorHandler<Env> =>
  (err, c) => {
    const locale = c.get("locale") ?? "id";
    if (err instanceof ApiError) {
      return c.json(errorBody(err.code, locale, err.details), err.status as 400, err.headers);
    }
    logError(err);
    return c.json(errorBody("internal", locale), 500);
  };

/** Takes from a rate-limit bucket; 429 with Retry-After when it is empty. */
export const takeOr429 = async (limits: RateLimits, ...args: Parameters<RateLimits["take"]>): Promise<void> => {
  const wait = await limits.take(...args);
  if (wait > 0) throw new ApiError("rate-limited", undefined, { "Retry-After": String(wait) });
};

export const requirePrincipal = (c: Context<Env>): Principal => {
  const p = c.get("principal");
  if (!p) throw new ApiError("unauthorized");
  return p;
};

export const requireCoordinator = (c: Context<Env>): CoordinatorEntity => {
  const p = requirePrincipal(c);
  if (p.kind !== "coordinator") throw new ApiError("forbidden");
  return p.coordinator;
};

export const requireDevice = (c: Context<Env>): DeviceEntity => {
  const p = requirePrincipal(c);
  if (p.kind !== "device") throw new ApiError("forbidden");
  return p.device;
};

export const actorOf = (coordinator: CoordinatorEntity): Actor => ({ kind: "coordinator", id: coordinator.id });

/** Caps the body at `maxSize` bytes (413). */
export const limit = (maxSize: number) =>
  bodyLimit({
    maxSize,
    onError: (c) => c.json(errorBody("payload-too-large", c.get("locale") ?? "id"), 413),
  });

export const readJson = async (c: Context<Env>): Promise<unknown> => {
  const type = c.req.header("Content-Type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) throw new ApiError("unsupported-media-type");
  const text = await c.req.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError("invalid-body", {
      errors: [c.get("locale") === "en" ? "not valid JSON" : "bukan JSON yang sah"],
    });
  }
};

export const parseBody = async <S extends v.GenericSchema>(c: Context<Env>, schema: S): Promise<v.InferOutput<S>> => {
  const result = validate(schema, await readJson(c), c.get("locale"));
  if (!result.ok) throw new ApiError("invalid-body", { errors: result.errors });
  return result.value;
};

/** Validates the query string against `schema` (400 `bad-request`). */
export const parseQuery = <S extends v.GenericSchema>(c: Context<Env>, schema: S): v.InferOutput<S> => {
  const result = validate(schema, c.req.query(), c.get("locale"));
  if (!result.ok) throw new ApiError("bad-request", { errors: result.errors });
  return result.value;
};

/** JSON with its length set, so the compression middleware can tell a large body (pull page, bundle) from a small one. */
export const sendJson = (c: Context<Env>, value: unknown, status: ContentfulStatusCode = 200): Response => {
  const text = JSON.stringify(value);
  return c.body(text, status, {
    "Content-Type": "application/json",
    "Content-Length": String(Buffer.byteLength(text)),
  });
};

export const editionOr404 = async (store: Store, id: string): Promise<VersionedEdition> => {
  const found = await store.editions.get(id);
  if (!found) throw new ApiError("not-found");
  return found;
};

export const memberOr404 = async (store: Store, editionId: string, memberId: string): Promise<Member> => {
  const member = await store.references.get("members", editionId, memberId);
  if (!member) throw new ApiError("not-found");
  return member;
};

export const toDeviceInfo = (d: DeviceEntity): DeviceInfo => ({
  id: d.id,
  name: d.name,
  editionId: d.editionId,
  memberId: d.memberId,
  createdAt: d.createdAt,
  revokedAt: d.revokedAt,
  lastSeq: d.lastSeq,
  lastSeenAt: d.lastSeenAt,
  ...(d.pendingCount === null ? {} : { pendingCount: d.pendingCount }),
  ...(d.pendingAt === null ? {} : { pendingAt: d.pendingAt }),
});
