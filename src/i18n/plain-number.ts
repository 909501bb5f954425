/*
 * Intl.NumberFormat's own output for the plain cases, written without building a
 * formatter. Why: the first Intl.NumberFormat a page builds starts ICU's number
 * formatting, 35–60 ms on this project's test machine (more on a tablet), in the
 * middle of the first screen's render — the start screen and a reloaded scoring
 * sheet show only small plain numbers (a storage size, a score like 72,5).
 * Invariant: a result is returned only when it is exactly Intl's (id-ID: decimal
 * comma; en-GB: decimal point; "-" sign). ICU rounds the number's shortest decimal
 * text half away from zero (1.005 → "1,01", where toFixed gives "1.00"); this does
 * the same on the same text. It answers only when no group separator is needed (the
 * rounded integer part has at most three digits, or grouping is off), and never for
 * −0, exponents, or a result that rounds to zero from below (Intl writes "-0").
 * Everything else returns null and the caller uses Intl
 * (tests/i18n/plain-number.test.ts checks equality against Intl, property-based).
 */
import type { Locale } from "../domain/types.ts";

const PLAIN = /^(\d+)(?:\.(\d+))?$/;

/** `whole.fraction` rounded to `places` fraction digits, half away from zero, on the decimal digits. */
const roundDigits = (whole: string, fraction: string, places: number): [string, string] => {
  if (fraction.length <= places) return [whole, fraction];
  const kept = whole + fraction.slice(0, places);
  if ((fraction.charCodeAt(places) as number) < 53 /* "5" */) return [whole, fraction.slice(0, places)];
  const digits = kept.split("");
  let i = digits.length - 1;
  while (i >= 0 && digits[i] === "9") digits[i--] = "0";
  if (i < 0) digits.unshift("1");
  else digits[i] = String(Number(digits[i]) + 1);
  const wholeLength = digits.length - places;
  return [digits.slice(0, wholeLength).join(""), digits.slice(wholeLength).join("")];
};

export const plainNumber = (
  locale: Locale,
  value: number,
  minFraction: number,
  maxFraction: number,
  grouping: boolean,
): string | null => {
  if (!Number.isFinite(value) || Object.is(value, -0)) return null;
  const match = PLAIN.exec(String(Math.abs(value)));
  if (!match) return null;
  const [whole, rounded] = roundDigits(match[1] as string, match[2] ?? "", maxFraction);
  // Four digits get a separator in both locales ("1.234" / "1,234"): leave those to Intl.
  if (grouping && whole.length > 3) return null;
  let fraction = rounded;
  while (fraction.length > minFraction && fraction.endsWith("0")) fraction = fraction.slice(0, -1);
  fraction = fraction.padEnd(minFraction, "0");
  if (value < 0 && /^0*$/.test(whole + fraction)) return null;
  const sign = value < 0 ? "-" : "";
  return fraction.length > 0 ? `${sign}${whole}${locale === "id" ? "," : "."}${fraction}` : `${sign}${whole}`;
};
