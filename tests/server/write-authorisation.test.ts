import { describe, expect, test } from "vitest";
import { createTestServer, deviceIdFor, type TestServer, testBundle } from "../helpers/in-process-server.ts";
import { docScore, nomination, paparanScore, sheetChange } from "./mutations.ts";
import { engines, useEngines } from "../helpers/engines.ts";

useEngines();

describe.each(engines)("%s", (engine) => {
  const results = async (s: TestServer) =>
    (await s.request("GET", "/api/v1/editions/ed-test/results", undefined, s.coordinatorToken)).body;

  describe("nominations go through the same checks as scores", () => {
    test("an unassigned panelist's nomination is refused and changes no award", async () => {
      const s = await createTestServer({ engine });
      const anggota = await s.enrolDevice("m-anggota");
      const before = await results(s);
      const counts = await s.store.counts();
      // m-anggota is assigned p-5201 only.
      const res = await s.push(anggota, deviceIdFor("m-anggota"), [nomination("m-anggota", "p-5202")]);
      expect(res.status).toBe(200);
      expect(res.body.results[0]).toMatchObject({ status: "rejected", reasonCode: "not-assigned" });
      expect(await results(s)).toEqual(before);
      expect((await s.store.records.list("nominations", "ed-test")).length).toBe(0);
      expect((await s.store.counts()).nominations).toBe(counts.nominations);
      await s.close();
    });

    test("a nomination on a final sheet is refused until the coordinator reopens it", async () => {
      const s = await createTestServer({ engine });
      const ketua = await s.enrolDevice("m-ketua");
      const dev = deviceIdFor("m-ketua");
      await s.push(ketua, dev, [sheetChange("m-ketua", "p-5201", { finalised: true })]);
      const before = await results(s);
      const refused = await s.push(ketua, dev, [nomination("m-ketua", "p-5201")]);
      expect(refused.body.results[0]).toMatchObject({ status: "rejected", reasonCode: "sheet-finalised" });
      expect(await results(s)).toEqual(before);
      await s.request(
        "POST",
        "/api/v1/editions/ed-test/sheets/p-5201/m-ketua/reopen",
        { reason: "Nilai salah ketik" },
        s.coordinatorToken,
      );
      const after = await s.push(ketua, dev, [nomination("m-ketua", "p-5201")]);
      expect(after.body.results[0]?.status).toBe("applied");
      await s.close();
    });
  });

  describe("a score is checked against the rubric version it names", () => {
    test("a version the edition never had is refused with nothing stored, whatever the score says", async () => {
      const s = await createTestServer({ engine });
      const ketua = await s.enrolDevice("m-ketua");
      const before = await s.store.counts();
      const mutations = [
        // A document-review indicator under a paparan-only assignment.
        docScore("m-ketua", "p-5201", "A", { deviceId: deviceIdFor("m-ketua"), identity: { rubricVersion: 0 } }),
        paparanScore("m-ketua", "p-5201", 70, { identity: { rubricVersion: 0, indicatorId: "ind-nope" } }),
        paparanScore("m-ketua", "p-5201", 1.79e308, { identity: { rubricVersion: 0 } }),
      ];
      const res = await s.push(ketua, deviceIdFor("m-ketua"), mutations);
      expect(res.status).toBe(200);
      expect(res.body.results.map((r) => r.status)).toEqual(["rejected", "rejected", "rejected"]);
      expect(res.body.results[2]?.reasonCode).toBe("rubric-version-unknown");
      const after = await s.store.counts();
      expect(after.scores).toBe(before.scores);
      // Nothing applied is audited; each refusal is, once, with its reason for the coordinator.
      const audit = await s.store.audit.list("ed-test", 0, 1000);
      expect((after.audit_log ?? 0) - (before.audit_log ?? 0)).toBe(3);
      expect(audit.slice(-3).map((e) => e.refusedReason)).toEqual(res.body.results.map((r) => r.reasonCode));
      await s.close();
    });

    test("an earlier version that exists: wrong component, unknown indicator and huge points are refused; a fitting score is kept", async () => {
      const s = await createTestServer({ engine });
      const ketua = await s.enrolDevice("m-ketua");
      const dev = deviceIdFor("m-ketua");
      const bundle = testBundle();
      const paparan = bundle.rubric.components[1];
      if (!paparan) throw new Error("fixture");
      paparan.indicators = paparan.indicators.map((i) => ({ ...i, maxPoints: 50 }));
      expect((await s.editEdition(bundle)).status).toBe(200);
      const before = await s.store.counts();
      const res = await s.push(ketua, dev, [
        docScore("m-ketua", "p-5201", "A", {
          deviceId: dev,
          identity: { rubricVersion: 1, componentId: "cmp-paparan" },
        }),
        paparanScore("m-ketua", "p-5201", 70, { identity: { rubricVersion: 1, indicatorId: "ind-nope" } }),
        paparanScore("m-ketua", "p-5201", 1.79e308, { identity: { rubricVersion: 1 } }),
      ]);
      expect(res.body.results.map((r) => r.reasonCode)).toEqual([
        "invalid-grade",
        "unknown-indicator",
        "invalid-grade",
      ]);
      expect((await s.store.counts()).scores).toBe(before.scores);
      // 80 fitted version 1 (max 100); it is kept, flagged against version 2 (max 50).
      const fits = await s.push(ketua, dev, [
        paparanScore("m-ketua", "p-5201", 80, { identity: { rubricVersion: 1 } }),
      ]);
      expect(fits.body.results[0]).toMatchObject({ status: "applied", needsReview: true });
      await s.close();
    });
  });
});
