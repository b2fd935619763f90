/** A cell of a CSV file: text, a number, or nothing. */
export type CsvCell = string | number | null;

/**
 * The characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"),
 * with the full-width forms that some spreadsheets treat the same way.
 */
const FORMULA_STARTS = new Set(['=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20']);

/** A plain decimal as Wellwork writes numbers, e.g. `12`, `-3.5`, `0.25`: a number, never a formula. */
const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * A text cell made safe to open in a spreadsheet: text beginning with `=`, `+`, `-`, `@`, a tab
 * or a carriage return gets a leading apostrophe, so that a unit named `=HYPERLINK(…)` shows as
 * text rather than running. Numbers, and plain decimals written as text (`-3.5`), stay numbers.
 */
export function spreadsheetSafe(cell: CsvCell): string | number | null {
  if (cell === null || typeof cell === 'number') return cell;
  if (PLAIN_DECIMAL.test(cell)) return cell;
  return FORMULA_STARTS.has(cell.charAt(0)) ? `'${cell}` : cell;
}
