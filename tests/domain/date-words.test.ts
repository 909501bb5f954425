import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dateInWords, numberInWords } from "../../src/domain/date-words.ts";

describe("dates in words", () => {
  it("writes the NTB 2021 assessment day as the Berita Acara opens", () => {
    expect(dateInWords("2021-07-19")).toEqual({
      weekday: "Senin",
      day: "sembilan belas",
      month: "Juli",
      year: "dua ribu dua puluh satu",
    });
  });

  it("writes the Maluku 2020 days", () => {
    expect(dateInWords("2020-11-03")).toEqual({
      weekday: "Selasa",
      day: "tiga",
      month: "November",
      year: "dua ribu dua puluh",
    });
    expect(dateInWords("2020-11-04")?.weekday).toBe("Rabu");
  });

  it("refuses dates that do not exist", () => {
    expect(dateInWords("2021-02-29")).toBeNull();
    expect(dateInWords("19-07-2021")).toBeNull();
  });

  it.each([
    [1, "satu"],
    [10, "sepuluh"],
    [11, "sebelas"],
    [31, "tiga puluh satu"],
    [100, "seratus"],
    [1000, "seribu"],
    [2000, "dua ribu"],
  ])("%i is %s", (n, words) => expect(numberInWords(n)).toBe(words));

  it("the weekday follows the calendar: seven days later is the same weekday", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("2000-01-01"), max: new Date("2099-12-24"), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        const later = new Date(d.getTime() + 7 * 86_400_000).toISOString().slice(0, 10);
        expect(dateInWords(later)?.weekday).toBe(dateInWords(iso)?.weekday);
      }),
    );
  });
});
