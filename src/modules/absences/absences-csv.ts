import {
  ABSENCE_TYPES,
  conflictingAbsence,
  isAbsenceType,
  type AbsenceType,
} from '../../domain/absence-rules.ts';
import { decimal, readCsv, type CsvProblem } from '../../domain/csv-problems.ts';
import { isRealDate } from '../../domain/dates.ts';
import { isEsrReasonCode } from '../../reference/esr-sickness-reasons.ts';

/** A validated row of absences.csv (SPEC §7). */
export interface AbsenceRow {
  row: number;
  employeeNumber: string;
  type: AbsenceType;
  startDate: string;
  endDate: string | null;
  reasonCode: string | null;
  firstDayHours: number | null;
  notes: string | null;
}

export const ABSENCE_COLUMNS = {
  required: ['employee_number', 'type', 'start_date'],
  optional: ['end_date', 'reason_code', 'first_day_hours', 'notes'],
} as const;

/**
 * Parses and checks absences.csv, all of it: either every row, validated, or every problem by
 * row and column. Overlaps within the file are found here; those with absences already held,
 * and employment, are checked by the import against the organisation.
 */
export function parseAbsencesCsv(
  input: Buffer | string,
): { ok: true; rows: AbsenceRow[] } | { ok: false; problems: CsvProblem[] } {
  const read = readCsv(input, ABSENCE_COLUMNS);
  if (!read.ok) return read;
  const problems: CsvProblem[] = [];
  const rows: AbsenceRow[] = [];
  for (const { row, values } of read.records) {
    const problem = (column: string, message: string) => problems.push({ row, column, message });
    const text = (column: string) => values[column] ?? '';
    const before = problems.length;

    const employeeNumber = text('employee_number');
    if (!employeeNumber) problem('employee_number', 'employee_number is empty');
    const typeText = text('type');
    if (!isAbsenceType(typeText)) {
      problem('type', `type "${typeText}" is not one of ${ABSENCE_TYPES.join(', ')}`);
    }
    const date = (column: string, required: boolean): string | null => {
      const value = text(column);
      if (!value) {
        if (required) problem(column, `${column} is empty: give a date in the form YYYY-MM-DD`);
        return null;
      }
      if (!isRealDate(value)) {
        problem(column, `${column} "${value}" is not a date in the form YYYY-MM-DD`);
        return null;
      }
      return value;
    };
    const startDate = date('start_date', true);
    const endDate = date('end_date', false);
    if (startDate && endDate && endDate < startDate)
      problem('end_date', `end_date ${endDate} is before start_date ${startDate}`);

    const reasonCode = text('reason_code').toUpperCase();
    if (typeText === 'sickness') {
      if (!reasonCode)
        problem(
          'reason_code',
          'reason_code is empty: sickness needs an ESR sickness reason code such as S10',
        );
      else if (!isEsrReasonCode(reasonCode)) {
        problem(
          'reason_code',
          `reason_code "${text('reason_code')}" is not an ESR sickness reason code (S10 to S32, S98, S99)`,
        );
      }
    } else if (reasonCode && isAbsenceType(typeText)) {
      problem('reason_code', `reason_code is only for sickness, not ${typeText}`);
    }

    const hoursText = text('first_day_hours');
    let firstDayHours: number | null = null;
    if (hoursText) {
      firstDayHours = decimal(hoursText);
      if (firstDayHours === null)
        problem('first_day_hours', `first_day_hours "${hoursText}" is not a number`);
      else if (firstDayHours <= 0 || firstDayHours > 24)
        problem('first_day_hours', `first_day_hours ${hoursText} must be more than 0 and no more than 24`);
      else if (typeText !== 'sickness' && isAbsenceType(typeText))
        problem('first_day_hours', `first_day_hours is only for sickness, not ${typeText}`);
    }

    if (problems.length > before || !startDate || !isAbsenceType(typeText)) continue;
    rows.push({
      row,
      employeeNumber,
      type: typeText,
      startDate,
      endDate,
      reasonCode: typeText === 'sickness' ? reasonCode : null,
      firstDayHours,
      notes: text('notes') || null,
    });
  }

  // Within the file: the same absence twice, and overlaps other than sickness within leave.
  const byPerson = new Map<string, AbsenceRow[]>();
  for (const row of rows)
    byPerson.set(row.employeeNumber, [...(byPerson.get(row.employeeNumber) ?? []), row]);
  for (const list of byPerson.values()) {
    list.sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : a.row - b.row));
    for (let i = 0; i < list.length; i++) {
      const row = list[i];
      if (!row) continue;
      const earlier = list.slice(0, i);
      const same = earlier.find((e) => e.type === row.type && e.startDate === row.startDate);
      if (same) {
        problems.push({
          row: row.row,
          column: 'start_date',
          message: `the same ${row.type} from ${row.startDate} for ${row.employeeNumber} is also on row ${same.row}`,
        });
        continue;
      }
      const conflict = conflictingAbsence(row, earlier);
      if (conflict) {
        problems.push({
          row: row.row,
          column: 'start_date',
          message: `overlaps the ${conflict.type} on row ${conflict.row} for ${row.employeeNumber} (only sickness may fall within annual leave)`,
        });
      }
    }
  }
  if (problems.length > 0) {
    problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    return { ok: false, problems };
  }
  return { ok: true, rows };
}
