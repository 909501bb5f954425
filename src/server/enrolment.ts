/*
 * Join codes: how a coordinator hands a tablet to a panel member. Invariants: a code
 * is single use (a code photographed off a screen cannot enrol a second tablet),
 * expires after JOIN_CODE_TTL_MS, and issuing a new code for a member retires that
 * member's unused ones, so only the latest printed code works. Devices already
 * enrolled keep working: a code gates enrolment, not access.
 */
import type { JoinCodeResponse } from "../protocol/wire.ts";
import { newJoinCode } from "./auth.ts";
import type { JoinCodeEntity, Store } from "./store/store-types.ts";

export const JOIN_CODE_TTL_MS = 7 * 24 * 60 * 60 * 1000;
export const SETUP_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

export const joinUrl = (code: string): string => `/#/join/${code}`;

export const toJoinCodeResponse = (
  c: Pick<JoinCodeEntity, "code" | "editionId" | "memberId" | "expiresAt" | "maxUses">,
): JoinCodeResponse => ({
  code: c.code,
  joinUrl: joinUrl(c.code),
  editionId: c.editionId,
  memberId: c.memberId,
  expiresAt: c.expiresAt,
  maxUses: c.maxUses,
});

export const issueJoinCode = (
  store: Store,
  editionId: string,
  memberId: string,
  now: number,
  ttlMs: number = JOIN_CODE_TTL_MS,
): Promise<JoinCodeResponse> =>
  store.tx(async (s) => {
    let code = newJoinCode();
    while (await s.joinCodes.get(code)) code = newJoinCode();
    const expiresAt = now + ttlMs;
    await s.joinCodes.issue({ code, editionId, memberId, createdAt: now, expiresAt, maxUses: 1 }, now);
    return toJoinCodeResponse({ code, editionId, memberId, expiresAt, maxUses: 1 });
  });
