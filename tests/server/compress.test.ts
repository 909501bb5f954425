import { gunzipSync } from "node:zlib";
import { Hono } from "hono";
import { describe, expect, test } from "vitest";
import { acceptsGzip, COMPRESS_MIN_BYTES, compressLarge } from "../../src/server/compress.ts";
import type { Env } from "../../src/server/routes/request.ts";

const big = JSON.stringify({ rows: Array.from({ length: 200 }, (_, i) => ({ key: `k-${i}`, value: "A" })) });

const appServing = (headers: Record<string, string>, body = big) => {
  const app = new Hono<Env>();
  app.use("*", compressLarge());
  app.get("/x", (c) =>
    c.body(body, 200, { "Content-Type": "application/json", "Content-Length": String(body.length), ...headers }),
  );
  return app;
};

describe("gzip for large responses", () => {
  test("Accept-Encoding: gzip named, refused with q=0, or taken through *", () => {
    expect(acceptsGzip("gzip, deflate, br")).toBe(true);
    expect(acceptsGzip("br;q=1.0, GZIP;q=0.5")).toBe(true);
    expect(acceptsGzip("gzip;q=0, *")).toBe(false);
    expect(acceptsGzip("deflate, *;q=0.1")).toBe(true);
    expect(acceptsGzip("*;q=0")).toBe(false);
    expect(acceptsGzip("identity")).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
    expect(acceptsGzip("")).toBe(false);
  });

  test("a compressed body says its own length, keeps the other headers and weakens a strong ETag", async () => {
    const res = await appServing({ ETag: '"v1"', "Cache-Control": "no-store" }).request("/x", {
      headers: { "Accept-Encoding": "gzip" },
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(res.headers.get("Content-Encoding")).toBe("gzip");
    expect(Number(res.headers.get("Content-Length"))).toBe(bytes.length);
    expect(bytes.length).toBeLessThan(big.length);
    expect(gunzipSync(bytes).toString()).toBe(big);
    expect(res.headers.get("ETag")).toBe('W/"v1"');
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    expect(res.headers.get("Content-Type")).toBe("application/json");
    expect(res.headers.get("Vary")).toBe("Accept-Encoding");
  });

  test("as it is: no gzip accepted (but Vary says it could be), no-transform, small, or HEAD", async () => {
    const refused = await appServing({}).request("/x", { headers: { "Accept-Encoding": "gzip;q=0" } });
    expect(refused.headers.get("Content-Encoding")).toBeNull();
    expect(refused.headers.get("Vary")).toBe("Accept-Encoding");
    expect(await refused.text()).toBe(big);
    const kept = await appServing({ "Cache-Control": "no-transform" }).request("/x", {
      headers: { "Accept-Encoding": "gzip" },
    });
    expect(kept.headers.get("Content-Encoding")).toBeNull();
    const small = "x".repeat(COMPRESS_MIN_BYTES - 1);
    const tiny = await appServing({}, small).request("/x", { headers: { "Accept-Encoding": "gzip" } });
    expect(tiny.headers.get("Content-Encoding")).toBeNull();
    expect(await tiny.text()).toBe(small);
    const head = await appServing({}).request("/x", { method: "HEAD", headers: { "Accept-Encoding": "gzip" } });
    expect(head.headers.get("Content-Encoding")).toBeNull();
  });
});
