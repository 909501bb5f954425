/*
 * Editions for the coordinator (import and edit, list, data, results, audit, reopen)
 * and the reference bundle for the edition's own tablets. Invariant: a device sees
 * only its own edition; everything else here is the coordinator's.
 */
import type { Hono } from "hono";
import * as v from "valibot";
import { computeResultsWithFeedback } from "../../domain/compute-feedback.ts";
import { stateOf } from "../../domain/edition-lifecycle.ts";
import type {
  AuditResponse,
  EditionBundleResponse,
  EditionDataResponse,
  EditionImportResponse,
  EditionListResponse,
  ReopenResponse,
} from "../../protocol/wire.ts";
import { ReopenSchema } from "../../protocol/recovery.ts";
import { importBundle, parseBundle, reopenSheet } from "../editions.ts";
import { fullBundle } from "../edition-reads.ts";
import { ApiError } from "../errors.ts";
import {
  actorOf,
  BUNDLE_BODY_BYTES,
  editionOr404,
  type Env,
  limit,
  parseBody,
  parseQuery,
  readJson,
  type RouteDeps,
  requireCoordinator,
  requirePrincipal,
  SMALL_BODY_BYTES,
  sendJson,
} from "./request.ts";

const AuditQuerySchema = v.object({
  after: v.optional(v.pipe(v.string(), v.regex(/^\d{1,15}$/), v.transform(Number)), "0"),
  limit: v.optional(
    v.pipe(v.string(), v.regex(/^\d{1,4}$/), v.transform(Number), v.minValue(1), v.maxValue(1000)),
    "200",
  ),
});

export const registerEditionRoutes = (api: Hono<Env>, { store, now, clock }: RouteDeps): void => {
  api.post("/editions", limit(BUNDLE_BODY_BYTES), async (c) => {
    const coordinator = requireCoordinator(c);
    const body = await readJson(c);
    const bundle = parseBundle(body, c.get("locale"));
    const baseVersion = (body as { baseVersion?: unknown }).baseVersion;
    const { created, recordsApplied } = await importBundle(store, bundle, actorOf(coordinator), now(), { baseVersion });
    const stored = await store.editions.bundle(bundle.edition.id);
    if (!stored) throw new Error("edition missing right after import");
    const response: EditionImportResponse = { ...stored.bundle, version: stored.version, created, recordsApplied };
    return sendJson(c, response, created ? 201 : 200);
  });

  api.get("/editions", async (c) => {
    requireCoordinator(c);
    const editions: EditionListResponse["editions"] = [];
    for (const { edition } of await store.editions.list()) {
      editions.push({
        id: edition.id,
        title: edition.title,
        year: edition.year,
        provinceCode: edition.provinceCode,
        provinceName: edition.provinceName,
        isSample: edition.isSample,
        version: (await store.editions.bundle(edition.id))?.version ?? 0,
        state: stateOf(edition),
      });
    }
    const response: EditionListResponse = { editions };
    return sendJson(c, response);
  });

  api.get("/editions/:id/bundle", async (c) => {
    const p = requirePrincipal(c);
    const id = c.req.param("id");
    if (p.kind === "device" && p.device.editionId !== id) throw new ApiError("forbidden");
    const stored = await store.editions.bundle(id);
    if (!stored) throw new ApiError("not-found");
    const response: EditionBundleResponse = { ...stored.bundle, version: stored.version };
    return sendJson(c, response);
  });

  api.get("/editions/:id/data", async (c) => {
    requireCoordinator(c);
    const editionId = c.req.param("id");
    await editionOr404(store, editionId);
    const scores = await store.records.list("scores", editionId);
    const response: EditionDataResponse = {
      editionId,
      version: await store.currentVersion(),
      scores: scores.map((s) => s.record),
      sheets: (await store.records.list("sheets", editionId)).map((s) => s.record),
      nominations: (await store.records.list("nominations", editionId)).map((s) => s.record),
      needsReview: scores.filter((s) => s.needsReview).map((s) => s.record.key),
    };
    return sendJson(c, response);
  });

  api.post("/editions/:id/sheets/:participantId/:memberId/reopen", limit(SMALL_BODY_BYTES), async (c) => {
    const coordinator = requireCoordinator(c);
    const ids = {
      editionId: c.req.param("id"),
      participantId: c.req.param("participantId"),
      memberId: c.req.param("memberId"),
    };
    // No body, or an empty reason, is the coordinator forgetting the reason: say so in words.
    const { reason } = c.req.header("Content-Type") ? await parseBody(c, ReopenSchema) : { reason: "" };
    if (reason === "") throw new ApiError("reason-required");
    await editionOr404(store, ids.editionId);
    const response: ReopenResponse = await reopenSheet(store, clock, ids, reason, actorOf(coordinator), now());
    return c.json(response);
  });

  api.get("/editions/:id/results", async (c) => {
    requireCoordinator(c);
    const editionId = c.req.param("id");
    const bundle = await fullBundle(store, editionId);
    if (!bundle) throw new ApiError("not-found");
    // The API's results carry every district's feedback, as they always have (a previous edition's letters read it).
    return sendJson(c, computeResultsWithFeedback(bundle));
  });

  api.get("/editions/:id/audit", async (c) => {
    requireCoordinator(c);
    const editionId = c.req.param("id");
    await editionOr404(store, editionId);
    const query = parseQuery(c, AuditQuerySchema);
    const rows = await store.audit.list(editionId, query.after, query.limit + 1);
    const more = rows.length > query.limit;
    const entries = rows.slice(0, query.limit).map(({ editionId: _e, ...rest }) => rest);
    const response: AuditResponse = { entries, cursor: entries.at(-1)?.id ?? query.after, more };
    return sendJson(c, response);
  });
};
