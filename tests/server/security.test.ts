import { randomBytes, scryptSync } from "node:crypto";
import { describe, expect, test } from "vitest";
import type { EnrolResponse, LoginResponse } from "../../src/protocol/wire.ts";
import {
  burnPasswordCheck,
  hashPassword,
  passwordHashesStarted,
  SCRYPT_PARAMS,
  verifyPassword,
} from "../../src/server/auth.ts";
import { issueJoinCode } from "../../src/server/enrolment.ts";
import { DEFAULT_LIMITS } from "../../src/server/rate-limit.ts";
import {
  COORDINATOR_NAME,
  COORDINATOR_PASSWORD,
  createTestServer,
  deviceIdFor,
  type TestServer,
  testBundle,
} from "../helpers/in-process-server.ts";

const HALL = "203.0.113.7";
/** Every login hashes for real (~0.3–0.8 s here); these tests check behaviour, not speed. */
const HASHING = { timeout: 60_000 };

const login = (s: TestServer, from: string, name = COORDINATOR_NAME, password = COORDINATOR_PASSWORD) =>
  s.request<LoginResponse>("POST", "/api/v1/auth/login", { name, password }, undefined, {}, from);

describe("password hashing", HASHING, () => {
  test.each([
    ["hashPassword", () => hashPassword("kata sandi")],
    ["verifyPassword", () => verifyPassword("kata sandi", `scrypt$16384$8$5$${"A".repeat(22)}$${"B".repeat(86)}`)],
    ["the unknown-user check", () => burnPasswordCheck("kata sandi")],
  ])("%s runs off the event loop: a queued callback runs while it hashes", async (_name, run) => {
    const order: string[] = [];
    const hashing = run().then(() => order.push("hashed"));
    setImmediate(() => order.push("event loop ran"));
    await hashing;
    expect(order).toEqual(["event loop ran", "hashed"]);
  });

  test("a wrong password and an unknown name cost one hash each; a closed or unusable setup costs none", async () => {
    const s = await createTestServer();
    const hashesFor = async (send: () => Promise<{ status: number }>, status: number): Promise<number> => {
      const before = passwordHashesStarted();
      expect((await send()).status).toBe(status);
      return passwordHashesStarted() - before;
    };
    expect(await hashesFor(() => login(s, HALL, COORDINATOR_NAME, "salah-salah"), 401)).toBe(1);
    expect(await hashesFor(() => login(s, HALL, "tidak-ada", "salah-salah"), 401)).toBe(1);
    const setup = (setupToken: string) =>
      s.request("POST", "/api/v1/auth/setup", { setupToken, name: "kedua", password: "panjang-sekali" });
    expect(await hashesFor(() => setup("token-apa-saja"), 409)).toBe(0);
    await s.store.exec("DELETE FROM sessions");
    await s.store.exec("DELETE FROM coordinators");
    expect(await hashesFor(() => setup("token-yang-salah"), 401)).toBe(0);
    await s.close();
  });

  test("a hash made with older parameters is replaced at the next good login", async () => {
    const s = await createTestServer();
    const salt = randomBytes(16);
    const old = [
      "scrypt",
      1024,
      8,
      1,
      salt.toString("base64url"),
      scryptSync(COORDINATOR_PASSWORD, salt, 64, { N: 1024 }).toString("base64url"),
    ].join("$");
    const coordinator = await s.store.coordinators.byName(COORDINATOR_NAME);
    await s.store.tx((t) => t.coordinators.setPassword(coordinator?.id ?? "", old));
    expect((await login(s, HALL)).status).toBe(200);
    const stored = (await s.store.coordinators.byName(COORDINATOR_NAME))?.passwordHash ?? "";
    expect(stored.startsWith(`scrypt$${SCRYPT_PARAMS.N}$${SCRYPT_PARAMS.r}$${SCRYPT_PARAMS.p}$`)).toBe(true);
    expect((await login(s, HALL)).status).toBe(200);
    await s.close();
  });

  test("an account locks for longer after each failure past the free ones; a good login ends it", async () => {
    const s = await createTestServer({ lockout: { freeFailures: 2, firstLockMs: 1000, maxLockMs: 60_000 } });
    const wrong = () => login(s, HALL, COORDINATOR_NAME.toUpperCase(), "salah-salah");
    expect((await wrong()).status).toBe(401);
    expect((await wrong()).status).toBe(401);
    expect((await wrong()).status).toBe(401);
    const locked = await login(s, HALL);
    expect(locked.status).toBe(429);
    expect(locked.headers.get("Retry-After")).toBe("1");
    s.advance(1000);
    expect((await wrong()).status).toBe(401);
    expect((await login(s, HALL)).headers.get("Retry-After")).toBe("2");
    s.advance(2000);
    expect((await login(s, HALL)).status).toBe(200);
    expect((await wrong()).status).toBe(401);
    await s.close();
  });
});

