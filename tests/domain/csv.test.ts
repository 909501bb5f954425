import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BOM, neutraliseFormula, toCsv } from "../../src/domain/csv.ts";
import { parseCsv } from "../helpers/csv-reader.ts";

describe("CSV", () => {
  it("starts with a BOM and ends rows with CRLF", () => {
    expect(toCsv([["a", 1]])).toBe(`${BOM}a,1\r\n`);
  });

  it("with ';' writes decimal commas for Indonesian Excel", () => {
    expect(toCsv([["Kota Ambon", 81.6, null, true]], { delimiter: ";" })).toBe(`${BOM}Kota Ambon;81,6;;1\r\n`);
  });

  it.each(["=1+1", "+62 812", "-2", "@SUM(A1)", "\tx", "\rx"])("neutralises %j", (text) => {
    const [row] = parseCsv(toCsv([[text]]), ",");
    expect(row?.[0]).toBe(`'${text}`);
  });

  it("leaves numbers and ordinary text alone", () => {
    expect(neutraliseFormula("Lombok Barat")).toBe("Lombok Barat");
    expect(toCsv([[-2.5]])).toBe(`${BOM}-2.5\r\n`);
  });

  it("parses back to the same text, whatever the text, for both delimiters", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string(), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }),
        fc.constantFrom(",", ";"),
        (rows, delimiter) => {
          const back = parseCsv(toCsv(rows, { delimiter: delimiter as "," | ";" }), delimiter);
          expect(back).toEqual(rows.map((row) => row.map(neutraliseFormula)));
        },
      ),
    );
  });
});
