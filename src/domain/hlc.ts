/*
 * Hybrid logical clock (after actualbudget/actual's Timestamp).
 *
 * Invariant: a stamp is "<millis:15 decimal digits>-<counter:4 upper-case hex>-<node>",
 * where node is the device id ([0-9A-Za-z_], no "-"). Because both numeric parts are
 * fixed-width, plain string comparison of two stamps equals (millis, counter, node)
 * order, which is the causal order: every stamp a clock issues is strictly greater
 * than every stamp it has issued or received before. The node makes stamps from two
 * devices distinct, so it is also the last-writer-wins tie-break.
 *
 * Tablets in the field keep wrong clocks, so a client never refuses a stamp; the
 * server caps stamps that run too far ahead (`capStamp`) before storing them.
 */
import type { Stamp } from "./types.ts";

export type ParsedStamp = { millis: number; counter: number; node: string };

export type Clock = {
  /** A new stamp, strictly greater than any stamp this clock issued or received. */
  now(): Stamp;
  /** Fold in a stamp seen from elsewhere so later local stamps sort after it. Throws only on a malformed stamp. */
  receive(remote: Stamp): void;
  /** The greatest stamp issued or received so far (persist it to stay monotonic across restarts). */
  last(): Stamp;
  /** How far the clock runs ahead of the wall clock, in ms (0 when behind or level). */
  driftMs(): number;
  /** True when `driftMs()` exceeds `maxDriftMs`: the UI should warn that this tablet's clock is wrong. */
  isDrifting(): boolean;
};

export type ClockOptions = {
  /** Drift reported by `isDrifting`; default 5 minutes. */
  maxDriftMs?: number;
  /** The last stamp persisted by a previous session. */
  last?: Stamp;
};

export const MAX_MILLIS = 999_999_999_999_999;
export const MAX_COUNTER = 0xffff;
export const DEFAULT_MAX_DRIFT_MS = 5 * 60 * 1000;

export const NODE_RE = /^[0-9A-Za-z_]{1,32}$/;
export const STAMP_RE = /^(\d{15})-([0-9A-F]{4})-([0-9A-Za-z_]{1,32})$/;

export const isStamp = (value: unknown): value is Stamp => typeof value === "string" && STAMP_RE.test(value);

export const parseStamp = (stamp: Stamp): ParsedStamp | null => {
  const m = STAMP_RE.exec(stamp);
  if (!m) return null;
  return { millis: Number(m[1]), counter: Number.parseInt(m[2] ?? "", 16), node: m[3] ?? "" };
};

const checkParts = (millis: number, counter: number, node: string): void => {
  if (!Number.isInteger(millis) || millis < 0 || millis > MAX_MILLIS)
    throw new RangeError(`HLC millis out of range: ${millis}`);
  if (!Number.isInteger(counter) || counter < 0 || counter > MAX_COUNTER)
    throw new RangeError(`HLC counter out of range: ${counter}`);
  if (!NODE_RE.test(node)) throw new RangeError(`HLC node must match ${NODE_RE}: "${node}"`);
};

export const formatStamp = (millis: number, counter: number, node: string): Stamp => {
  checkParts(millis, counter, node);
  return `${String(millis).padStart(15, "0")}-${counter.toString(16).toUpperCase().padStart(4, "0")}-${node}`;
};

/** Code-unit order, deliberately not localeCompare: it must agree on every device. */
export const compareStamps = (a: Stamp, b: Stamp): -1 | 0 | 1 => (a < b ? -1 : a > b ? 1 : 0);

export const stampMillis = (stamp: Stamp): number => {
  const parsed = parseStamp(stamp);
  if (!parsed) throw new RangeError(`Not an HLC stamp: "${stamp}"`);
  return parsed.millis;
};

export const stampNode = (stamp: Stamp): string => {
  const parsed = parseStamp(stamp);
  if (!parsed) throw new RangeError(`Not an HLC stamp: "${stamp}"`);
  return parsed.node;
};

/** The smallest stamp of a device, useful as "nothing seen yet". */
export const zeroStamp = (node: string): Stamp => formatStamp(0, 0, node);

/** Counter overflow borrows a millisecond instead of failing, keeping stamps strictly increasing. */
const normalise = (millis: number, counter: number): [number, number] =>
  counter > MAX_COUNTER ? [millis + 1, 0] : [millis, counter];

export const createClock = (deviceId: string, wallClock: () => number, options: ClockOptions = {}): Clock => {
  if (!NODE_RE.test(deviceId)) throw new RangeError(`Device id must match ${NODE_RE}: "${deviceId}"`);
  const maxDriftMs = options.maxDriftMs ?? DEFAULT_MAX_DRIFT_MS;
  const initial = options.last !== undefined ? parseStamp(options.last) : null;
  let millis = initial?.millis ?? 0;
  let counter = initial?.counter ?? 0;
  let lastStamp: Stamp = formatStamp(millis, counter, deviceId);

  const wall = (): number => Math.max(0, Math.floor(wallClock()));

  const issue = (nextMillis: number, nextCounter: number): Stamp => {
    [millis, counter] = normalise(nextMillis, nextCounter);
    lastStamp = formatStamp(millis, counter, deviceId);
    return lastStamp;
  };

  return {
    now() {
      const phys = wall();
      return phys > millis ? issue(phys, 0) : issue(millis, counter + 1);
    },
    receive(remote) {
      const r = parseStamp(remote);
      if (!r) throw new RangeError(`Not an HLC stamp: "${remote}"`);
      const phys = wall();
      const next = Math.max(millis, r.millis, phys);
      let nextCounter: number;
      if (next === millis && next === r.millis) nextCounter = Math.max(counter, r.counter) + 1;
      else if (next === millis) nextCounter = counter + 1;
      else if (next === r.millis) nextCounter = r.counter + 1;
      else nextCounter = 0;
      issue(next, nextCounter);
    },
    last: () => lastStamp,
    driftMs: () => Math.max(0, millis - wall()),
    isDrifting: () => millis - wall() > maxDriftMs,
  };
};

/**
 * Server side: a stamp more than `maxAheadMs` ahead of the server's clock is pulled back
 * to that bound. Counter and node are kept, so capped stamps still order deterministically
 * among themselves (by counter, then device).
 */
export const capStamp = (stamp: Stamp, serverNowMs: number, maxAheadMs: number): Stamp => {
  const parsed = parseStamp(stamp);
  if (!parsed) throw new RangeError(`Not an HLC stamp: "${stamp}"`);
  const bound = Math.floor(serverNowMs + maxAheadMs);
  return parsed.millis > bound ? formatStamp(bound, parsed.counter, parsed.node) : stamp;
};
