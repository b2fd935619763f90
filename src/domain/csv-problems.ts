import { DATE_YEARS_TEXT, EARLIEST_YEAR, isRealDate, LATEST_YEAR } from './dates.ts';

/**
 * One problem in an uploaded file: where (row, column) and what, in plain words. Rows are
 * numbered as a spreadsheet shows them: the header is row 1, the first data row is row 2.
 */
export interface CsvProblem {
  /** The row as a spreadsheet numbers it; null for a problem with the whole file. */
  row: number | null;
  column: string | null;
  message: string;
}

/** A problem as one line, e.g. `people.csv row 4, column start_date: start_date "…" is not …`. */
export function formatProblem(problem: CsvProblem, fileName: string): string {
  const where = [
    problem.row === null ? null : `row ${problem.row}`,
    problem.column === null ? null : `column ${problem.column}`,
  ].filter((part) => part !== null);
  return where.length === 0
    ? `${fileName}: ${problem.message}`
    : `${fileName} ${where.join(', ')}: ${problem.message}`;
}

/** The columns a file may have. */
export interface CsvColumns {
  required: readonly string[];
  optional: readonly string[];
}

/**
 * The most data rows a file may have where it is read (an upload page), and what to do with a
 * longer one, e.g. "split it into files of up to 50,000 rows".
 */
export interface RowLimit {
  maxRows: number;
  instead: string;
}

/** A data row: its spreadsheet row number and its values (trimmed) keyed by column name. */
export interface CsvRecord {
  row: number;
  values: Readonly<Record<string, string>>;
}

/** A decimal written plainly: digits, an optional point and fraction, perhaps a minus sign. */
const DECIMAL = /^-?(\d+(\.\d+)?|\.\d+)$/;

/** The number a plain decimal stands for, or null for anything else (units, separators, "1e3"). */
export function decimal(value: string): number | null {
  return DECIMAL.test(value) ? Number(value) : null;
}

/**
 * Checks the values of one data row, adding a problem (naming the column and quoting the value)
 * for each that is wrong. Columns the header lacks read as empty and are not reported here: the
 * header's problems already say they are missing.
 */
export class RowCheck {
  constructor(
    private readonly record: CsvRecord,
    private readonly problems: CsvProblem[],
  ) {}

  get row(): number {
    return this.record.row;
  }

  /** The trimmed value of a column; empty when the column is blank or not in the file. */
  text(column: string): string {
    return Object.hasOwn(this.record.values, column) ? (this.record.values[column] ?? '') : '';
  }

  has(column: string): boolean {
    return Object.hasOwn(this.record.values, column);
  }

  problem(column: string | null, message: string): void {
    this.problems.push({ row: this.record.row, column, message });
  }

  /** A value that must be given; reports it when empty. */
  required(column: string, hint = ''): string | null {
    const value = this.text(column);
    if (value === '') {
      if (this.has(column)) this.problem(column, `${column} is empty${hint ? `: ${hint}` : ''}`);
      return null;
    }
    return value;
  }

  /** A real calendar date written YYYY-MM-DD. */
  date(column: string, required: boolean): string | null {
    const value = required
      ? this.required(column, 'give a date in the form YYYY-MM-DD')
      : this.text(column) || null;
    if (value === null) return null;
    if (!isRealDate(value)) {
      const year = /^(\d{4})-\d{2}-\d{2}$/.exec(value)?.[1];
      const outside = year !== undefined && (Number(year) < EARLIEST_YEAR || Number(year) > LATEST_YEAR);
      this.problem(
        column,
        outside
          ? `${column} "${value}" must be a date ${DATE_YEARS_TEXT}`
          : `${column} "${value}" is not a date in the form YYYY-MM-DD`,
      );
      return null;
    }
    return value;
  }

  /**
   * A plain decimal within bounds: above `above` (or at least `atLeast`) and at most `atMost`.
   * The message says what is allowed, e.g. `weekly_hours "0" must be more than 0 and no more than 168`.
   */
  decimal(
    column: string,
    bounds: { above?: number; atLeast?: number; atMost?: number; example: string },
    required: boolean,
  ): number | null {
    const value = required ? this.required(column) : this.text(column) || null;
    if (value === null) return null;
    const number = decimal(value);
    if (number === null) {
      this.problem(column, `${column} "${value}" is not a number: write it like ${bounds.example}`);
      return null;
    }
    const tooLow =
      (bounds.above !== undefined && number <= bounds.above) ||
      (bounds.atLeast !== undefined && number < bounds.atLeast);
    const tooHigh = bounds.atMost !== undefined && number > bounds.atMost;
    if (tooLow || tooHigh) {
      this.problem(column, `${column} "${value}" must be ${rangeInWords(bounds)}`);
      return null;
    }
    return number;
  }
}

function rangeInWords(bounds: { above?: number; atLeast?: number; atMost?: number }): string {
  const { above, atLeast, atMost } = bounds;
  if (atLeast !== undefined && atMost !== undefined) return `from ${atLeast} to ${atMost}`;
  const parts = [
    above !== undefined ? `more than ${above}` : atLeast !== undefined ? `at least ${atLeast}` : null,
    atMost !== undefined ? `no more than ${atMost}` : null,
  ].filter((part) => part !== null);
  return parts.join(' and ');
}

/** Problems in reading order: the whole file first, then by row, then by column as the file has them. */
export function sortProblems(problems: CsvProblem[], header: readonly string[]): CsvProblem[] {
  const position = (column: string | null) => {
    if (column === null) return -1;
    const index = header.indexOf(column);
    return index === -1 ? header.length : index;
  };
  return problems
    .map((problem, index) => ({ problem, index }))
    .sort(
      (a, b) =>
        (a.problem.row ?? 0) - (b.problem.row ?? 0) ||
        position(a.problem.column) - position(b.problem.column) ||
        a.index - b.index,
    )
    .map(({ problem }) => problem);
}
