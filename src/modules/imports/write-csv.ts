import { stringify } from 'csv-stringify/sync';
import { spreadsheetSafe, type CsvCell } from '../../domain/csv-cells.ts';

/**
 * A CSV file (RFC 4180, comma-separated, one header row) with every cell made spreadsheet-safe.
 * Every CSV Wellwork writes goes through here, so none can forget the formula escaping.
 */
export function csvFile(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return stringify([header, ...rows].map((row) => row.map(spreadsheetSafe)));
}
