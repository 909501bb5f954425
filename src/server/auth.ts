/*
 * Secrets the server hands out. Invariants: a bearer token (device or coordinator
 * session) or setup token is 32 random bytes shown exactly once and stored only as
 * its sha256; passwords are stored only as scrypt hashes with a per-password salt
 * and compared in constant time. A lost database therefore leaks no usable token.
 */
import { createHash, randomBytes, randomInt, scryptSync, timingSafeEqual } from "node:crypto";
import { createIdFactory } from "../domain/ids.ts";
import { JOIN_CODE_ALPHABET } from "../protocol/wire.ts";

export const newToken = (): string => randomBytes(32).toString("base64url");

export const hashToken = (token: string): string => createHash("sha256").update(token, "utf8").digest("hex");

// N=2^15, r=8 needs 32 MiB; maxmem leaves headroom above Node's 32 MiB default.
const SCRYPT = { N: 1 << 15, r: 8, p: 1, keyLength: 64, maxmem: 64 * 1024 * 1024 };

export const hashPassword = (password: string): string => {
  const salt = randomBytes(16);
  const hash = scryptSync(password.normalize("NFC"), salt, SCRYPT.keyLength, SCRYPT);
  return ["scrypt", SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString("base64url"), hash.toString("base64url")].join("$");
};

export const verifyPassword = (password: string, stored: string): boolean => {
  const [scheme, n, r, p, saltText, hashText] = stored.split("$");
  if (scheme !== "scrypt" || !saltText || !hashText) return false;
  const expected = Buffer.from(hashText, "base64url");
  const actual = scryptSync(password.normalize("NFC"), Buffer.from(saltText, "base64url"), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: SCRYPT.maxmem,
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
};

/** A verification against a fixed hash, so an unknown name costs as much time as a wrong password. */
let dummyHash: string | undefined;
export const burnPasswordCheck = (password: string): void => {
  dummyHash ??= hashPassword("not-a-real-password");
  verifyPassword(password, dummyHash);
};

export const newJoinCode = (): string => {
  const pick = () => JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  return `${pick()}${pick()}${pick()}-${pick()}${pick()}${pick()}`;
};

const ids = createIdFactory({ randomBytes: (n) => randomBytes(n) });

export const newId = (): string => ids.newId();
