/*
 * Tablets: join codes (coordinator), enrolment with a code, the device list and
 * revocation. Invariant: a join code is used inside the same transaction that
 * enrols the device, so a single-use code enrols exactly one tablet.
 */
import type { Hono } from "hono";
import { acceptsScores } from "../../domain/edition-lifecycle.ts";
import { suggestedDeviceName } from "../../domain/device-name.ts";
import {
  type DeviceListResponse,
  EnrolRequestSchema,
  type EnrolResponse,
  type JoinCodeListResponse,
} from "../../protocol/wire.ts";
import { hashToken, newToken } from "../auth.ts";
import { issueJoinCode, toJoinCodeResponse } from "../enrolment.ts";
import { ApiError } from "../errors.ts";
import {
  editionOr404,
  type Env,
  limit,
  memberOr404,
  parseBody,
  type RouteDeps,
  requireCoordinator,
  SMALL_BODY_BYTES,
  takeOr429,
  sendJson,
  toDeviceInfo,
} from "./request.ts";

export const registerDeviceRoutes = (api: Hono<Env>, { store, now, joinCodeTtlMs, limits }: RouteDeps): void => {
  api.post("/editions/:id/members/:memberId/join-code", async (c) => {
    requireCoordinator(c);
    const editionId = c.req.param("id");
    await editionOr404(store, editionId);
    const memberId = c.req.param("memberId");
    await memberOr404(store, editionId, memberId);
    const response = await issueJoinCode(store, editionId, memberId, now(), joinCodeTtlMs);
    return c.json(response, 201);
  });

  // The join sheet after a reload: the codes already issued that can still enrol a tablet, so the coordinator
  // can print them again instead of issuing new ones (which would retire the printed cards).
  api.get("/editions/:id/join-codes", async (c) => {
    requireCoordinator(c);
    const editionId = c.req.param("id");
    await editionOr404(store, editionId);
    const response: JoinCodeListResponse = {
      codes: (await store.joinCodes.active(now(), editionId)).map(toJoinCodeResponse),
    };
    return sendJson(c, response);
  });

  api.get("/editions/:id/devices", async (c) => {
    requireCoordinator(c);
    const editionId = c.req.param("id");
    await editionOr404(store, editionId);
    const response: DeviceListResponse = { devices: (await store.devices.list(editionId)).map(toDeviceInfo) };
    return sendJson(c, response);
  });

  api.delete("/devices/:id", async (c) => {
    const coordinator = requireCoordinator(c);
    const id = c.req.param("id");
    const device = await store.devices.byId(id);
    if (!device) throw new ApiError("not-found");
    await store.tx(async (s) => {
      if (!(await s.devices.revoke(id, now(), "revoked"))) return;
      await s.audit.append({
        at: now(),
        actorKind: "coordinator",
        actorId: coordinator.id,
        deviceId: id,
        editionId: device.editionId,
        table: "devices",
        key: id,
        field: "revoked",
        old: false,
        new: true,
        mutationId: null,
        version: null,
      });
    });
    const after = (await store.devices.byId(id)) ?? device;
    return c.json({ device: toDeviceInfo(after) });
  });

  api.post("/enrol", limit(SMALL_BODY_BYTES), async (c) => {
    await takeOr429(limits, "enrolAddress", c.get("address"));
    const body = await parseBody(c, EnrolRequestSchema);
    await takeOr429(limits, "enrolCode", body.code);
    const token = newToken();
    const response = await store.tx(async (s): Promise<EnrolResponse> => {
      const t = now();
      const code = await s.joinCodes.get(body.code);
      if (!code || code.revokedAt !== null || code.uses >= code.maxUses || code.expiresAt <= t)
        throw new ApiError("join-code-invalid");
      const member = await s.references.get("members", code.editionId, code.memberId);
      if (!member) throw new ApiError("join-code-invalid");
      const edition = await s.editions.get(code.editionId);
      if (!edition || !acceptsScores(edition.edition)) throw new ApiError("edition-not-open");
      // A known id is enrolled again only by the tablet holding its token: an id alone moves nothing.
      const known = await s.devices.byId(body.deviceId);
      if (known) {
        const holder = body.deviceToken ? await s.devices.byTokenHash(hashToken(body.deviceToken)) : undefined;
        if (holder?.id !== known.id) throw new ApiError("device-id-taken");
      }
      const name = body.deviceName || suggestedDeviceName(member.name);
      await s.devices.upsert(
        { id: body.deviceId, editionId: code.editionId, memberId: code.memberId, name, createdAt: t },
        hashToken(token),
      );
      await s.joinCodes.use(code.code);
      await s.audit.append({
        at: t,
        actorKind: "device",
        actorId: member.id,
        deviceId: body.deviceId,
        editionId: code.editionId,
        table: "devices",
        key: body.deviceId,
        field: "enrolled",
        old: null,
        new: { name, code: code.code },
        mutationId: null,
        version: null,
      });
      return { token, deviceId: body.deviceId, editionId: code.editionId, member };
    });
    return c.json(response, 201);
  });
};
