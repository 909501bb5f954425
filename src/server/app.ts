/*
 * The HTTP surface: every route under /api/v1, plus the built PWA. Invariants:
 * - Every response, error or not, carries the security headers.
 * - Every non-2xx answer is JSON `{ error: { code, message, details? } }`; a thrown
 *   error that is not an ApiError is logged and answered as a bare 500.
 * - Every request body is size-capped, must be JSON, and is validated against the
 *   protocol schemas before any handler looks at it.
 * - A bad or revoked bearer token is 401 on every route that needs one, so the
 *   sync worker keeps its outbox and asks the user to enrol again.
 */
import { getConnInfo } from "@hono/node-server/conninfo";
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { compress } from "hono/compress";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import * as v from "valibot";
import { computeResults } from "../domain/compute-results.ts";
import { createClock } from "../domain/hlc.ts";
import { MutationSchema, validate } from "../domain/schemas.ts";
import type { Locale, Member } from "../domain/types.ts";
import {
  API_PREFIX,
  type AuditResponse,
  type DeviceInfo,
  type DeviceListResponse,
  type EditionBundleResponse,
  type EditionDataResponse,
  type EditionImportResponse,
  type EditionListResponse,
  EnrolRequestSchema,
  type EnrolResponse,
  type LoginResponse,
  LoginRequestSchema,
  MAX_PUSH_BYTES,
  MAX_PUSH_MUTATIONS,
  type PullResponse,
  type PullRow,
  PullQuerySchema,
  PushEnvelopeSchema,
  type ReopenResponse,
  SetupRequestSchema,
  SUPPORTED_PROTOCOL_VERSIONS,
} from "../protocol/wire.ts";
import { burnPasswordCheck, hashPassword, hashToken, newId, newToken, verifyPassword } from "./auth.ts";
import { issueJoinCode, JOIN_CODE_TTL_MS } from "./enrolment.ts";
import { ApiError, errorBody, pickLocale } from "./errors.ts";
import { type Actor, checkBaseVersion, importBundle, parseBundle, reopenSheet } from "./editions.ts";
import { handlePush } from "./push.ts";
import { createRateLimiter, type RateLimitOptions } from "./rate-limit.ts";
import { mountStatic } from "./static.ts";
import type { CoordinatorEntity, DeviceEntity, Store } from "./store/store.ts";

export type AppDeps = {
  store: Store;
  now: () => number;
  /** Per bearer token; default 120 requests burst, 20 per second sustained (a pull page costs PULL_PAGE_COST). */
  rateLimit?: RateLimitOptions;
  /** Per client address for the routes without a token (login, setup, enrol): they guard secrets. */
  anonymousRateLimit?: RateLimitOptions;
  /** The built PWA (dist/); omitted = API only. */
  staticRoot?: string;
  sessionTtlMs?: number;
  joinCodeTtlMs?: number;
  /** Server errors go here (never to the client); default console.error. */
  logError?: (error: unknown) => void;
};

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

/**
 * What one GET /sync/pull takes from the caller's bucket. A fresh tablet's first sync pulls
 * its whole edition in one go: 100,000 rows are 50 pages at MAX_PULL_LIMIT, 200 at the
 * default 500, which at a full token a page would trip the 120-token burst halfway and
 * stall the tablet for seconds at a time. At a quarter, those 200 pages cost 50 tokens,
 * so the first sync fits in the burst and leaves room for pushes; a runaway pull loop is
 * still held to 80 pages (160,000 rows) a second.
 */
export const PULL_PAGE_COST = 0.25;

/**
 * Bodies below this go out as they are: one that already fits a single network frame saves no
 * packet by shrinking, and gzip costs a stream per response (a busy hall's small pushes and
 * empty pull pages are all under it).
 */
export const COMPRESS_MIN_BYTES = 1400;
const SMALL_BODY_BYTES = 16 * 1024;
const BUNDLE_BODY_BYTES = 4 * 1024 * 1024;

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

export type Principal =
  | { kind: "coordinator"; coordinator: CoordinatorEntity; tokenHash: string }
  | { kind: "device"; device: DeviceEntity; tokenHash: string };

type Env = { Variables: { locale: Locale; principal: Principal | null } };

