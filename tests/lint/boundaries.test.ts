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
    write("src/storage/index.ts", 'export { x } from "./db.ts";\n');
    write(
      "src/state/use-score.ts",
      'import { create } from "zustand";\nimport { x } from "../storage/index.ts";\nexport { create, x };\n',
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
    [
      "src/sync-client/bad.ts",
      'import { createSyncEngine } from "../../workers/sync/engine.ts";',
      "the sync client may import only the worker's api.ts and status.ts",
    ],
    [
      "src/sync-client/bad.ts",
      'import { createTransport } from "../../workers/sync/http.ts";',
      "the sync client may import only the worker's api.ts and status.ts",
    ],
    [
      "src/state/bad.ts",
      'import { createLocalWrites } from "../storage/local-writes.ts";',
      "storage is entered through src/storage/index.ts",
    ],
    [
      "workers/sync/bad.ts",
      'import { createPull } from "../../src/storage/pull.ts";',
      "storage is entered through src/storage/index.ts",
    ],
  ])("rejects %s with %s", (path, source, message) => {
    fresh();
    write(path, `${source}\nexport const y = 1;\n`);
    const violations = checkBoundaries(root);
    expect(violations.map((v) => v.message).join("\n")).toContain(message);
  });

  it("lets the sync client reach the worker's api and status, and others reach storage's index", () => {
    fresh();
    write("workers/sync/status.ts", "export const initialSyncStatus = () => ({});\n");
    write("workers/sync/api.ts", "export type SyncApi = { x: number };\n");
    write("src/storage/index.ts", "export const openStorage = () => 1;\n");
    write(
      "src/sync-client/index.ts",
      'import type { SyncApi } from "../../workers/sync/api.ts";\nimport { initialSyncStatus } from "../../workers/sync/status.ts";\nexport type A = SyncApi;\nexport const s = initialSyncStatus;\n',
    );
    write("src/state/store.ts", 'import { openStorage } from "../storage/index.ts";\nexport const o = openStorage;\n');
    expect(checkBoundaries(root)).toEqual([]);
  });

  it("passes on this repository", () => {
    expect(checkBoundaries(join(import.meta.dirname, "..", ".."))).toEqual([]);
  });
});
