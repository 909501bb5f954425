/*
 * The rescue file a panelist hands over on a USB stick when a tablet never got
 * online: everything this device knows that the server may not.
 *
 * Invariant: `checksum` is the SHA-256 of the canonical JSON of every other
 * member of the file, so any edit to the file — or a truncated copy — fails
 * `verifyExport`.
 */
import { canonicalJson } from "../domain/canonical-json.ts";
import { sha256Hex } from "../domain/sha256.ts";
import {
  RESCUE_FORMAT,
  RESCUE_FORMAT_VERSION,
  type RefusedChange,
  type RescueFile,
} from "../protocol/rescue-import.ts";

export type { RefusedChange };

/** Lower-case hex SHA-256 of the canonical text. */
export const checksumOf = (value: unknown): Promise<string> => sha256Hex(canonicalJson(value));

export const EXPORT_FORMAT = RESCUE_FORMAT;
export const EXPORT_FORMAT_VERSION = RESCUE_FORMAT_VERSION;

/**
 * What this device writes: the protocol's rescue-file shape, so the coordinator's import
 * reads exactly this. `exportedAt` comes from the injected wall clock; `mutations` are the
 * member's pending outbox entries in seq order; `refused` keeps every change the server
 * permanently refused, so nothing typed is ever lost.
 */
export type PanelisExport = RescueFile;

export type UnsignedExport = Omit<PanelisExport, "checksum">;

export const signExport = async (body: UnsignedExport): Promise<PanelisExport> => ({
  ...body,
  checksum: await checksumOf(body),
});

/** True only for a file of this format whose checksum matches its content. */
export const verifyExport = async (file: unknown): Promise<boolean> => {
  if (typeof file !== "object" || file === null || Array.isArray(file)) return false;
  const { checksum, ...body } = file as Record<string, unknown>;
  if (body.format !== EXPORT_FORMAT || body.formatVersion !== EXPORT_FORMAT_VERSION) return false;
  if (typeof checksum !== "string") return false;
  return (await checksumOf(body)) === checksum;
};