const toDeviceInfo = (d: DeviceEntity): DeviceInfo => ({
  id: d.id,
  name: d.name,
  editionId: d.editionId,
  memberId: d.memberId,
  createdAt: d.createdAt,
  revokedAt: d.revokedAt,
  lastSeq: d.lastSeq,
  lastSeenAt: d.lastSeenAt,
});

export const createApp = (deps: AppDeps) => {
  const { store, now } = deps;
  const logError = deps.logError ?? ((e: unknown) => console.error("[panelis] server error:", e));
  const limiter = createRateLimiter(deps.rateLimit ?? { capacity: 120, refillPerSecond: 20 }, now);
  const anonLimiter = createRateLimiter(deps.anonymousRateLimit ?? { capacity: 20, refillPerSecond: 0.5 }, now);
  const sessionTtl = deps.sessionTtlMs ?? SESSION_TTL_MS;
  const joinCodeTtl = deps.joinCodeTtlMs ?? JOIN_CODE_TTL_MS;
  // The server's own HLC: stamps of coordinator edits (reopen) must sort after what devices wrote.
  const clock = createClock("server", now);

  const app = new Hono<Env>();

  app.use("*", async (c, next) => {
    c.set("locale", pickLocale(c.req.query("lang"), c.req.header("Accept-Language")));
    c.set("principal", null);
    await next();
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(name, value);
  });

  // After the headers middleware, so a compressed response still gets the security headers.
  const gzip = compress();
  app.use("*", async (c, next) => {
    await next();
    // Only bodies known to be worth it: compress() alone would also gzip every body of unknown length (each c.json, tiny errors included).
    if (Number(c.res.headers.get("Content-Length") ?? 0) >= COMPRESS_MIN_BYTES) await gzip(c, async () => {});
  });

  app.onError((err, c) => {
    const locale = c.get("locale") ?? "id";
    if (err instanceof ApiError) {
      return c.json(errorBody(err.code, locale, err.details), err.status as 400, err.headers);
    }
    logError(err);
    return c.json(errorBody("internal", locale), 500);
  });

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

  const resolvePrincipal = (token: string): Principal | null => {
    const tokenHash = hashToken(token);
    const coordinator = store.sessions.coordinatorFor(tokenHash, now());
    if (coordinator) return { kind: "coordinator", coordinator, tokenHash };
    const device = store.devices.byTokenHash(tokenHash);
    if (device && device.revokedAt === null) return { kind: "device", device, tokenHash };
    return null;
  };

  // Authentication and rate limiting for the API. Routes decide what they require.
  app.use(`${API_PREFIX}/*`, async (c, next) => {
    const token = bearer(c);
    const principal = token ? resolvePrincipal(token) : null;
    // Unknown tokens share the address's anonymous bucket, so guessing tokens is as slow as guessing codes.
    const isPull = c.req.method === "GET" && c.req.path === `${API_PREFIX}/sync/pull`;
    const wait = principal
      ? limiter.take(principal.tokenHash, isPull ? PULL_PAGE_COST : 1)
      : anonLimiter.take(clientAddress(c));
    if (wait > 0) throw new ApiError("rate-limited", undefined, { "Retry-After": String(wait) });
    if (!principal && c.req.header("Authorization") !== undefined) throw new ApiError("unauthorized");
    c.set("principal", principal);
    await next();
  });

  const requirePrincipal = (c: Context<Env>): Principal => {
    const p = c.get("principal");
    if (!p) throw new ApiError("unauthorized");
    return p;
  };

  const requireCoordinator = (c: Context<Env>): CoordinatorEntity => {
    const p = requirePrincipal(c);
    if (p.kind !== "coordinator") throw new ApiError("forbidden");
    return p.coordinator;
  };

  const requireDevice = (c: Context<Env>): DeviceEntity => {
    const p = requirePrincipal(c);
    if (p.kind !== "device") throw new ApiError("forbidden");
    return p.device;
  };

  const actorOf = (coordinator: CoordinatorEntity): Actor => ({ kind: "coordinator", id: coordinator.id });

  const limit = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: (c) =>
        c.json(errorBody("payload-too-large", pickLocale(c.req.query("lang"), c.req.header("Accept-Language"))), 413),
    });

  const readJson = async (c: Context<Env>): Promise<unknown> => {
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

  const parseBody = async <S extends v.GenericSchema>(c: Context<Env>, schema: S): Promise<v.InferOutput<S>> => {
    const result = validate(schema, await readJson(c), c.get("locale"));
    if (!result.ok) throw new ApiError("invalid-body", { errors: result.errors });
    return result.value;
  };

  /** JSON with its length set, so the compression middleware can tell a large body (pull page, bundle) from a small one. */
  const sendJson = (c: Context<Env>, value: unknown, status: ContentfulStatusCode = 200): Response => {
    const text = JSON.stringify(value);
    return c.body(text, status, {
      "Content-Type": "application/json",
      "Content-Length": String(Buffer.byteLength(text)),
    });
  };

  const editionOr404 = (id: string) => {
    const found = store.editions.get(id);
    if (!found) throw new ApiError("not-found");
    return found;
  };

  const memberOr404 = (editionId: string, memberId: string): Member => {
    const member = store.editions.getMember(editionId, memberId);
    if (!member) throw new ApiError("not-found");
    return member;
  };

  const startSession = (coordinator: CoordinatorEntity): LoginResponse => {
    const token = newToken();
    const expiresAt = now() + sessionTtl;
    store.sessions.insert(hashToken(token), coordinator.id, now(), expiresAt);
    return { token, expiresAt, coordinator: { id: coordinator.id, name: coordinator.name } };
  };

  const api = new Hono<Env>();

  // Coordinator accounts

  api.post("/auth/setup", limit(SMALL_BODY_BYTES), async (c) => {
    const body = await parseBody(c, SetupRequestSchema);
    const passwordHash = hashPassword(body.password);
    const response = store.tx(() => {
      if (store.coordinators.count() > 0) throw new ApiError("setup-closed");
      if (!store.setupTokens.consume(hashToken(body.setupToken), now())) throw new ApiError("invalid-credentials");
      const coordinator: CoordinatorEntity = { id: newId(), name: body.name, passwordHash, createdAt: now() };
      store.coordinators.insert(coordinator);
      return startSession(coordinator);
    });
    return c.json(response, 201);
  });

  api.post("/auth/login", limit(SMALL_BODY_BYTES), async (c) => {
    const body = await parseBody(c, LoginRequestSchema);
    const coordinator = store.coordinators.byName(body.name);
    if (!coordinator) {
      burnPasswordCheck(body.password);
      throw new ApiError("invalid-credentials");
    }
    if (!verifyPassword(body.password, coordinator.passwordHash)) throw new ApiError("invalid-credentials");
    return c.json(startSession(coordinator));
  });

  api.post("/auth/logout", (c) => {
    const p = requirePrincipal(c);
    if (p.kind === "coordinator") store.sessions.revoke(p.tokenHash, now());
    return c.body(null, 204);
  });

  api.get("/me", (c) => {
    const p = requirePrincipal(c);
    if (p.kind === "coordinator")
      return c.json({ kind: "coordinator", coordinator: { id: p.coordinator.id, name: p.coordinator.name } });
    return c.json({
      kind: "device",
      device: toDeviceInfo(p.device),
      member: store.editions.getMember(p.device.editionId, p.device.memberId) ?? null,
    });
  });

  // Editions (coordinator)

  api.post("/editions", limit(BUNDLE_BODY_BYTES), async (c) => {
    const coordinator = requireCoordinator(c);
    const body = await readJson(c);
    const bundle = parseBundle(body, c.get("locale"));
    checkBaseVersion(store, bundle, (body as { baseVersion?: unknown }).baseVersion);
    const { created, recordsApplied } = importBundle(store, bundle, actorOf(coordinator), now());
    const stored = store.editions.bundle(bundle.edition.id);
    if (!stored) throw new Error("edition missing right after import");
    const response: EditionImportResponse = { ...stored.bundle, version: stored.version, created, recordsApplied };
    return sendJson(c, response, created ? 201 : 200);
  });

  api.get("/editions", (c) => {
    requireCoordinator(c);
    const response: EditionListResponse = {
      editions: store.editions.list().map(({ edition }) => ({
        id: edition.id,
        title: edition.title,
        year: edition.year,
        provinceCode: edition.provinceCode,
        provinceName: edition.provinceName,
        isSample: edition.isSample,
        version: store.editions.bundle(edition.id)?.version ?? 0,
      })),
    };
    return sendJson(c, response);
  });

  api.get("/editions/:id/bundle", (c) => {
    const p = requirePrincipal(c);
    const id = c.req.param("id");
    if (p.kind === "device" && p.device.editionId !== id) throw new ApiError("forbidden");
    const stored = store.editions.bundle(id);
    if (!stored) throw new ApiError("not-found");
    const response: EditionBundleResponse = { ...stored.bundle, version: stored.version };
    return sendJson(c, response);
  });

  api.post("/editions/:id/members/:memberId/join-code", (c) => {
    requireCoordinator(c);
    const editionId = c.req.param("id");
    editionOr404(editionId);
    const memberId = c.req.param("memberId");
    memberOr404(editionId, memberId);
    const response = issueJoinCode(store, editionId, memberId, now(), joinCodeTtl);
    return c.json(response, 201);
  });

  api.get("/editions/:id/devices", (c) => {
    requireCoordinator(c);
    const editionId = c.req.param("id");
    editionOr404(editionId);
    const response: DeviceListResponse = { devices: store.devices.list(editionId).map(toDeviceInfo) };
    return sendJson(c, response);
  });

  api.delete("/devices/:id", (c) => {
    const coordinator = requireCoordinator(c);
    const id = c.req.param("id");
    const device = store.devices.byId(id);
    if (!device) throw new ApiError("not-found");
    store.tx(() => {
      if (!store.devices.revoke(id, now())) return;
      store.audit.append({
        at: now(),
        actorKind: "coordinator",
        actorId: coordinator.id,
        deviceId: id,
        editionId: device.editionId,
        table: "devices",
        key: id,
        field: "revoked",
        old: false,
        new: true,
        mutationId: null,
        version: null,
      });
    });
    const after = store.devices.byId(id) ?? device;
    return c.json({ device: toDeviceInfo(after) });
  });

  api.get("/editions/:id/data", (c) => {
    requireCoordinator(c);
    const editionId = c.req.param("id");
    editionOr404(editionId);
    const scores = store.records.list("scores", editionId);
    const response: EditionDataResponse = {
      editionId,
      version: store.currentVersion(),
      scores: scores.map((s) => s.record),
      sheets: store.records.list("sheets", editionId).map((s) => s.record),
      nominations: store.records.list("nominations", editionId).map((s) => s.record),
      needsReview: scores.filter((s) => s.needsReview).map((s) => s.record.key),
    };
    return sendJson(c, response);
  });

  api.post("/editions/:id/sheets/:participantId/:memberId/reopen", (c) => {
    const coordinator = requireCoordinator(c);
    const ids = {
      editionId: c.req.param("id"),
      participantId: c.req.param("participantId"),
      memberId: c.req.param("memberId"),
    };
    editionOr404(ids.editionId);
    const response: ReopenResponse = reopenSheet(store, clock, ids, actorOf(coordinator), now());
    return c.json(response);
  });

  api.get("/editions/:id/results", (c) => {
    requireCoordinator(c);
    const editionId = c.req.param("id");
    const stored = store.editions.bundle(editionId);
    if (!stored) throw new ApiError("not-found");
    const results = computeResults({
      ...stored.bundle,
      scores: store.records.list("scores", editionId).map((s) => s.record),
      sheets: store.records.list("sheets", editionId).map((s) => s.record),
      nominations: store.records.list("nominations", editionId).map((s) => s.record),
    });
    return sendJson(c, results);
  });

  api.get("/editions/:id/audit", (c) => {
    requireCoordinator(c);
    const editionId = c.req.param("id");
    editionOr404(editionId);
    const query = validate(
      v.object({
        after: v.optional(v.pipe(v.string(), v.regex(/^\d{1,15}$/), v.transform(Number)), "0"),
        limit: v.optional(
          v.pipe(v.string(), v.regex(/^\d{1,4}$/), v.transform(Number), v.minValue(1), v.maxValue(1000)),
          "200",
        ),
      }),
      c.req.query(),
      c.get("locale"),
    );
    if (!query.ok) throw new ApiError("bad-request", { errors: query.errors });
    const rows = store.audit.list(editionId, query.value.after, query.value.limit + 1);
    const more = rows.length > query.value.limit;
    const entries = rows.slice(0, query.value.limit).map(({ editionId: _e, ...rest }) => rest);
    const response: AuditResponse = { entries, cursor: entries.at(-1)?.id ?? query.value.after, more };
    return sendJson(c, response);
  });

  // Devices

  api.post("/enrol", limit(SMALL_BODY_BYTES), async (c) => {
    const body = await parseBody(c, EnrolRequestSchema);
    const token = newToken();
    const response = store.tx((): EnrolResponse => {
      const t = now();
      const code = store.joinCodes.get(body.code);
      if (!code || code.revokedAt !== null || code.uses >= code.maxUses || code.expiresAt <= t)
        throw new ApiError("join-code-invalid");
      const member = store.editions.getMember(code.editionId, code.memberId);
      if (!member) throw new ApiError("join-code-invalid");
      store.devices.upsert(
        { id: body.deviceId, editionId: code.editionId, memberId: code.memberId, name: body.deviceName, createdAt: t },
        hashToken(token),
      );
      store.joinCodes.use(code.code);
      store.audit.append({
        at: t,
        actorKind: "device",
        actorId: member.id,
        deviceId: body.deviceId,
        editionId: code.editionId,
        table: "devices",
        key: body.deviceId,
        field: "enrolled",
        old: null,
        new: { name: body.deviceName, code: code.code },
        mutationId: null,
        version: null,
      });
      return { token, deviceId: body.deviceId, editionId: code.editionId, member };
    });
    return c.json(response, 201);
  });

  api.post("/sync/push", limit(MAX_PUSH_BYTES), async (c) => {
    const device = requireDevice(c);
    const locale = c.get("locale");
    const envelope = validate(PushEnvelopeSchema, await readJson(c), locale);
    if (!envelope.ok) throw new ApiError("invalid-body", { errors: envelope.errors });
    const { protocolVersion, deviceId, mutations } = envelope.value;
    if (!SUPPORTED_PROTOCOL_VERSIONS.includes(protocolVersion))
      throw new ApiError("protocol-unsupported", { supported: SUPPORTED_PROTOCOL_VERSIONS });
    if (mutations.length > MAX_PUSH_MUTATIONS) throw new ApiError("batch-too-large", { max: MAX_PUSH_MUTATIONS });
    if (deviceId !== device.id) throw new ApiError("device-mismatch");
    const parsed = mutations.map((m) => validate(MutationSchema, m, locale));
    const invalid = parsed.flatMap((r, index) => {
      if (r.ok) return [];
      const raw = mutations[index] as { mutationId?: unknown } | null;
      const mutationId = raw && typeof raw === "object" && typeof raw.mutationId === "string" ? raw.mutationId : null;
      return [{ index, mutationId, errors: r.errors }];
    });
    if (invalid.length > 0) throw new ApiError("invalid-body", { invalid });
    const valid = parsed.flatMap((r) => (r.ok ? [r.value] : []));
    const response = handlePush({ store, device, mutations: valid, now: now(), locale });
    return sendJson(c, response);
  });

  api.get("/sync/pull", (c) => {
    const p = requirePrincipal(c);
    const query = validate(PullQuerySchema, c.req.query(), c.get("locale"));
    if (!query.ok) throw new ApiError("bad-request", { errors: query.errors });
    const { since, limit: max } = query.value;
    let editionId: string;
    let memberId: string | null;
    if (p.kind === "device") {
      editionId = query.value.edition ?? p.device.editionId;
      if (editionId !== p.device.editionId) throw new ApiError("forbidden");
      memberId = p.device.memberId;
      store.devices.touch(p.device.id, now());
    } else {
      if (!query.value.edition) throw new ApiError("bad-request", { missing: "edition" });
      editionId = query.value.edition;
      editionOr404(editionId);
      memberId = null;
    }
    const feed = store.feed(editionId, since, max + 1, memberId);
    const more = feed.length > max;
    const rows = feed.slice(0, max).map(
      (row) =>
        ({
          table: row.table,
          key: row.key,
          version: row.version,
          record: row.json === null ? null : JSON.parse(row.json),
          ...(row.needsReview ? { needsReview: true } : {}),
        }) as PullRow,
    );
    const response: PullResponse = { rows, cursor: rows.at(-1)?.version ?? since, more, serverTime: now() };
    return sendJson(c, response);
  });

  api.all("*", () => {
    throw new ApiError("not-found");
  });

  app.route(API_PREFIX, api);
  app.all(`${API_PREFIX}`, () => {
    throw new ApiError("not-found");
  });

  if (deps.staticRoot) mountStatic(app, deps.staticRoot);

  app.notFound((c) => c.json(errorBody("not-found", c.get("locale") ?? "id"), 404));

  return app;
};

export type App = ReturnType<typeof createApp>;
