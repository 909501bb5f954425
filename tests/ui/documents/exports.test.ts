import { kendallWBand } from "../../../src/domain/agreement-bands.ts";
import readExcelFile from "read-excel-file/node";
import writeXlsxFile from "write-excel-file/node";
import { describe, expect, it } from "vitest";
import { toCsv } from "../../../src/domain/csv.ts";
import { buildWorkbook, type ExportLabels, sheetNames } from "../../../src/domain/export-workbook.ts";
import { xlsxSheets } from "../../../src/ui/documents/xlsx-sheets.ts";
import { parseCsv } from "../../helpers/csv-reader.ts";
import { letterScenario, resultsOf } from "../../fixtures/letter-scenario.ts";

const bundle = letterScenario();
// A note that would run as a formula in a spreadsheet.
(bundle.scores.find((s) => s.participantId === "B" && s.indicatorId === "2.1") as { note: string }).note =
  '=HYPERLINK("http://x.example","klik")';
const results = resultsOf(bundle);
const label: ExportLabels = (key) => `<${key}>`;
const workbook = buildWorkbook(bundle, results, label);

describe("export workbook model", () => {
  it("has a sheet per ranking group, then scores, awards, agreement and rules", () => {
    expect(workbook.map((s) => s.name)).toEqual([
      "Lokus 2019",
      "<sheetScores>",
      "<sheetAwards>",
      "<sheetAgreement>",
      "<sheetRules>",
    ]);
  });

  it("lists ranked participants first, then the observer without a rank", () => {
    const rows = workbook[0]?.rows ?? [];
    expect(rows.slice(1).map((r) => [r[0], r[3], r[5], r[6]])).toEqual([
      [1, "<statusRanked>", "Kabupaten A", 84.5],
      [2, "<statusRanked>", "Kabupaten B", 65.5],
      [3, "<statusRanked>", "Kabupaten C", 46.5],
      [null, "<statusObserver>", "Kabupaten OBS", results.participants.find((p) => p.participantId === "OBS")?.total],
    ]);
  });

  it("has one long-format row per grade", () => {
    expect((workbook[1]?.rows.length ?? 0) - 1).toBe(bundle.scores.length);
  });
});

describe("XLSX written and read back", () => {
  it("reads back every sheet equal to the results", async () => {
    const buffer = await writeXlsxFile(xlsxSheets(workbook) as never).toBuffer();
    const sheets = await readExcelFile(buffer);
    expect(sheets.map((s) => s.sheet)).toEqual(workbook.map((s) => s.name));
    const ranking = sheets[0]?.data ?? [];
    for (const r of results.groups[0]?.ranked ?? []) {
      const p = results.participants.find((x) => x.participantId === r.participantId);
      const row = ranking.find((line) => line[5] === p?.name);
      expect(row?.[0]).toBe(r.rank);
      expect(row?.[6]).toBe(p?.total);
    }
    const agreement = sheets[3]?.data ?? [];
    expect(agreement[1]?.[2]).toBe(results.agreement[0]?.alpha.value);
    expect(agreement[1]?.[3]).toBe(`<band.${results.agreement[0]?.alpha.band}>`);
    // Kendall's W with its own band (Schmidt), beside it, wherever W could be computed.
    const heading = agreement[0] ?? [];
    const wAt = heading.indexOf("<kendallW>");
    expect(heading[wAt + 1]).toBe("<kendallWBand>");
    results.agreement.forEach((a, i) => {
      const row = agreement[i + 1] ?? [];
      expect(row[wAt + 1]).toBe(a.kendallW ? `<band.${kendallWBand(a.kendallW.w)}>` : null);
    });
    // Text is stored as text: the formula-like note comes back as the same string, not a formula result.
    const scores = sheets[1]?.data ?? [];
    expect(scores.some((row) => row[9] === '=HYPERLINK("http://x.example","klik")')).toBe(true);
  });
});

describe("CSV parsed back", () => {
  it("ranking with ';' and decimal commas parses back to the results' totals", () => {
    const sheet = workbook[0];
    const rows = parseCsv(toCsv(sheet?.rows ?? [], { delimiter: ";" }), ";");
    for (const p of results.participants.filter((x) => x.rank !== null)) {
      const row = rows.find((line) => line[5] === p.name);
      expect(Number(row?.[6]?.replace(",", "."))).toBe(p.total);
      expect(Number(row?.[0])).toBe(p.rank);
    }
  });

  it("neutralises the formula-like note in the scores CSV", () => {
    const rows = parseCsv(toCsv(workbook[1]?.rows ?? []), ",");
    expect(rows.some((row) => row[9] === `'=HYPERLINK("http://x.example","klik")`)).toBe(true);
    expect(rows.some((row) => row[9]?.startsWith("="))).toBe(false);
  });
});

describe("sheet names", () => {
  it("follow Excel's rules: no [ ] : * ? / \\, at most 31 characters, unique", () => {
    expect(sheetNames(["Lokus 2019/2020", "A".repeat(40), "A".repeat(40), "lokus 2019-2020", ""])).toEqual([
      "Lokus 2019-2020",
      "A".repeat(31),
      `${"A".repeat(27)} (2)`,
      "lokus 2019-2020 (2)",
      "Sheet",
    ]);
  });
});
