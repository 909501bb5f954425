import { describe, expect, it } from "vitest";
import { parseRoute, type Route, routeHash } from "../../src/state/routing.ts";

describe("hash routes", () => {
  it.each([
    ["", { name: "start" }],
    ["#/", { name: "start" }],
    ["#/join/K7P-42Q", { name: "join", code: "K7P-42Q" }],
    ["#/score/p%7C5203", { name: "score", participantId: "p|5203" }],
    ["#/coordinator", { name: "coordinator", editionId: null, tab: "progress", participantId: null }],
    [
      "#/coordinator/ntb-2021/results",
      { name: "coordinator", editionId: "ntb-2021", tab: "results", participantId: null },
    ],
    [
      "#/coordinator/ntb-2021/feedback/p1",
      { name: "coordinator", editionId: "ntb-2021", tab: "feedback", participantId: "p1" },
    ],
    [
      "#/coordinator/ntb-2021/bogus",
      { name: "coordinator", editionId: "ntb-2021", tab: "progress", participantId: null },
    ],
    ["#/setup/abc_DEF-1", { name: "setup", token: "abc_DEF-1" }],
    ["#/published/Zx9_-abcDEF0123456789", { name: "published", token: "Zx9_-abcDEF0123456789" }],
    ["#/published", { name: "not-found" }],
    ["#/nowhere", { name: "not-found" }],
  ])("%s", (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });

  it.each<Route>([
    { name: "score", participantId: "ntb-2021|5203" },
    { name: "join", code: "K7P-42Q" },
    { name: "published", token: "Zx9_-abcDEF0123456789" },
    { name: "coordinator", editionId: "maluku 2020", tab: "feedback", participantId: "p/8101" },
    { name: "coordinator", editionId: null, tab: "progress", participantId: null },
  ])("round-trips %j", (route) => {
    expect(parseRoute(routeHash(route))).toEqual(route);
  });
});
