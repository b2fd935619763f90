/**
 * Reading an uploaded or on-disk CSV file as a stream, for the imports. It lives here rather than
 * in src/domain because it does I/O (node streams, csv-parse, pauses for the event loop); the
 * problems it reports and the row checks are pure, and stay in src/domain/csv-problems.ts.
 */
import { Readable, pipeline } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { parse, type Options } from 'csv-parse';
import type { CsvColumns, CsvProblem, CsvRecord, RowLimit } from '../../domain/csv-problems.ts';

/** A file to read: its bytes or text in memory, or a stream of them (an upload, a file on disk). */
export type CsvSource = Buffer | string | AsyncIterable<Buffer | string>;

export interface CsvTable {
  /** The column names of the header row, trimmed, in file order. */
  header: string[];
  /**
   * The data rows worth checking, read as the file streams in; rows that could not be read are
   * left out (with a problem). Read them once.
   */
  records: AsyncIterable<CsvRecord>;
  /** Problems with the file's header and the shape of its rows; complete once `records` is read. */
  problems: CsvProblem[];
  /**
   * Why the file cannot be read at all (not UTF-8, not CSV, empty, too many rows), found before
   * or while `records` is read. When set, it is the file's only problem: its rows are not checked.
   */
  refusal: CsvProblem | null;
}

/** RFC 4180 as csv-parse reads it; rows may be short or long, and are checked here. */
const READ_OPTIONS: Options = { relax_column_count: true };

/** Bytes parsed at a time, so that no single step of a large file holds the process for long. */
const SLICE_BYTES = 64 * 1024;

/**
 * Rows read between pauses that let the process answer other requests: five hundred rows take
 * milliseconds to read and check, so a large upload never holds up the rest of the service.
 */
const ROWS_BETWEEN_PAUSES = 500;

/** A file that cannot be read as text, with the problem to report. */
class UnreadableFile extends Error {
  constructor(readonly problem: CsvProblem) {
    super(problem.message);
  }
}

const notUtf8 = () =>
  new UnreadableFile({
    row: null,
    column: null,
    message: 'the file is not UTF-8 text: save it as "CSV UTF-8 (comma delimited)" and upload it again',
  });

/** The file as text, a slice at a time; a byte order mark is dropped, and anything but UTF-8 refused. */
async function* textOf(source: CsvSource): AsyncGenerator<string> {
  const chunks = typeof source === 'string' || Buffer.isBuffer(source) ? [source] : source;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let start = true;
  for await (const chunk of chunks) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    if (start && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
      throw new UnreadableFile({
        row: null,
        column: null,
        message: 'the file is saved as UTF-16: save it as "CSV UTF-8 (comma delimited)" and upload it again',
      });
    }
    if (bytes.length > 0) start = false;
    for (let at = 0; at < bytes.length; at += SLICE_BYTES) {
      let text: string;
      try {
        text = decoder.decode(bytes.subarray(at, at + SLICE_BYTES), { stream: true });
      } catch {
        throw notUtf8();
      }
      if (text !== '') yield text;
    }
  }
  let rest: string;
  try {
    rest = decoder.decode();
  } catch {
    throw notUtf8();
  }
  if (rest !== '') yield rest;
}

/** The problem that stops a file being read, or the error again when it is not the file's fault. */
function refusalOf(error: unknown): CsvProblem {
  if (error instanceof UnreadableFile) return error.problem;
  const failure = error as { code?: unknown; message?: string; records?: number };
  if (typeof failure.code !== 'string' || !failure.code.startsWith('CSV_')) throw error;
  return {
    row: typeof failure.records === 'number' ? failure.records + 1 : null,
    column: null,
    message: `the file is not valid CSV: ${failure.message ?? String(error)}. A value containing a comma, a quote or a line break must be in double quotes, with any quote inside it doubled ("")`,
  };
}

const noRecords: AsyncIterable<CsvRecord> = { [Symbol.asyncIterator]: async function* () {} };

