import { describe, expect, it } from "vitest";
import { warmResults } from "../../src/server/results-warmup.ts";

describe("results warm-up after start-up", () => {
  it("computes the sample editions for the rounds asked", async () => {
    expect(await warmResults(3).done).toBe(3);
  });

  it("stops between rounds when the server closes", async () => {
    const warmup = warmResults(10_000);
    warmup.stop();
    // The round already started finishes; no further round runs.
    expect(await warmup.done).toBeLessThanOrEqual(1);
  });

  it("leaves the event loop free between rounds", async () => {
    const warmup = warmResults(50);
    let turns = 0;
    const ticker = setInterval(() => turns++, 0);
    const rounds = await warmup.done;
    clearInterval(ticker);
    expect(rounds).toBe(50);
    expect(turns).toBeGreaterThan(5);
  });
});
