/**
 * Assertions shared by the tests of the pages built on the absence report: figures equal to a
 * tolerance, the report's TOTAL row, and the tables a page downloads, read back as CSV records or
 * as a spreadsheet's worksheets; and a sample row for the tests of the views.
 */
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { ReportRow } from '../domain/absence-report.ts';
import type { HttpSession } from './browser-session.ts';

/** A figure equal to the one expected, to within the tolerance. */
export function near(actual: number, expected: number, message: string, tolerance = 1e-5) {
  assert.ok(
    Number.isFinite(actual) && Math.abs(actual - expected) < tolerance,
    `${message}: expected ${expected}, got ${actual}`,
  );
}

/** The absence report's TOTAL row, which is always its last. */
export function total(rows: readonly ReportRow[]): ReportRow {
  const found = rows.at(-1);
  assert.ok(found && found.group === 'TOTAL');
  return found;
}

/** A downloaded CSV as records keyed by its headings. */
export async function csv(session: HttpSession, url: string): Promise<Record<string, string>[]> {
  const response = await session.get(url);
  assert.equal(response.statusCode, 200, `${url}: ${response.body.slice(0, 300)}`);
  assert.match(String(response.headers['content-type']), /^text\/csv/);
  const records: Record<string, string>[] = parse(response.body, { columns: true });
  return records;
}

/** A downloaded spreadsheet's worksheets as rows of values, headings first. */
export async function xlsx(session: HttpSession, url: string): Promise<Map<string, unknown[][]>> {
  const response = await session.download(url);
  assert.equal(response.statusCode, 200, `${url}: ${response.body.toString('utf8').slice(0, 300)}`);
  assert.match(String(response.headers['content-type']), /spreadsheetml/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(response.body as unknown as ArrayBuffer);
  const sheets = new Map<string, unknown[][]>();
  workbook.eachSheet((sheet) => {
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    sheets.set(sheet.name, rows);
  });
  return sheets;
}

/** A row of the absence report with plausible figures, for the tests of the views built on it. */
export function sampleRow(group: string, overrides: Partial<ReportRow> = {}): ReportRow {
  return {
    group,
    averageFte: 10,
    hoursAvailable: 18_500,
    hoursLost: 740,
    fteDaysLost: 100,
    fteDaysAvailable: 3650,
    daysLostPerFte: 10,
    absenceRatePct: 4,
    episodes: 12,
    shortTermEpisodes: 10,
    longTermEpisodes: 2,
    costGbp: 15_000,
    ...overrides,
  };
}