/**
 * Reads a CSV file as SPEC §7 describes: UTF-8 (a BOM accepted), comma-separated, RFC 4180
 * quoting, a header row. Column names are matched exactly, after trimming surrounding spaces;
 * unknown and repeated columns are problems of the header row, and each missing required column
 * is a problem of the whole file. Blank rows are skipped but keep their place in the numbering,
 * so row numbers are those a spreadsheet shows. A row with more values than the header is a
 * problem and is not checked further (its values would sit under the wrong columns).
 *
 * The file is read as a stream, a slice at a time, with a pause every 500 rows for the
 * rest of the process; resolves once the header is read. With a `limit`, reading stops at the
 * first row past it, and the file is refused.
 */
export async function readCsv(source: CsvSource, columns: CsvColumns, limit?: RowLimit): Promise<CsvTable> {
  const parser = pipeline(Readable.from(textOf(source)), parse(READ_OPTIONS), () => {});
  const rows = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
  const refused = async (refusal: CsvProblem): Promise<CsvTable> => {
    await rows.return?.();
    return { header: [], records: noRecords, problems: [], refusal };
  };

  let headerRow: string[] | undefined;
  try {
    const first = await rows.next();
    headerRow = first.done ? undefined : first.value;
  } catch (error) {
    return refused(refusalOf(error));
  }
  if (!headerRow || headerRow.every((name) => name.trim() === '')) {
    return refused({
      row: null,
      column: null,
      message: `the file is empty: it needs a header row naming its columns, starting ${columns.required.join(',')}`,
    });
  }

  const header = headerRow.map((name) => name.trim());
  // Trailing empty header cells (a spreadsheet's stray commas) are not columns.
  while (header.length > 0 && header[header.length - 1] === '') header.pop();
  const problems: CsvProblem[] = [];
  const known = new Set([...columns.required, ...columns.optional]);
  const seen = new Set<string>();
  header.forEach((name, index) => {
    if (name === '') {
      problems.push({
        row: 1,
        column: null,
        message: `column ${index + 1} of the header row has no name`,
      });
    } else if (seen.has(name)) {
      problems.push({ row: 1, column: name, message: `the column "${name}" appears more than once` });
    } else if (!known.has(name)) {
      const lower = name.toLowerCase().replace(/\s+/g, '_');
      const hint = known.has(lower) ? `; column names are lower case: did you mean "${lower}"?` : '';
      problems.push({
        row: 1,
        column: name,
        message: `"${name}" is not a column this file can have${hint}`,
      });
    }
    seen.add(name);
  });
  for (const name of columns.required) {
    if (!seen.has(name)) {
      problems.push({ row: null, column: name, message: `the required column "${name}" is missing` });
    }
  }

  const table: CsvTable = { header, records: noRecords, problems, refusal: null };
  table.records = {
    async *[Symbol.asyncIterator]() {
      let row = 1;
      let count = 0;
      try {
        for (let next = await rows.next(); !next.done; next = await rows.next()) {
          row += 1;
          const fields = next.value;
          if (fields.every((value) => value.trim() === '')) continue;
          count += 1;
          if (limit && count > limit.maxRows) {
            table.refusal = {
              row: null,
              column: null,
              message: `the file has more than ${limit.maxRows.toLocaleString('en-GB')} rows, the most a file may have here: ${limit.instead}`,
            };
            return;
          }
          if (count % ROWS_BETWEEN_PAUSES === 0) await nextTurn();
          const used = fields.length > header.length ? fields.slice(header.length) : [];
          if (used.some((value) => value.trim() !== '')) {
            problems.push({
              row,
              column: null,
              message: `the row has ${fields.length} values but the header names ${header.length} columns: put any value containing a comma in double quotes`,
            });
            continue;
          }
          const values: Record<string, string> = {};
          header.forEach((name, i) => {
            if (known.has(name) && !Object.hasOwn(values, name)) values[name] = (fields[i] ?? '').trim();
          });
          yield { row, values };
        }
      } catch (error) {
        table.refusal = refusalOf(error);
      } finally {
        // Stops reading a file given up on part-way (too long, or a problem found by the reader).
        await rows.return?.();
      }
    },
  };
  return table;
}
