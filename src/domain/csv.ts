/*
 * CSV for spreadsheets, as Indonesian offices open them. Invariants:
 * - UTF-8 with a byte-order mark, so Excel reads "Kabupaten Pulau Morotai —
 *   ü" correctly; CRLF line ends (RFC 4180).
 * - With the ";" delimiter (Excel in Indonesian) numbers use a decimal comma.
 * - A text cell that starts with = + - @, a tab or a CR is neutralised with a
 *   leading apostrophe, so a note like "=HYPERLINK(...)" is never a formula
 *   (OWASP "CSV injection"). Numbers are numbers and are never prefixed.
 */

export type CsvCell = string | number | boolean | null;

export type CsvOptions = { delimiter: "," | ";" };

export const BOM = "\uFEFF";

const DANGEROUS_START = /^[=+\-@\t\r]/;

/** The apostrophe makes a spreadsheet show the text as typed instead of evaluating it. */
export const neutraliseFormula = (text: string): string => (DANGEROUS_START.test(text) ? `'${text}` : text);

const quote = (text: string, delimiter: string): string =>
  text.includes(delimiter) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;

const cellText = (cell: CsvCell, options: CsvOptions): string => {
  if (cell === null) return "";
  if (typeof cell === "number") {
    if (!Number.isFinite(cell)) return "";
    const text = String(cell);
    return options.delimiter === ";" ? text.replace(".", ",") : text;
  }
  if (typeof cell === "boolean") return cell ? "1" : "0";
  return quote(neutraliseFormula(cell), options.delimiter);
};

export const toCsv = (rows: readonly (readonly CsvCell[])[], options: CsvOptions = { delimiter: "," }): string =>
  `${BOM}${rows.map((row) => row.map((cell) => cellText(cell, options)).join(options.delimiter)).join("\r\n")}\r\n`;
