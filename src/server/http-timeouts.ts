/*
 * How long the server keeps an idle keep-alive connection open, for every listener
 * (`npm start`, the benchmark servers).
 *
 * Why not Node's default (5 s): a client that reuses a connection in the instant the
 * server closes it gets "socket hang up" / ECONNRESET — a reverse proxy turns that into
 * a 502 for a tablet's push (the sync worker retries, but the panelist sees a failed
 * sync), and the 200-panelist benchmark saw it once in ~16,000 requests. The rule for
 * keep-alive behind a proxy is that the server outlasts the proxy: nginx keeps idle
 * upstream connections 60 s by default, as do the common cloud load balancers.
 *
 * Invariant: headersTimeout > keepAliveTimeout (Node's own requirement: otherwise a
 * request arriving on an idle connection near the end may be cut off as a slow header).
 */
import type { Server } from "node:http";

export const KEEP_ALIVE_TIMEOUT_MS = 65_000;
export const HEADERS_TIMEOUT_MS = KEEP_ALIVE_TIMEOUT_MS + 1_000;

type Listener = Pick<Server, "keepAliveTimeout" | "headersTimeout">;

export const applyHttpTimeouts = (server: Listener): void => {
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = HEADERS_TIMEOUT_MS;
};
