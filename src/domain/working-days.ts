/**
 * Working days: Monday to Friday, less the bank holidays given (SPEC §6.1). A span of working days
 * from A to B counts the working days after A up to and including B.
 */
import { addDays, isoWeekday } from './dates.ts';

/** Whether the date is a working day. */
export function isWorkingDay(date: string, bankHolidays: ReadonlySet<string>): boolean {
  return isoWeekday(date) <= 5 && !bankHolidays.has(date);
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
