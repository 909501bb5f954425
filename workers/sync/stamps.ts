import { isStamp } from "../../src/domain/hlc.ts";
import type { Stamp } from "../../src/domain/types.ts";

/** The greatest field stamp among records (null/undefined entries skipped), to feed the device clock. */
export const greatestStamp = (records: readonly unknown[]): Stamp | null => {
  let greatest: Stamp | null = null;
  for (const record of records) {
    const stamps = (record as { stamps?: unknown } | null | undefined)?.stamps;
    if (typeof stamps !== "object" || stamps === null) continue;
    for (const stamp of Object.values(stamps)) {
      if (isStamp(stamp) && (greatest === null || stamp > greatest)) greatest = stamp;
    }
  }
  return greatest;
};
