import { describe, expect, it } from "vitest";
import { parseRoute, routeHash } from "../../src/state/routing.ts";

describe("hash routes", () => {
  it.each([
    ["", { name: "start" }],
    ["#/", { name: "start" }],
    ["#/join/K7P-42Q", { name: "join", code: "K7P-42Q" }],
    ["#/score/p%7C5203", { name: "score", participantId: "p|5203" }],
    ["#/nowhere", { name: "not-found" }],
  ])("%s", (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });

  it("round-trips", () => {
    const route = { name: "score", participantId: "ntb-2021|5203" } as const;
    expect(parseRoute(routeHash(route))).toEqual(route);
  });
});
