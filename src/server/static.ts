/*
 * Serves the built PWA. Invariants: the service worker script, the app shell and
 * the manifest are never cached by the browser's HTTP cache (an update must reach
 * the service worker), hashed assets are cached for good, and any unknown path
 * outside /api falls back to index.html so the client router can take it. Source
 * maps are built but served only when `serveSourceMaps` says so (PANELIS_SOURCEMAPS=1):
 * the public gets the app, not its annotated sources.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import type { Hono } from "hono";
import type { Env } from "hono/types";
import { API_PREFIX } from "../protocol/wire.ts";

const NO_CACHE = /(?:^|\/)(?:sw\.js|index\.html|manifest\.webmanifest|registerSW\.js)$/;

const cacheControlFor = (path: string): string =>
  NO_CACHE.test(path) || path === "/"
    ? "no-cache"
    : path.startsWith("/assets/")
      ? "public, max-age=31536000, immutable"
      : "public, max-age=3600";

export type StaticOptions = { serveSourceMaps?: boolean };

export const mountStatic = <E extends Env>(app: Hono<E>, root: string, options: StaticOptions = {}): void => {
  const absRoot = resolve(root);
  const isApi = (path: string) => path === API_PREFIX || path.startsWith(`${API_PREFIX}/`);
  if (!options.serveSourceMaps) app.get("*", async (c, next) => (c.req.path.endsWith(".map") ? c.notFound() : next()));
  app.use("*", async (c, next) => {
    if (isApi(c.req.path)) return next();
    await next();
    if (c.res.status === 200 && !c.res.headers.has("Cache-Control"))
      c.res.headers.set("Cache-Control", cacheControlFor(c.req.path));
  });
  app.use("*", async (c, next) => (isApi(c.req.path) ? next() : serveStatic({ root: absRoot })(c, next)));
  app.get("*", async (c, next) => {
    if (isApi(c.req.path) || !existsSync(join(absRoot, "index.html"))) return next();
    const res = await serveStatic({ root: absRoot, path: "index.html" })(c, next);
    if (res instanceof Response) res.headers.set("Cache-Control", "no-cache");
    return res;
  });
};
