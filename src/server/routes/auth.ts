/*
 * Coordinator accounts: first-run setup, login, logout, and who am I. Invariants:
 * a wrong name and a wrong password get the same answer after the same work (one
 * full hash); nothing is hashed before the cheap refusals (rate limits, lockout,
 * setup already closed, setup token unusable); an account locks for longer after
 * each further failure; a hash made with older parameters is replaced at the next
 * good login.
 */
import type { Hono } from "hono";
import { type LoginResponse, LoginRequestSchema, SetupRequestSchema } from "../../protocol/wire.ts";
import { burnPasswordCheck, hashPassword, hashToken, needsRehash, newId, newToken, verifyPassword } from "../auth.ts";
import { ApiError } from "../errors.ts";
import type { CoordinatorEntity, TxStore } from "../store/store-types.ts";
import {
  type Env,
  limit,
  parseBody,
  type RouteDeps,
  requirePrincipal,
  SMALL_BODY_BYTES,
  takeOr429,
  toDeviceInfo,
} from "./request.ts";

/** Names are unique regardless of case (COLLATE NOCASE), so lockouts are too. */
const accountKey = (name: string): string => name.normalize("NFC").toLowerCase();

export const registerAuthRoutes = (api: Hono<Env>, { store, now, sessionTtlMs, limits }: RouteDeps): void => {
  const startSession = async (s: TxStore, coordinator: CoordinatorEntity): Promise<LoginResponse> => {
    const token = newToken();
    const expiresAt = now() + sessionTtlMs;
    await s.sessions.insert(hashToken(token), coordinator.id, now(), expiresAt);
    return { token, expiresAt, coordinator: { id: coordinator.id, name: coordinator.name } };
  };

  api.post("/auth/setup", limit(SMALL_BODY_BYTES), async (c) => {
    await takeOr429(limits, "setup", c.get("address"));
    const body = await parseBody(c, SetupRequestSchema);
    const tokenHash = hashToken(body.setupToken);
    if ((await store.coordinators.count()) > 0) throw new ApiError("setup-closed");
    if (!(await store.setupTokens.isValid(tokenHash, now()))) throw new ApiError("invalid-credentials");
    const passwordHash = await hashPassword(body.password);
    const response = await store.tx(async (s) => {
      // Checked again inside the transaction: another setup may have finished while this one hashed.
      if ((await s.coordinators.count()) > 0) throw new ApiError("setup-closed");
      if (!(await s.setupTokens.consume(tokenHash, now()))) throw new ApiError("invalid-credentials");
      const coordinator: CoordinatorEntity = { id: newId(), name: body.name, passwordHash, createdAt: now() };
      await s.coordinators.insert(coordinator);
      return startSession(s, coordinator);
    });
    return c.json(response, 201);
  });

  api.post("/auth/login", limit(SMALL_BODY_BYTES), async (c) => {
    await takeOr429(limits, "loginAddress", c.get("address"));
    const body = await parseBody(c, LoginRequestSchema);
    const account = accountKey(body.name);
    const locked = await limits.lockedFor(account);
    if (locked > 0) throw new ApiError("rate-limited", undefined, { "Retry-After": String(locked) });
    const coordinator = await store.coordinators.byName(body.name);
    const ok = coordinator
      ? await verifyPassword(body.password, coordinator.passwordHash)
      : await burnPasswordCheck(body.password).then(() => false);
    if (!coordinator || !ok) {
      await limits.loginFailed(account);
      throw new ApiError("invalid-credentials");
    }
    await limits.loginSucceeded(account);
    const rehashed = needsRehash(coordinator.passwordHash) ? await hashPassword(body.password) : null;
    const response = await store.tx(async (s) => {
      if (rehashed) await s.coordinators.setPassword(coordinator.id, rehashed);
      return startSession(s, coordinator);
    });
    return c.json(response);
  });

  api.post("/auth/logout", async (c) => {
    const p = requirePrincipal(c);
    // A tablet has no session to end: its token is revoked by the coordinator (DELETE /devices/:id).
    if (p.kind === "device") throw new ApiError("bad-request", { reason: "device-token" });
    await store.tx((s) => s.sessions.revoke(p.tokenHash, now()));
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
