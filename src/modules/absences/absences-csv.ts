import {
  ABSENCE_TYPES,
  isAbsenceType,
  mayOverlap,
  outsideEmployment as absenceOutsideEmployment,
  overlaps,
  type AbsenceSpan,
  type AbsenceType,
} from '../../domain/absence-rules.ts';
import { RowCheck, sortProblems, type CsvProblem, type RowLimit } from '../../domain/csv-problems.ts';
import { isEsrReasonCode } from '../../reference/esr-sickness-reasons.ts';
import { csvTemplate } from '../imports/csv-template.ts';
import { readCsv, type CsvSource } from '../imports/read-csv.ts';

/** A validated row of absences.csv (SPEC §7). */
export interface AbsenceRow {
  /** The row of the file it came from, as a spreadsheet numbers it. */
  row: number;
  employeeNumber: string;
  type: AbsenceType;
  startDate: string;
  /** null while the absence is ongoing. */
  endDate: string | null;
  /** The ESR sickness reason code; only sickness has one. */
  reasonCode: string | null;
  /**
   * The hours of a part day: of a sickness, those lost by someone who went home part-way through
   * a shift; of a medical appointment, the hours it took. No other kind has them.
   */
  firstDayHours: number | null;
  notes: string | null;
}

/** The kinds of absence that may be a part day (SPEC §7): only sickness ever counts as lost. */
const PART_DAY_TYPES: readonly AbsenceType[] = ['sickness', 'medical_appointment'];

export const ABSENCE_COLUMNS = {
  required: ['employee_number', 'type', 'start_date'],
  optional: ['end_date', 'reason_code', 'first_day_hours', 'notes'],
} as const;

/** The template offered on the import page: the columns of SPEC §7 and one example sickness. */
export function absencesCsvTemplate(): string {
  return csvTemplate(ABSENCE_COLUMNS, {
    employee_number: 'E1001',
    type: 'sickness',
    start_date: '2026-01-12',
    end_date: '2026-01-14',
    reason_code: 'S13',
    first_day_hours: '3.5',
    notes: '',
  });
}

const REASON_CODES_IN_WORDS = 'S10 to S32, S98 or S99';

/** An absence's dates and type with the employee it belongs to and, from a file, its row. */
export interface PlacedAbsence extends AbsenceSpan {
  employeeNumber: string;
  row: number;
}
type Placed = PlacedAbsence;

/**
 * A file that has problems still says what it can be checked for against the organisation: the
 * employee number of every row that has one, and the rows whose employee, type and dates are
 * sound (`checkAgainstOrganisation` in the import), so that every problem is listed at once.
 */
export interface ReadableAbsences {
  employees: { row: number; employeeNumber: string }[];
  placed: PlacedAbsence[];
}

export type ParseResult =
  { ok: true; rows: AbsenceRow[] } | { ok: false; problems: CsvProblem[]; readable?: ReadableAbsences };

/**
 * Parses and checks absences.csv, all of it: either every row, validated, or every problem found,
 * by row and column. Within the file it finds the same absence twice (employee, type and start
 * date) and overlapping absences of one person (only sickness may fall within annual leave).
 * Overlaps with absences already held (`findOverlaps`), employment (`outsideEmployment`) and
 * unknown employees are for the import to check against the organisation. The file is read as
 * a stream (see `readCsv`), and refused past the `limit` if one is given.
 */
