import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  capStamp,
  compareStamps,
  createClock,
  formatStamp,
  MAX_COUNTER,
  parseStamp,
  stampMillis,
  zeroStamp,
} from "../../src/domain/hlc.ts";

const T = 1_626_660_000_000;

const fakeWall = (start: number) => {
  let now = start;
  return { read: () => now, set: (ms: number) => (now = ms) };
};

describe("stamp format", () => {
  it("pads millis to 15 digits and the counter to 4 hex digits, node last", () => {
    expect(formatStamp(T, 10, "devA")).toBe("001626660000000-000A-devA");
    expect(parseStamp("001626660000000-000A-devA")).toEqual({ millis: T, counter: 10, node: "devA" });
    expect(stampMillis("001626660000000-000A-devA")).toBe(T);
  });

  it("rejects what it cannot order", () => {
    expect(parseStamp("1626660000000-0-devA")).toBeNull();
    expect(parseStamp("001626660000000-000a-devA")).toBeNull();
    expect(() => formatStamp(T, 0, "dev-A")).toThrow(RangeError);
    expect(() => formatStamp(T, MAX_COUNTER + 1, "devA")).toThrow(RangeError);
    expect(() => formatStamp(-1, 0, "devA")).toThrow(RangeError);
  });

  it("string order equals (millis, counter, node) order", () => {
    const part = fc.record({
      millis: fc.integer({ min: 0, max: 4_102_444_800_000 }),
      counter: fc.integer({ min: 0, max: MAX_COUNTER }),
      node: fc.stringMatching(/^[0-9A-Za-z_]{1,12}$/),
    });
    fc.assert(
      fc.property(part, part, (a, b) => {
        const tuple =
          Math.sign(a.millis - b.millis) ||
          Math.sign(a.counter - b.counter) ||
          (a.node < b.node ? -1 : a.node > b.node ? 1 : 0);
        expect(compareStamps(formatStamp(a.millis, a.counter, a.node), formatStamp(b.millis, b.counter, b.node))).toBe(
          tuple,
        );
      }),
    );
  });
});

describe("clock", () => {
  it("uses the wall clock when it moves forward", () => {
    const wall = fakeWall(T);
    const clock = createClock("devA", wall.read);
    expect(clock.now()).toBe(formatStamp(T, 0, "devA"));
    wall.set(T + 5);
    expect(clock.now()).toBe(formatStamp(T + 5, 0, "devA"));
  });

  it("stays monotonic when the wall clock stands still or goes backwards", () => {
    const wall = fakeWall(T);
    const clock = createClock("devA", wall.read);
    const a = clock.now();
    const b = clock.now();
    wall.set(T - 60_000);
    const c = clock.now();
    expect([a, b, c]).toEqual([formatStamp(T, 0, "devA"), formatStamp(T, 1, "devA"), formatStamp(T, 2, "devA")]);
    expect(compareStamps(a, b)).toBe(-1);
    expect(compareStamps(b, c)).toBe(-1);
  });

  it("advances the millis when the counter would overflow", () => {
    const clock = createClock("devA", () => T, { last: formatStamp(T, MAX_COUNTER, "devA") });
    expect(clock.now()).toBe(formatStamp(T + 1, 0, "devA"));
  });

  it("resumes after the stamp persisted by a previous session", () => {
    const clock = createClock("devA", () => T - 1000, { last: formatStamp(T, 7, "devA") });
    expect(clock.now()).toBe(formatStamp(T, 8, "devA"));
  });

  it("receive moves later stamps past a remote stamp from a clock that runs ahead", () => {
    const clock = createClock("devA", () => T);
    const remote = formatStamp(T + 3_000, 4, "devB");
    clock.receive(remote);
    const next = clock.now();
    expect(compareStamps(next, remote)).toBe(1);
    expect(next).toBe(formatStamp(T + 3_000, 6, "devA"));
  });

  it("receive of an older stamp still bumps the counter but keeps local time", () => {
    const clock = createClock("devA", () => T);
    clock.now();
    clock.receive(formatStamp(T - 10_000, 9, "devB"));
    expect(clock.now()).toBe(formatStamp(T, 2, "devA"));
  });

  it("receive takes the larger counter when all three times agree", () => {
    const clock = createClock("devA", () => T);
    clock.now();
    clock.receive(formatStamp(T, 40, "devB"));
    expect(clock.now()).toBe(formatStamp(T, 42, "devA"));
  });

  it("does not throw on a remote stamp days ahead, but reports the drift", () => {
    const wall = fakeWall(T);
    const clock = createClock("devA", wall.read, { maxDriftMs: 60_000 });
    expect(clock.isDrifting()).toBe(false);
    const days = 3 * 24 * 3600_000;
    expect(() => clock.receive(formatStamp(T + days, 0, "devB"))).not.toThrow();
    expect(clock.driftMs()).toBe(days);
    expect(clock.isDrifting()).toBe(true);
    expect(stampMillis(clock.now())).toBe(T + days);
  });

  it("is strictly increasing under any interleaving of ticks, receives and wall jumps", () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant("now" as const) }),
      fc.record({ kind: fc.constant("wall" as const), delta: fc.integer({ min: -100_000, max: 100_000 }) }),
      fc.record({
        kind: fc.constant("receive" as const),
        delta: fc.integer({ min: -100_000, max: 100_000 }),
        counter: fc.integer({ min: 0, max: 100 }),
      }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const wall = fakeWall(T);
        const clock = createClock("devA", wall.read);
        let seen = zeroStamp("devA");
        for (const o of ops) {
          if (o.kind === "wall") wall.set(wall.read() + o.delta);
          else if (o.kind === "receive") {
            const remote = formatStamp(T + o.delta, o.counter, "devB");
            clock.receive(remote);
            if (compareStamps(remote, seen) > 0) seen = remote;
          } else {
            const s = clock.now();
            expect(compareStamps(s, seen)).toBe(1);
            seen = s;
          }
        }
      }),
    );
  });

  it("refuses a device id that would break the format", () => {
    expect(() => createClock("dev-A", () => T)).toThrow(RangeError);
  });
});

describe("capStamp", () => {
  const five = 5 * 60_000;

  it("leaves a stamp within the bound alone", () => {
    const s = formatStamp(T + 1000, 3, "devB");
    expect(capStamp(s, T, five)).toBe(s);
  });

  it("pulls a stamp from a clock days ahead back to server now + max ahead, keeping counter and node", () => {
    const s = formatStamp(T + 3 * 86_400_000, 3, "devB");
    expect(capStamp(s, T, five)).toBe(formatStamp(T + five, 3, "devB"));
  });

  it("keeps capped stamps in a deterministic order", () => {
    const a = capStamp(formatStamp(T + 9e8, 1, "devB"), T, five);
    const b = capStamp(formatStamp(T + 8e8, 2, "devA"), T, five);
    const c = capStamp(formatStamp(T + 7e8, 2, "devB"), T, five);
    expect([c, b, a].sort()).toEqual([a, b, c]);
  });
});
