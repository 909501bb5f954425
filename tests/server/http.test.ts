import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, describe, expect, test } from "vitest";
import { createApp, SECURITY_HEADERS } from "../../src/server/app.ts";
import { errorMessage } from "../../src/server/errors.ts";
import { createStore } from "../../src/server/store/store.ts";
import { createTestServer, deviceIdFor } from "../helpers/in-process-server.ts";
import { paparanScore } from "./mutations.ts";

const expectSecurityHeaders = (headers: Headers) => {
  expect(headers.get("Content-Security-Policy")).toBe(SECURITY_HEADERS["Content-Security-Policy"]);
  expect(headers.get("X-Content-Type-Options")).toBe("nosniff");
  expect(headers.get("X-Frame-Options")).toBe("DENY");
  expect(headers.get("Referrer-Policy")).toBe("no-referrer");
};

describe("every response", () => {
  test("carries the security headers, errors included", async () => {
    const s = await createTestServer();
    const token = await s.enrolDevice("m-ketua");
    const responses = [
      await s.pull(token),
      await s.request("GET", "/api/v1/nothing-here"),
      await s.request("GET", "/api/v1/sync/pull"),
      await s.request("POST", "/api/v1/enrol", "{", undefined),
      await s.request("GET", "/not-api"),
    ];
    expect(responses.map((r) => r.status)).toEqual([200, 404, 401, 400, 404]);
    for (const r of responses) expectSecurityHeaders(r.headers);
    s.close();
  });

  test("errors are JSON in plain Indonesian by default, English on request", async () => {
    const s = await createTestServer();
    const id = await s.request<{ error: { code: string; message: string } }>("GET", "/api/v1/sync/pull");
    expect(id.body.error).toEqual({ code: "unauthorized", message: expect.stringMatching(/Perangkat atau sesi/) });
    const en = await s.request<{ error: { message: string } }>("GET", "/api/v1/sync/pull", undefined, undefined, {
      "Accept-Language": "en-GB,en;q=0.9,id;q=0.5",
    });
    expect(en.body.error.message).toMatch(/not signed in/);
    const q = await s.request<{ error: { message: string } }>("GET", "/api/v1/sync/pull?lang=en");
    expect(q.body.error.message).toMatch(/not signed in/);
    const invalid = await s.request<{ error: { details: { errors: string[] } } }>("POST", "/api/v1/enrol?lang=en", {
      code: "K7P-42Q",
      deviceId: "has-dash",
      deviceName: "",
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details.errors.join("\n")).toMatch(/letters, digits and underscores/);
    s.close();
  });

  test("an unexpected failure is a bare 500 with no stack trace", async () => {
    const store = createStore(":memory:");
    const logged: unknown[] = [];
    const app = createApp({ store, now: () => 1, logError: (e) => logged.push(e) });
    store.close();
    const res = await app.request("/api/v1/enrol", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ code: "K7P-42Q", deviceId: "abc", deviceName: "x" }),
    });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: { code: "internal", message: expect.any(String) } });
    expect(text).not.toMatch(/\n\s+at |\.ts\b|sqlite|closed/i);
    expect(logged).toHaveLength(1);
    expectSecurityHeaders(res.headers);
  });

  test("too many requests from one token are 429 with Retry-After", async () => {
    const s = await createTestServer({ limits: { token: { capacity: 3, refillPerSecond: 1 } } });
    const token = await s.enrolDevice("m-ketua");
    const me = () => s.request("GET", "/api/v1/me", undefined, token);
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await me()).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const limited = await me();
    expect(limited.headers.get("Retry-After")).toBe("1");
    expect(limited.body).toMatchObject({ error: { code: "rate-limited" } });
    s.advance(2000);
    expect((await me()).status).toBe(200);
    s.close();
  });

  test("a pull page costs a quarter of a request, so a fresh tablet's first sync is not throttled", async () => {
    const small = await createTestServer({ limits: { token: { capacity: 3, refillPerSecond: 1 } } });
    const token = await small.enrolDevice("m-ketua");
    const statuses = [];
    for (let i = 0; i < 13; i++) statuses.push((await small.pull(token)).status);
    expect(statuses).toEqual([...Array(12).fill(200), 429]);
    small.close();

    // The default limits: 100,000 rows at the default 500-row page are 200 pulls, with no time passing.
    const s = await createTestServer({ limits: { token: { capacity: 120, refillPerSecond: 20 } } });
    const tablet = await s.enrolDevice("m-ketua");
    for (let i = 0; i < 200; i++) expect((await s.pull(tablet, { limit: 500 })).status).toBe(200);
    expect((await s.push(tablet, deviceIdFor("m-ketua"), [paparanScore("m-ketua")])).status).toBe(200);
    s.close();
  });

  test("guessing join codes is rate limited per address", async () => {
    const s = await createTestServer({ limits: { enrolAddress: { capacity: 5, refillPerSecond: 0.1 } } });
    const statuses = [];
    for (let i = 0; i < 7; i++)
      statuses.push(
        (await s.request("POST", "/api/v1/enrol", { code: "AAA-AAA", deviceId: "x", deviceName: "x" })).status,
      );
    expect(statuses).toEqual([404, 404, 404, 404, 404, 429, 429]);
    s.close();
  });
});

