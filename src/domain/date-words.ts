/*
 * Dates in words for Indonesian official documents ("Pada hari ini, Senin,
 * tanggal sembilan belas, bulan Juli, tahun dua ribu dua puluh satu").
 * Invariant: computed from the ISO date alone (a calendar date, no time zone,
 * no clock), so the same date always gives the same words.
 */
import terbilang from "@develoka/angka-terbilang-js";

const WEEKDAYS = ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"] as const;

const MONTHS = [
  "Januari",
  "Februari",
  "Maret",
  "April",
  "Mei",
  "Juni",
  "Juli",
  "Agustus",
  "September",
  "Oktober",
  "November",
  "Desember",
] as const;

export type DateInWords = { weekday: string; day: string; month: string; year: string };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Null for anything that is not a real calendar date (2021-02-30 included). */
export const dateInWords = (isoDate: string): DateInWords | null => {
  const m = ISO_DATE.exec(isoDate);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return {
    weekday: WEEKDAYS[date.getUTCDay()] as string,
    day: numberInWords(day),
    month: MONTHS[month - 1] as string,
    year: numberInWords(year),
  };
};

/** Whole numbers in Indonesian words: 19 → "sembilan belas", 2021 → "dua ribu dua puluh satu". */
export const numberInWords = (n: number): string => terbilang(String(Math.trunc(n)));