export async function parseAbsencesCsv(input: CsvSource, limit?: RowLimit): Promise<ParseResult> {
  const table = await readCsv(input, ABSENCE_COLUMNS, limit);
  if (table.refusal) return { ok: false, problems: [table.refusal] };
  const problems = table.problems;
  const rows: AbsenceRow[] = [];
  // Rows whose employee, type and dates are sound take part in the checks across rows, even when
  // another of their values is wrong, so that every problem is reported at once.
  const placed: Placed[] = [];
  const employees: ReadableAbsences['employees'] = [];
  for await (const record of table.records) {
    const check = new RowCheck(record, problems);
    const before = problems.length;

    const employeeNumber = check.required('employee_number');
    if (employeeNumber !== null) employees.push({ row: record.row, employeeNumber });
    const typeText = check.required('type', `give one of ${ABSENCE_TYPES.join(', ')}`);
    const type = typeText !== null && isAbsenceType(typeText) ? typeText : null;
    if (typeText !== null && type === null) {
      check.problem('type', `type "${typeText}" is not one of ${ABSENCE_TYPES.join(', ')}`);
    }

    const startDate = check.date('start_date', true);
    const endDate = check.date('end_date', false);
    const endText = check.text('end_date');
    const datesInOrder = !(startDate !== null && endDate !== null && endDate < startDate);
    if (!datesInOrder) {
      check.problem('end_date', `end_date "${endText}" is before start_date "${startDate ?? ''}"`);
    }

    const reasonText = check.text('reason_code');
    const reasonCode = reasonText || null;
    if (type === 'sickness') {
      if (reasonCode === null) {
        if (check.has('reason_code')) {
          check.problem(
            'reason_code',
            `reason_code is empty: sickness needs an NHS ESR sickness reason code (${REASON_CODES_IN_WORDS})`,
          );
        } else {
          check.problem(
            'reason_code',
            `sickness needs a reason_code, an NHS ESR sickness reason code (${REASON_CODES_IN_WORDS}), but the file has no reason_code column`,
          );
        }
      } else if (!isEsrReasonCode(reasonCode)) {
        check.problem(
          'reason_code',
          `reason_code "${reasonCode}" is not an NHS ESR sickness reason code (${REASON_CODES_IN_WORDS})`,
        );
      }
    } else if (type !== null && reasonCode !== null) {
      check.problem(
        'reason_code',
        `reason_code "${reasonCode}" is only for sickness, not ${type}: leave it empty`,
      );
    }

    const firstDayText = check.text('first_day_hours');
    const firstDayHours = check.decimal('first_day_hours', { above: 0, atMost: 24, example: '3.5' }, false);
    if (type !== null && !PART_DAY_TYPES.includes(type) && firstDayText !== '') {
      check.problem(
        'first_day_hours',
        `first_day_hours "${firstDayText}" is only for sickness or a medical appointment, not ${type}: leave it empty`,
      );
    }

    const endUsable = endText === '' || endDate !== null;
    if (employeeNumber !== null && type !== null && startDate !== null && endUsable && datesInOrder) {
      placed.push({ row: record.row, employeeNumber, type, startDate, endDate });
      if (problems.length === before) {
        rows.push({
          row: record.row,
          employeeNumber,
          type,
          startDate,
          endDate,
          reasonCode: type === 'sickness' ? reasonCode : null,
          firstDayHours,
          notes: check.text('notes') || null,
        });
      }
    }
  }
  if (table.refusal) return { ok: false, problems: [table.refusal] };
  problems.push(...clashesWithinFile(placed));
  if (problems.length > 0) {
    return { ok: false, problems: sortProblems(problems, table.header), readable: { employees, placed } };
  }
  return { ok: true, rows };
}

const key = (a: { employeeNumber: string; type: string; startDate: string }) =>
  `${a.employeeNumber}\u0000${a.type}\u0000${a.startDate}`;

const typeInWords = (type: AbsenceType) => type.replaceAll('_', ' ');

function datesInWords(span: AbsenceSpan): string {
  if (span.endDate === null) return `from ${span.startDate} (still open)`;
  if (span.endDate === span.startDate) return `on ${span.startDate}`;
  return `from ${span.startDate} to ${span.endDate}`;
}

const OVERLAP_RULE = "one person's absences may overlap only where sickness falls within annual leave";

