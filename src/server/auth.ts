/*
 * Secrets the server hands out. Invariants: a bearer token (device or coordinator
 * session) or setup token is 32 random bytes shown exactly once and stored only as
 * its sha256; passwords are stored only as scrypt hashes with a per-password salt
 * and compared in constant time. A lost database therefore leaks no usable token.
 * Password hashing never runs on the event loop (a lower-priority worker thread, one
 * hash at a time, so memory stays bounded and requests keep a core), and every
 * password check costs one full hash at the current parameters, whether the
 * account exists or not.
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import { Worker } from "node:worker_threads";
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
type Params = { N: number; r: number; p: number };

/**
 * One worker thread hashes, one password at a time, at a lower scheduling priority
 * (Linux nice is per thread): during a login storm the hashing takes what CPU is left
 * and the event loop keeps answering tablets. Plain JavaScript, so it runs the same
 * under tsx, vitest and node.
 */
const HASHER_SOURCE = `
const { parentPort } = require("node:worker_threads");
const { scryptSync } = require("node:crypto");
try { require("node:os").setPriority(10); } catch {}
parentPort.on("message", ({ id, password, salt, length, options }) => {
  try {
    const key = scryptSync(password, Buffer.from(salt), length, options);
    parentPort.postMessage({ id, key });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error) });
  }
});`;

type Pending = { resolve: (key: Buffer) => void; reject: (error: Error) => void };
let hasher: Worker | null = null;
const pending = new Map<number, Pending>();
let nextId = 0;

const startHasher = (): Worker => {
  const worker = new Worker(HASHER_SOURCE, { eval: true });
  worker.unref();
  worker.on("message", ({ id, key, error }: { id: number; key?: Uint8Array; error?: string }) => {
    const waiting = pending.get(id);
    pending.delete(id);
    if (!waiting) return;
    if (key) waiting.resolve(Buffer.from(key));
    else waiting.reject(new Error(error ?? "hash failed"));
  });
  worker.on("error", (error) => {
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
    hasher = null;
  });
  return worker;
};

let hashesStarted = 0;

/** How many password hashes this process has started: lets tests see which paths hash, and how often. */
export const passwordHashesStarted = (): number => hashesStarted;

/** scrypt in the hashing thread; the event loop only waits for the answer. */
const derive = (password: string, salt: Buffer, length: number, params: Params): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    hashesStarted += 1;
    hasher ??= startHasher();
    const id = nextId++;
    pending.set(id, { resolve, reject });
    hasher.postMessage({
      id,
      password: password.normalize("NFC"),
      salt,
      length,
      options: { ...params, maxmem: MAX_MEM },
    });
  });

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
