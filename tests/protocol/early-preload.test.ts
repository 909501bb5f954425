// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import { EARLY_PRELOAD_SCRIPT } from "../../src/protocol/early-preload-script.ts";

const CHUNKS = "/assets/ScoringScreen-abc.js /assets/bands-def.js";

/** A <head> as the build writes it: the chunks' meta (or none), then the inline script runs. */
const loadAt = (hash: string, meta: string | null = CHUNKS) => {
  document.head.innerHTML = meta === null ? "" : `<meta name="panelis-scoring-chunks" content="${meta}">`;
  history.replaceState(null, "", `/${hash}`);
  new Function(EARLY_PRELOAD_SCRIPT)();
  return [...document.head.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"]')].map((l) =>
    l.getAttribute("href"),
  );
};

afterEach(() => {
  document.head.innerHTML = "";
  history.replaceState(null, "", "/");
});

describe("the inline script's early fetch of the scoring screen's code", () => {
  it("preloads the listed chunks on a scoring sheet, as modules that are fetched but not run", () => {
    expect(loadAt("#/score/p-5201")).toEqual(["/assets/ScoringScreen-abc.js", "/assets/bands-def.js"]);
    expect(document.head.querySelectorAll("script")).toHaveLength(0);
  });

  it("adds nothing on any other screen, without the build's list, or for an empty one", () => {
    expect(loadAt("#/")).toEqual([]);
    expect(loadAt("")).toEqual([]);
    expect(loadAt("#/coordinator/ntb-2021")).toEqual([]);
    expect(loadAt("#/score/p-5201", null)).toEqual([]);
    expect(loadAt("#/score/p-5201", "")).toEqual([]);
  });
});
