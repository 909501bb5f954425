/*
 * The sync status the worker reports and the page mirrors: a plain data type and
 * its starting value, with no behaviour, so the page can import it without pulling
 * in the engine.
 */

export type SyncErrorKey =
  | "network"
  | "timeout"
  | "server-error"
  | "bad-response"
  | "rate-limited"
  | "unauthorized"
  | "mutation-id-reused"
  | "protocol-unsupported"
  | "request-refused"
  | "join-code-invalid"
  | "join-code-used"
  | "join-code-expired"
  | "device-revoked"
  | "storage-full"
  | "storage-failed";

/** `key` is stable for the UI to translate; `detail` is the plain-words reason, for support. */
export type SyncError = { key: SyncErrorKey; detail: string; at: number };

export type SyncSession = { editionId: string; memberId: string };

export type SyncStatus = {
  online: boolean;
  /** Changes on this device the server has not acknowledged yet. */
  pending: number;
  lastSyncAt: number | null;
  syncing: boolean;
  lastError: SyncError | null;
  /** The server no longer knows this device's token: ask for a new join code. Pending changes are kept. */
  needsEnrolment: boolean;
  /** When the next automatic attempt after a failure is due (ms). */
  nextRetryAt: number | null;
  session: SyncSession | null;
  /** Server clock minus device clock, from the last reply (ms); large values mean a wrong tablet clock. */
  clockSkewMs: number | null;
};

export type EnrolOutcome =
  | { ok: true; editionId: string; memberId: string; memberName: string }
  | { ok: false; error: SyncError };

/** Before the first attempt: nothing known yet. The page shows the same until the worker reports. */
export const initialSyncStatus = (online = true): SyncStatus => ({
  online,
  pending: 0,
  lastSyncAt: null,
  syncing: false,
  lastError: null,
  needsEnrolment: false,
  nextRetryAt: null,
  session: null,
  clockSkewMs: null,
});
