import { describe, expect, test } from "vitest";
import type { EnrolResponse, JoinCodeListResponse, JoinCodeResponse, LoginResponse } from "../../src/protocol/wire.ts";
import { JOIN_CODE_RE } from "../../src/protocol/wire.ts";
import { hashPassword, hashToken, newToken, verifyPassword } from "../../src/server/auth.ts";
import { issueJoinCode, JOIN_CODE_TTL_MS } from "../../src/server/enrolment.ts";
import { COORDINATOR_NAME, COORDINATOR_PASSWORD, createTestServer, deviceIdFor } from "../helpers/in-process-server.ts";
import { paparanScore } from "./mutations.ts";
import { engines, useEngines } from "../helpers/engines.ts";

useEngines();

describe.each(engines)("%s", (engine) => {
  /** Logins and setups hash for real (~0.3–1 s each on a busy machine); these tests check behaviour, not speed. */
  describe("coordinator accounts", { timeout: 60_000 }, () => {
    test("setup works once, with the printed one-time token only", async () => {
      const s = await createTestServer({ engine });
      const again = await s.request("POST", "/api/v1/auth/setup", {
        setupToken: "whatever-token",
        name: "kedua",
        password: "panjang-sekali",
      });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ error: { code: "setup-closed" } });
      s.close();
    });

    test("a wrong setup token is refused and creates nobody", async () => {
      const s = await createTestServer({ engine });
      await s.store.exec("DELETE FROM sessions");
      await s.store.exec("DELETE FROM coordinators");
      const token = newToken();
      await s.store.tx((t) => t.setupTokens.replace(hashToken(token), s.now(), s.now() + 1000));
      const wrong = await s.request("POST", "/api/v1/auth/setup", {
        setupToken: newToken(),
        name: "x",
        password: "12345678",
      });
      expect(wrong.status).toBe(401);
      expect(await s.store.coordinators.count()).toBe(0);
      const short = await s.request("POST", "/api/v1/auth/setup", { setupToken: token, name: "x", password: "1234" });
      expect(short.status).toBe(400);
      s.advance(2000);
      const expired = await s.request("POST", "/api/v1/auth/setup", {
        setupToken: token,
        name: "x",
        password: "12345678",
      });
      expect(expired.status).toBe(401);
      s.close();
    });

    test("login gives a bearer session; wrong password or name is 401; logout ends the session", async () => {
      const s = await createTestServer({ engine });
      const ok = await s.request<LoginResponse>("POST", "/api/v1/auth/login", {
        name: COORDINATOR_NAME,
        password: COORDINATOR_PASSWORD,
      });
      expect(ok.status).toBe(200);
      expect(ok.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect((await s.request("GET", "/api/v1/editions", undefined, ok.body.token)).status).toBe(200);
      expect(
        (await s.request("POST", "/api/v1/auth/login", { name: COORDINATOR_NAME, password: "salah-salah" })).status,
      ).toBe(401);
      const unknown = await s.request("POST", "/api/v1/auth/login", { name: "siapa", password: "salah-salah" });
      expect(unknown.status).toBe(401);
      expect(unknown.body).toMatchObject({
        error: { code: "invalid-credentials", message: "Nama atau kata sandi salah." },
      });
      expect((await s.request("POST", "/api/v1/auth/logout", undefined, ok.body.token)).status).toBe(204);
      expect((await s.request("GET", "/api/v1/editions", undefined, ok.body.token)).status).toBe(401);
      s.advance(13 * 60 * 60 * 1000);
      expect((await s.request("GET", "/api/v1/editions", undefined, s.coordinatorToken)).status).toBe(401);
      s.close();
    });

    test("tokens and passwords are stored only as hashes", async () => {
      const s = await createTestServer({ engine });
      const dump =
        JSON.stringify(await s.store.exec("SELECT * FROM sessions")) +
        JSON.stringify(await s.store.exec("SELECT * FROM coordinators"));
      expect(dump).not.toContain(s.coordinatorToken);
      expect(dump).not.toContain(COORDINATOR_PASSWORD);
      const stored = await hashPassword("kata sandi");
      expect(await verifyPassword("kata sandi", stored)).toBe(true);
      expect(await verifyPassword("kata sandj", stored)).toBe(false);
      expect(await verifyPassword("kata sandi", "garbage")).toBe(false);
      s.close();
    });
  });

  describe("enrolment", () => {
    test("the coordinator issues a short join code; a tablet enrols with it once", async () => {
      const s = await createTestServer({ engine });
      const issued = await s.request<JoinCodeResponse>(
        "POST",
        "/api/v1/editions/ed-test/members/m-anggota/join-code",
        undefined,
        s.coordinatorToken,
      );
      expect(issued.status).toBe(201);
      expect(issued.body.code).toMatch(JOIN_CODE_RE);
      expect(issued.body.joinUrl).toBe(`/#/join/${issued.body.code}`);
      expect(issued.body.maxUses).toBe(1);

      const typed = issued.body.code.toLowerCase().replace("-", " ");
      const enrol = await s.request<EnrolResponse>("POST", "/api/v1/enrol", {
        code: typed,
        deviceId: "tabletA",
        deviceName: "Tablet A",
      });
      expect(enrol.status).toBe(201);
      expect(enrol.body).toMatchObject({
        deviceId: "tabletA",
        editionId: "ed-test",
        member: { id: "m-anggota", role: "anggota" },
      });
      expect(enrol.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const me = await s.request<{ kind: string }>("GET", "/api/v1/me", undefined, enrol.body.token);
      expect(me.body).toMatchObject({ kind: "device", member: { id: "m-anggota" } });

      const second = await s.request("POST", "/api/v1/enrol", {
        code: issued.body.code,
        deviceId: "tabletB",
        deviceName: "Tablet B",
      });
      expect(second.status).toBe(404);
      expect(second.body).toMatchObject({ error: { code: "join-code-invalid" } });
      expect(await s.store.devices.byId("tabletB")).toBeUndefined();
      s.close();
    });

    test("unknown, expired and superseded codes are refused alike", async () => {
      const s = await createTestServer({ engine });
      const old = await issueJoinCode(s.store, "ed-test", "m-ketua", s.now());
      const latest = await issueJoinCode(s.store, "ed-test", "m-ketua", s.now());
      const body = (code: string) => ({ code, deviceId: "tab1", deviceName: "Tablet" });
      expect((await s.request("POST", "/api/v1/enrol", body(old.code))).status).toBe(404);
      expect((await s.request("POST", "/api/v1/enrol", body("AAA-AAA"))).status).toBe(404);
      expect((await s.request("POST", "/api/v1/enrol", body("not a code"))).status).toBe(400);
      expect(
        (await s.request("POST", "/api/v1/editions/ed-test/members/nobody/join-code", undefined, s.coordinatorToken))
          .status,
      ).toBe(404);
      s.advance(JOIN_CODE_TTL_MS + 1);
      expect((await s.request("POST", "/api/v1/enrol", body(latest.code))).status).toBe(404);
      s.close();
    });

    test("the coordinator lists the codes that can still enrol a tablet, latest per member, for reprinting", async () => {
      const s = await createTestServer({ engine });
      await issueJoinCode(s.store, "ed-test", "m-ketua", s.now());
      const ketua = await issueJoinCode(s.store, "ed-test", "m-ketua", s.now());
      const anggota = await issueJoinCode(s.store, "ed-test", "m-anggota", s.now());
      const list = () =>
        s.request<JoinCodeListResponse>("GET", "/api/v1/editions/ed-test/join-codes", undefined, s.coordinatorToken);
      expect((await list()).body.codes).toEqual([anggota, ketua]);
      // A used code no longer enrols, so it is not listed; nor is an expired one.
      const enrol = await s.request("POST", "/api/v1/enrol", { code: anggota.code, deviceId: "tabA", deviceName: "A" });
      expect(enrol.status).toBe(201);
      expect((await list()).body.codes).toEqual([ketua]);
      await issueJoinCode(s.store, "ed-test", "m-ketua", s.now(), 1000);
      s.advance(2000);
      expect((await list()).body.codes).toEqual([]);
      // Only for the coordinator: a tablet or nobody gets 401/403, an unknown edition 404.
      expect((await s.request("GET", "/api/v1/editions/ed-test/join-codes")).status).toBe(401);
      expect((await s.request("GET", "/api/v1/editions/nope/join-codes", undefined, s.coordinatorToken)).status).toBe(
        404,
      );
      s.close();
    });

    test("the same tablet enrolling again with its token replaces it; the old one stops working", async () => {
      const s = await createTestServer({ engine });
      const first = await s.enrolDevice("m-ketua");
      const second = await s.enrolDevice("m-ketua", undefined, first);
      expect(second).not.toBe(first);
      expect((await s.pull(first)).status).toBe(401);
      expect((await s.pull(second)).status).toBe(200);
      expect(await s.store.devices.list("ed-test")).toHaveLength(1);
      s.close();
    });

    test("a revoked device can be enrolled again with a new code and keeps its last seq", async () => {
      const s = await createTestServer({ engine });
      const dev = deviceIdFor("m-ketua");
      const token = await s.enrolDevice("m-ketua");
      await s.push(token, dev, [paparanScore("m-ketua")]);
      const seq = (await s.store.devices.byId(dev))?.lastSeq;
      const list = await s.request<{ devices: Array<{ id: string; revokedAt: number | null }> }>(
        "GET",
        "/api/v1/editions/ed-test/devices",
        undefined,
        s.coordinatorToken,
      );
      expect(list.body.devices.map((d) => d.id)).toEqual([dev]);
      await s.request("DELETE", `/api/v1/devices/${dev}`, undefined, s.coordinatorToken);
      expect((await s.request("DELETE", "/api/v1/devices/ghost", undefined, s.coordinatorToken)).status).toBe(404);
      const again = await s.enrolDevice("m-ketua", undefined, token);
      expect((await s.pull(again)).status).toBe(200);
      expect(await s.store.devices.byId(dev)).toMatchObject({ revokedAt: null, lastSeq: seq });
      const audit = (await s.store.audit.list("ed-test", 0, 1000))
        .filter((e) => e.table === "devices")
        .map((e) => e.field);
      expect(audit).toEqual(["enrolled", "revoked", "enrolled"]);
      s.close();
    });

    test("a join code plus another tablet's device id moves nothing: 409, and the victim stays authorised", async () => {
      const s = await createTestServer({ engine });
      const victimId = deviceIdFor("m-ketua");
      const victim = await s.enrolDevice("m-ketua");
      const before = await s.store.devices.byId(victimId);
      const attack = async (deviceToken?: string) =>
        s.request("POST", "/api/v1/enrol", {
          code: (await issueJoinCode(s.store, "ed-test", "m-anggota", s.now())).code,
          deviceId: victimId,
          deviceName: "Tablet penyerang",
          ...(deviceToken ? { deviceToken } : {}),
        });
      // Without a token, and with a token of a different (the attacker's own) device.
      const own = await s.enrolDevice("m-anggota");
      for (const res of [await attack(), await attack(own)]) {
        expect(res.status).toBe(409);
        expect(res.body).toMatchObject({ error: { code: "device-id-taken" } });
      }
      expect(await s.store.devices.byId(victimId)).toEqual(before);
      expect((await s.pull(victim)).status).toBe(200);
      s.close();
    });
  });
});
