/*
 * Coordinator accounts: first-run setup, login, logout, and who am I. Invariant:
 * a wrong name and a wrong password get the same answer after the same work.
 */
import type { Hono } from "hono";
import { type LoginResponse, LoginRequestSchema, SetupRequestSchema } from "../../protocol/wire.ts";
import { burnPasswordCheck, hashPassword, hashToken, newId, newToken, verifyPassword } from "../auth.ts";
import { ApiError } from "../errors.ts";
import type { CoordinatorEntity, TxStore } from "../store/store-types.ts";
import {
  type Env,
  limit,
  parseBody,
  type RouteDeps,
  requirePrincipal,
  SMALL_BODY_BYTES,
  toDeviceInfo,
} from "./request.ts";

export const registerAuthRoutes = (api: Hono<Env>, { store, now, sessionTtlMs }: RouteDeps): void => {
  const startSession = async (s: TxStore, coordinator: CoordinatorEntity): Promise<LoginResponse> => {
    const token = newToken();
    const expiresAt = now() + sessionTtlMs;
    await s.sessions.insert(hashToken(token), coordinator.id, now(), expiresAt);
    return { token, expiresAt, coordinator: { id: coordinator.id, name: coordinator.name } };
  };

  api.post("/auth/setup", limit(SMALL_BODY_BYTES), async (c) => {
    const body = await parseBody(c, SetupRequestSchema);
    const passwordHash = hashPassword(body.password);
    const response = await store.tx(async (s) => {
      if ((await s.coordinators.count()) > 0) throw new ApiError("setup-closed");
      if (!(await s.setupTokens.consume(hashToken(body.setupToken), now()))) throw new ApiError("invalid-credentials");
      const coordinator: CoordinatorEntity = { id: newId(), name: body.name, passwordHash, createdAt: now() };
      await s.coordinators.insert(coordinator);
      return startSession(s, coordinator);
    });
    return c.json(response, 201);
  });

  api.post("/auth/login", limit(SMALL_BODY_BYTES), async (c) => {
    const body = await parseBody(c, LoginRequestSchema);
    const coordinator = await store.coordinators.byName(body.name);
    if (!coordinator) {
      burnPasswordCheck(body.password);
      throw new ApiError("invalid-credentials");
    }
    if (!verifyPassword(body.password, coordinator.passwordHash)) throw new ApiError("invalid-credentials");
    return c.json(await store.tx((s) => startSession(s, coordinator)));
  });

  api.post("/auth/logout", async (c) => {
    const p = requirePrincipal(c);
    if (p.kind === "coordinator") await store.tx((s) => s.sessions.revoke(p.tokenHash, now()));
    return c.body(null, 204);
  });

  api.get("/me", async (c) => {
    const p = requirePrincipal(c);
    if (p.kind === "coordinator")
      return c.json({ kind: "coordinator", coordinator: { id: p.coordinator.id, name: p.coordinator.name } });
    return c.json({
      kind: "device",
      device: toDeviceInfo(p.device),
      member: (await store.references.get("members", p.device.editionId, p.device.memberId)) ?? null,
    });
  });
};
