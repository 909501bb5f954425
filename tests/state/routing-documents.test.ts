import { describe, expect, it } from "vitest";
import { parseRoute, routeHash } from "../../src/state/routing.ts";

describe("documents tab route", () => {
  it("round-trips the coordinator's documents tab", () => {
    const route = { name: "coordinator", editionId: "maluku-2020", tab: "documents", participantId: null } as const;
    expect(routeHash(route)).toBe("#/coordinator/maluku-2020/documents");
    expect(parseRoute("#/coordinator/maluku-2020/documents")).toEqual(route);
  });
});
