import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { openStorage } from "../../src/storage/index.ts";
import { createStorageTokenStore } from "../../workers/sync/token-store.ts";

describe("device token", () => {
  it("survives a restart, and clearing it forgets the enrolment", async () => {
    const name = `token-${Date.now()}-${Math.random()}`;
    const first = await openStorage({ name });
    const tokens = createStorageTokenStore(first);
    expect(await tokens.getToken()).toBeNull();
    await tokens.setToken("secret-token-1");
    first.close();

    const second = await openStorage({ name });
    expect(await second.getDeviceToken()).toBe("secret-token-1");
    await second.setDeviceToken(null);
    expect(await second.getDeviceToken()).toBeNull();
    await second.deleteLocalDatabase();
  });
});
