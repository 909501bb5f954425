import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SERVER_NODE_FLAGS } from "../../src/server/node-flags.ts";

const startScript = (): string =>
  (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts.start ?? "";

describe("the server's Node flags", () => {
  it("are what `npm start` runs the server with, in front of the script", () => {
    const words = startScript().split(/\s+/);
    expect(words[0]).toBe("node");
    const scriptAt = words.indexOf("scripts/start.ts");
    expect(scriptAt).toBeGreaterThan(0);
    for (const flag of SERVER_NODE_FLAGS) {
      const at = words.indexOf(flag);
      expect(at, `${flag} in "${startScript()}"`).toBeGreaterThan(0);
      expect(at).toBeLessThan(scriptAt);
    }
  });

  it("are flags this Node accepts", () => {
    const run = spawnSync(process.execPath, [...SERVER_NODE_FLAGS, "-e", "process.exit(0)"], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });
});