/** The same absence twice, and overlaps that are not sickness within annual leave; each on the later row. */
function clashesWithinFile(placed: readonly Placed[]): CsvProblem[] {
  const problems: CsvProblem[] = [];
  const byEmployee = new Map<string, Placed[]>();
  for (const absence of placed) {
    const list = byEmployee.get(absence.employeeNumber);
    if (list) list.push(absence);
    else byEmployee.set(absence.employeeNumber, [absence]);
  }
  for (const list of byEmployee.values()) {
    if (list.length < 2) continue;
    list.sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : a.row - b.row));
    // Sweep in order of start: only absences still running when this one starts can clash with it.
    let running: Placed[] = [];
    for (const absence of list) {
      running = running.filter((other) => other.endDate === null || other.endDate >= absence.startDate);
      const same = running.find(
        (other) => other.startDate === absence.startDate && other.type === absence.type,
      );
      if (same) {
        problems.push({
          row: absence.row,
          column: 'start_date',
          message: `row ${same.row} already has this ${typeInWords(absence.type)} of employee_number "${absence.employeeNumber}" starting ${absence.startDate}: an absence is known by its employee, type and start date`,
        });
        continue;
      }
      for (const other of running) {
        if (mayOverlap(absence.type, other.type)) continue;
        const [earlier, later] = other.row < absence.row ? [other, absence] : [absence, other];
        problems.push({
          row: later.row,
          column: 'start_date',
          message: `the ${typeInWords(later.type)} ${datesInWords(later)} overlaps the ${typeInWords(earlier.type)} on row ${earlier.row}, ${datesInWords(earlier)}, of employee_number "${later.employeeNumber}": ${OVERLAP_RULE}`,
        });
      }
      running.push(absence);
    }
  }
  return problems;
}

/** An absence the organisation already holds, by the employee number of its person. */
export interface HeldAbsence extends AbsenceSpan {
  employeeNumber: string;
}

/**
 * Rows of a file that overlap absences already held for the same people (other than sickness
 * within annual leave). A held absence with the same employee, type and start date as a row is
 * the same absence imported again, to be replaced by the row, so it is not an overlap.
 */
export function findOverlaps(
  existing: readonly HeldAbsence[],
  incoming: readonly PlacedAbsence[],
): CsvProblem[] {
  const incomingKeys = new Set(incoming.map(key));
  const held = new Map<string, HeldAbsence[]>();
  for (const absence of existing) {
    if (incomingKeys.has(key(absence))) continue;
    const list = held.get(absence.employeeNumber);
    if (list) list.push(absence);
    else held.set(absence.employeeNumber, [absence]);
  }
  const problems: CsvProblem[] = [];
  for (const row of incoming) {
    for (const other of held.get(row.employeeNumber) ?? []) {
      if (!overlaps(row, other) || mayOverlap(row.type, other.type)) continue;
      problems.push({
        row: row.row,
        column: 'start_date',
        message: `the ${typeInWords(row.type)} ${datesInWords(row)} overlaps the ${typeInWords(other.type)} ${datesInWords(other)} already recorded for employee_number "${row.employeeNumber}": ${OVERLAP_RULE}`,
      });
    }
  }
  return problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
}

/** When a person was employed: from their start date to their leaving date, if they have left. */
export interface EmploymentPeriod {
  startDate: string;
  endDate: string | null;
}

/**
 * Rows for absences that fall outside the person's employment: starting before they started,
 * or running past the day they left (an ongoing absence of someone who has left runs past it).
 * Rows for employees not in the map are left alone: whether they are known is checked apart.
 */
export function outsideEmployment(
  rows: readonly PlacedAbsence[],
  employmentByEmployee: ReadonlyMap<string, EmploymentPeriod>,
): CsvProblem[] {
  const problems: CsvProblem[] = [];
  for (const row of rows) {
    const employment = employmentByEmployee.get(row.employeeNumber);
    if (!employment) continue;
    const outside = absenceOutsideEmployment(row, employment);
    if (outside) {
      problems.push({
        row: row.row,
        column: outside.column,
        message: `${outside.message} (employee_number "${row.employeeNumber}")`,
      });
    }
  }
  return problems;
}
