/*
 * Hostile input: whatever arrives at push, enrol or edition import, the answer is a
 * 4xx and not one row anywhere changes.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parseBundle } from "../../src/server/editions.ts";
import { createTestServer, deviceIdFor, type TestServer, testBundle } from "../helpers/in-process-server.ts";
import { paparanScore } from "./mutations.ts";
import { engines, useEngines } from "../helpers/engines.ts";

useEngines();

describe.each(engines)("%s", (engine) => {
  let server: TestServer;
  let token: string;
  const DEVICE = deviceIdFor("m-ketua");

  beforeAll(async () => {
    server = await createTestServer({ engine });
    token = await server.enrolDevice("m-ketua");
    await server.push(token, DEVICE, [paparanScore("m-ketua")]);
  });
  afterAll(() => server.close());

  const RUNS = 150;

  const expectRefusedWithoutChange = async (path: string, body: unknown, auth?: string) => {
    const before = await server.store.counts();
    const res = await server.request(path.startsWith("GET") ? "GET" : "POST", path.replace(/^GET /, ""), body, auth);
    expect(res.status, JSON.stringify(body)?.slice(0, 300)).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
    expect(await server.store.counts()).toEqual(before);
  };

  /** Drops one key somewhere in a JSON object tree, chosen by `pick`. */
  const dropKey = (value: unknown, pick: number): unknown => {
    const paths: string[][] = [];
    const walk = (v: unknown, path: string[]) => {
      if (v && typeof v === "object" && !Array.isArray(v))
        for (const [k, child] of Object.entries(v)) {
          paths.push([...path, k]);
          walk(child, [...path, k]);
        }
    };
    walk(value, []);
    const target = paths[pick % paths.length] ?? [];
    const copy = structuredClone(value) as Record<string, unknown>;
    let node: Record<string, unknown> = copy;
    for (const k of target.slice(0, -1)) node = node[k] as Record<string, unknown>;
    delete node[target.at(-1) ?? ""];
    return copy;
  };

  const isValidImport = (data: unknown): boolean => {
    try {
      parseBundle(data, "en");
      return true;
    } catch {
      return false;
    }
  };

  const notNumber = fc.oneof(fc.constant(null), fc.boolean(), fc.object(), fc.array(fc.integer()), fc.string());
  const notString = fc.oneof(fc.constant(null), fc.integer(), fc.boolean(), fc.object(), fc.array(fc.string()));
  const notObject = fc.oneof(fc.constant(null), fc.integer(), fc.boolean(), fc.string(), fc.array(fc.string()));

  describe("push", () => {
    test("arbitrary JSON bodies", async () => {
      await fc.assert(
        fc.asyncProperty(fc.jsonValue(), async (body) => expectRefusedWithoutChange("/api/v1/sync/push", body, token)),
        { numRuns: RUNS },
      );
    });

    test("an envelope of arbitrary mutations", async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.anything(), { minLength: 1, maxLength: 5 }), async (mutations) =>
          expectRefusedWithoutChange("/api/v1/sync/push", { protocolVersion: 1, deviceId: DEVICE, mutations }, token),
        ),
        { numRuns: RUNS },
      );
    });

    test("a valid mutation with one required field missing", async () => {
      await fc.assert(
        fc.asyncProperty(fc.nat(), async (pick) => {
          const m = dropKey(paparanScore("m-ketua"), pick);
          await expectRefusedWithoutChange(
            "/api/v1/sync/push",
            { protocolVersion: 1, deviceId: DEVICE, mutations: [m] },
            token,
          );
        }),
        { numRuns: RUNS },
      );
    });

    test("a valid mutation with one field of the wrong type", async () => {
      const wrong = fc.oneof(
        fc.tuple(fc.constantFrom("mutationId", "deviceId", "key", "stamp", "table"), notString),
        fc.tuple(fc.constantFrom("seq", "baseVersion"), notNumber),
        fc.tuple(fc.constantFrom("identity", "changes"), notObject),
      );
      await fc.assert(
        fc.asyncProperty(wrong, async ([field, value]) => {
          const m: Record<string, unknown> = { ...paparanScore("m-ketua") };
          m[field] = value;
          await expectRefusedWithoutChange(
            "/api/v1/sync/push",
            { protocolVersion: 1, deviceId: DEVICE, mutations: [m] },
            token,
          );
        }),
        { numRuns: RUNS },
      );
    });

    test("non-JSON text", async () => {
      await fc.assert(
        fc.asyncProperty(fc.string(), async (text) => {
          fc.pre(!/^\s*[[{"\d-]|^\s*(true|false|null)\s*$/.test(text));
          await expectRefusedWithoutChange("/api/v1/sync/push", text, token);
        }),
        { numRuns: RUNS },
      );
    });
  });

  describe("enrol", () => {
    test("arbitrary bodies and codes", async () => {
      const code = fc.oneof(fc.string(), fc.stringMatching(/^[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}$/));
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(fc.jsonValue(), fc.record({ code, deviceId: fc.string(), deviceName: fc.string() })),
          async (body) => expectRefusedWithoutChange("/api/v1/enrol", body),
        ),
        { numRuns: RUNS },
      );
    });
  });

  describe("edition import", () => {
    test("arbitrary JSON", async () => {
      await fc.assert(
        fc.asyncProperty(fc.jsonValue(), async (body) =>
          expectRefusedWithoutChange("/api/v1/editions", body, server.coordinatorToken),
        ),
        { numRuns: RUNS },
      );
    });

    test("a valid bundle with one required key missing anywhere", async () => {
      const bundle = testBundle();
      await fc.assert(
        fc.asyncProperty(fc.nat(), async (pick) => {
          const broken = dropKey(bundle, pick);
          // Dropping an optional key (an English gloss, say) leaves a valid bundle: not this test's business.
          fc.pre(!isValidImport(broken));
          await expectRefusedWithoutChange("/api/v1/editions", broken, server.coordinatorToken);
        }),
        { numRuns: RUNS },
      );
    });
  });
});
