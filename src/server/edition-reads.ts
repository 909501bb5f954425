/*
 * Whole-edition reads the routes, publishing and backups share: the stored bundle with
 * every record, and the whole audit log. They read through the store's declared reads,
 * so they work on the store and inside a transaction alike.
 */
import type { EditionBundle } from "../domain/types.ts";
import type { AuditEntryInfo } from "../protocol/wire.ts";
import type { StoreReads } from "./store/store-types.ts";

type Reads = Pick<StoreReads, "editions" | "records">;

const AUDIT_PAGE = 1000;

/** Every score, sheet and nomination of the edition, as stored. */
export const editionRecords = async (
  reads: Pick<StoreReads, "records">,
  editionId: string,
): Promise<Pick<EditionBundle, "scores" | "sheets" | "nominations">> => {
  const records = async <T extends "scores" | "sheets" | "nominations">(t: T) =>
    (await reads.records.list(t, editionId)).map((r) => r.record);
  return {
    scores: await records("scores"),
    sheets: await records("sheets"),
    nominations: await records("nominations"),
  };
};

/** The edition's reference data and every score, sheet and nomination; undefined when there is no such edition. */
export const fullBundle = async (reads: Reads, editionId: string): Promise<EditionBundle | undefined> => {
  const stored = await reads.editions.bundle(editionId);
  return stored && { ...stored.bundle, ...(await editionRecords(reads, editionId)) };
};

/** Every audit entry of the edition, oldest first, read a page at a time. */
export const allAuditEntries = async (
  reads: Pick<StoreReads, "audit">,
  editionId: string,
): Promise<AuditEntryInfo[]> => {
  const out: AuditEntryInfo[] = [];
  for (let after = 0; ; ) {
    const page = await reads.audit.list(editionId, after, AUDIT_PAGE);
    for (const { editionId: _e, ...entry } of page) out.push(entry);
    if (page.length < AUDIT_PAGE) return out;
    after = page[page.length - 1]?.id ?? after;
  }
};
