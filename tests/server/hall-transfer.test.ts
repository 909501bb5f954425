/*
 * migrate-to-postgres: a hall's SQLite data moved into a national PostgreSQL database
 * that already has a higher version counter. Tablets keep their tokens, see every row
 * above the cursor they hold, a retry of an acknowledged change is a duplicate, and
 * running the move again changes nothing.
 */
import { afterAll, describe, expect, test } from "vitest";
import type { PullRow } from "../../src/protocol/wire.ts";
import { hashToken } from "../../src/server/auth.ts";
import { transferHall } from "../../src/server/hall-transfer.ts";
import { handlePush } from "../../src/server/push.ts";
import { createPgStore, type PgStore } from "../../src/server/store/pg-store.ts";
import { TEST_EDITION_ID } from "../fixtures/builders.ts";
import { createTestDatabaseUrl, PG_URL, useEngines } from "../helpers/engines.ts";
import { createTestServer, deviceIdFor } from "../helpers/in-process-server.ts";
import { docScore, paparanScore } from "./mutations.ts";

useEngines();

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

describe.skipIf(!PG_URL)("postgres: migrate-to-postgres", () => {
  test("moves a hall: tokens, rows above every cursor, duplicates still duplicates; a second run changes nothing", async () => {
    const hall = await createTestServer({ engine: "sqlite" });
    cleanups.push(() => hall.close());
    const ketua = await hall.enrolDevice("m-ketua");
    const tech = await hall.enrolDevice("m-tech");
    const acknowledged = [paparanScore("m-ketua", "p-5201", 70), paparanScore("m-ketua", "p-5202", 75)];
    expect((await hall.push(ketua, deviceIdFor("m-ketua"), acknowledged)).status).toBe(200);
    expect((await hall.push(tech, deviceIdFor("m-tech"), [docScore("m-tech", "p-5201", "B")])).status).toBe(200);
    // The tablet's cursor after its last pull at the hall.
    const cursor = (await hall.pull(ketua, { since: 0, limit: 1000 })).body.cursor;

    const { url, drop } = await createTestDatabaseUrl();
    cleanups.push(drop);
    const national: PgStore = await createPgStore({ url, max: 4 });
    cleanups.push(() => national.close());
    // The national counter is far below the hall's: the move must still land above every hall cursor.
    const report = await transferHall(hall.store, national, hall.now());
    expect(report.editions).toBe(1);
    expect(report.copied.devices).toBe(2);

    const device = await national.devices.byTokenHash(hashToken(ketua));
    expect(device?.id).toBe(deviceIdFor("m-ketua"));
    expect(device?.lastSeq).toBe(acknowledged.at(-1)?.seq);
    const rows = await national.feed.page(TEST_EDITION_ID, cursor, 1000, "m-ketua");
    const scores = rows
      .filter((r) => r.table === "scores")
      .map((r) => JSON.parse(r.json ?? "null") as PullRow["record"]);
    expect(scores.map((s) => (s as { points: number }).points).sort()).toEqual([70, 75]);
    expect(rows.some((r) => r.table === "members")).toBe(true);
    expect(await national.records.list("scores", TEST_EDITION_ID)).toHaveLength(3);

    const retry = await handlePush({
      store: national,
      device: device ?? (undefined as never),
      mutations: acknowledged,
      now: hall.now(),
      locale: "en",
    });
    expect(retry.results.map((r) => r.status)).toEqual(["duplicate", "duplicate"]);

    const before = await national.counts();
    const again = await transferHall(hall.store, national, hall.now());
    expect(again.recordsApplied).toBe(0);
    expect(Object.values(again.copied).every((n) => n === 0)).toBe(true);
    expect(await national.counts()).toEqual(before);
  });
});
