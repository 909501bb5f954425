/*
 * The two exchanges of a sync cycle: push the outbox, pull what changed.
 *
 * Invariants:
 * - The outbox is drained in seq order, and a row leaves "pending" only through
 *   storage.markHandled with the server's verdict; every verdict counts as handled,
 *   so one refused change never jams the queue.
 * - A pulled page and its cursor are stored in one storage transaction (applyRemote),
 *   so the cursor moves only with its data and an interrupted pull resumes where it stopped.
 * - Server stamps reach the device clock only after the data carrying them is committed.
 */
import * as v from "valibot";
import { PROTOCOL_VERSION } from "../../src/protocol/mutation.ts";
import { PullResponseSchema, type PullRow, type PushResult, PushResponseSchema } from "../../src/protocol/wire.ts";
import { batchUnderLimits } from "./batch.ts";
import { type Send, type Step, stepOf } from "./http.ts";
import type { SyncStorage } from "./ports.ts";
import { greatestStamp } from "./stamps.ts";
import type { SyncError, SyncErrorKey, SyncSession } from "./status.ts";

const MAX_PULL_PAGES = 10_000;

export type ExchangeOptions = {
  storage: SyncStorage;
  send: Send;
  fail: (key: SyncErrorKey, detail: string) => SyncError;
  /** Told the server's clock from every reply that carries it. */
  onServerTime: (serverTime: number) => void;
  pullLimit: number;
  maxPushMutations: number;
  maxPushBytes: number;
};

export const createExchange = (options: ExchangeOptions) => {
  const { storage, send, fail, pullLimit, maxPushMutations, maxPushBytes } = options;

  const noteServerTime = (body: unknown): void => {
    const serverTime = (body as { serverTime?: unknown } | null)?.serverTime;
    if (typeof serverTime === "number") options.onServerTime(serverTime);
  };

  /** Rejects locally the mutations the server named as invalid, so they cannot jam the queue. */
  const rejectInvalid = async (details: unknown): Promise<boolean> => {
    const invalid = (details as { invalid?: unknown } | null)?.invalid;
    if (!Array.isArray(invalid)) return false;
    const results: PushResult[] = invalid.flatMap((entry) => {
      const mutationId = (entry as { mutationId?: unknown } | null)?.mutationId;
      const errors = (entry as { errors?: unknown } | null)?.errors;
      if (typeof mutationId !== "string") return [];
      const reason = Array.isArray(errors) ? errors.join("; ") : "invalid";
      return [{ mutationId, status: "rejected", reason } satisfies PushResult];
    });
    if (results.length === 0) return false;
    return (await storage.markHandled(results)).handled > 0;
  };

  const pushOutbox = async (token: string): Promise<Step> => {
    let limit = maxPushMutations;
    for (;;) {
      const pending = await storage.listPending(limit);
      if (pending.length === 0) return { kind: "ok" };
      const mutations = batchUnderLimits(
        pending.map((p) => p.mutation),
        limit,
        maxPushBytes,
      );
      const reply = await send(
        "POST",
        "/sync/push",
        // The coordinator's board shows how much is still waiting on this tablet.
        {
          protocolVersion: PROTOCOL_VERSION,
          deviceId: storage.deviceId,
          mutations,
          pending: await storage.pendingCount(),
        },
        token,
      );
      if (reply.kind === "ok") {
        const parsed = v.safeParse(PushResponseSchema, reply.body);
        if (!parsed.success)
          return { kind: "retry", error: fail("bad-response", "The server's answer to a push was not understood.") };
        noteServerTime(reply.body);
        const results = parsed.output.results as PushResult[];
        const handled = await storage.markHandled(results);
        const stamp = greatestStamp(results.map((r) => r.serverRecord));
        if (stamp) await storage.observeStamp(stamp);
        // Without progress the same batch would be sent for ever.
        if (handled.handled === 0)
          return { kind: "retry", error: fail("bad-response", "The server handled none of the changes sent.") };
        continue;
      }
      if (reply.kind === "error") {
        if (reply.code === "invalid-body" && (await rejectInvalid(reply.details))) continue;
        if ((reply.code === "batch-too-large" || reply.code === "payload-too-large") && mutations.length > 1) {
          limit = Math.max(1, Math.floor(mutations.length / 2));
          continue;
        }
      }
      return stepOf(reply, fail);
    }
  };

  const pullChanges = async (token: string, session: SyncSession): Promise<Step> => {
    let cursor = await storage.getCursor(session.editionId);
    for (let page = 0; page < MAX_PULL_PAGES; page++) {
      const query = new URLSearchParams({
        edition: session.editionId,
        since: String(cursor),
        limit: String(pullLimit),
        pending: String(await storage.pendingCount()),
      });
      const reply = await send("GET", `/sync/pull?${query}`, undefined, token);
      if (reply.kind !== "ok") return stepOf(reply, fail);
      const parsed = v.safeParse(PullResponseSchema, reply.body);
      if (!parsed.success)
        return { kind: "retry", error: fail("bad-response", "The server's answer to a pull was not understood.") };
      noteServerTime(reply.body);
      const rows = parsed.output.rows as PullRow[];
      await storage.applyRemote(rows, { editionId: session.editionId, cursor: parsed.output.cursor });
      if (!parsed.output.more) return { kind: "ok" };
      if (parsed.output.cursor <= cursor)
        return { kind: "retry", error: fail("bad-response", "The server said there is more but moved no further.") };
      cursor = parsed.output.cursor;
    }
    return { kind: "ok" };
  };

  return { pushOutbox, pullChanges };
};
