/**
 * Dates and times in the words people read: "23 November 2026", "23 Nov 2026",
 * "23 November 2026 at 2:05pm". The one place that writes a date for a person, used by the
 * templates' filters and by any text built in code (tasks, errors, flash messages, emails).
 * Dates for machines (CSV, the CLI, the JSON API, attributes) stay YYYY-MM-DD.
 */
import { isoWeekday, MONTH_NAMES } from './dates.ts';

/** The GOV.UK style guide's short month names, for tables and other tight spaces. */
const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'June', 'July', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec'];

const LONDON = 'Europe/London';

interface DateTimeParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const LONDON_PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  hourCycle: 'h23',
});

/** The wall-clock date and time in London of an instant. */
function londonParts(instant: Date): DateTimeParts {
  const parts = LONDON_PARTS.formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
  };
}

/** An instant from a Date or a timestamp string (ISO 8601 or PostgreSQL's text form), or null. */
function toInstant(value: unknown): Date | null {
  const date =
    value instanceof Date
      ? value
      : typeof value === 'string' && /\d[T ]\d/.test(value)
        ? new Date(value)
        : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
}

/** A calendar date as year, month and day: from YYYY-MM-DD as written, or from an instant in London. */
function calendarDate(value: unknown): { year: number; month: number; day: number } | null {
  if (typeof value === 'string') {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (match) {
      const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
      const check = new Date(Date.UTC(year, month - 1, day));
      const real =
        check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day;
      return real ? { year, month, day } : null;
    }
  }
  const instant = toInstant(value);
  return instant ? londonParts(instant) : null;
}

/** What a filter shows for a value it cannot format: strings as they are, nothing for the rest. */
function fallback(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** '2026-11-23' → '23 November 2026'. A timestamp gives its date in London; other text is left as it is. */
export function ukDate(value: unknown): string {
  const date = calendarDate(value);
  if (!date) return fallback(value);
  return `${date.day} ${MONTH_NAMES[date.month - 1] ?? ''} ${date.year}`;
}

const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** '2026-11-02' → 'Monday 2 November 2026': a day someone is told about, such as when they went off sick. */
export function ukDateWithDay(value: unknown): string {
  const date = calendarDate(value);
  if (!date) return fallback(value);
  const iso = `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
  return `${WEEKDAY_NAMES[isoWeekday(iso) - 1] ?? ''} ${ukDate(iso)}`;
}

/** '2026-11-23' → '23 Nov 2026', '2026-09-01' → '1 Sept 2026' (GOV.UK's short months). */
export function ukDateShort(value: unknown): string {
  const date = calendarDate(value);
  if (!date) return fallback(value);
  return `${date.day} ${SHORT_MONTHS[date.month - 1] ?? ''} ${date.year}`;
}

/** A time of day in the GOV.UK style: 2:05pm, 10am, midday, midnight. */
export function timeOfDay(hour: number, minute: number): string {
  if (minute === 0 && hour === 0) return 'midnight';
  if (minute === 0 && hour === 12) return 'midday';
  const suffix = hour < 12 ? 'am' : 'pm';
  const clock = hour % 12 === 0 ? 12 : hour % 12;
  return minute === 0 ? `${clock}${suffix}` : `${clock}:${String(minute).padStart(2, '0')}${suffix}`;
}

/** An instant as '23 November 2026 at 2:05pm', in UK time (GMT or BST as the date requires). */
export function dateTime(value: unknown): string {
  const instant = toInstant(value);
  if (!instant) return fallback(value);
  const parts = londonParts(instant);
  return `${parts.day} ${MONTH_NAMES[parts.month - 1] ?? ''} ${parts.year} at ${timeOfDay(parts.hour, parts.minute)}`;
}

/** A period in words: '1 December 2025 to 30 November 2026'; one day is just that day. */
export function dateRange(from: string, to: string): string {
  if (from === to) return ukDate(from);
  return `${ukDate(from)} to ${ukDate(to)}`;
}

/** A period in GOV.UK's short months: '2 Dec 2026 to 4 Dec 2026'; one day is just that day. */
export function dateRangeShort(from: string, to: string): string {
  if (from === to) return ukDateShort(from);
  return `${ukDateShort(from)} to ${ukDateShort(to)}`;
}
