/*
 * The sync endpoints: push (a tablet's outbox batch) and pull (rows changed since a
 * cursor). Invariant: a push is validated whole (envelope, protocol version, size,
 * device, every mutation) before anything is applied, so a bad batch changes nothing.
 */
import type { Hono } from "hono";
import { validateMutation } from "../../domain/mutation-fast-path.ts";
import { validate } from "../../domain/schemas.ts";
import {
  MAX_PUSH_BYTES,
  MAX_PUSH_MUTATIONS,
  type PullResponse,
  type PullRow,
  PullQuerySchema,
  PushEnvelopeSchema,
  SUPPORTED_PROTOCOL_VERSIONS,
} from "../../protocol/wire.ts";
import { ApiError } from "../errors.ts";
import { handlePush } from "../push.ts";
import {
  editionOr404,
  type Env,
  limit,
  parseQuery,
  readJson,
  type RouteDeps,
  requireDevice,
  requirePrincipal,
  sendJson,
} from "./request.ts";

export const registerSyncRoutes = (api: Hono<Env>, { store, now }: RouteDeps): void => {
  api.post("/sync/push", limit(MAX_PUSH_BYTES), async (c) => {
    const device = requireDevice(c);
    const locale = c.get("locale");
    const envelope = validate(PushEnvelopeSchema, await readJson(c), locale);
    if (!envelope.ok) throw new ApiError("invalid-body", { errors: envelope.errors });
    const { protocolVersion, deviceId, mutations } = envelope.value;
    if (!SUPPORTED_PROTOCOL_VERSIONS.includes(protocolVersion))
      throw new ApiError("protocol-unsupported", { supported: SUPPORTED_PROTOCOL_VERSIONS });
    if (mutations.length > MAX_PUSH_MUTATIONS) throw new ApiError("batch-too-large", { max: MAX_PUSH_MUTATIONS });
    if (deviceId !== device.id) throw new ApiError("device-mismatch");
    const parsed = mutations.map((m) => validateMutation(m, locale));
    const invalid = parsed.flatMap((r, index) => {
      if (r.ok) return [];
      const raw = mutations[index] as { mutationId?: unknown } | null;
      const mutationId = raw && typeof raw === "object" && typeof raw.mutationId === "string" ? raw.mutationId : null;
      return [{ index, mutationId, errors: r.errors }];
    });
    if (invalid.length > 0) throw new ApiError("invalid-body", { invalid });
    const valid = parsed.flatMap((r) => (r.ok ? [r.value] : []));
    const { pending } = envelope.value;
    const response = await handlePush({ store, device, mutations: valid, now: now(), locale, pending });
    return sendJson(c, response);
  });

  api.get("/sync/pull", async (c) => {
    const p = requirePrincipal(c);
    const query = parseQuery(c, PullQuerySchema);
    const { since, limit: max } = query;
    let editionId: string;
    let memberId: string | null;
    if (p.kind === "device") {
      editionId = query.edition ?? p.device.editionId;
      if (editionId !== p.device.editionId) throw new ApiError("forbidden");
      memberId = p.device.memberId;
      const deviceId = p.device.id;
      const { pending } = query;
      await store.tx((s) =>
        pending === undefined ? s.devices.touch(deviceId, now()) : s.devices.reportPending(deviceId, pending, now()),
      );
    } else {
      if (!query.edition) throw new ApiError("bad-request", { missing: "edition" });
      editionId = query.edition;
      await editionOr404(store, editionId);
      memberId = null;
    }
    const feed = await store.feed.page(editionId, since, max + 1, memberId);
    const more = feed.length > max;
    const rows = feed.slice(0, max).map(
      (row) =>
        ({
          table: row.table,
          key: row.key,
          version: row.version,
          record: row.json === null ? null : JSON.parse(row.json),
          ...(row.needsReview ? { needsReview: true } : {}),
        }) as PullRow,
    );
    const response: PullResponse = { rows, cursor: rows.at(-1)?.version ?? since, more, serverTime: now() };
    return sendJson(c, response);
  });
};
