import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { PullRow } from "../../src/protocol/wire.ts";
import { createTestServer, deviceIdFor, type TestServer, testBundle } from "../helpers/in-process-server.ts";
import { docScore, paparanScore, sheetChange } from "./mutations.ts";
import { engines, useEngines } from "../helpers/engines.ts";

useEngines();

describe.each(engines)("%s", (engine) => {
  let server: TestServer;
  let ketua: string;
  let anggota: string;

  beforeEach(async () => {
    server = await createTestServer({ engine });
    ketua = await server.enrolDevice("m-ketua");
    anggota = await server.enrolDevice("m-anggota");
  });
  afterEach(() => server.close());

  const pullAll = async (token: string, limit: number, edition?: string) => {
    const rows: PullRow[] = [];
    let since = 0;
    let pages = 0;
    for (;;) {
      const res = await server.pull(token, { since, limit, ...(edition ? { edition } : {}) });
      expect(res.status).toBe(200);
      rows.push(...res.body.rows);
      pages += 1;
      expect(res.body.cursor).toBe(res.body.rows.at(-1)?.version ?? since);
      since = res.body.cursor;
      if (!res.body.more) break;
      expect(res.body.rows).toHaveLength(limit);
    }
    return { rows, pages, cursor: since };
  };

  describe("GET /sync/pull", () => {
    test("pages through everything in version order with `more` and the cursor", async () => {
      const notes = Array.from({ length: 23 }, (_, i) => ({
        ...paparanScore("m-ketua"),
        changes: { note: `catatan ${i}` },
      }));
      // Distinct records: alternate the participant so not all notes land on one key.
      const batch = [
        ...notes,
        paparanScore("m-ketua", "p-5202"),
        sheetChange("m-ketua", "p-5201", { strengths: "baik" }),
      ];
      expect((await server.push(ketua, deviceIdFor("m-ketua"), batch)).status).toBe(200);

      const whole = await server.pull(ketua, { since: 0, limit: 2000 });
      expect(whole.body.more).toBe(false);
      const { rows, pages, cursor } = await pullAll(ketua, 3);
      expect(pages).toBeGreaterThan(3);
      expect(rows.map((r) => r.key)).toEqual(whole.body.rows.map((r) => r.key));
      const versions = rows.map((r) => r.version);
      expect([...versions].sort((a, b) => a - b)).toEqual(versions);
      expect(new Set(versions).size).toBe(versions.length);
      expect(
        rows
          .filter((r) => r.table === "scores")
          .map((r) => r.key)
          .sort(),
      ).toEqual([batch[0]?.key, batch[23]?.key].sort());
      expect(rows.some((r) => r.table === "editions")).toBe(true);
      expect(rows.filter((r) => r.table === "participants")).toHaveLength(3);

      // Nothing new: an empty page that keeps the cursor.
      const again = await server.pull(ketua, { since: cursor });
      expect(again.body).toMatchObject({ rows: [], cursor, more: false });
    });

    test("a panelist sees reference rows and only their own records; the coordinator sees all", async () => {
      await server.push(ketua, deviceIdFor("m-ketua"), [paparanScore("m-ketua")]);
      await server.push(anggota, deviceIdFor("m-anggota"), [paparanScore("m-anggota")]);
      const own = (await server.pull(ketua, { since: 0 })).body.rows.filter((r) => r.table === "scores");
      expect(own.map((r) => r.record && "memberId" in r.record && r.record.memberId)).toEqual(["m-ketua"]);
      const all = await server.pull(server.coordinatorToken, { since: 0, edition: "ed-test" });
      expect(all.body.rows.filter((r) => r.table === "scores")).toHaveLength(2);
      expect((await server.pull(server.coordinatorToken, { since: 0 })).status).toBe(400);
      expect((await server.pull(server.coordinatorToken, { edition: "nope" })).status).toBe(404);
      expect((await server.pull(ketua, { edition: "other-edition" })).status).toBe(403);
    });

    test("removed participants and members come down as deletion markers", async () => {
      const first = await server.pull(ketua, { since: 0 });
      const bundle = testBundle();
      bundle.participants = bundle.participants.filter((p) => p.id !== "p-5272");
      bundle.members = bundle.members.filter((m) => m.id !== "m-observer");
      const res = await server.editEdition(bundle);
      expect(res.status).toBe(200);
      const next = await server.pull(ketua, { since: first.body.cursor });
      expect(next.body.rows.map((r) => [r.table, r.key, r.record])).toEqual([
        ["participants", "p-5272", null],
        ["members", "m-observer", null],
      ]);
      // Re-importing the same bundle again is silent.
      await server.editEdition(bundle);
      expect((await server.pull(ketua, { since: next.body.cursor })).body.rows).toEqual([]);
      // Bringing one back replaces the marker with the row.
      await server.editEdition(testBundle());
      const back = await server.pull(ketua, { since: next.body.cursor });
      expect(back.body.rows.map((r) => [r.table, r.key, r.record === null])).toEqual([
        ["participants", "p-5272", false],
        ["members", "m-observer", false],
      ]);
      const fromScratch = await server.pull(ketua, { since: 0 });
      expect(fromScratch.body.rows.filter((r) => r.record === null)).toEqual([]);
    });

    test("limit and since are checked", async () => {
      const queries: Array<Record<string, string | number>> = [
        { limit: 0 },
        { limit: 2001 },
        { since: -1 },
        { since: "abc" },
        { limit: "1e3" },
      ];
      for (const q of queries) {
        const res = await server.pull(ketua, q);
        expect(res.status, JSON.stringify(q)).toBe(400);
      }
      expect((await server.pull(ketua, { limit: 2000 })).status).toBe(200);
      const defaults = await server.pull(ketua);
      expect(defaults.status).toBe(200);
      expect(defaults.body.more).toBe(false);
    });

    test("a technical reviewer's scores are theirs alone", async () => {
      const tech = await server.enrolDevice("m-tech");
      await server.push(tech, deviceIdFor("m-tech"), [docScore("m-tech")]);
      const rows = (await server.pull(ketua, { since: 0 })).body.rows;
      expect(rows.filter((r) => r.table === "scores")).toEqual([]);
      const techRows = (await server.pull(tech, { since: 0 })).body.rows;
      expect(techRows.filter((r) => r.table === "scores")).toHaveLength(1);
    });
  });
});
