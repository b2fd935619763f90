/**
 * Annual leave given back because the person was sick during it (SPEC §4 B: sickness during
 * annual leave stands as sickness, and the leave is reinstated). Only working days are given
 * back: the days on which the sickness cost hours, so a weekend, a bank holiday or a day the
 * person does not work, though inside both the leave and the sickness, is no leave given back.
 * Pure functions, no I/O.
 */
import { ukDate } from './date-words.ts';
import { addDays, isoWeekday, isRealDate, MONTH_NAMES } from './dates.ts';

/** Employment terms as far as working time goes: in force from `from` until the next terms begin. */
export interface WorkingTerms {
  from: string;
  /** Hours Monday to Sunday. */
  hours: readonly [number, number, number, number, number, number, number];
  /** Whether the person works bank holidays as on any other day of the week. */
  worksBankHolidays: boolean;
}

/** A person's employment: the day they started, the day they left (null while employed), their terms. */
export interface WorkingTime {
  startDate: string;
  endDate: string | null;
  /** In any order. */
  spells: readonly WorkingTerms[];
}

/** An absence of any kind, as recorded. */
export interface RecordedAbsence {
  type: string;
  startDate: string;
  /** null while the absence is open. */
  endDate: string | null;
  /** On the first day of a sickness, the hours lost by someone who went home part-way through a shift. */
  firstDayHours: number | null;
}

export interface ReinstatedLeave {
  date: string;
  /** Hours of leave given back: the hours the sickness took that day. */
  hours: number;
}

function checkDate(value: string, what: string): void {
  if (!isRealDate(value))
    throw new RangeError(`${what} "${value}" is not a real date in the form YYYY-MM-DD`);
}

/** The hours a person was to work on a date: none when not employed, or on a bank holiday they do not work. */
function scheduledHours(person: WorkingTime, date: string, bankHolidays: ReadonlySet<string>): number {
  if (date < person.startDate || (person.endDate !== null && date > person.endDate)) return 0;
  let terms: WorkingTerms | null = null;
  for (const spell of person.spells) {
    if (spell.from <= date && (terms === null || spell.from > terms.from)) terms = spell;
  }
  if (terms === null) return 0;
  if (!terms.worksBankHolidays && bankHolidays.has(date)) return 0;
  return terms.hours[isoWeekday(date) - 1] ?? 0;
}

/** Hours a sickness took on a date: the scheduled hours, or on its first day those stated for going home part-way. */
function hoursSickOn(
  person: WorkingTime,
  sickness: RecordedAbsence,
  date: string,
  bankHolidays: ReadonlySet<string>,
): number {
  if (date < sickness.startDate || (sickness.endDate !== null && date > sickness.endDate)) return 0;
  const scheduled = scheduledHours(person, date, bankHolidays);
  if (date === sickness.startDate && sickness.firstDayHours !== null)
    return Math.min(sickness.firstDayHours, scheduled);
  return scheduled;
}

/**
 * The days of annual leave given back because the person was sick on them: every date in both
 * an annual leave and a sickness on which the sickness took hours, in date order, none after
 * `through` (open absences run to it). Absences of other kinds give back nothing.
 */
export function reinstatedLeaveDays(
  person: WorkingTime,
  annualLeave: readonly RecordedAbsence[],
  sicknesses: readonly RecordedAbsence[],
  bankHolidays: Iterable<string>,
  through: string,
): ReinstatedLeave[] {
  checkDate(through, 'The date to look up to');
  const holidays = new Set(bankHolidays);
  const sick = sicknesses.filter((s) => s.type === 'sickness');
  const given = new Map<string, number>();
  for (const leave of annualLeave) {
    if (leave.type !== 'annual_leave') continue;
    checkDate(leave.startDate, 'The leave’s start');
    const last = leave.endDate === null || leave.endDate > through ? through : leave.endDate;
    const during = sick.filter(
      (s) => s.startDate <= last && (s.endDate === null || s.endDate >= leave.startDate),
    );
    if (during.length === 0) continue;
    for (let date = leave.startDate; date <= last; date = addDays(date, 1)) {
      if (given.has(date)) continue;
      for (const sickness of during) {
        const hours = hoursSickOn(person, sickness, date, holidays);
        if (hours > 0) {
          given.set(date, hours);
          break;
        }
      }
    }
  }
  return [...given.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([date, hours]) => ({ date, hours }));
}

/**
 * Dates in words, months and years said once where they are shared: '21 and 22 August 2025',
 * '29 August and 1 September 2025', '31 December 2025 and 2 January 2026'.
 */
export function datesInWords(dates: readonly string[]): string {
  const sorted = [...dates].sort();
  const words = sorted.map((date, i) => {
    const next = sorted[i + 1];
    if (next === undefined) return ukDate(date);
    const day = String(Number(date.slice(8, 10)));
    if (next.slice(0, 7) === date.slice(0, 7)) return day;
    const month = MONTH_NAMES[Number(date.slice(5, 7)) - 1] ?? '';
    if (next.slice(0, 4) === date.slice(0, 4)) return `${day} ${month}`;
    return ukDate(date);
  });
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1) ?? ''}`;
}

/** 'Annual leave reinstated: 2 working days (21 and 22 August 2025)', or null when none is. */
export function reinstatedLeaveInWords(days: readonly ReinstatedLeave[]): string | null {
  if (days.length === 0) return null;
  const count = days.length === 1 ? '1 working day' : `${days.length} working days`;
  return `Annual leave reinstated: ${count} (${datesInWords(days.map((d) => d.date))})`;
}
