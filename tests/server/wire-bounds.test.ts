import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { MutationSchema, validate } from "../../src/domain/schemas.ts";
import { createTestServer, deviceIdFor, type TestServer } from "../helpers/in-process-server.ts";
import { docScore, paparanScore } from "./mutations.ts";
import { engines, useEngines } from "../helpers/engines.ts";

useEngines();

describe.each(engines)("%s", (engine) => {
  const DEVICE = deviceIdFor("m-ketua");
  let s: TestServer;
  let token: string;

  beforeAll(async () => {
    s = await createTestServer({ engine });
    token = await s.enrolDevice("m-ketua");
  });
  afterAll(() => s.close());

  /** Numbers a client could send: JSON has no NaN or Infinity, so those arrive as null. */
  const anyNumber = fc.oneof(
    fc.integer(),
    fc.double(),
    fc.constantFrom(1e300, -1e300, 1.79e308, 2 ** 53, 2 ** 63, 2 ** 64, Number.MAX_SAFE_INTEGER, -1, 0.5, -0),
  );

  const set = (target: Record<string, unknown>, path: readonly string[], value: unknown): void => {
    const [head, ...rest] = path;
    if (head === undefined) return;
    if (rest.length === 0) target[head] = value;
    else set(target[head] as Record<string, unknown>, rest, value);
  };

  const NUMERIC_PATHS = [
    ["seq"],
    ["baseVersion"],
    ["identity", "rubricVersion"],
    ["changes", "grade", "points"],
  ] as const;

  describe("every number the wire accepts is storable", () => {
    test.each([
      ["seq", ["seq"]],
      ["baseVersion", ["baseVersion"]],
      ["rubricVersion", ["identity", "rubricVersion"]],
    ] as const)("%s: 1e300 is refused with 400 and changes nothing", async (_name, path) => {
      const m = paparanScore("m-ketua") as unknown as Record<string, unknown>;
      set(m, path, 1e300);
      const before = await s.store.counts();
      const res = await s.push(token, DEVICE, [m]);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: { code: "invalid-body" } });
      expect(await s.store.counts()).toEqual(before);
    });

    test("protocolVersion 1e300 is a 400, not a 500", async () => {
      const res = await s.request(
        "POST",
        "/api/v1/sync/push",
        { protocolVersion: 1e300, deviceId: DEVICE, mutations: [] },
        token,
      );
      expect(res.status).toBe(400);
    });

    test("property: a mutation the schema accepts is answered 200; anything else 4xx; never 5xx", async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...NUMERIC_PATHS), anyNumber, fc.boolean(), async (path, value, levels) => {
          const base = levels ? docScore("m-ketua", "p-5201", "A", { deviceId: DEVICE }) : paparanScore("m-ketua");
          const m = structuredClone(base) as unknown as Record<string, unknown>;
          if (path[1] !== "grade" || !levels) set(m, path, value);
          const accepted = validate(MutationSchema, JSON.parse(JSON.stringify(m)), "en").ok;
          const res = await s.push(token, DEVICE, [m]);
          expect(res.status).toBeLessThan(500);
          expect(res.status).toBe(accepted ? 200 : 400);
        }),
        { numRuns: 150 },
      );
    });

    test("property: arbitrary JSON in any mutation field never causes a 5xx", async () => {
      const fields = ["mutationId", "seq", "key", "baseVersion", "stamp", "table", "identity", "changes", "deviceId"];
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...fields), fc.jsonValue(), async (field, value) => {
          const m = structuredClone(paparanScore("m-ketua")) as unknown as Record<string, unknown>;
          m[field] = value;
          const res = await s.push(token, DEVICE, [m]);
          expect(res.status).toBeLessThan(500);
        }),
        { numRuns: 150 },
      );
    });
  });
});
