// @vitest-environment jsdom
import { render, screen } from "@testing-library/preact";
import { useEffect, useState } from "preact/hooks";
import { describe, expect, it } from "vitest";
import { pendingPaintCallbacks } from "../helpers/dom-setup.ts";

let effectRuns = 0;

/** Re-renders once on its own, outside testing-library's act(), as a live query would. */
const Effectful = () => {
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    if (loaded) effectRuns += 1;
    else void Promise.resolve().then(() => setLoaded(true));
  });
  return <p>{loaded ? "loaded" : "loading"}</p>;
};

/*
 * Issue 15: an effect scheduled just before a test ends used to leave preact's
 * after-paint timer behind, which fired after jsdom was torn down. These two tests
 * run in order: the first leaves an effect queued, the second sees the shared
 * clean-up has settled it while the environment was still there.
 */
describe("effects scheduled just before a test ends", () => {
  it("leaves an effect queued when the test returns", async () => {
    render(<Effectful />);
    await screen.findByText("loaded");
    expect(pendingPaintCallbacks()).toBe(1);
    expect(effectRuns).toBe(0);
  });

  it("finds nothing queued afterwards: the shared clean-up settled it before teardown", () => {
    expect(pendingPaintCallbacks()).toBe(0);
    // Unmounted first, so the queued effect was dropped rather than run on a dead tree.
    expect(effectRuns).toBe(0);
    expect(typeof cancelAnimationFrame).toBe("function");
  });
});
