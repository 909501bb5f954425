/* The tablet tells the server how many changes wait in its outbox, with every push and pull. */
import "fake-indexeddb/auto";
import { afterEach, expect, it } from "vitest";
import { createWorld, openTablet, points, scoreOf } from "./harness.ts";

let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.reverse()) c();
  cleanups = [];
});

it("a push reports the outbox before it is acknowledged, the pull after it; the server keeps the last", async () => {
  const w = await createWorld();
  cleanups.push(w.close);
  const t = await openTablet(w, { memberId: "m-ketua" });
  cleanups.push(t.close);
  await t.storage.saveScore(scoreOf("m-ketua", "p-5201"), points(40));
  await t.storage.saveScore(scoreOf("m-ketua", "p-5202"), points(60));
  const device = () => w.server.store.devices.byId(t.storage.deviceId);

  // The pull fails: the server's last word is the push's, sent while both changes still waited.
  t.net.fail("offline", { path: "/api/v1/sync/pull" });
  await t.engine.syncNow();
  expect(await device()).toMatchObject({ pendingCount: 2, pendingAt: w.now() });

  w.advance(5000);
  await t.engine.syncNow();
  expect(await device()).toMatchObject({ pendingCount: 0, pendingAt: w.now() });
});
