/**
 * RFC 4180 CSV for spreadsheets. A cell that starts with = + - @ (or a tab / carriage return) is
 * prefixed with `'` so Excel, LibreOffice and Google Sheets show it as text instead of running it
 * as a formula (CSV injection: a reseller controls what they typed into the bot).
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: string | number | undefined | null): string {
  let text = value === undefined || value === null ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Header row first; CRLF line ends; a UTF-8 BOM so Excel reads Chinese and accents correctly. */
export function toCsv(header: readonly string[], rows: Iterable<readonly (string | number | undefined)[]>): string {
  const lines = [header.map(csvCell).join(',')];
  for (const row of rows) lines.push(row.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
