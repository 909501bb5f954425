/*
 * Secrets the server hands out. Invariants: a bearer token (device or coordinator
 * session) or setup token is 32 random bytes shown exactly once and stored only as
 * its sha256; passwords are stored only as scrypt hashes with a per-password salt
 * and compared in constant time. A lost database therefore leaks no usable token.
 * Password hashing never runs on the event loop (async scrypt on libuv's pool, at
 * most HASH_CONCURRENCY at once so the pool and memory stay available), and every
 * password check costs one full hash at the current parameters, whether the
 * account exists or not.
 */
import { createHash, randomBytes, randomInt, type ScryptOptions, scrypt, timingSafeEqual } from "node:crypto";
import { createIdFactory } from "../domain/ids.ts";
import { JOIN_CODE_ALPHABET } from "../protocol/wire.ts";

export const newToken = (): string => randomBytes(32).toString("base64url");

export const hashToken = (token: string): string => createHash("sha256").update(token, "utf8").digest("hex");

/**
 * OWASP's password storage cheat sheet lists N=2^17/r=8/p=1 and the equally strong
 * N=2^14/r=8/p=5. Both cost ~0.3–0.8 s per hash on this 2-core machine; the second
 * needs 16 MiB per hash instead of 128 MiB, which matters on a hall's small server
 * when several logins hash at once.
 */
export const SCRYPT_PARAMS = { N: 1 << 14, r: 8, p: 5 } as const;
const KEY_LENGTH = 64;
/** Room for stored hashes made with larger parameters (up to N=2^17, r=8). */
const MAX_MEM = 256 * 1024 * 1024;
const MAX_STORED_N = 1 << 20;
export const HASH_CONCURRENCY = 2;

type Params = { N: number; r: number; p: number };

const queue: Array<() => void> = [];
let running = 0;

/** Runs scrypt on libuv's pool, at most HASH_CONCURRENCY at once. */
const derive = async (password: string, salt: Buffer, length: number, params: Params): Promise<Buffer> => {
  if (running >= HASH_CONCURRENCY) await new Promise<void>((resolve) => queue.push(resolve));
  running += 1;
  try {
    const options: ScryptOptions = { ...params, maxmem: MAX_MEM };
    return await new Promise<Buffer>((resolve, reject) =>
      scrypt(password.normalize("NFC"), salt, length, options, (error, key) => (error ? reject(error) : resolve(key))),
    );
  } finally {
    running -= 1;
    queue.shift()?.();
  }
};

const format = (params: Params, salt: Buffer, hash: Buffer): string =>
  ["scrypt", params.N, params.r, params.p, salt.toString("base64url"), hash.toString("base64url")].join("$");

const parse = (stored: string): { params: Params; salt: Buffer; hash: Buffer } | null => {
  const [scheme, n, r, p, saltText, hashText] = stored.split("$");
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (scheme !== "scrypt" || !saltText || !hashText) return null;
  if (![params.N, params.r, params.p].every(Number.isSafeInteger) || params.N > MAX_STORED_N) return null;
  return { params, salt: Buffer.from(saltText, "base64url"), hash: Buffer.from(hashText, "base64url") };
};

export const hashPassword = async (password: string): Promise<string> => {
  const salt = randomBytes(16);
  return format(SCRYPT_PARAMS, salt, await derive(password, salt, KEY_LENGTH, SCRYPT_PARAMS));
};

export const verifyPassword = async (password: string, stored: string): Promise<boolean> => {
  const parsed = parse(stored);
  if (!parsed) {
    await burnPasswordCheck(password);
    return false;
  }
  const actual = await derive(password, parsed.salt, parsed.hash.length, parsed.params);
  return actual.length === parsed.hash.length && timingSafeEqual(actual, parsed.hash);
};

/** A stored hash made with other parameters than today's: rehash it at the next good login. */
export const needsRehash = (stored: string): boolean => {
  const parsed = parse(stored);
  return (
    !parsed ||
    parsed.params.N !== SCRYPT_PARAMS.N ||
    parsed.params.r !== SCRYPT_PARAMS.r ||
    parsed.params.p !== SCRYPT_PARAMS.p ||
    parsed.hash.length !== KEY_LENGTH
  );
};

/** One hash at the current parameters, thrown away: an unknown name costs as much as a wrong password. */
export const burnPasswordCheck = async (password: string): Promise<void> => {
  await derive(password, randomBytes(16), KEY_LENGTH, SCRYPT_PARAMS);
};

export const newJoinCode = (): string => {
  const pick = () => JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  return `${pick()}${pick()}${pick()}-${pick()}${pick()}${pick()}`;
};

const ids = createIdFactory({ randomBytes: (n) => randomBytes(n) });

export const newId = (): string => ids.newId();
