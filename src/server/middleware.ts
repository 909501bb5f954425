/*
 * The middleware every request passes. Invariants:
 * - Every response, error or not, carries the security headers (Hono's secure-headers
 *   with our policy), and every API response is `Cache-Control: no-store`.
 * - A bad token is 401 on every route, and a revoked device's token is 401
 *   `device-revoked` with the reason, so the sync worker keeps its outbox and the
 *   tablet says why; rate limits apply before any handler, each kind of caller in its
 *   own buckets (rate-limit.ts).
 */
import type { Context, MiddlewareHandler } from "hono";
import { createHash } from "node:crypto";
import { secureHeaders } from "hono/secure-headers";
import { EARLY_OPEN_SCRIPT } from "../protocol/early-open-script.ts";
import { API_PREFIX } from "../protocol/wire.ts";
import { hashToken } from "./auth.ts";
import { clientAddress } from "./client-address.ts";
import { ApiError } from "./errors.ts";
import type { RateLimits } from "./rate-limit.ts";
import { type Env, type Principal, takeOr429 } from "./routes/request.ts";
import type { Store } from "./store/store-types.ts";

/** The one inline script index.html may run (src/protocol/early-open-script.ts), allowed by its hash and nothing else. */
export const EARLY_OPEN_HASH = `'sha256-${createHash("sha256").update(EARLY_OPEN_SCRIPT).digest("base64")}'`;

/** The headers every response carries (tests check them; the policy below sets them). */
export const SECURITY_HEADERS: Record<string, string> = {
  "Content-Security-Policy": `default-src 'self'; base-uri 'self'; object-src 'none'; frame-ancestors 'none'; form-action 'self'; script-src 'self' ${EARLY_OPEN_HASH}`,
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "no-referrer",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Resource-Policy": "same-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
};

export const securityHeaders = (): MiddlewareHandler<Env> =>
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      baseUri: ["'self'"],
      objectSrc: ["'none'"],
      frameAncestors: ["'none'"],
      formAction: ["'self'"],
      scriptSrc: ["'self'", EARLY_OPEN_HASH],
    },
    xFrameOptions: "DENY",
    referrerPolicy: "no-referrer",
    crossOriginOpenerPolicy: "same-origin",
    crossOriginResourcePolicy: "same-origin",
    // Only sent over TLS by browsers; harmless on the loopback address.
    strictTransportSecurity: "max-age=15552000",
    permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
  });

/** API answers are per user and change with every write: no cache may keep one. */
export const noStore: MiddlewareHandler<Env> = async (c, next) => {
  await next();
  c.res.headers.set("Cache-Control", "no-store");
};

/**
 * What one GET /sync/pull takes from the caller's bucket. A fresh tablet's first sync pulls
 * its whole edition in one go: 100,000 rows are 50 pages at MAX_PULL_LIMIT, 200 at the
 * default 500, which at a full token a page would trip the 120-token burst halfway and
 * stall the tablet for seconds at a time. At a quarter, those 200 pages cost 50 tokens,
 * so the first sync fits in the burst and leaves room for pushes; a runaway pull loop is
 * still held to 80 pages (160,000 rows) a second.
 */
export const PULL_PAGE_COST = 0.25;

/** The auth scheme is case-insensitive (RFC 9110); the token itself is not. */
const BEARER = /^bearer\s+([A-Za-z0-9_-]{16,128})\s*$/i;

const resolvePrincipal = async (store: Store, token: string, now: number): Promise<Principal> => {
  const tokenHash = hashToken(token);
  const coordinator = await store.sessions.coordinatorFor(tokenHash, now);
  if (coordinator) return { kind: "coordinator", coordinator, tokenHash };
  const device = await store.devices.byTokenHash(tokenHash);
  if (!device) throw new ApiError("unauthorized");
  if (device.revokedAt !== null) throw new ApiError("device-revoked", { reason: device.revokedReason ?? "revoked" });
  return { kind: "device", device, tokenHash };
};

export type AuthDeps = { store: Store; now: () => number; limits: RateLimits; trustProxy: readonly string[] };

/** Authentication and rate limiting for the API. Routes decide what they require. */
export const authenticate =
  ({ store, now, limits, trustProxy }: AuthDeps): MiddlewareHandler<Env> =>
  async (c: Context<Env>, next) => {
    const address = clientAddress(c, trustProxy);
    c.set("address", address);
    const header = c.req.header("Authorization");
    if (header === undefined) {
      await takeOr429(limits, "anonymous", address);
      return next();
    }
    const token = BEARER.exec(header)?.[1];
    let principal: Principal;
    try {
      if (!token) throw new ApiError("unauthorized");
      principal = await resolvePrincipal(store, token, now());
    } catch (error) {
      // Bad tokens have their own bucket per address: a poller with a revoked token locks out nobody else.
      await takeOr429(limits, "invalidToken", address);
      throw error;
    }
    const isPull = c.req.method === "GET" && c.req.path === `${API_PREFIX}/sync/pull`;
    await takeOr429(limits, "token", principal.tokenHash, isPull ? PULL_PAGE_COST : 1);
    c.set("principal", principal);
    await next();
  };
