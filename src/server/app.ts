/*
 * The HTTP surface: composes the middleware (middleware.ts, routes/request.ts) and
 * the route modules under /api/v1 (routes/), plus the built PWA. Invariants are
 * stated where they are kept: headers and authentication in middleware.ts, bodies,
 * locale and error mapping in routes/request.ts, limits in rate-limit.ts.
 */
import { Hono } from "hono";
import { createClock } from "../domain/hlc.ts";
import { API_PREFIX } from "../protocol/wire.ts";
import { JOIN_CODE_TTL_MS } from "./enrolment.ts";
import { ApiError, errorBody } from "./errors.ts";
import { compressLarge } from "./compress.ts";
import { authenticate, noStore, securityHeaders } from "./middleware.ts";
import {
  createMemoryLimits,
  DEFAULT_LIMITS,
  type LimitsConfig,
  type LockoutOptions,
  type RateLimits,
} from "./rate-limit.ts";
import { registerAuthRoutes } from "./routes/auth.ts";
import { registerBackupRoutes } from "./routes/backup.ts";
import { registerCoordinationRoutes } from "./routes/coordination.ts";
import { registerDeviceRoutes } from "./routes/devices.ts";
import { registerEditionRoutes } from "./routes/editions.ts";
import { registerHealthRoute } from "./routes/health.ts";
import { registerPublicationRoutes } from "./routes/publications.ts";
import { type Env, errorHandler, type RouteDeps, withLocale } from "./routes/request.ts";
import { registerSyncRoutes } from "./routes/sync.ts";
import { mountStatic, type StaticOptions } from "./static.ts";
import type { Store } from "./store/store-types.ts";

export { SECURITY_HEADERS } from "./middleware.ts";

export type AppDeps = {
  store: Store;
  now: () => number;
  /** Bucket sizes, per limit (rate-limit.ts); unnamed ones keep DEFAULT_LIMITS. */
  limits?: Partial<LimitsConfig>;
  lockout?: LockoutOptions;
  /** Another implementation of the limits (e.g. buckets in a shared database); overrides `limits`. */
  rateLimits?: RateLimits;
  /** Socket peers whose X-Forwarded-For is believed (TRUST_PROXY); default none. */
  trustProxy?: readonly string[];
  /** The built PWA (dist/); omitted = API only. */
  staticRoot?: string;
  static?: StaticOptions;
  sessionTtlMs?: number;
  joinCodeTtlMs?: number;
  /** Server errors go here (never to the client); default console.error. */
  logError?: (error: unknown) => void;
};

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export type App = Hono<Env>;

export const createApp = (deps: AppDeps): App => {
  const { store, now } = deps;
  const logError = deps.logError ?? ((e: unknown) => console.error("[panelis] server error:", e));
  const limits = deps.rateLimits ?? createMemoryLimits({ ...DEFAULT_LIMITS, ...deps.limits }, now, deps.lockout);
  const routeDeps: RouteDeps = {
    store,
    now,
    limits,
    clock: createClock("server", now),
    sessionTtlMs: deps.sessionTtlMs ?? SESSION_TTL_MS,
    joinCodeTtlMs: deps.joinCodeTtlMs ?? JOIN_CODE_TTL_MS,
  };

  const app = new Hono<Env>();
  app.use("*", withLocale());
  app.use("*", securityHeaders());
  // After the headers middleware, so a compressed response still gets the security headers.
  app.use("*", compressLarge());
  app.onError(errorHandler(logError));
  app.use(`${API_PREFIX}/*`, noStore);
  app.use(API_PREFIX, noStore);
  app.use(`${API_PREFIX}/*`, authenticate({ store, now, limits, trustProxy: deps.trustProxy ?? [] }));

  const api = new Hono<Env>();
  registerAuthRoutes(api, routeDeps);
  registerEditionRoutes(api, routeDeps);
  registerBackupRoutes(api, routeDeps);
  registerCoordinationRoutes(api, routeDeps);
  registerDeviceRoutes(api, routeDeps);
  registerSyncRoutes(api, routeDeps);
  registerPublicationRoutes(api, routeDeps);
  api.all("*", () => {
    throw new ApiError("not-found");
  });

  app.route(API_PREFIX, api);
  registerHealthRoute(app, store);
  app.all(`${API_PREFIX}`, () => {
    throw new ApiError("not-found");
  });
  if (deps.staticRoot) mountStatic(app, deps.staticRoot, deps.static);
  app.notFound((c) => c.json(errorBody("not-found", c.get("locale") ?? "id"), 404));
  return app;
};
