import { mkdtempSync, rmSync } from "node:fs";
import { get } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { KEEP_ALIVE_TIMEOUT_MS } from "../../src/server/http-timeouts.ts";
import { startServer } from "../../src/server/main.ts";

const dir = mkdtempSync(join(tmpdir(), "panelis-keepalive-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The Keep-Alive header a keep-alive client is told, which is what it times its reuse by. */
const keepAliveHeader = (url: string): Promise<string | undefined> =>
  new Promise((resolve, reject) => {
    get(`${url}/health`, { headers: { Connection: "keep-alive" } }, (res) => {
      res.resume();
      res.on("end", () => resolve(String(res.headers["keep-alive"])));
    }).on("error", reject);
  });

test("the server keeps idle connections longer than a proxy's 60 s, and says so to its clients", async () => {
  expect(KEEP_ALIVE_TIMEOUT_MS).toBeGreaterThan(60_000);
  const server = await startServer({
    port: 0,
    dbPath: join(dir, "panelis.db"),
    seed: false,
    warmResults: false,
  });
  try {
    expect(await keepAliveHeader(server.url)).toBe(`timeout=${KEEP_ALIVE_TIMEOUT_MS / 1000}`);
  } finally {
    await server.close();
  }
});
