import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createStore, type SqliteStore } from "../../src/server/store/store.ts";
import { editionCommand } from "../../scripts/admin-edition.ts";

const root = resolve(import.meta.dirname, "../..");
let store: SqliteStore;
let dir: string;

beforeEach(() => {
  store = createStore(":memory:");
  dir = mkdtempSync(join(tmpdir(), "panelis-admin-"));
});
afterEach(() => store.close());

const run = (...args: string[]) => editionCommand(store, root, args);

describe("npm run admin -- edition", () => {
  it("creates NTB 2021 from the template, copies it as 2022, exports and re-imports it unchanged", async () => {
    expect(
      await run(
        "create",
        "--from-template",
        "--province",
        "52",
        "--year",
        "2021",
        "--aksi",
        "5,6,7,8",
        "--id",
        "ntb-21",
      ),
    ).toContain("10 participants");
    const ntb = await store.editions.bundle("ntb-21");
    expect(ntb?.bundle.edition).toMatchObject({
      state: "draft",
      aksiInScope: [5, 6, 7, 8],
      provinceName: "Nusa Tenggara Barat",
    });
    expect(ntb?.bundle.participants.map((p) => p.regionCode)).toContain("5271");
    await run("create", "--copy", "ntb-21", "--year", "2022", "--id", "ntb-22");
    expect((await store.editions.get("ntb-22"))?.edition).toMatchObject({
      year: 2022,
      sourceEditionId: "ntb-21",
      state: "draft",
    });
    const file = join(dir, "ntb-22.json");
    await run("export", "ntb-22", file);
    const before = await store.counts();
    expect(await run("import", file)).toContain("updated; 0 records applied");
    expect(await store.counts()).toEqual(before);
  });

  it("refuses a stale file, a bad file and a second copy under the same id, with words and no change", async () => {
    await run("create", "--from-template", "--province", "81", "--year", "2020", "--id", "mal-20");
    const file = join(dir, "mal.json");
    await run("export", "mal-20", file);
    const data = JSON.parse(readFileSync(file, "utf8"));
    data.edition.venue = "Aula A";
    writeFileSync(file, JSON.stringify(data));
    await run("import", file);
    data.edition.venue = "Aula B";
    writeFileSync(file, JSON.stringify(data));
    const before = await store.counts();
    await expect(run("import", file)).rejects.toThrow(/Someone changed this edition/);
    data.rubric.components[0].weight = -1;
    writeFileSync(file, JSON.stringify(data));
    await expect(run("import", file)).rejects.toThrow(/weight/);
    await run("create", "--copy", "mal-20", "--year", "2021", "--id", "mal-21");
    await expect(run("create", "--copy", "mal-20", "--year", "2021", "--id", "mal-21")).rejects.toThrow(
      /already exists/,
    );
    expect((await store.counts()).editions).toBe((before.editions ?? 0) + 1);
  });

  it("backs an edition up as the app's backup file and restores it only into a server without it", async () => {
    await run("create", "--from-template", "--province", "52", "--year", "2021", "--id", "ntb-21");
    const file = join(dir, "ntb-21.backup.json");
    expect(await run("backup", "ntb-21", file)).toContain("backed up");
    const backup = JSON.parse(readFileSync(file, "utf8"));
    expect(backup).toMatchObject({ format: "panelis-edition-backup", formatVersion: 1 });
    const before = await store.counts();
    await expect(run("restore", file)).rejects.toThrow(/already exists/);
    // Importing a backup file restores it (never merges it), so it is refused here too.
    await expect(run("import", file)).rejects.toThrow(/already exists/);
    expect(await store.counts()).toEqual(before);

    const other = createStore(":memory:");
    try {
      const tampered = join(dir, "tampered.json");
      writeFileSync(tampered, JSON.stringify({ ...backup, createdAt: "2020-01-01T00:00:00.000Z" }));
      await expect(editionCommand(other, root, ["restore", tampered])).rejects.toThrow(/checksum does not match/);
      expect(await other.editions.count()).toBe(0);
      expect(await editionCommand(other, root, ["import", file])).toContain("Edition ntb-21 restored");
      expect((await other.editions.bundle("ntb-21"))?.bundle).toEqual((await store.editions.bundle("ntb-21"))?.bundle);
    } finally {
      await other.close();
    }
  });
});
