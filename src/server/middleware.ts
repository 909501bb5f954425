/*
 * The middleware every API request passes. Invariants:
 * - Every response, error or not, carries the security headers.
 * - A bad or revoked bearer token is 401 on every route, so the sync worker keeps its
 *   outbox and asks the user to enrol again; rate limits apply before any handler.
 */
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context, MiddlewareHandler } from "hono";
import { compress } from "hono/compress";
import { API_PREFIX } from "../protocol/wire.ts";
import { hashToken } from "./auth.ts";
import { ApiError } from "./errors.ts";
import type { RateLimiter } from "./rate-limit.ts";
import type { Env, Principal } from "./routes/request.ts";
import type { Store } from "./store/store-types.ts";

export const SECURITY_HEADERS: Record<string, string> = {
  "Content-Security-Policy":
    "default-src 'self'; base-uri 'self'; object-src 'none'; frame-ancestors 'none'; form-action 'self'",
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "no-referrer",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Resource-Policy": "same-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
};

export const securityHeaders: MiddlewareHandler<Env> = async (c, next) => {
  await next();
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(name, value);
};

/**
 * Bodies below this go out as they are: one that already fits a single network frame saves no
 * packet by shrinking, and gzip costs a stream per response (a busy hall's small pushes and
 * empty pull pages are all under it).
 */
export const COMPRESS_MIN_BYTES = 1400;

/** Only bodies known to be worth it: compress() alone would also gzip every body of unknown length (each c.json, tiny errors included). */
export const compressLarge = (): MiddlewareHandler<Env> => {
  const gzip = compress();
  return async (c, next) => {
    await next();
    if (Number(c.res.headers.get("Content-Length") ?? 0) >= COMPRESS_MIN_BYTES) await gzip(c, async () => {});
  };
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

const clientAddress = (c: Context<Env>): string => {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    // app.request() in tests has no socket.
    return "local";
  }
};

const bearer = (c: Context<Env>): string | null => {
  const header = c.req.header("Authorization");
  const match = header ? /^Bearer\s+([A-Za-z0-9_-]{16,128})\s*$/.exec(header) : null;
  return match?.[1] ?? null;
};

const resolvePrincipal = async (store: Store, token: string, now: number): Promise<Principal | null> => {
  const tokenHash = hashToken(token);
  const coordinator = await store.sessions.coordinatorFor(tokenHash, now);
  if (coordinator) return { kind: "coordinator", coordinator, tokenHash };
  const device = await store.devices.byTokenHash(tokenHash);
  if (device && device.revokedAt === null) return { kind: "device", device, tokenHash };
  return null;
};

/** Authentication and rate limiting for the API. Routes decide what they require. */
export const authenticate =
  (store: Store, now: () => number, limiter: RateLimiter, anonLimiter: RateLimiter): MiddlewareHandler<Env> =>
  async (c, next) => {
    const token = bearer(c);
    const principal = token ? await resolvePrincipal(store, token, now()) : null;
    // Unknown tokens share the address's anonymous bucket, so guessing tokens is as slow as guessing codes.
    const isPull = c.req.method === "GET" && c.req.path === `${API_PREFIX}/sync/pull`;
    const wait = principal
      ? limiter.take(principal.tokenHash, isPull ? PULL_PAGE_COST : 1)
      : anonLimiter.take(clientAddress(c));
    if (wait > 0) throw new ApiError("rate-limited", undefined, { "Retry-After": String(wait) });
    if (!principal && c.req.header("Authorization") !== undefined) throw new ApiError("unauthorized");
    c.set("principal", principal);
    await next();
  };
