/*
 * The coordinator's recovery actions: an edition's backup file, restoring one, and
 * importing a tablet's last-resort file. Each is one server call; the server checks
 * the file whole before it writes anything, and its refusal (in words) becomes the
 * screen's error like every other coordinator call.
 */
import type { EditionBackup } from "../protocol/edition-backup.ts";
import type { RescueImportResponse, RestoreResponse } from "../protocol/recovery.ts";
import { api, editionPath, loadEditions, refreshEdition, run } from "./coordinator.ts";

export type { RescueImportResponse, RestoreResponse };

export const fetchBackup = (editionId: string) =>
  run(() => api<EditionBackup>("GET", editionPath(editionId, "/backup")));

export const restoreFromBackup = (file: unknown) =>
  run(async () => {
    const restored = await api<RestoreResponse>("POST", "/editions/restore", file);
    await loadEditions();
    return restored;
  });

export const importTabletFile = (editionId: string, file: unknown) =>
  run(async () => {
    const report = await api<RescueImportResponse>("POST", editionPath(editionId, "/rescue-import"), file);
    await refreshEdition(editionId);
    return report;
  });
