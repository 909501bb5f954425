/*
 * Random ids with injected randomness, so tests and the sample data are repeatable.
 *
 * Invariant: record ids are URL-safe (nanoid alphabet); device ids never contain "-"
 * because they end every HLC stamp (see `hlc.ts`) and must match its node pattern.
 */
import { NODE_RE } from "./hlc.ts";

export type RandomSource = { random: () => number } | { randomBytes: (n: number) => Uint8Array };

export type IdFactory = {
  /** URL-safe id, 21 characters by default (~126 bits, as nanoid). */
  newId(size?: number): string;
  /** Short id for a device: 12 alphanumerics (~71 bits), safe as an HLC node. */
  newDeviceId(): string;
  /** Idempotency key of one outbox mutation. */
  mutationId(): string;
};

export const URL_ALPHABET = "useandom-26T198340PX75pxJACKVERYMINDBUSHWOLF_GQZbfghjklqvwyzrict";
export const ALNUM_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
export const ID_RE = /^[A-Za-z0-9_-]+$/;
export const DEFAULT_ID_SIZE = 21;
export const DEVICE_ID_SIZE = 12;

const fromBytes = (randomBytes: (n: number) => Uint8Array, alphabet: string, size: number): string => {
  // Rejection sampling with a power-of-two mask keeps every character equally likely.
  const mask = (2 << (31 - Math.clz32((alphabet.length - 1) | 1))) - 1;
  const step = Math.ceil((1.6 * mask * size) / alphabet.length);
  let id = "";
  while (id.length < size) {
    const bytes = randomBytes(step);
    for (let i = 0; i < bytes.length && id.length < size; i++) {
      const ch = alphabet[(bytes[i] ?? 0) & mask];
      if (ch !== undefined) id += ch;
    }
  }
  return id;
};

const fromFloats = (random: () => number, alphabet: string, size: number): string => {
  let id = "";
  for (let i = 0; i < size; i++) {
    const r = random();
    const index = Math.min(alphabet.length - 1, Math.max(0, Math.floor(r * alphabet.length)));
    id += alphabet[index];
  }
  return id;
};

export const createIdFactory = (source: RandomSource): IdFactory => {
  const make = (alphabet: string, size: number): string =>
    "randomBytes" in source ? fromBytes(source.randomBytes, alphabet, size) : fromFloats(source.random, alphabet, size);
  return {
    newId: (size = DEFAULT_ID_SIZE) => {
      if (!Number.isInteger(size) || size < 1) throw new RangeError(`Id size must be a positive integer: ${size}`);
      return make(URL_ALPHABET, size);
    },
    newDeviceId: () => make(ALNUM_ALPHABET, DEVICE_ID_SIZE),
    mutationId: () => make(URL_ALPHABET, DEFAULT_ID_SIZE),
  };
};

export const isDeviceId = (value: string): boolean => NODE_RE.test(value) && !value.includes("-");

/** mulberry32: a tiny seeded PRNG for repeatable sample data and tests; not for secrets. */
export const seededRandom = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};
