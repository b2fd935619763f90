import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { isoWeekday, MONTH_NAMES } from '../domain/dates.ts';
import { UPLOAD_ROW_LIMIT } from './uploads.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Where templates are looked for, in order: the first match wins. */
export const VIEW_SEARCH_PATHS: readonly string[] = [
  path.join(root, 'src/web/views'),
  // Module templates are named from here, like `people/views/person.njk`.
  path.join(root, 'src/modules'),
  // `govuk/components/…/macro.njk` and `govuk/template.njk`.
  path.join(root, 'node_modules/govuk-frontend/dist'),
  // `moj/components/…/macro.njk`.
  path.join(root, 'node_modules/@ministryofjustice/frontend'),
];

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

/** Nunjucks's own HTML escaping (`lib.escape`, which its type declarations leave out). */
const nunjucksLib = (nunjucks as unknown as { lib: { escape(text: string): string } }).lib;

/** Text escaped for HTML as the templates escape it, for markup written outside a template. */
export function escapeHtml(text: string): string {
  return nunjucksLib.escape(text);
}

/** '2026-11-23' → '23 November 2026'. A timestamp gives its date in London. */
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

/** A number from a number or a numeric string (PostgreSQL numerics arrive as strings), else null. */
function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/** Number formats by their decimal places, each made once: making one costs far more than using it. */
const NUMBER_FORMATS = new Map<string, Intl.NumberFormat>();

function numberFormat(places: number | null): Intl.NumberFormat {
  const key = `n${places}`;
  let format = NUMBER_FORMATS.get(key);
  if (!format) {
    format = new Intl.NumberFormat('en-GB', {
      minimumFractionDigits: places ?? 0,
      maximumFractionDigits: places ?? 2,
      signDisplay: 'negative',
    });
    NUMBER_FORMATS.set(key, format);
  }
  return format;
}

function poundsFormat(places: number): Intl.NumberFormat {
  const key = `gbp${places}`;
  let format = NUMBER_FORMATS.get(key);
  if (!format) {
    format = new Intl.NumberFormat('en-GB', {
      style: 'currency',
      currency: 'GBP',
      minimumFractionDigits: places,
      maximumFractionDigits: places,
      signDisplay: 'negative',
    });
    NUMBER_FORMATS.set(key, format);
  }
  return format;
}

/**
 * 1234567.891 → '1,234,567.89'. With `places`, exactly that many decimal places; without, whole
 * numbers stay whole and others show up to 2 places. Anything that is not a number shows nothing.
 */
export function formatNumber(value: unknown, places?: number): string {
  const n = toNumber(value);
  if (n === null) return '';
  return numberFormat(places ?? null).format(n);
}

/** A percentage figure (already × 100) with its sign: 4.25 → '4.3%'. */
export function percentage(value: unknown, places = 1): string {
  const formatted = formatNumber(value, places);
  return formatted === '' ? '' : `${formatted}%`;
}

/** Pounds sterling: 1234.5 → '£1,234.50'; `places` 0 for whole pounds. */
export function gbp(value: unknown, places = 2): string {
  const n = toNumber(value);
  if (n === null) return '';
  return poundsFormat(places).format(n);
}

/** The word for a count: `n | pluralise("person", "people")`; the plural defaults to one + "s". */
export function pluralise(count: unknown, one: string, many?: string): string {
  return toNumber(count) === 1 ? one : (many ?? `${one}s`);
}

/** The message of the error for one field, as a component's `errorMessage`, from the page's errors. */
export function errorFor(errors: unknown, fieldId: string): { text: string } | undefined {
  if (!Array.isArray(errors)) return undefined;
  for (const error of errors as unknown[]) {
    if (typeof error !== 'object' || error === null) continue;
    const { href, text } = error as { href?: unknown; text?: unknown };
    if (href === `#${fieldId}` && typeof text === 'string') return { text };
  }
  return undefined;
}

export interface ViewEnvironmentOptions {
  /** Pick up edited templates without a restart (templates are read afresh on each render). */
  watch?: boolean;
  /** Read templates afresh on each render. */
  noCache?: boolean;
}

/**
 * The template environment: our layout and module views first, then GOV.UK Frontend's and MoJ
 * Frontend's components. Output is escaped unless a template marks it safe.
 */
export function createViewEnvironment(options: ViewEnvironmentOptions = {}): nunjucks.Environment {
  // Nunjucks' own watching needs a file-watching package the product does not ship; reading
  // templates on each render gives the same result for development.
  const noCache = Boolean(options.noCache || options.watch);
  const loader = new nunjucks.FileSystemLoader([...VIEW_SEARCH_PATHS], { noCache });
  const env = new nunjucks.Environment(loader, { autoescape: true, throwOnUndefined: false });
  env.addFilter('ukDate', ukDate);
  env.addFilter('ukDateShort', ukDateShort);
  env.addFilter('ukDateWithDay', ukDateWithDay);
  env.addFilter('dateTime', dateTime);
  env.addFilter('number', (value: unknown, places?: number) => formatNumber(value, places));
  env.addFilter('pct', (value: unknown, places?: number) => percentage(value, places));
  env.addFilter('gbp', (value: unknown, places?: number) => gbp(value, places));
  env.addFilter('pluralise', pluralise);
  // MoJ Frontend's timeline formats its dates with this filter: ours, in UK time.
  env.addFilter('mojDate', (value: unknown, type?: string) =>
    type === 'date' ? ukDate(value) : type === 'shortdate' ? ukDateShort(value) : dateTime(value),
  );
  env.addGlobal('errorFor', errorFor);
  env.addGlobal('uploadRowLimit', UPLOAD_ROW_LIMIT);
  return env;
}
