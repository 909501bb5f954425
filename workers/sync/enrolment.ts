/*
 * Enrolment: a join code exchanged for this device's token, the edition's reference
 * data and a session for the member the code was made for.
 *
 * Invariant: the token is stored before anything else, so a tablet that enrolled
 * but failed to fetch the bundle still syncs (the same reference rows come with
 * the first pull).
 */
import type { Locale } from "../../src/domain/types.ts";
import { type EditionBundle, normaliseJoinCode } from "../../src/protocol/wire.ts";
import { type Send, stepOf } from "./http.ts";
import type { SyncStorage, TokenStore } from "./ports.ts";
import type { EnrolOutcome, SyncError, SyncErrorKey } from "./status.ts";

const JOIN_ERRORS: Record<string, SyncErrorKey | undefined> = {
  "join-code-invalid": "join-code-invalid",
  "invalid-body": "join-code-invalid",
  "join-code-used": "join-code-used",
  "join-code-expired": "join-code-expired",
};

export type EnrolmentOptions = {
  storage: Pick<SyncStorage, "deviceId" | "putEditionBundle" | "getSession" | "setSession" | "setEnrolment">;
  tokens: TokenStore;
  send: Send;
  fail: (key: SyncErrorKey, detail: string) => SyncError;
  storageError: (error: unknown) => SyncError;
};

export const enrolWithCode = async (
  options: EnrolmentOptions,
  code: string,
  deviceName: string,
  requestedLocale: Locale | undefined,
  fallbackLocale: Locale,
): Promise<EnrolOutcome> => {
  const { storage, tokens, send, fail } = options;
  // The token this tablet already holds (even revoked) proves the device id is its own.
  const deviceToken = await tokens.getToken();
  const reply = await send("POST", "/enrol", {
    code: normaliseJoinCode(code),
    deviceId: storage.deviceId,
    // Left empty, the server names the tablet after its member.
    ...(deviceName.trim() ? { deviceName: deviceName.trim() } : {}),
    ...(deviceToken ? { deviceToken } : {}),
  });
  if (reply.kind !== "ok") {
    // A mistyped code is refused as an invalid body: to the panelist it is a wrong code all the same.
    const code = reply.kind === "error" ? JOIN_ERRORS[reply.code] : undefined;
    const error = reply.kind === "error" && code ? fail(code, reply.message) : stepOf(reply, fail).error;
    return { ok: false, error };
  }
  const body = reply.body as { token?: unknown; editionId?: unknown; member?: { id?: unknown; name?: unknown } };
  if (typeof body.token !== "string" || typeof body.editionId !== "string" || typeof body.member?.id !== "string") {
    return { ok: false, error: fail("bad-response", "The server's answer to enrolment was not understood.") };
  }
  const editionId = body.editionId;
  const memberId = body.member.id;
  const memberName = typeof body.member.name === "string" ? body.member.name : memberId;
  try {
    await tokens.setToken(body.token);
    const bundle = await send("GET", `/editions/${encodeURIComponent(editionId)}/bundle`, undefined, body.token);
    if (bundle.kind === "ok") {
      // Reference data only: this member's records come through the pull, with their cursor.
      const { edition, rubric, participants, members } = bundle.body as EditionBundle;
      await storage.putEditionBundle({ edition, rubric, participants, members });
    }
    await storage.setEnrolment({ editionId, memberId });
    const previous = await storage.getSession();
    await storage.setSession({ editionId, memberId, locale: requestedLocale ?? previous?.locale ?? fallbackLocale });
  } catch (error) {
    return { ok: false, error: options.storageError(error) };
  }
  return { ok: true, editionId, memberId, memberName };
};
