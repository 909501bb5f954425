import { describe, expect, it } from "vitest";
import { createClock } from "../../src/domain/hlc.ts";
import { createIdFactory, ID_RE, isDeviceId, seededRandom } from "../../src/domain/ids.ts";

const counterBytes = () => {
  let i = 0;
  return (n: number) => Uint8Array.from({ length: n }, () => i++ % 256);
};

describe("id factory", () => {
  it("makes 21-character URL-safe ids from a float source, repeatably", () => {
    const a = createIdFactory({ random: seededRandom(1) });
    const b = createIdFactory({ random: seededRandom(1) });
    const id = a.newId();
    expect(id).toHaveLength(21);
    expect(id).toMatch(ID_RE);
    expect(b.newId()).toBe(id);
    expect(a.newId()).not.toBe(id);
  });

  it("makes ids from a byte source without bias past the alphabet", () => {
    const ids = createIdFactory({ randomBytes: counterBytes() });
    const id = ids.newId(64);
    expect(id).toMatch(ID_RE);
    expect(new Set(id).size).toBe(64);
  });

  it("never yields a character outside the alphabet even for random() = 1", () => {
    expect(createIdFactory({ random: () => 0.9999999999 }).newId(5)).toMatch(ID_RE);
    expect(createIdFactory({ random: () => 1 }).newId(5)).toMatch(ID_RE);
  });

  it("makes device ids that are valid HLC nodes", () => {
    const ids = createIdFactory({ random: seededRandom(7) });
    for (let i = 0; i < 200; i++) {
      const device = ids.newDeviceId();
      expect(device).toHaveLength(12);
      expect(isDeviceId(device)).toBe(true);
      expect(() => createClock(device, () => 0)).not.toThrow();
    }
  });

  it("makes distinct mutation ids", () => {
    const ids = createIdFactory({ random: seededRandom(3) });
    const seen = new Set(Array.from({ length: 1000 }, () => ids.mutationId()));
    expect(seen.size).toBe(1000);
  });

  it("rejects a nonsensical size", () => {
    expect(() => createIdFactory({ random: seededRandom(1) }).newId(0)).toThrow(RangeError);
  });
});
