/*
 * The sync worker's HTTP transport: one JSON request to the API with a timeout,
 * read into a tagged reply, and what a failed reply means for a sync step.
 *
 * Invariant: only a 2xx reply whose body is JSON counts as an answer; a captive
 * portal's HTML, a timeout or a dropped connection is a network failure to retry,
 * never an acknowledgement.
 */
import * as v from "valibot";
import type { Locale } from "../../src/domain/types.ts";
import { API_PREFIX, ErrorBodySchema } from "../../src/protocol/wire.ts";
import type { SyncError, SyncErrorKey } from "./status.ts";

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export type Timers = {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
};

export type HttpReply =
  | { kind: "ok"; status: number; body: unknown }
  | { kind: "error"; status: number; code: string; message: string; details: unknown; retryAfterMs: number | null }
  | { kind: "network"; detail: string }
  | { kind: "timeout" };

/** How a push or pull step ended: carry on, retry later, stop with an error, or stop until re-enrolment. */
export type Step =
  | { kind: "ok" }
  | { kind: "retry"; error: SyncError; retryAfterMs?: number }
  | { kind: "halt"; error: SyncError }
  | { kind: "unauthorized"; error: SyncError };

export type Failure = Exclude<Step, { kind: "ok" }>;

export type Send = (method: "GET" | "POST", path: string, body?: unknown, token?: string) => Promise<HttpReply>;

export type TransportOptions = {
  fetch: FetchLike;
  /** Origin of the server; "" means same origin. */
  baseUrl?: string;
  timers: Timers;
  requestTimeoutMs: number;
  /** The language the server should answer in, read at each request. */
  locale: () => Locale;
};

export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export const createTransport = (options: TransportOptions): Send => {
  const { timers, requestTimeoutMs } = options;
  const baseUrl = (options.baseUrl ?? "").replace(/\/+$/, "");
  return async (method, path, body, token) => {
    const controller = typeof AbortController === "function" ? new AbortController() : undefined;
    let handle: unknown;
    const timeout = new Promise<HttpReply>((resolve) => {
      handle = timers.setTimeout(() => {
        controller?.abort();
        resolve({ kind: "timeout" });
      }, requestTimeoutMs);
    });
    const attempt = (async (): Promise<HttpReply> => {
      try {
        const headers: Record<string, string> = { Accept: "application/json", "Accept-Language": options.locale() };
        if (token) headers.Authorization = `Bearer ${token}`;
        const init: RequestInit = { method, headers };
        if (body !== undefined) {
          headers["Content-Type"] = "application/json";
          init.body = JSON.stringify(body);
        }
        if (controller) init.signal = controller.signal;
        const res = await options.fetch(`${baseUrl}${API_PREFIX}${path}`, init);
        const text = await res.text();
        let parsed: unknown;
        try {
          parsed = text === "" ? null : JSON.parse(text);
        } catch {
          // A captive portal answers 200 with HTML: that is no acknowledgement.
          return { kind: "network", detail: `HTTP ${res.status}: the reply was not JSON` };
        }
        if (res.ok) return { kind: "ok", status: res.status, body: parsed };
        const error = v.safeParse(ErrorBodySchema, parsed);
        const retryAfter = Number(res.headers.get("Retry-After"));
        return {
          kind: "error",
          status: res.status,
          code: error.success ? error.output.error.code : "unknown",
          message: error.success ? error.output.error.message : `HTTP ${res.status}`,
          details: error.success ? error.output.error.details : undefined,
          retryAfterMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : null,
        };
      } catch (error) {
        return { kind: "network", detail: messageOf(error) };
      }
    })();
    try {
      return await Promise.race([attempt, timeout]);
    } finally {
      timers.clearTimeout(handle);
    }
  };
};

/** What a failed reply means for the cycle; 2xx replies are the caller's to read. */
export const stepOf = (
  reply: Exclude<HttpReply, { kind: "ok" }>,
  fail: (key: SyncErrorKey, detail: string) => SyncError,
): Failure => {
  if (reply.kind === "timeout") return { kind: "retry", error: fail("timeout", "The server did not answer in time.") };
  if (reply.kind === "network") return { kind: "retry", error: fail("network", reply.detail) };
  if (reply.status === 401) {
    // A revoked tablet is told so; any other 401 means the token is unknown.
    const key = reply.code === "device-revoked" ? "device-revoked" : "unauthorized";
    return { kind: "unauthorized", error: fail(key, reply.message) };
  }
  if (reply.status === 429) {
    const step: Failure = { kind: "retry", error: fail("rate-limited", reply.message) };
    if (reply.retryAfterMs !== null) step.retryAfterMs = reply.retryAfterMs;
    return step;
  }
  if (reply.status >= 500) return { kind: "retry", error: fail("server-error", reply.message) };
  if (reply.code === "mutation-id-reused") return { kind: "halt", error: fail("mutation-id-reused", reply.message) };
  if (reply.code === "protocol-unsupported")
    return { kind: "halt", error: fail("protocol-unsupported", reply.message) };
  return { kind: "halt", error: fail("request-refused", `${reply.code}: ${reply.message}`) };
};
