/**
 * CSV as RFC 4180 has it: fields separated by commas, records ended by CRLF, a field holding a
 * comma, a quote, CR or LF quoted with its quotes doubled. Text is kept as the agent sent it (UTF-8),
 * with one exception for safety: a text cell a spreadsheet would take for a formula (it starts with
 * = + - @, a tab or a CR) gets a leading apostrophe, so opening the export never runs anything the
 * agent's text says (OWASP's "CSV injection"). Numbers are written as numbers: a negative one is not a formula.
 */
export type CsvCell = string | number | undefined | null;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: CsvCell): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(cells: readonly CsvCell[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}
