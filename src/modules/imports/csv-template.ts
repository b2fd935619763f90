import type { FastifyReply } from 'fastify';
import { csvFile } from './write-csv.ts';

/** The columns an importer reads (SPEC §7): those it needs, then those it takes if given. */
export interface ImportColumns {
  readonly required: readonly string[];
  readonly optional: readonly string[];
}

/**
 * A template for an import: its columns in the order of SPEC §7, and one example row that
 * shows how each value is written (dates, a unit's path, hours). Every column has a value in
 * the example, even if empty, so a column cannot be forgotten.
 */
export function csvTemplate<Columns extends ImportColumns>(
  columns: Columns,
  example: Record<Columns['required'][number] | Columns['optional'][number], string>,
): string {
  const header = [...columns.required, ...columns.optional];
  const values = example as Record<string, string>;
  return csvFile(header, [header.map((column) => values[column] ?? '')]);
}

/** Sends a template as a CSV download named `fileName`. */
export function sendCsvTemplate(reply: FastifyReply, fileName: string, csv: string): FastifyReply {
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .send(csv);
}
