/**
 * Calendar dates as YYYY-MM-DD strings, never JavaScript Dates at midnight in some zone.
 * Arithmetic goes through whole day numbers: days since 1970-01-01 in the proleptic Gregorian
 * calendar, computed with integers only, so no time zone or clock change can move a date.
 */

const DATE_FORM = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a year, month (1–12) and day (Howard Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month (1–12) of a year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * The years the service's dates fall in. Nobody's employment, absence or report lies outside
 * them, so a date that does (the year 0000, or 9999 for "no end") is a mistake to refuse.
 */
export const EARLIEST_YEAR = 1900;
export const LATEST_YEAR = 2100;

/** The years dates may fall in, as people read it: "between 1900 and 2100". */
export const DATE_YEARS_TEXT = `between ${EARLIEST_YEAR} and ${LATEST_YEAR}`;

/** Whether a value is a real calendar date written as YYYY-MM-DD, in the years 1900 to 2100. */
export function isRealDate(value: string): boolean {
  const match = DATE_FORM.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return (
    year >= EARLIEST_YEAR &&
    year <= LATEST_YEAR &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/** The day number of a real date; a RangeError naming the value when it is not one. */
export function parseDate(value: string): number {
  if (!isRealDate(value)) {
    throw new RangeError(`"${value}" is not a real date in the form YYYY-MM-DD ${DATE_YEARS_TEXT}`);
  }
  return toDayNumber(value);
}

/**
 * The day number (days since 1970-01-01) of a date. Does not check the date: use `parseDate`
 * or `isRealDate` on anything that came from outside.
 */
export function toDayNumber(date: string): number {
  return daysFromCivil(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

/** The date of a day number (Howard Hinnant's civil_from_days). */
export function fromDayNumber(dayNumber: number): string {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Days from `from` to `to`, counting both (1 when they are the same day; 0 or less when `to` is earlier). */
export function daysInclusive(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from) + 1;
}

/** Days from `from` to `to`, counting neither end's day twice: `to` − `from` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** ISO weekday of a day number: Monday 1 … Sunday 7. 1970-01-01 was a Thursday. */
export function isoWeekdayOfDay(dayNumber: number): number {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

/** ISO weekday of a date: Monday 1 … Sunday 7. */
export function isoWeekday(date: string): number {
  return isoWeekdayOfDay(toDayNumber(date));
}

/** Every date from `from` to `to`, both included; nothing when `to` is earlier. */
export function* eachDay(from: string, to: string): Generator<string> {
  const last = toDayNumber(to);
  for (let day = toDayNumber(from); day <= last; day++) yield fromDayNumber(day);
}

/** The month of a date as YYYY-MM. */
export function monthKey(date: string): string {
  return date.slice(0, 7);
}

/** The first day of the date's month. */
export function monthStart(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

/** The last day of the date's month. */
export function monthEnd(date: string): string {
  const days = daysInMonth(Number(date.slice(0, 4)), Number(date.slice(5, 7)));
  return `${date.slice(0, 7)}-${String(days).padStart(2, '0')}`;
}

/** Orders two dates: negative when `a` is earlier, 0 when the same, positive when later. */
export function compareDates(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function earlierOf(a: string, b: string): string {
  return a <= b ? a : b;
}

export function laterOf(a: string, b: string): string {
  return a >= b ? a : b;
}

/** The months' names, January first. */
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;