describe("the answer's language", () => {
  const app = createApp({ store: createStore(":memory:"), now: () => 1 });
  test.each([
    [undefined, undefined, "id"],
    ["en", "id", "en"],
    ["xx", "en-US", "en"],
    [undefined, "id-ID,id;q=0.9,en;q=0.8", "id"],
    [undefined, "fr, en;q=0.5", "en"],
    [undefined, "en;q=0.2, id;q=0.8", "id"],
    [undefined, "de", "id"],
  ] as const)("lang=%s, Accept-Language=%s → %s", async (lang, header, want) => {
    const res = await app.request(`/api/v1/nothing${lang ? `?lang=${lang}` : ""}`, {
      headers: header ? { "Accept-Language": header } : {},
    });
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe(errorMessage("not-found", want));
  });
});

describe("the built PWA", () => {
  const dist = mkdtempSync(join(tmpdir(), "panelis-dist-"));
  mkdirSync(join(dist, "assets"));
  writeFileSync(join(dist, "index.html"), "<!doctype html><title>Panelis</title>");
  writeFileSync(join(dist, "sw.js"), "self.addEventListener('fetch', () => {});");
  writeFileSync(join(dist, "assets", "app-abc123.js"), "console.log(1)");
  const bigScript = `${"export const greeting = 'selamat datang';\n".repeat(200)}`;
  writeFileSync(join(dist, "assets", "chunk-def456.js"), bigScript);
  afterAll(() => rmSync(dist, { recursive: true, force: true }));
  const app = createApp({ store: createStore(":memory:"), now: () => 1, staticRoot: dist });

  test("source maps are built but not served, unless the setting says so", async () => {
    writeFileSync(join(dist, "assets", "app-abc123.js.map"), '{"version":3,"sources":["src/main.tsx"]}');
    expect((await app.request("/assets/app-abc123.js.map")).status).toBe(404);
    const withMaps = createApp({
      store: createStore(":memory:"),
      now: () => 1,
      staticRoot: dist,
      static: { serveSourceMaps: true },
    });
    expect((await withMaps.request("/assets/app-abc123.js.map")).status).toBe(200);
  });

  test("sw.js and the shell are never HTTP-cached; hashed assets are", async () => {
    const sw = await app.request("/sw.js");
    expect(sw.status).toBe(200);
    expect(sw.headers.get("Cache-Control")).toBe("no-cache");
    expect(sw.headers.get("Content-Type")).toMatch(/javascript/);
    expectSecurityHeaders(sw.headers);
    const root = await app.request("/");
    expect(await root.text()).toMatch(/Panelis/);
    expect(root.headers.get("Cache-Control")).toBe("no-cache");
    const asset = await app.request("/assets/app-abc123.js");
    expect(asset.headers.get("Cache-Control")).toMatch(/immutable/);
  });

  test("unknown app paths fall back to index.html; /api paths never do", async () => {
    const deep = await app.request("/join/K7P-42Q");
    expect(deep.status).toBe(200);
    expect(await deep.text()).toMatch(/Panelis/);
    expect(deep.headers.get("Cache-Control")).toBe("no-cache");
    const api = await app.request("/api/v1/unknown");
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ error: { code: "not-found" } });
    const traversal = await app.request("/..%2f..%2fetc/passwd");
    expect(await traversal.text()).not.toMatch(/root:/);
  });

  test("large static files and JSON are gzipped for clients that take it; small ones never", async () => {
    const gzip = { "Accept-Encoding": "gzip, deflate, br" };
    const chunk = await app.request("/assets/chunk-def456.js", { headers: gzip });
    expect(chunk.headers.get("Content-Encoding")).toBe("gzip");
    expect(chunk.headers.get("Vary")).toMatch(/Accept-Encoding/);
    expect(chunk.headers.get("Cache-Control")).toMatch(/immutable/);
    expectSecurityHeaders(chunk.headers);
    expect(gunzipSync(Buffer.from(await chunk.arrayBuffer())).toString()).toBe(bigScript);
    const plain = await app.request("/assets/chunk-def456.js");
    expect(plain.headers.get("Content-Encoding")).toBeNull();
    expect(await plain.text()).toBe(bigScript);
    const tiny = await app.request("/assets/app-abc123.js", { headers: gzip });
    expect(tiny.headers.get("Content-Encoding")).toBeNull();
    expect(await tiny.text()).toBe("console.log(1)");
    const sw = await app.request("/sw.js", { headers: gzip });
    expect(sw.headers.get("Content-Encoding")).toBeNull();
    expect(sw.headers.get("Cache-Control")).toBe("no-cache");

    const s = await createTestServer();
    const token = await s.enrolDevice("m-ketua");
    const auth = { ...gzip, Authorization: `Bearer ${token}` };
    const page = await s.app.request("/api/v1/sync/pull", { headers: auth });
    expect(page.status).toBe(200);
    expect(page.headers.get("Content-Encoding")).toBe("gzip");
    expectSecurityHeaders(page.headers);
    const rows = JSON.parse(gunzipSync(Buffer.from(await page.arrayBuffer())).toString()) as { rows: unknown[] };
    expect(rows.rows.length).toBeGreaterThan(0);
    const error = await s.app.request("/api/v1/nothing-here", { headers: auth });
    expect(error.headers.get("Content-Encoding")).toBeNull();
    expect(await error.json()).toMatchObject({ error: { code: "not-found" } });
    const empty = await s.app.request(`/api/v1/sync/pull?since=${(await s.pull(token)).body.cursor}`, {
      headers: auth,
    });
    expect(empty.headers.get("Content-Encoding")).toBeNull();
    expect(await empty.json()).toMatchObject({ rows: [], more: false });
    s.close();
  });

  test("the security header set is the documented one", () => {
    expect(Object.keys(SECURITY_HEADERS)).toEqual(
      expect.arrayContaining([
        "Content-Security-Policy",
        "X-Content-Type-Options",
        "X-Frame-Options",
        "Referrer-Policy",
      ]),
    );
  });
});
