/*
 * Publishing and read-only links. Invariants: publishing, the version list and the
 * links are the coordinator's (a tablet gets 403, nobody 401); GET /published/:token
 * needs no sign-in, answers only the latest publication (publishing.ts), and an
 * unknown or revoked token costs the caller from the same per-address bucket as a bad
 * bearer token, so links cannot be guessed quickly.
 */
import type { Hono } from "hono";
import {
  PublishSchema,
  READ_TOKEN_RE,
  ReadLinkSchema,
  type ReadLinkListResponse,
} from "../../protocol/publication-wire.ts";
import { ApiError } from "../errors.ts";
import {
  createReadLink,
  listPublications,
  publishEdition,
  readPublished,
  revokeReadLink,
  toReadLinkInfo,
} from "../publishing.ts";
import {
  actorOf,
  editionOr404,
  type Env,
  limit,
  parseBody,
  type RouteDeps,
  requireCoordinator,
  SMALL_BODY_BYTES,
  sendJson,
  takeOr429,
} from "./request.ts";

export const registerPublicationRoutes = (api: Hono<Env>, { store, now, limits }: RouteDeps): void => {
  api.post("/editions/:id/publish", limit(SMALL_BODY_BYTES), async (c) => {
    const coordinator = requireCoordinator(c);
    const { showNames } = await parseBody(c, PublishSchema);
    const response = await publishEdition(store, c.req.param("id"), actorOf(coordinator), now(), { showNames });
    return sendJson(c, response, response.created ? 201 : 200);
  });

  api.get("/editions/:id/publications", async (c) => {
    requireCoordinator(c);
    const editionId = c.req.param("id");
    await editionOr404(store, editionId);
    return sendJson(c, await listPublications(store, editionId));
  });

  api.get("/editions/:id/read-links", async (c) => {
    requireCoordinator(c);
    const editionId = c.req.param("id");
    await editionOr404(store, editionId);
    const response: ReadLinkListResponse = { links: (await store.readLinks.list(editionId)).map(toReadLinkInfo) };
    return c.json(response);
  });

  api.post("/editions/:id/read-links", limit(SMALL_BODY_BYTES), async (c) => {
    const coordinator = requireCoordinator(c);
    const request = await parseBody(c, ReadLinkSchema);
    return c.json(await createReadLink(store, c.req.param("id"), request, actorOf(coordinator), now()), 201);
  });

  api.delete("/editions/:id/read-links/:linkId", async (c) => {
    const coordinator = requireCoordinator(c);
    const link = await revokeReadLink(store, c.req.param("id"), c.req.param("linkId"), actorOf(coordinator), now());
    return c.json({ link });
  });

  api.get("/published/:token", async (c) => {
    const token = c.req.param("token");
    try {
      if (!READ_TOKEN_RE.test(token)) throw new ApiError("read-link-invalid");
      return sendJson(c, await readPublished(store, token));
    } catch (error) {
      if (error instanceof ApiError && error.code === "read-link-invalid")
        await takeOr429(limits, "invalidToken", c.get("address"));
      throw error;
    }
  });
};
