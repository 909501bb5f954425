/*
 * The real server app over app.request(), on an in-memory SQLite database or a fresh
 * PostgreSQL schema (engines.ts), seeded with a small edition. The sync-worker tests run their fault suite against it, so
 * it exposes a fetch-compatible function and a settable clock.
 */
import type { Member } from "../../src/domain/types.ts";
import { PROTOCOL_VERSION } from "../../src/protocol/mutation.ts";
import type { EditionImport, EnrolResponse, PullResponse, PushResponse } from "../../src/protocol/wire.ts";
import { type App, createApp, SESSION_TTL_MS } from "../../src/server/app.ts";
import { hashPassword, hashToken, newToken } from "../../src/server/auth.ts";
import { importBundle } from "../../src/server/editions.ts";
import { issueJoinCode } from "../../src/server/enrolment.ts";
import { DEFAULT_LIMITS, type LimitsConfig, type LockoutOptions } from "../../src/server/rate-limit.ts";
import type { Store } from "../../src/server/store/store-types.ts";
import {
  aComponent,
  aMember,
  anEdition,
  aNumericComponent,
  aParticipant,
  aRubric,
  TEST_EDITION_ID,
  TEST_MILLIS,
} from "../fixtures/builders.ts";
import { openTestStore, type TestEngine } from "./engines.ts";

export { TEST_EDITION_ID };

export const COORDINATOR_NAME = "koordinator";
export const COORDINATOR_PASSWORD = "rahasia-uji-123";

/**
 * Members: m-ketua (paparan: p-5201, p-5202), m-anggota (paparan: p-5201),
 * m-tech (document review: p-5201, p-5202), m-observer, m-coord (role coordinator, no assignments).
 * Participants: p-5201, p-5202 (assessed), p-5272 (observer).
 */
export const testBundle = (): EditionImport => {
  const participants = [
    aParticipant(),
    aParticipant({ id: "p-5202", regionCode: "5202", name: "Lombok Tengah" }),
    aParticipant({ id: "p-5272", regionCode: "5272", name: "Kota Bima", kind: "kota", role: "observer" }),
  ];
  const members: Member[] = [
    aMember({
      id: "m-ketua",
      role: "ketua",
      assignments: [{ componentId: "cmp-paparan", participantIds: ["p-5201", "p-5202"] }],
    }),
    aMember({
      id: "m-anggota",
      name: "Anggota Uji",
      role: "anggota",
      assignments: [{ componentId: "cmp-paparan", participantIds: ["p-5201"] }],
    }),
    aMember({
      id: "m-tech",
      name: "Tim Teknis Uji",
      role: "technical",
      assignments: [{ componentId: "cmp-doc", participantIds: ["p-5201", "p-5202"] }],
    }),
    aMember({ id: "m-observer", name: "Peninjau Uji", role: "observer", assignments: [] }),
    aMember({ id: "m-coord", name: "Sekretariat Uji", role: "coordinator", assignments: [] }),
  ];
  return {
    edition: anEdition(),
    rubric: aRubric({ components: [aComponent(), aNumericComponent()] }),
    participants,
    members,
  };
};

export type TestResponse<T = unknown> = { status: number; body: T; headers: Headers };

export type TestServerOptions = {
  now?: number;
  /** Rate limits by name; every one not named is effectively unlimited. */
  limits?: Partial<LimitsConfig>;
  lockout?: LockoutOptions;
  trustProxy?: string[];
  bundle?: EditionImport;
  /** Default sqlite. */
  engine?: TestEngine;
};

export type TestServer = {
  app: App;
  store: Store;
  coordinatorToken: string;
  now: () => number;
  setNow: (ms: number) => void;
  advance: (ms: number) => void;
  /** Fetch-compatible entry point for the sync worker; the host part of the URL is ignored. */
  fetch: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
  /** `from`: the socket peer's address the server sees (default: no socket, "local"). */
  request: <T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    token?: string,
    headers?: Record<string, string>,
    from?: string,
  ) => Promise<TestResponse<T>>;
  /**
   * Issues a join code and enrols; the device id defaults to "d_" + the member id with "-" → "_".
   * Enrolling a known device id again needs that device's token (`deviceToken`).
   */
  enrol: (memberId: string, deviceId?: string, deviceToken?: string) => Promise<EnrolResponse>;
  enrolDevice: (memberId: string, deviceId?: string, deviceToken?: string) => Promise<string>;
  push: (
    token: string,
    deviceId: string,
    mutations: unknown[],
    headers?: Record<string, string>,
  ) => Promise<TestResponse<PushResponse>>;
  pull: (token: string, query?: Record<string, string | number>) => Promise<TestResponse<PullResponse>>;
  /** A coordinator's edit of edition setup, made on the version it just read (as the screen would). */
  editEdition: <T = unknown>(bundle: EditionImport, token?: string) => Promise<TestResponse<T>>;
  close: () => Promise<void>;
};