describe("rate limits sized for a hall", HASHING, () => {
  test("40 tablets enrol from one address at once, and the coordinator's login right after succeeds", async () => {
    const s = await createTestServer({ limits: DEFAULT_LIMITS });
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      const { code } = await issueJoinCode(s.store, "ed-test", "m-ketua", s.now());
      const body = { code, deviceId: `hall_${i}`, deviceName: `Tablet ${i}` };
      statuses.push((await s.request<EnrolResponse>("POST", "/api/v1/enrol", body, undefined, {}, HALL)).status);
    }
    expect(statuses).toEqual(Array(40).fill(201));
    expect((await login(s, HALL)).status).toBe(200);
    await s.close();
  });

  test("a tablet polling with a revoked token once a second locks out neither login nor enrolment", async () => {
    const s = await createTestServer({ limits: DEFAULT_LIMITS });
    const stale = await s.enrolDevice("m-anggota");
    await s.request("DELETE", `/api/v1/devices/${deviceIdFor("m-anggota")}`, undefined, s.coordinatorToken);
    const seen = new Set<number>();
    for (let i = 0; i < 300; i++) {
      seen.add((await s.request("GET", "/api/v1/sync/pull", undefined, stale, {}, HALL)).status);
      s.advance(1000);
    }
    // The poller is throttled in its own bucket…
    expect([...seen].sort()).toEqual([401, 429]);
    // …and nobody else behind the same address is.
    expect((await login(s, HALL)).status).toBe(200);
    const { code } = await issueJoinCode(s.store, "ed-test", "m-ketua", s.now());
    const enrol = { code, deviceId: "fresh_tablet", deviceName: "Tablet" };
    expect((await s.request("POST", "/api/v1/enrol", enrol, undefined, {}, HALL)).status).toBe(201);
    await s.close();
  });

  test("TRUST_PROXY: X-Forwarded-For is believed only from a listed proxy", async () => {
    const limits = { loginAddress: { capacity: 2, refillPerSecond: 0 } };
    const attempts = async (s: TestServer, peer: string, client: string) => {
      const out: number[] = [];
      for (let i = 0; i < 3; i++) {
        const body = { name: `tamu-${client}-${i}`, password: "salah-salah" };
        const headers = { "X-Forwarded-For": `${client}, ${peer}` };
        out.push((await s.request("POST", "/api/v1/auth/login", body, undefined, headers, peer)).status);
      }
      return out;
    };
    // Off (the default): the header is ignored, so every client behind one peer shares its bucket.
    const off = await createTestServer({ limits });
    expect(await attempts(off, "10.0.0.2", "198.51.100.1")).toEqual([401, 401, 429]);
    expect(await attempts(off, "10.0.0.2", "198.51.100.2")).toEqual([429, 429, 429]);
    await off.close();
    // On: each client behind the proxy has its own bucket; a peer that is not a listed proxy cannot pick one.
    const on = await createTestServer({ limits, trustProxy: ["10.0.0.2"] });
    expect(await attempts(on, "10.0.0.2", "198.51.100.1")).toEqual([401, 401, 429]);
    expect(await attempts(on, "10.0.0.2", "198.51.100.2")).toEqual([401, 401, 429]);
    expect(await attempts(on, "192.0.2.9", "198.51.100.3")).toEqual([401, 401, 429]);
    expect(await attempts(on, "192.0.2.9", "198.51.100.4")).toEqual([429, 429, 429]);
    await on.close();
  });
});

describe("removing a member or an assignment revokes the tablet at once", () => {
  test("removed member: pull and bundle are 401 device-revoked with the reason; others unaffected", async () => {
    const s = await createTestServer();
    const anggota = await s.enrolDevice("m-anggota");
    const ketua = await s.enrolDevice("m-ketua");
    const bundle = testBundle();
    bundle.members = bundle.members.filter((m) => m.id !== "m-anggota");
    expect((await s.editEdition(bundle)).status).toBe(200);
    for (const path of ["/api/v1/sync/pull", "/api/v1/editions/ed-test/bundle"]) {
      const res = await s.request("GET", path, undefined, anggota);
      expect(res.status, path).toBe(401);
      expect(res.body).toMatchObject({ error: { code: "device-revoked", details: { reason: "member-removed" } } });
    }
    expect((await s.pull(ketua)).status).toBe(200);
    await s.close();
  });

  test("a member left with no assignment is revoked with assignment-removed; losing only some keeps the tablet", async () => {
    const s = await createTestServer();
    const ketua = await s.enrolDevice("m-ketua");
    expect((await s.editEdition(testBundle())).status).toBe(200);
    expect((await s.pull(ketua)).status).toBe(200);
    const bundle = testBundle();
    const member = bundle.members.find((m) => m.id === "m-ketua");
    if (!member) throw new Error("fixture");
    member.assignments = [{ componentId: "cmp-paparan", participantIds: ["p-5201"] }];
    expect((await s.editEdition(bundle)).status).toBe(200);
    expect((await s.pull(ketua)).status).toBe(200);
    member.assignments = [];
    expect((await s.editEdition(bundle)).status).toBe(200);
    const res = await s.pull(ketua);
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: { details: { reason: "assignment-removed" } } });
    const audit = (await s.store.audit.list("ed-test", 0, 1000)).filter((e) => e.field === "revoked");
    expect(audit.map((e) => [e.key, e.new])).toEqual([[deviceIdFor("m-ketua"), "assignment-removed"]]);
    await s.close();
  });
});

describe("headers and small things", () => {
  test("every API answer is no-store; the Bearer scheme is case-insensitive; a device cannot log out", async () => {
    const s = await createTestServer();
    const token = await s.enrolDevice("m-ketua");
    const lower = await s.request("GET", "/api/v1/me", undefined, undefined, { Authorization: `bearer ${token}` });
    expect(lower.status).toBe(200);
    expect(lower.headers.get("Cache-Control")).toBe("no-store");
    expect((await s.request("GET", "/api/v1/nothing")).headers.get("Cache-Control")).toBe("no-store");
    const logout = await s.request("POST", "/api/v1/auth/logout", undefined, token);
    expect(logout.status).toBe(400);
    expect((await s.pull(token)).status).toBe(200);
    await s.close();
  });
});
