import { parse } from 'csv-parse/sync';

/** One problem in an uploaded file: where (row, column) and what, in plain words. */
export interface CsvProblem {
  /** The row as a spreadsheet numbers it (the header is row 1); null for the whole file. */
  row: number | null;
  column: string | null;
  message: string;
}

export function formatProblem(problem: CsvProblem, fileName: string): string {
  const where = [
    fileName,
    problem.row === null ? null : `row ${problem.row}`,
    problem.column ? `column ${problem.column}` : null,
  ]
    .filter(Boolean)
    .join(', ');
  return `${where}: ${problem.message}`;
}

export interface CsvRecord {
  /** Row number as a spreadsheet shows it. */
  row: number;
  values: Record<string, string>;
}

/**
 * Reads a CSV file (UTF-8, a BOM accepted, RFC 4180 quoting, a header row) into records keyed
 * by header, checking the header against the known columns. Blank lines are skipped.
 */
export function readCsv(
  input: Buffer | string,
  columns: { required: readonly string[]; optional: readonly string[] },
): { ok: true; records: CsvRecord[] } | { ok: false; problems: CsvProblem[] } {
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(input, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as {
      record: string[];
      info: { lines: number };
    }[];
  } catch (error) {
    const e = error as { message: string; lines?: number };
    return {
      ok: false,
      problems: [{ row: e.lines ?? null, column: null, message: `the file is not valid CSV: ${e.message}` }],
    };
  }
  const [header, ...body] = rows;
  if (!header)
    return {
      ok: false,
      problems: [{ row: null, column: null, message: 'the file is empty: it needs a header row' }],
    };
  const names = header.record.map((h) => h.trim());
  const problems: CsvProblem[] = [];
  const known = new Set([...columns.required, ...columns.optional]);
  for (const name of names) {
    if (!known.has(name))
      problems.push({ row: 1, column: name, message: `"${name}" is not a column this file can have` });
  }
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name))
      problems.push({ row: 1, column: name, message: `the column "${name}" appears twice` });
    seen.add(name);
  }
  for (const name of columns.required) {
    if (!names.includes(name))
      problems.push({ row: 1, column: name, message: `the required column "${name}" is missing` });
  }
  if (problems.length > 0) return { ok: false, problems };
  const records: CsvRecord[] = [];
  for (const { record, info } of body) {
    if (record.every((v) => v.trim() === '')) continue;
    // The line the record starts on: quoted fields may span lines.
    const row = info.lines - record.reduce((n, v) => n + (v.match(/\n/g)?.length ?? 0), 0);
    if (record.length > names.length) {
      problems.push({
        row,
        column: null,
        message: `the row has ${record.length} fields but the header has ${names.length}`,
      });
      continue;
    }
    records.push({ row, values: Object.fromEntries(names.map((n, i) => [n, (record[i] ?? '').trim()])) });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, records };
}

/** Checks for a decimal number written plainly (no units, no thousands separators). */
export function decimal(value: string): number | null {
  if (!/^-?\d+(\.\d+)?$/.test(value)) return null;
  return Number(value);
}
