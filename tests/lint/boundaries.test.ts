import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkBoundaries } from "../../scripts/check-boundaries.ts";

let root = "";
const write = (path: string, text: string) => {
  const full = join(root, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, text);
};

describe("import boundaries", () => {
  afterEach(() => {
    if (root) rmSync(root, { recursive: true, force: true });
    root = "";
  });
  const fresh = () => {
    root = mkdtempSync(join(tmpdir(), "panelis-lint-"));
  };

  it("accepts the intended direction ui → state → storage → domain", () => {
    fresh();
    write("src/domain/rubric.ts", 'import * as v from "valibot";\nexport const x = v;\n');
    write(
      "src/storage/db.ts",
      'import Dexie from "dexie";\nimport { x } from "../domain/rubric.ts";\nexport { Dexie, x };\n',
    );
    write(
      "src/state/use-score.ts",
      'import { create } from "zustand";\nimport { x } from "../storage/db.ts";\nexport { create, x };\n',
    );
    write("src/ui/screens/Start.tsx", 'import { x } from "../../state/use-score.ts";\nexport const Start = () => x;\n');
    expect(checkBoundaries(root)).toEqual([]);
  });

  it.each([
    ["src/domain/bad.ts", 'import { db } from "../storage/db.ts";', "domain must not import from storage"],
    ["src/domain/bad.ts", 'import Dexie from "dexie";', 'only storage may import "dexie"'],
    ["src/domain/bad.ts", 'import { readFileSync } from "node:fs";', "must not import Node built-ins"],
    ["src/ui/Bad.tsx", 'import { db } from "../storage/db.ts";', "ui must not import from storage"],
    ["src/ui/Bad.tsx", 'import { create } from "zustand";', 'only state may import "zustand"'],
    ["src/ui/Bad.tsx", 'import { wrap } from "comlink";', 'only sync-client, workers may import "comlink"'],
    ["src/server/bad.ts", 'import { Start } from "../ui/screens/Start.tsx";', "server must not import from ui"],
    ["src/state/bad.ts", 'const w = new Worker("x.js");', "only src/sync-client may create a worker"],
    ["src/ui/badName.tsx", "export const A = 1;", "must be PascalCase.tsx"],
    ["src/storage/scoreRepo.ts", "export const A = 1;", "must be kebab-case.ts"],
  ])("rejects %s with %s", (path, source, message) => {
    fresh();
    write(path, `${source}\nexport const y = 1;\n`);
    const violations = checkBoundaries(root);
    expect(violations.map((v) => v.message).join("\n")).toContain(message);
  });

  it("passes on this repository", () => {
    expect(checkBoundaries(join(import.meta.dirname, "..", ".."))).toEqual([]);
  });
});
