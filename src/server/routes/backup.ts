/*
 * The coordinator's recovery routes: an edition's backup file, restoring one into a
 * server that does not have the edition, and importing a tablet's last-resort file.
 * Invariant: coordinator only; a file is verified whole (checksum first) before
 * anything is written (edition-backup.ts, rescue-import.ts).
 */
import type { Hono } from "hono";
import { buildBackup, parseBackup, restoreBackup } from "../edition-backup.ts";
import { ApiError } from "../errors.ts";
import { importRescueFile, parseRescueFile } from "../rescue-import.ts";
import {
  actorOf,
  editionOr404,
  type Env,
  limit,
  readJson,
  type RouteDeps,
  requireCoordinator,
  sendJson,
} from "./request.ts";

/** A whole edition with every record and its audit log. */
const BACKUP_BODY_BYTES = 64 * 1024 * 1024;
/** One tablet's records and pending changes. */
const RESCUE_BODY_BYTES = 16 * 1024 * 1024;

export const registerBackupRoutes = (api: Hono<Env>, { store, now }: RouteDeps): void => {
  api.get("/editions/:id/backup", async (c) => {
    requireCoordinator(c);
    const editionId = c.req.param("id");
    const backup = await buildBackup(store, editionId, now());
    if (!backup) throw new ApiError("not-found");
    const day = backup.createdAt.slice(0, 10);
    c.header("Content-Disposition", `attachment; filename="panelis-${editionId}-${day}.json"`);
    return sendJson(c, backup);
  });

  api.post("/editions/restore", limit(BACKUP_BODY_BYTES), async (c) => {
    const coordinator = requireCoordinator(c);
    const backup = await parseBackup(await readJson(c), c.get("locale"));
    return sendJson(c, await restoreBackup(store, backup, actorOf(coordinator), now()), 201);
  });

  api.post("/editions/:id/rescue-import", limit(RESCUE_BODY_BYTES), async (c) => {
    const coordinator = requireCoordinator(c);
    const editionId = c.req.param("id");
    await editionOr404(store, editionId);
    const locale = c.get("locale");
    const file = await parseRescueFile(await readJson(c), editionId, locale);
    return sendJson(c, await importRescueFile(store, file, actorOf(coordinator), now(), locale));
  });
};
