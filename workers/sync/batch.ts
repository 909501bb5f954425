/*
 * Cuts the head of the outbox into one push request the server will accept: at most
 * `maxCount` mutations and `maxBytes` of JSON, in seq order, never empty (a single
 * mutation is far below the byte limit because every text field is capped).
 */
import type { Mutation } from "../../src/protocol/mutation.ts";

/** Room left for `{"protocolVersion":1,"deviceId":"…","mutations":[…]}` around the mutations. */
const ENVELOPE_BYTES = 256;

const encoder = new TextEncoder();

export const jsonBytes = (value: unknown): number => encoder.encode(JSON.stringify(value)).length;

export const batchUnderLimits = (mutations: readonly Mutation[], maxCount: number, maxBytes: number): Mutation[] => {
  const batch: Mutation[] = [];
  let bytes = ENVELOPE_BYTES;
  for (const mutation of mutations) {
    if (batch.length >= maxCount) break;
    const size = jsonBytes(mutation) + 1;
    if (batch.length > 0 && bytes + size > maxBytes) break;
    batch.push(mutation);
    bytes += size;
  }
  return batch;
};