let coordinatorHash: Promise<string> | undefined;

export const deviceIdFor = (memberId: string): string => `d_${memberId.replace(/[^0-9A-Za-z_]/g, "_")}`.slice(0, 32);

export const createTestServer = async (options: TestServerOptions = {}): Promise<TestServer> => {
  let clock = options.now ?? TEST_MILLIS;
  const now = () => clock;
  const store = await openTestStore(options.engine ?? "sqlite");
  const unlimited = { capacity: 1_000_000, refillPerSecond: 1_000_000 };
  const limits = Object.fromEntries(Object.keys(DEFAULT_LIMITS).map((name) => [name, unlimited])) as LimitsConfig;
  const app = createApp({
    store,
    now,
    limits: { ...limits, ...options.limits },
    ...(options.lockout ? { lockout: options.lockout } : {}),
    ...(options.trustProxy ? { trustProxy: options.trustProxy } : {}),
    logError: () => {},
  });
  await importBundle(store, options.bundle ?? testBundle(), { kind: "system", id: "test-seed" }, clock);

  const fetch = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    if (input instanceof Request) return Promise.resolve(app.request(input));
    const url = new URL(String(input), "http://127.0.0.1");
    return Promise.resolve(app.request(`${url.pathname}${url.search}`, init));
  };

  const request = async <T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    token?: string,
    headers: Record<string, string> = {},
    from?: string,
  ): Promise<TestResponse<T>> => {
    const h: Record<string, string> = { ...headers };
    if (token) h.Authorization = `Bearer ${token}`;
    let payload: string | undefined;
    if (body !== undefined) {
      payload = typeof body === "string" ? body : JSON.stringify(body);
      h["Content-Type"] ??= "application/json";
    }
    const env = from === undefined ? undefined : { incoming: { socket: { remoteAddress: from } } };
    const res = await app.request(path, { method, headers: h, body: payload }, env);
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text === "" ? null : JSON.parse(text);
    } catch {
      // Static files and empty replies stay text.
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  };

  // The coordinator and its session straight into the store: one real hash per test file, not one per server.
  coordinatorHash ??= hashPassword(COORDINATOR_PASSWORD);
  const passwordHash = await coordinatorHash;
  const sessionToken = newToken();
  await store.tx(async (s) => {
    await s.coordinators.insert({ id: "c-test", name: COORDINATOR_NAME, passwordHash, createdAt: clock });
    await s.sessions.insert(hashToken(sessionToken), "c-test", clock, clock + SESSION_TTL_MS);
  });
  const setup = { body: { token: sessionToken } };

  const enrol = async (
    memberId: string,
    deviceId = deviceIdFor(memberId),
    deviceToken?: string,
  ): Promise<EnrolResponse> => {
    const editionId = (options.bundle ?? testBundle()).edition.id;
    const { code } = await issueJoinCode(store, editionId, memberId, clock);
    const res = await request<EnrolResponse>("POST", "/api/v1/enrol", {
      code,
      deviceId,
      deviceName: `Tablet ${memberId}`,
      ...(deviceToken ? { deviceToken } : {}),
    });
    if (res.status !== 201) throw new Error(`enrol failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  const editEdition = async <T = unknown>(bundle: EditionImport, token = setup.body.token) => {
    const current = await request<{ version?: number }>(
      "GET",
      `/api/v1/editions/${encodeURIComponent(bundle.edition.id)}/bundle`,
      undefined,
      token,
    );
    const baseVersion = current.status === 200 ? current.body.version : undefined;
    return request<T>("POST", "/api/v1/editions", { ...bundle, baseVersion }, token);
  };

  return {
    app,
    store,
    editEdition,
    coordinatorToken: setup.body.token,
    now,
    setNow: (ms) => {
      clock = ms;
    },
    advance: (ms) => {
      clock += ms;
    },
    fetch,
    request,
    enrol,
    enrolDevice: async (memberId, deviceId, deviceToken) => (await enrol(memberId, deviceId, deviceToken)).token,
    push: (token, deviceId, mutations, headers) =>
      request<PushResponse>(
        "POST",
        "/api/v1/sync/push",
        { protocolVersion: PROTOCOL_VERSION, deviceId, mutations },
        token,
        headers,
      ),
    pull: (token, query = {}) =>
      request<PullResponse>(
        "GET",
        `/api/v1/sync/pull?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}`,
        undefined,
        token,
      ),
    close: () => store.close(),
  };
};
