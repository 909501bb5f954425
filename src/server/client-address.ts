/*
 * The client's address, for per-address rate limits. Invariant: X-Forwarded-For is
 * believed only when the socket peer is one of the configured proxies (TRUST_PROXY);
 * then the client is the right-most address in the header that is not itself a
 * trusted proxy. Anyone else can write any header, so otherwise the socket peer is it.
 */
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";

/** "::ffff:10.0.0.2" (an IPv4 peer on a dual-stack socket) is 10.0.0.2. */
const normalise = (address: string): string => address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");

/** `TRUST_PROXY=10.0.0.2,::1` → the listed addresses; unset or empty → none (the default). */
export const parseTrustProxy = (value: string | undefined): string[] =>
  (value ?? "")
    .split(",")
    .map((part) => normalise(part.trim()))
    .filter((part) => part !== "");

const socketAddress = (c: Context): string => {
  try {
    return normalise(getConnInfo(c).remote.address ?? "unknown");
  } catch {
    // app.request() in tests has no socket.
    return "local";
  }
};

export const clientAddress = (c: Context, trustedProxies: readonly string[]): string => {
  const peer = socketAddress(c);
  if (!trustedProxies.includes(peer)) return peer;
  const forwarded = (c.req.header("X-Forwarded-For") ?? "")
    .split(",")
    .map((part) => normalise(part.trim()))
    .filter((part) => part !== "");
  for (let i = forwarded.length - 1; i >= 0; i--) {
    const hop = forwarded[i] ?? "";
    if (!trustedProxies.includes(hop)) return hop;
  }
  return peer;
};
