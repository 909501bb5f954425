/*
 * The rescue file a panelist hands over on a USB stick when a tablet never got
 * online: everything this device knows that the server may not.
 *
 * Invariant: `checksum` is the SHA-256 of the canonical JSON of every other
 * member of the file, so any edit to the file — or a truncated copy — fails
 * `verifyExport`.
 */
import type { LocalText, NominationRecord, ScoreRecord, SheetRecord } from "../domain/types.ts";
import type { Mutation } from "../protocol/mutation.ts";
import type { RefusedChange } from "../protocol/rescue-import.ts";

export type { RefusedChange };
import { canonicalJson } from "../domain/canonical-json.ts";
import { sha256Hex } from "../domain/sha256.ts";

/** Lower-case hex SHA-256 of the canonical text. */
export const checksumOf = (value: unknown): Promise<string> => sha256Hex(canonicalJson(value));

export const EXPORT_FORMAT = "panelis-export";
export const EXPORT_FORMAT_VERSION = 1;

export type PanelisExport = {
  format: typeof EXPORT_FORMAT;
  formatVersion: typeof EXPORT_FORMAT_VERSION;
  /** ISO 8601, from the injected wall clock. */
  exportedAt: string;
  edition: { id: string; title: LocalText; year: number | null };
  member: { id: string; name: string };
  deviceId: string;
  /** Pending outbox entries of this member, in seq order. */
  mutations: Mutation[];
  scores: ScoreRecord[];
  sheets: SheetRecord[];
  nominations: NominationRecord[];
  /** Changes the server permanently refused: kept so nothing typed is ever lost. */
  refused: RefusedChange[];
  checksum: string;
};

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
