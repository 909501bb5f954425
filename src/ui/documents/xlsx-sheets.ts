/*
 * The export workbook in write-excel-file's shape. Text cells are typed as
 * strings, so Excel never evaluates them (no formula injection in XLSX); the
 * library itself is loaded only when the coordinator clicks Export.
 */
import type { ExportCell, ExportSheet } from "../../domain/export-workbook.ts";

export type XlsxCell = {
  value: string | number | boolean;
  type?: StringConstructor;
  fontWeight?: "bold";
  format?: string;
} | null;

export type XlsxSheet = { data: XlsxCell[][]; sheet: string; stickyRowsCount: number };

const numberFormat = (decimals: number): string => (decimals > 0 ? `0.${"0".repeat(decimals)}` : "0");

const cell = (value: ExportCell, header: boolean, format: string): XlsxCell => {
  if (value === null) return null;
  if (typeof value === "string") return { value, type: String, ...(header ? { fontWeight: "bold" as const } : {}) };
  if (typeof value === "number") return Number.isFinite(value) ? { value, format } : null;
  return { value };
};

export const xlsxSheets = (sheets: readonly ExportSheet[]): XlsxSheet[] =>
  sheets.map((s) => {
    const format = numberFormat(s.decimals);
    return {
      sheet: s.name,
      stickyRowsCount: 1,
      data: s.rows.map((row, r) => row.map((value) => cell(value, r === 0, format))),
    };
  });

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Loads write-excel-file on first use (≈21 KB gzip), never with the page. */
export const workbookBlob = async (sheets: readonly ExportSheet[]): Promise<Blob> => {
  const { default: writeXlsxFile } = await import("write-excel-file/browser");
  return writeXlsxFile(xlsxSheets(sheets)).toBlob();
};
