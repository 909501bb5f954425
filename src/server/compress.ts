/*
 * Gzip for large responses: pull pages, bundles, push replies, the app's own files.
 * Invariants:
 * - Only a body of known length ≥ COMPRESS_MIN_BYTES, of a compressible type, to a
 *   client whose Accept-Encoding takes gzip, and never a 206, a HEAD, a body already
 *   encoded or one marked `no-transform`. Every other response goes out untouched.
 * - A compressed response says so (Content-Encoding, its own Content-Length, Vary:
 *   Accept-Encoding) and keeps every other header (security headers, no-store); a
 *   strong ETag becomes weak, since the bytes differ from the identity body's.
 * - Vary is set on every response the rule could have compressed, gzip or not, so a
 *   cache never hands one client's encoding to another.
 *
 * Why not Hono's compress(): it pipes the body through a web CompressionStream, whose
 * stream machinery cost a push of 10,000 changes ~30 ms (its 24 replies, 0.6 MB) on
 * top of ~3 ms of actual deflate. The body here is already whole in memory, so it is
 * deflated in one call on libuv's thread pool (zlib's default level), off the event loop.
 */
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import type { MiddlewareHandler } from "hono";
import { COMPRESSIBLE_CONTENT_TYPE_REGEX } from "hono/compress";
import { parseAccept } from "hono/utils/accept";
import type { Env } from "./routes/request.ts";

/**
 * Bodies below this go out as they are: one that already fits a single network frame saves no
 * packet by shrinking (a busy hall's small pushes and empty pull pages are all under it).
 */
export const COMPRESS_MIN_BYTES = 1400;

const gzipped = promisify(gzip);

const NO_TRANSFORM = /(?:^|,)\s*no-transform\s*(?:,|$)/i;
const VARY_ACCEPT_ENCODING = /(?:^|,)\s*accept-encoding\s*(?:,|$)/i;

/** Whether an Accept-Encoding header takes gzip: named with q > 0, or not named and `*` with q > 0 (RFC 9110 §12.5.3). */
export const acceptsGzip = (header: string | undefined): boolean => {
  if (!header) return false;
  const accepts = parseAccept(header);
  const choice =
    accepts.find((a) => ["gzip", "x-gzip"].includes(a.type.toLowerCase())) ?? accepts.find((a) => a.type === "*");
  return (choice?.q ?? 0) > 0;
};

export const compressLarge = (): MiddlewareHandler<Env> => async (c, next) => {
  await next();
  const res = c.res;
  const length = Number(res.headers.get("Content-Length") ?? Number.NaN);
  // Unknown length (a stream, each small c.json) or small: as it is.
  if (!(length >= COMPRESS_MIN_BYTES) || res.status === 206 || c.req.method === "HEAD" || !res.body) return;
  if (res.headers.has("Content-Encoding") || res.headers.has("Transfer-Encoding")) return;
  if (!COMPRESSIBLE_CONTENT_TYPE_REGEX.test(res.headers.get("Content-Type") ?? "")) return;
  if (NO_TRANSFORM.test(res.headers.get("Cache-Control") ?? "")) return;
  const vary = res.headers.get("Vary");
  if (vary !== "*" && !(vary && VARY_ACCEPT_ENCODING.test(vary)))
    res.headers.set("Vary", vary ? `${vary}, Accept-Encoding` : "Accept-Encoding");
  if (!acceptsGzip(c.req.header("Accept-Encoding"))) return;
  const body = await gzipped(new Uint8Array(await res.arrayBuffer()));
  // Hono copies the previous response's headers onto a new one, so the changed ones are set after.
  c.res = new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
  const headers = c.res.headers;
  headers.set("Content-Encoding", "gzip");
  headers.set("Content-Length", String(body.byteLength));
  const etag = headers.get("ETag");
  if (etag && !etag.startsWith("W/")) headers.set("ETag", `W/${etag}`);
};
