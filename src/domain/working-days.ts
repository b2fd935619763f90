/**
 * Working days: Monday to Friday, less the bank holidays given (SPEC §6.1). A span of working days
 * from A to B counts the working days after A up to and including B.
 */
import { addDays, isoWeekday } from './dates.ts';

/** Whether the date is a working day. */
export function isWorkingDay(date: string, bankHolidays: ReadonlySet<string>): boolean {
  return isoWeekday(date) <= 5 && !bankHolidays.has(date);
}

/** Working days after `from` up to and including `to`; 0 when `to` is not after `from`. */
export function workingDaysAfter(from: string, to: string, holidays: ReadonlySet<string>): number {
  let count = 0;
  for (let date = addDays(from, 1); date <= to; date = addDays(date, 1)) {
    if (isWorkingDay(date, holidays)) count += 1;
  }
  return count;
}

/** The date that is `count` working days after `from` (`from` itself when count is 0). */
export function addWorkingDays(from: string, count: number, bankHolidays: ReadonlySet<string>): string {
  let date = from;
  for (let counted = 0; counted < count;) {
    date = addDays(date, 1);
    if (isWorkingDay(date, bankHolidays)) counted += 1;
  }
  return date;
}

/** The calendar days after `from` within which `count` working days surely fall, for loading bank holidays. */
export function workingDaysReach(count: number): number {
  // Five working days take seven calendar days; a run of bank holidays takes at most a few more.
  return Math.ceil((count * 7) / 5) + 14;
}
