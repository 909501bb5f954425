import { createHash } from "node:crypto";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { parseStamp } from "../../src/domain/hlc.ts";
import type { PushResponse } from "../../src/protocol/wire.ts";
import { canonicalJson } from "../../src/domain/canonical-json.ts";
import { payloadHash } from "../../src/server/push.ts";
import { stampAt, TEST_MILLIS } from "../fixtures/builders.ts";
import { createTestServer, deviceIdFor, type TestServer, testBundle } from "../helpers/in-process-server.ts";
import { docScore, paparanScore, sheetChange, sheetKeyOf } from "./mutations.ts";
import { engines, useEngines } from "../helpers/engines.ts";

useEngines();

describe.each(engines)("%s", (engine) => {
  let server: TestServer;
  let ketua: string;
  const KETUA_DEVICE = deviceIdFor("m-ketua");

  beforeEach(async () => {
    server = await createTestServer({ engine });
    ketua = await server.enrolDevice("m-ketua");
  });
  afterEach(() => server.close());

  const auditCount = () => server.store.audit.count();

  describe("POST /sync/push", () => {
    test("applies a score and answers a replay as duplicate without doing it again", async () => {
      const m = paparanScore("m-ketua");
      const first = await server.push(ketua, KETUA_DEVICE, [m]);
      expect(first.status).toBe(200);
      expect(first.body.results[0]).toMatchObject({ mutationId: m.mutationId, status: "applied" });
      // Stored as sent: the tablet holds that copy already, so the reply does not repeat it.
      expect(first.body.results[0]).not.toHaveProperty("serverRecord");
      expect(first.body.results[0]?.version).toBe((await server.store.records.get("scores", m.key))?.version);
      expect(first.body.lastSeq).toBe(m.seq);
      const audits = await auditCount();
      const counts = await server.store.counts();

      const second = await server.push(ketua, KETUA_DEVICE, [m]);
      expect(second.status).toBe(200);
      expect(second.body.results[0]).toMatchObject({ status: "duplicate", originalStatus: "applied" });
      expect(second.body.results[0]?.version).toBe(first.body.results[0]?.version);
      // A replay always carries the server's copy: the tablet asking again may have lost the first answer.
      expect(second.body.results[0]?.serverRecord).toMatchObject({ key: m.key, points: 80 });
      expect(await server.store.counts()).toEqual(counts);
      expect(await auditCount()).toBe(audits);
      expect(await server.store.records.list("scores", "ed-test")).toHaveLength(1);
      const gradeAudits = (await server.store.audit.list("ed-test", 0, 100)).filter(
        (e) => e.mutationId === m.mutationId,
      );
      expect(gradeAudits).toHaveLength(1);
      expect(gradeAudits[0]).toMatchObject({ field: "grade", old: null, new: { level: null, points: 80 } });
    });

    test("one record changed several times in one batch is stored once, in its last state, under its last version", async () => {
      const first = paparanScore("m-ketua", "p-5201", 10);
      const note = { ...paparanScore("m-ketua", "p-5201", 0), changes: { note: "Data desa belum lengkap" } };
      const last = paparanScore("m-ketua", "p-5201", 70);
      const other = paparanScore("m-ketua", "p-5202", 55);
      const res = await server.push(ketua, KETUA_DEVICE, [first, note, last, other]);
      expect(res.status).toBe(200);
      const results = res.body.results;
      expect(results.map((r) => r.status)).toEqual(["applied", "applied", "applied", "applied"]);
      const versions = results.map((r) => r.version as number);
      // Every change took its own version, in handling order.
      expect(new Set(versions).size).toBe(4);
      expect(versions[1]).toBeGreaterThan(versions[0] as number);
      expect(versions[2]).toBeGreaterThan(versions[1] as number);

      const stored = await server.store.records.get("scores", first.key);
      expect(stored?.version).toBe(versions[2]);
      expect(stored?.record).toMatchObject({ points: 70, note: "Data desa belum lengkap", version: versions[2] });
      expect(stored?.record.stamps).toEqual({ grade: last.stamp, note: note.stamp });
      expect((await server.store.records.get("scores", other.key))?.version).toBe(versions[3]);
      expect(await server.store.records.list("scores", "ed-test")).toHaveLength(2);

      // Each change is audited with the version it took, though only the last state was written.
      const audits = (await server.store.audit.list("ed-test", 0, 100)).filter((e) => e.key === first.key);
      expect(audits.map((e) => [e.field, e.version])).toEqual([
        ["grade", versions[0]],
        ["note", versions[1]],
        ["grade", versions[2]],
      ]);
      expect(audits[2]).toMatchObject({ old: { level: null, points: 10 }, new: { level: null, points: 70 } });

      // The feed has the record once, at its last version: a puller never sees a state the batch passed through.
      const pulled = await server.pull(ketua, { since: 0 });
      const rows = pulled.body.rows.filter((r) => r.key === first.key);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ version: versions[2], record: { points: 70 } });
    });

    test("a reused mutation id with different content is refused with 409 and changes nothing", async () => {
      const m = paparanScore("m-ketua");
      await server.push(ketua, KETUA_DEVICE, [m]);
      const before = await server.store.counts();
      const other = paparanScore("m-ketua", "p-5202");
      const forged = { ...m, changes: { grade: { level: null, points: 10 } } };
      const res = await server.push(ketua, KETUA_DEVICE, [other, forged]);
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ error: { code: "mutation-id-reused", details: { mutationId: m.mutationId } } });
      expect(await server.store.counts()).toEqual(before);
      expect((await server.store.records.get("scores", m.key))?.record.points).toBe(80);
    });

    test("a reused id inside one batch with different content is refused with 409", async () => {
      const m = paparanScore("m-ketua");
      const before = await server.store.counts();
      const res = await server.push(ketua, KETUA_DEVICE, [m, { ...m, changes: { note: "lain" } }]);
      expect(res.status).toBe(409);
      expect(await server.store.counts()).toEqual(before);
    });

    test("the same id twice in one batch with the same content: the second is a duplicate of the first", async () => {
      const m = paparanScore("m-ketua");
      const res = await server.push(ketua, KETUA_DEVICE, [m, m]);
      expect(res.status).toBe(200);
      expect(res.body.results.map((r) => r.status)).toEqual(["applied", "duplicate"]);
      expect(res.body.results[1]).toMatchObject({ originalStatus: "applied", version: res.body.results[0]?.version });
      expect(res.body.results[1]?.serverRecord).toMatchObject({ key: m.key, points: 80 });
      expect(await server.store.seen.count()).toBe(1);
      expect(
        (await server.store.audit.list("ed-test", 0, 100)).filter((e) => e.mutationId === m.mutationId),
      ).toHaveLength(1);
    });

    test("later mutations of a batch see what earlier ones wrote", async () => {
      const first = paparanScore("m-ketua", "p-5201", 60);
      const second = paparanScore("m-ketua", "p-5201", 70);
      const finalise = sheetChange("m-ketua", "p-5201", { finalised: true });
      const late = paparanScore("m-ketua", "p-5201", 90);
      const res = await server.push(ketua, KETUA_DEVICE, [first, second, finalise, late]);
      expect(res.body.results.map((r) => r.status)).toEqual(["applied", "applied", "applied", "rejected"]);
      expect(res.body.results[3]).toMatchObject({ reasonCode: "sheet-finalised", serverRecord: { points: 70 } });
      const [v1, v2, v3] = res.body.results.map((r) => r.version ?? 0);
      expect(v2).toBeGreaterThan(v1 ?? 0);
      expect(v3).toBeGreaterThan(v2 ?? 0);
      // The version counter is written once for the batch and ends at the last version handed out.
      expect(await server.store.currentVersion()).toBe(v3);
      expect((await server.store.records.get("scores", first.key))?.version).toBe(v2);
      expect((await server.store.records.get("sheets", sheetKeyOf("m-ketua", "p-5201")))?.record.finalised).toBe(true);
    });

    test("a lost reply followed by a retry applies the batch once", async () => {
      const batch = [
        paparanScore("m-ketua"),
        paparanScore("m-ketua", "p-5202", 70),
        sheetChange("m-ketua", "p-5201", { strengths: "Data lengkap" }),
      ];
      await server.push(ketua, KETUA_DEVICE, batch); // reply "lost"
      const afterFirst = await server.store.counts();
      const retry = await server.push(ketua, KETUA_DEVICE, batch);
      expect(retry.status).toBe(200);
      expect(retry.body.results.map((r) => r.status)).toEqual(["duplicate", "duplicate", "duplicate"]);
      expect(retry.body.results.map((r) => r.originalStatus)).toEqual(["applied", "applied", "applied"]);
      expect(await server.store.counts()).toEqual(afterFirst);
      expect(retry.body.lastSeq).toBe(batch[2]?.seq);
    });

    test("a rejected mutation is recorded as handled and does not block the ones after it", async () => {
      const refused = paparanScore("m-ketua", "p-5272"); // observer district, not assigned
      const fine = paparanScore("m-ketua", "p-5201");
      const res = await server.push(ketua, KETUA_DEVICE, [fine, refused].reverse());
      expect(res.status).toBe(200);
      const byId = new Map(res.body.results.map((r) => [r.mutationId, r]));
      expect(byId.get(refused.mutationId)).toMatchObject({
        status: "rejected",
        reasonCode: "not-assigned",
        serverRecord: null,
      });
      expect(byId.get(refused.mutationId)?.reason).toMatch(/ditugaskan/);
      expect(byId.get(fine.mutationId)?.status).toBe("applied");
      expect(res.body.lastSeq).toBe(Math.max(refused.seq, fine.seq));
      expect((await server.store.devices.byId(KETUA_DEVICE))?.lastSeq).toBe(res.body.lastSeq);
      expect(await server.store.seen.get(refused.mutationId)).toBeDefined();

      const replay = await server.push(ketua, KETUA_DEVICE, [refused], { "Accept-Language": "en" });
      expect(replay.body.results[0]).toMatchObject({
        status: "duplicate",
        originalStatus: "rejected",
        reasonCode: "not-assigned",
      });
      expect(replay.body.results[0]?.reason).toMatch(/not assigned/);
    });

    test("results come back in seq order whatever order the batch was sent in", async () => {
      const a = paparanScore("m-ketua", "p-5201", 60);
      const b = paparanScore("m-ketua", "p-5201", 90);
      const res = await server.push(ketua, KETUA_DEVICE, [b, a]);
      expect(res.body.results.map((r) => r.mutationId)).toEqual([a.mutationId, b.mutationId]);
      expect((await server.store.records.get("scores", a.key))?.record.points).toBe(90);
    });

    test("an older write to a field answers conflict with the winning server copy", async () => {
      const tech = await server.enrolDevice("m-tech");
      const techDevice = deviceIdFor("m-tech");
      const tablet2 = await server.enrolDevice("m-tech", "tech_tablet_2");
      const newer = docScore("m-tech", "p-5201", "B", { millis: TEST_MILLIS + 60_000 });
      const older = docScore("m-tech", "p-5201", "C", { deviceId: "tech_tablet_2", millis: TEST_MILLIS + 1_000 });
      expect((await server.push(tech, techDevice, [newer])).body.results[0]?.status).toBe("applied");
      const res = await server.push(tablet2, "tech_tablet_2", [older]);
      expect(res.body.results[0]).toMatchObject({ status: "conflict", serverRecord: { level: "B" } });
      expect((await server.store.records.get("scores", newer.key))?.record.level).toBe("B");
    });

    test("a change that won only some of its fields is answered with the server's copy", async () => {
      const tablet2 = await server.enrolDevice("m-ketua", "ketua_tablet_2");
      const laterNote = {
        ...paparanScore("m-ketua", "p-5201", 40, { deviceId: "ketua_tablet_2", millis: TEST_MILLIS + 60_000 }),
        changes: { note: "dari tablet 2" },
      };
      expect((await server.push(tablet2, "ketua_tablet_2", [laterNote])).body.results[0]?.status).toBe("applied");
      const both = {
        ...paparanScore("m-ketua", "p-5201", 85, { millis: TEST_MILLIS + 1_000 }),
        changes: { grade: { level: null, points: 85 }, note: "lebih lama" },
      };
      const res = await server.push(ketua, KETUA_DEVICE, [both]);
      expect(res.body.results[0]).toMatchObject({
        status: "applied",
        serverRecord: { points: 85, note: "dari tablet 2" },
      });
    });

    test("a stamp from a tablet whose clock runs 3 days ahead is capped to server time + 5 minutes", async () => {
      const threeDays = 3 * 24 * 60 * 60 * 1000;
      const ahead = paparanScore("m-ketua", "p-5201", 50, { millis: TEST_MILLIS + threeDays });
      const res = await server.push(ketua, KETUA_DEVICE, [ahead]);
      expect(res.body.results[0]?.status).toBe("applied");
      const stored = (await server.store.records.get("scores", ahead.key))?.record;
      // The tablet must learn the capped stamp at once: its own copy holds the uncapped one.
      expect(res.body.results[0]?.serverRecord?.stamps).toEqual(stored?.stamps);
      expect(parseStamp(stored?.stamps.grade ?? "")?.millis).toBe(TEST_MILLIS + 5 * 60 * 1000);
      expect(parseStamp(stored?.stamps.grade ?? "")?.node).toBe(KETUA_DEVICE);

      // Ten minutes later an honest tablet of the same member corrects the grade: it must win.
      server.advance(10 * 60 * 1000);
      const honestToken = await server.enrolDevice("m-ketua", "ketua_tablet_2");
      const fix = paparanScore("m-ketua", "p-5201", 75, {
        deviceId: "ketua_tablet_2",
        millis: TEST_MILLIS + 10 * 60 * 1000,
      });
      const res2 = await server.push(honestToken, "ketua_tablet_2", [fix]);
      expect(res2.body.results[0]?.status).toBe("applied");
      expect((await server.store.records.get("scores", ahead.key))?.record.points).toBe(75);
    });

    test("edits from a tablet running ahead keep their own order after capping", async () => {
      const threeDays = 3 * 24 * 60 * 60 * 1000;
      const edits = [60, 70, 80, 90].map((points, i) =>
        paparanScore("m-ketua", "p-5201", points, { millis: TEST_MILLIS + threeDays + i * 1000 }),
      );
      const res = await server.push(ketua, KETUA_DEVICE, edits);
      expect(res.body.results.map((r) => r.status)).toEqual(["applied", "applied", "applied", "applied"]);
      expect((await server.store.records.get("scores", edits[0]?.key ?? ""))?.record.points).toBe(90);
    });

    test("a refused write to another member's record does not reveal that record", async () => {
      const anggota = await server.enrolDevice("m-anggota");
      await server.push(anggota, deviceIdFor("m-anggota"), [paparanScore("m-anggota")]);
      const snoop = paparanScore("m-anggota", "p-5201", 1, { deviceId: KETUA_DEVICE });
      const res = await server.push(ketua, KETUA_DEVICE, [snoop]);
      expect(res.body.results[0]).toMatchObject({
        status: "rejected",
        reasonCode: "not-own-record",
        serverRecord: null,
      });
      expect(res.body.results[0]?.version).toBeUndefined();
    });

    test("another device sending a known mutation id gets 409, not the original's result", async () => {
      const m = paparanScore("m-ketua");
      await server.push(ketua, KETUA_DEVICE, [m]);
      const other = await server.enrolDevice("m-ketua", "ketua_tablet_2");
      const res = await server.push(other, "ketua_tablet_2", [m]);
      expect(res.status).toBe(409);
    });

    test("scores made against an older rubric whose indicator or level is gone are kept and flagged", async () => {
      const tech = await server.enrolDevice("m-tech");
      const techDevice = deviceIdFor("m-tech");
      const onDeleted = docScore("m-tech", "p-5201", "B", { identity: { indicatorId: "ind-1.2" } });
      const onLevelD = docScore("m-tech", "p-5202", "D");
      expect((await server.push(tech, techDevice, [onDeleted, onLevelD])).body.results.map((r) => r.status)).toEqual([
        "applied",
        "applied",
      ]);

      // The coordinator deletes indicator 1.2 and level D of 1.1.
      const bundle = testBundle();
      const doc = bundle.rubric.components[0];
      if (!doc) throw new Error("fixture");
      doc.indicators = doc.indicators
        .filter((i) => i.id !== "ind-1.2")
        .map((i) => ({ ...i, levels: i.levels.slice(0, 3) }));
      const imported = await server.editEdition<{ rubric: { version: number } }>(bundle);
      expect(imported.status).toBe(200);
      expect(imported.body.rubric.version).toBe(2);

      // Already stored scores are flagged.
      const data = await server.request<{ needsReview: string[] }>(
        "GET",
        "/api/v1/editions/ed-test/data",
        undefined,
        server.coordinatorToken,
      );
      expect(data.body.needsReview.sort()).toEqual([onDeleted.key, onLevelD.key].sort());

      // A tablet that has not pulled the new rubric yet pushes against version 1: kept, flagged.
      const late = docScore("m-tech", "p-5202", "B", { identity: { indicatorId: "ind-1.2" } });
      const lateLevel = docScore("m-tech", "p-5201", "D");
      const res = await server.push(tech, techDevice, [late, lateLevel]);
      expect(res.body.results.map((r) => [r.status, r.needsReview])).toEqual([
        ["applied", true],
        ["applied", true],
      ]);
      const pulled = await server.pull(tech, { since: 0 });
      const flagged = pulled.body.rows.filter((r) => r.table === "scores" && "needsReview" in r && r.needsReview);
      expect(flagged.map((r) => r.key).sort()).toEqual([onDeleted.key, onLevelD.key, late.key, lateLevel.key].sort());

      // Against the current version the same grade is simply wrong.
      const current = docScore("m-tech", "p-5201", "D", { identity: { rubricVersion: 2 } });
      const gone = docScore("m-tech", "p-5201", "A", { identity: { rubricVersion: 2, indicatorId: "ind-1.2" } });
      const res2 = await server.push(tech, techDevice, [current, gone]);
      expect(res2.body.results.map((r) => r.reasonCode)).toEqual(["invalid-grade", "unknown-indicator"]);

      // A fresh valid grade clears the flag.
      const fixed = docScore("m-tech", "p-5201", "A", { identity: { rubricVersion: 2 } });
      const res3 = await server.push(tech, techDevice, [fixed]);
      expect(res3.body.results[0]).toMatchObject({ status: "applied" });
      expect(res3.body.results[0]?.needsReview).toBeUndefined();
    });

    test("a revoked device gets 401 and its next push changes nothing", async () => {
      await server.push(ketua, KETUA_DEVICE, [paparanScore("m-ketua")]);
      const revoke = await server.request(
        "DELETE",
        `/api/v1/devices/${KETUA_DEVICE}`,
        undefined,
        server.coordinatorToken,
      );
      expect(revoke.status).toBe(200);
      const before = await server.store.counts();
      const res = await server.push(ketua, KETUA_DEVICE, [paparanScore("m-ketua", "p-5202")]);
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ error: { code: "device-revoked", details: { reason: "revoked" } } });
      expect((await server.pull(ketua)).status).toBe(401);
      expect(await server.store.counts()).toEqual(before);
    });

    test("bad tokens are 401, a missing token is 401, a coordinator session cannot push", async () => {
      const body = [paparanScore("m-ketua")];
      expect((await server.push("x".repeat(43), KETUA_DEVICE, body)).status).toBe(401);
      expect(
        (
          await server.request("POST", "/api/v1/sync/push", {
            protocolVersion: 1,
            deviceId: KETUA_DEVICE,
            mutations: body,
          })
        ).status,
      ).toBe(401);
      expect((await server.push(server.coordinatorToken, KETUA_DEVICE, body)).status).toBe(403);
    });

    test("a body over 1 MB is 413 and a batch over 500 mutations is 413", async () => {
      const big = paparanScore("m-ketua");
      const huge = { ...big, changes: { note: "x".repeat(1024 * 1024) } };
      const res = await server.push(ketua, KETUA_DEVICE, [huge]);
      expect(res.status).toBe(413);
      expect(res.body).toMatchObject({ error: { code: "payload-too-large" } });

      const many = Array.from({ length: 501 }, () => paparanScore("m-ketua"));
      const before = await server.store.counts();
      const res2 = await server.push(ketua, KETUA_DEVICE, many);
      expect(res2.status).toBe(413);
      expect(res2.body).toMatchObject({ error: { code: "batch-too-large" } });
      expect(await server.store.counts()).toEqual(before);
    });

    test("500 mutations in one batch are fine", async () => {
      const many = Array.from({ length: 500 }, (_, i) => ({ ...paparanScore("m-ketua"), changes: { note: `n${i}` } }));
      const res = await server.push(ketua, KETUA_DEVICE, many);
      expect(res.status).toBe(200);
      expect(res.body.results.every((r) => r.status === "applied")).toBe(true);
    });

    test("protocol versions: current accepted, unknown refused in plain words", async () => {
      const m = paparanScore("m-ketua");
      for (const protocolVersion of [0, 2, 99]) {
        const res = await server.request<{ error: { code: string; message: string } }>(
          "POST",
          "/api/v1/sync/push?lang=en",
          { protocolVersion, deviceId: KETUA_DEVICE, mutations: [m] },
          ketua,
        );
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe("protocol-unsupported");
        expect(res.body.error.message).toMatch(/app version/);
      }
    });

    test("a push naming another device is refused; mutations of another device are rejected", async () => {
      const m = paparanScore("m-ketua");
      const res = await server.push(ketua, "someone_else", [m]);
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ error: { code: "device-mismatch" } });
      const foreign = paparanScore("m-ketua", "p-5201", 10, { deviceId: "other_tablet" });
      const res2 = await server.push(ketua, KETUA_DEVICE, [foreign]);
      expect(res2.body.results[0]).toMatchObject({ status: "rejected", reasonCode: "wrong-device" });
    });

    test("malformed mutations refuse the whole request with the index of each bad one", async () => {
      const good = paparanScore("m-ketua");
      const bad = { ...paparanScore("m-ketua"), stamp: "yesterday" };
      const before = await server.store.counts();
      const res = await server.request<{
        error: { code: string; details: { invalid: Array<{ index: number; mutationId: string; errors: string[] }> } };
      }>("POST", "/api/v1/sync/push", { protocolVersion: 1, deviceId: KETUA_DEVICE, mutations: [good, bad] }, ketua);
      expect(res.status).toBe(400);
      expect(res.body.error.details.invalid).toEqual([
        { index: 1, mutationId: bad.mutationId, errors: expect.any(Array) },
      ]);
      expect(res.body.error.details.invalid[0]?.errors.join(" ")).toMatch(/cap waktu/);
      expect(await server.store.counts()).toEqual(before);
    });

    test("a body that is not JSON is 415 or 400", async () => {
      const res = await server.request("POST", "/api/v1/sync/push", "protocolVersion=1", ketua, {
        "Content-Type": "text/plain",
      });
      expect(res.status).toBe(415);
      const res2 = await server.request("POST", "/api/v1/sync/push", "{not json", ketua);
      expect(res2.status).toBe(400);
      expect(res2.body).toMatchObject({ error: { code: "invalid-body" } });
    });

    test("the response carries server time and the stamp builder agrees with the device", async () => {
      const res = await server.push(ketua, KETUA_DEVICE, [paparanScore("m-ketua")]);
      const body: PushResponse = res.body;
      expect(body.serverTime).toBe(TEST_MILLIS);
      expect(stampAt(TEST_MILLIS, 0, KETUA_DEVICE)).toMatch(/d_m_ketua$/);
    });
  });

  /** The canonical form earlier servers hashed; stored hashes were made with it, so it must not drift. */
  const legacyCanonical = (value: unknown): string => {
    if (Array.isArray(value)) return `[${value.map(legacyCanonical).join(",")}]`;
    if (value !== null && typeof value === "object") {
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${legacyCanonical(v)}`).join(",")}}`;
    }
    return JSON.stringify(value) ?? "null";
  };

  describe("payload hash", () => {
    test("is the one earlier servers stored, so a retry across an upgrade is still a duplicate", () => {
      fc.assert(
        fc.property(fc.jsonValue(), (value) => {
          expect(canonicalJson(value)).toBe(legacyCanonical(value));
        }),
        { numRuns: 500 },
      );
      const m = paparanScore("m-ketua");
      const reordered = Object.fromEntries(Object.entries(m).reverse()) as typeof m;
      const legacy = createHash("sha256").update(legacyCanonical(m)).digest("hex");
      expect(payloadHash(m)).toBe(legacy);
      expect(payloadHash(reordered)).toBe(legacy);
      expect(canonicalJson(JSON.parse('{"b":[1],"__proto__":1,"10":2,"9":3}'))).toBe(
        '{"10":2,"9":3,"__proto__":1,"b":[1]}',
      );
      expect(canonicalJson({ a: undefined, b: [undefined] })).toBe('{"b":[null]}');
    });
  });
});
