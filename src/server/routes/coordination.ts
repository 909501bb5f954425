/*
 * The coordinator's set-up and running-the-day routes: edition state, copy, schedule
 * and current presenter, recusals, the live board and the audit search. Invariant:
 * every route here is the coordinator's (a tablet gets 403); the writes themselves and
 * their invariants are in edition-admin.ts.
 */
import { createHash } from "node:crypto";
import type { Hono } from "hono";
import { filterAudit } from "../../domain/audit-filter.ts";
import { boardGrid } from "../../domain/board.ts";
import { stateOf } from "../../domain/edition-lifecycle.ts";
import { attendanceOf, emptySchedule } from "../../domain/schedule.ts";
import {
  AuditSearchSchema,
  type AuditSearchResponse,
  BoardQuerySchema,
  type BoardResponse,
  type BoardUnchanged,
  CopyEditionSchema,
  RecusalSchema,
  type ScheduleResponse,
  ScheduleSchema,
  StateChangeSchema,
  type StateChangeResponse,
} from "../../protocol/coordination.ts";
import type { EditionBundleResponse } from "../../protocol/wire.ts";
import { advanceSchedule, changeState, copyEditionOnServer, recordRecusal, saveSchedule } from "../edition-admin.ts";
import { allAuditEntries } from "../edition-reads.ts";
import { ApiError } from "../errors.ts";
import {
  actorOf,
  editionOr404,
  type Env,
  limit,
  parseBody,
  parseQuery,
  type RouteDeps,
  requireCoordinator,
  SMALL_BODY_BYTES,
  sendJson,
  toDeviceInfo,
} from "./request.ts";

const SCHEDULE_BODY_BYTES = 256 * 1024;

export const registerCoordinationRoutes = (api: Hono<Env>, { store, now, clock }: RouteDeps): void => {
  api.post("/editions/:id/state", limit(SMALL_BODY_BYTES), async (c) => {
    const coordinator = requireCoordinator(c);
    const editionId = c.req.param("id");
    const { to } = await parseBody(c, StateChangeSchema);
    const r = await changeState(store, editionId, to, actorOf(coordinator), now());
    const response: StateChangeResponse = { editionId, ...r };
    return c.json(response);
  });

  api.post("/editions/:id/copy", limit(SMALL_BODY_BYTES), async (c) => {
    const coordinator = requireCoordinator(c);
    const target = await parseBody(c, CopyEditionSchema);
    await copyEditionOnServer(store, c.req.param("id"), target, actorOf(coordinator), now());
    const stored = await store.editions.bundle(target.id);
    if (!stored) throw new Error("copied edition missing right after the copy");
    const response: EditionBundleResponse = { ...stored.bundle, version: stored.version };
    return sendJson(c, response, 201);
  });

  api.get("/editions/:id/schedule", async (c) => {
    requireCoordinator(c);
    const editionId = c.req.param("id");
    const { edition } = await editionOr404(store, editionId);
    const stored = await store.editions.bundle(editionId);
    const response: ScheduleResponse = {
      schedule: edition.schedule ?? emptySchedule(editionId),
      version: stored?.version ?? 0,
    };
    return c.json(response);
  });

  api.put("/editions/:id/schedule", limit(SCHEDULE_BODY_BYTES), async (c) => {
    const coordinator = requireCoordinator(c);
    const editionId = c.req.param("id");
    const schedule = await parseBody(c, ScheduleSchema);
    const response: ScheduleResponse = await saveSchedule(store, editionId, schedule, actorOf(coordinator), now());
    return c.json(response);
  });

  api.post("/editions/:id/schedule/advance", async (c) => {
    const coordinator = requireCoordinator(c);
    const response: ScheduleResponse = await advanceSchedule(store, c.req.param("id"), actorOf(coordinator), now());
    return c.json(response);
  });

  api.post("/editions/:id/sheets/:participantId/:memberId/recusal", limit(SMALL_BODY_BYTES), async (c) => {
    const coordinator = requireCoordinator(c);
    const ids = {
      editionId: c.req.param("id"),
      participantId: c.req.param("participantId"),
      memberId: c.req.param("memberId"),
    };
    await editionOr404(store, ids.editionId);
    const change = await parseBody(c, RecusalSchema);
    return c.json(await recordRecusal(store, clock, ids, change, actorOf(coordinator), now()));
  });

  api.get("/editions/:id/board", async (c) => {
    requireCoordinator(c);
    const editionId = c.req.param("id");
    const { since } = parseQuery(c, BoardQuerySchema);
    const stored = await store.editions.bundle(editionId);
    if (!stored) throw new ApiError("not-found");
    const { edition, rubric, participants, members } = stored.bundle;
    const schedule = edition.schedule ?? emptySchedule(editionId);
    const grid = boardGrid({
      rubric,
      participants,
      members,
      scores: (await store.records.list("scores", editionId)).map((s) => s.record),
      sheets: (await store.records.list("sheets", editionId)).map((s) => s.record),
    });
    const refused = await store.audit.refusedCounts(editionId);
    const devices = (await store.devices.list(editionId)).map((d) => ({
      ...toDeviceInfo(d),
      attendance: attendanceOf(schedule.memberAttendance, d.memberId),
      refused: refused.get(d.id) ?? 0,
    }));
    const body = {
      editionId,
      state: stateOf(edition),
      grid,
      devices,
      currentParticipantId: schedule.currentParticipantId,
    };
    const etag = createHash("sha256").update(JSON.stringify(body)).digest("hex").slice(0, 32);
    const generatedAt = now();
    if (since === etag) {
      const unchanged: BoardUnchanged = { unchanged: true, etag, generatedAt };
      return c.json(unchanged);
    }
    const response: BoardResponse = { ...body, etag, generatedAt };
    return sendJson(c, response);
  });

  api.get("/editions/:id/audit/search", async (c) => {
    requireCoordinator(c);
    const editionId = c.req.param("id");
    await editionOr404(store, editionId);
    const q = parseQuery(c, AuditSearchSchema);
    const all = await allAuditEntries(store, editionId);
    const entries = filterAudit(all, {
      memberId: q.member,
      participantId: q.participant,
      deviceId: q.device,
      from: q.from,
      to: q.to,
      refusedOnly: q.refused === "1",
    });
    const response: AuditSearchResponse = { entries, total: all.length };
    return sendJson(c, response);
  });
};
