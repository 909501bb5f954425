import fc from "fast-check";
import { describe, expect, test } from "vitest";
import type { Locale } from "../../src/domain/types.ts";
import { plainNumber } from "../../src/i18n/plain-number.ts";
import { formatNumber, formatScore } from "../../src/i18n/translate.ts";

const tag = (locale: Locale) => (locale === "id" ? "id-ID" : "en-GB");
const intlNumber = (locale: Locale, value: number, decimals: number) =>
  new Intl.NumberFormat(tag(locale), { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(
    value,
  );
const intlScore = (locale: Locale, value: number) =>
  new Intl.NumberFormat(tag(locale), { maximumFractionDigits: 2, useGrouping: false }).format(value);

const locales = fc.constantFrom<Locale>("id", "en");
/** Numbers as the app shows them (scores, sizes) and every awkward double besides. */
const numbers = fc.oneof(
  fc.integer({ min: -100_000, max: 100_000 }).map((n) => n / 100),
  fc.integer({ min: -5000, max: 5000 }),
  fc.double({ noNaN: false }),
  fc.constantFrom(0, -0, 1.005, 2.675, 0.1 + 0.2, 999.995, 9.996, -0.004, 1e21, 1e-7, -999, 1000, 123.45),
  fc.double({ min: -2000, max: 2000, noNaN: true }),
);

describe("plain numbers without an Intl formatter", () => {
  test("whenever the fast path answers, it is exactly Intl's text", () => {
    fc.assert(
      fc.property(locales, numbers, fc.integer({ min: 0, max: 3 }), (locale, value, decimals) => {
        expect(formatNumber(locale, value, decimals)).toBe(intlNumber(locale, value, decimals));
        expect(formatScore(locale, value)).toBe(intlScore(locale, value));
      }),
      { numRuns: 2000 },
    );
  });

  test("worked examples: the plain cases are answered, rounding and grouping are left to Intl", () => {
    expect(plainNumber("id", 72.5, 0, 2, false)).toBe("72,5");
    expect(plainNumber("en", 72.5, 0, 2, false)).toBe("72.5");
    expect(plainNumber("id", 3, 1, 1, true)).toBe("3,0");
    expect(plainNumber("id", -4.25, 2, 2, true)).toBe("-4,25");
    expect(plainNumber("id", 1.005, 2, 2, true)).toBe("1,01");
    expect(plainNumber("en", 9.996, 1, 1, true)).toBe("10.0");
    expect(plainNumber("en", 999.96, 1, 1, true)).toBeNull();
    expect(plainNumber("id", -0.004, 2, 2, true)).toBeNull();
    expect(plainNumber("id", 1234, 0, 0, true)).toBeNull();
    expect(plainNumber("id", 1234, 0, 2, false)).toBe("1234");
    expect(plainNumber("id", -0, 0, 2, false)).toBeNull();
    expect(plainNumber("id", 1e21, 0, 2, false)).toBeNull();
  });
});
