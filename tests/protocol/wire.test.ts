import * as v from "valibot";
import { describe, expect, test } from "vitest";
import { PROTOCOL_VERSION } from "../../src/protocol/mutation.ts";
import {
  EnrolRequestSchema,
  ErrorBodySchema,
  JOIN_CODE_ALPHABET,
  JOIN_CODE_RE,
  normaliseJoinCode,
  PullQuerySchema,
  PullResponseSchema,
  PushRequestSchema,
  PushResponseSchema,
  SUPPORTED_PROTOCOL_VERSIONS,
} from "../../src/protocol/wire.ts";
import { newJoinCode } from "../../src/server/auth.ts";
import { aNominationMutation, aScoreMutation, aSheetMutation } from "../fixtures/builders.ts";
import { createTestServer, deviceIdFor } from "../helpers/in-process-server.ts";
import { paparanScore } from "../server/mutations.ts";

describe("wire schemas", () => {
  test("a push request of builder mutations is valid; a foreign stamp is not", () => {
    const ok = v.safeParse(PushRequestSchema, {
      protocolVersion: PROTOCOL_VERSION,
      deviceId: "devA",
      mutations: [
        aScoreMutation(),
        aSheetMutation({ mutationId: "m2", seq: 2 }),
        aNominationMutation({ mutationId: "m3", seq: 3 }),
      ],
    });
    expect(ok.success).toBe(true);
    const bad = v.safeParse(PushRequestSchema, {
      protocolVersion: PROTOCOL_VERSION,
      deviceId: "devA",
      mutations: [{ ...aScoreMutation(), stamp: "001626660000000-0000-devB" }],
    });
    expect(bad.success).toBe(false);
  });

  test("the server answers the current protocol version and the one before, if any", () => {
    expect(SUPPORTED_PROTOCOL_VERSIONS).toContain(PROTOCOL_VERSION);
    expect(SUPPORTED_PROTOCOL_VERSIONS.every((n) => n >= PROTOCOL_VERSION - 1 && n >= 1)).toBe(true);
  });

  test("pull query: defaults, bounds", () => {
    expect(v.parse(PullQuerySchema, {})).toEqual({ since: 0, limit: 500 });
    expect(v.parse(PullQuerySchema, { since: "42", limit: "2000", edition: "e" })).toEqual({
      since: 42,
      limit: 2000,
      edition: "e",
    });
    expect(v.safeParse(PullQuerySchema, { limit: "2001" }).success).toBe(false);
    expect(v.safeParse(PullQuerySchema, { since: "-1" }).success).toBe(false);
  });

  test("join codes: generated ones match, typed variants normalise", () => {
    for (let i = 0; i < 200; i++) expect(newJoinCode()).toMatch(JOIN_CODE_RE);
    expect(JOIN_CODE_ALPHABET).not.toMatch(/[01ILO]/);
    expect(normaliseJoinCode("k7p42q")).toBe("K7P-42Q");
    expect(normaliseJoinCode(" K7P 42Q ")).toBe("K7P-42Q");
    expect(v.parse(EnrolRequestSchema, { code: "k7p-42q", deviceId: "abc", deviceName: " Tablet " })).toEqual({
      code: "K7P-42Q",
      deviceId: "abc",
      deviceName: "Tablet",
    });
    expect(v.safeParse(EnrolRequestSchema, { code: "K7P-42O", deviceId: "abc", deviceName: "x" }).success).toBe(false);
  });

  test("real server replies satisfy the response schemas the worker may check them with", async () => {
    const s = await createTestServer();
    const token = await s.enrolDevice("m-ketua");
    const push = await s.push(token, deviceIdFor("m-ketua"), [
      paparanScore("m-ketua"),
      paparanScore("m-ketua", "p-5272"),
    ]);
    expect(v.safeParse(PushResponseSchema, push.body).success).toBe(true);
    const pull = await s.pull(token, { since: 0 });
    const parsed = v.safeParse(PullResponseSchema, pull.body);
    expect(parsed.success, JSON.stringify(parsed.issues?.[0])).toBe(true);
    const error = await s.pull("nope-nope-nope-nope-nope");
    expect(v.safeParse(ErrorBodySchema, error.body).success).toBe(true);
    s.close();
  });
});
