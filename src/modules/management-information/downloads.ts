/**
 * Downloads of the management information tables, one pattern for every page: the page's own
 * address with `?format=csv` or `?format=xlsx` and `&table=ID` (the other query parameters as on
 * the page). A CSV file holds one table; a spreadsheet holds the chosen table, or every table of
 * the page when none is named, each on its own worksheet after an "About" sheet saying what the
 * figures are.
 */
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { csvFile } from '../imports/write-csv.ts';
import { plainDecimal } from '../absence-report/report-format.ts';
import { cellText, numericCell, type DataTable, type NumberKind } from './data-table.ts';

export const DOWNLOAD_FORMATS = ['csv', 'xlsx'] as const;
export type DownloadFormat = (typeof DOWNLOAD_FORMATS)[number];

/** The download parameters of any page's query string. */
export const downloadParameters = z.object({
  format: z.enum(DOWNLOAD_FORMATS, { error: 'format must be csv or xlsx' }).optional(),
  table: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/, 'table must be the name of one of the page’s tables')
    .optional(),
});

/** A page's address for downloading one table (or, for XLSX without a table, all of them). */
export function downloadHref(
  pagePath: string,
  query: Record<string, string | undefined>,
  format: DownloadFormat,
  tableId?: string,
): string {
  const parameters = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '' && key !== 'format' && key !== 'table')
      parameters.set(key, value);
  }
  parameters.set('format', format);
  if (tableId) parameters.set('table', tableId);
  return `${pagePath}?${parameters.toString()}`;
}

/** The CSV and XLSX links of one table. */
export function downloadLinks(pagePath: string, query: Record<string, string | undefined>, tableId: string) {
  return {
    csv: downloadHref(pagePath, query, 'csv', tableId),
    xlsx: downloadHref(pagePath, query, 'xlsx', tableId),
  };
}

function hasNotes(table: DataTable): boolean {
  return table.rows.some((r) => r.note);
}

/** A number as CSV writes it: a plain decimal (SPEC §7), money to the penny. */
function csvNumber(value: number, kind: NumberKind): string {
  return kind === 'money' ? plainDecimal(value, { min: 2, max: 2 }) : plainDecimal(value);
}

/** One table as CSV: a header row of the column headings, then the rows; a Note column when any row has one. */
export function tableCsv(table: DataTable): string {
  const notes = hasNotes(table);
  const header = [...table.columns.map((c) => c.header), ...(notes ? ['Note'] : [])];
  const body = table.rows.map((row) => [
    ...table.columns.map((column, i) => {
      const cell = row.cells[i] ?? null;
      const number = numericCell(cell, column);
      if (number) return csvNumber(number.value, number.kind);
      return cellText(cell);
    }),
    ...(notes ? [row.note ?? ''] : []),
  ]);
  return csvFile(header, body);
}

const NUMBER_FORMATS: Record<NumberKind, string> = {
  count: '#,##0',
  decimal: '#,##0.00',
  percent: '0.00',
  money: '"£"#,##0.00',
};

/** A worksheet name Excel accepts: no []:*?/\ and 31 characters at most. */
function sheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Table';
  let candidate = base;
  for (let i = 2; taken.has(candidate.toLowerCase()); i++) candidate = `${base.slice(0, 28)} ${i}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

/**
 * Tables as an XLSX workbook: an "About" sheet of the given lines (label, text), then one sheet
 * per table with its headings in the first row and numbers stored as numbers.
 */
export async function tablesXlsx(
  tables: readonly DataTable[],
  about: readonly (readonly [string, string])[],
): Promise<Buffer> {
  // ExcelJS is loaded when a spreadsheet is first asked for, not with every page of the service.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Wellwork';
  const taken = new Set<string>();
  const aboutSheet = workbook.addWorksheet(sheetName('About', taken));
  for (const [label, text] of about) aboutSheet.addRow([label, text]);
  aboutSheet.getColumn(1).font = { bold: true };
  aboutSheet.getColumn(1).width = 24;
  aboutSheet.getColumn(2).width = 100;
  for (const table of tables) {
    const sheet = workbook.addWorksheet(sheetName(table.sheetName, taken), {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    const notes = hasNotes(table);
    sheet.addRow([...table.columns.map((c) => c.header), ...(notes ? ['Note'] : [])]);
    sheet.getRow(1).font = { bold: true };
    for (const row of table.rows) {
      const added = sheet.addRow([
        ...table.columns.map((column, i) => {
          const cell = row.cells[i] ?? null;
          const number = numericCell(cell, column);
          if (number) return number.value;
          return cell === null ? null : cellText(cell);
        }),
        ...(notes ? [row.note ?? null] : []),
      ]);
      table.columns.forEach((column, i) => {
        const number = numericCell(row.cells[i] ?? null, column);
        if (number) added.getCell(i + 1).numFmt = NUMBER_FORMATS[number.kind];
      });
      if (row.total) added.font = { bold: true };
    }
    table.columns.forEach((column, i) => {
      sheet.getColumn(i + 1).width = i === 0 ? 40 : Math.max(12, Math.min(30, column.header.length + 2));
    });
    if (notes) sheet.getColumn(table.columns.length + 1).width = 40;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export interface DownloadFile {
  contentType: string;
  fileName: string;
  body: string | Buffer;
}

export type DownloadProblem = { problem: string };

/**
 * The file a page's query asked for, or a problem (for a 400 page) when the table named is not
 * one of the page's, or when a CSV is asked for without naming one of several tables.
 */
export async function downloadFile(options: {
  format: DownloadFormat;
  tableId: string | undefined;
  tables: readonly DataTable[];
  /** The file name without its extension, e.g. `scorecard-merrowby-2025-05-to-2026-04`. */
  fileStem: string;
  about: readonly (readonly [string, string])[];
}): Promise<DownloadFile | DownloadProblem> {
  const chosen = options.tableId
    ? options.tables.filter((t) => t.id === options.tableId)
    : [...options.tables];
  if (chosen.length === 0) {
    return { problem: `There is no table called “${options.tableId ?? ''}” on this page` };
  }
  const safeStem = options.fileStem.replace(/[^A-Za-z0-9._-]+/g, '-');
  if (options.format === 'xlsx') {
    return {
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      fileName: `${chosen.length === 1 && options.tableId ? `${safeStem}-${options.tableId}` : safeStem}.xlsx`,
      body: await tablesXlsx(chosen, options.about),
    };
  }
  const [only] = chosen;
  if (!only || chosen.length > 1) {
    return { problem: 'Choose which table to download as CSV: add table= and the name of one table' };
  }
  return {
    contentType: 'text/csv; charset=utf-8',
    fileName: `${safeStem}-${only.id}.csv`,
    body: tableCsv(only),
  };
}

/** Sends a download file as an attachment. */
export function sendFile(reply: FastifyReply, file: DownloadFile): FastifyReply {
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', `attachment; filename="${file.fileName}"`)
    .send(file.body);
}
