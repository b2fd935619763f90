import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';

const root = fileURLToPath(new URL('../..', import.meta.url));

const MONTHS = [
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
];

/** '2026-11-23' → '23 November 2026'; anything else is shown as it is. */
export function ukDate(value: unknown, short = false): string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value))
    return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  const [year, month, day] = [value.slice(0, 4), Number(value.slice(5, 7)), Number(value.slice(8, 10))];
  const name = MONTHS[month - 1] ?? '';
  return `${day} ${short ? name.slice(0, 3) : name} ${year}`;
}

/** An ISO timestamp as '23 November 2026 at 2:05pm' in UK time. */
export function dateTime(value: unknown): string {
  if (typeof value !== 'string' && !(value instanceof Date)) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    hour12: true,
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('day')} ${get('month')} ${get('year')} at ${get('hour')}:${get('minute')}${get('dayPeriod').toLowerCase()}`;
}

export function formatNumber(value: unknown, places?: number): string {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) return '';
  return n.toLocaleString('en-GB', {
    minimumFractionDigits: places ?? 0,
    maximumFractionDigits: places ?? 2,
  });
}

export function gbp(value: unknown): string {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) return '';
  return n.toLocaleString('en-GB', { style: 'currency', currency: 'GBP' });
}

/**
 * The template environment: our layout and module views first, then GOV.UK Frontend and MoJ
 * Frontend's component macros. Output is escaped unless a template says otherwise.
 */
export function createViewEnvironment(options: { noCache?: boolean } = {}): nunjucks.Environment {
  const loader = new nunjucks.FileSystemLoader(
    [
      path.join(root, 'src/web/views'),
      path.join(root, 'src/modules'),
      path.join(root, 'node_modules/govuk-frontend/dist'),
      path.join(root, 'node_modules/@ministryofjustice/frontend'),
    ],
    { noCache: options.noCache ?? false },
  );
  const env = new nunjucks.Environment(loader, { autoescape: true, throwOnUndefined: false });
  env.addFilter('ukDate', (v: unknown) => ukDate(v));
  env.addFilter('ukDateShort', (v: unknown) => ukDate(v, true));
  env.addFilter('dateTime', dateTime);
  env.addFilter('number', formatNumber);
  env.addFilter('pct', (v: unknown, places: number = 1) => `${formatNumber(v, places)}%`);
  env.addFilter('gbp', gbp);
  // The error message for one field from the page's error list, for a component's errorMessage.
  env.addGlobal('errorFor', (errors: unknown, id: string) => {
    if (!Array.isArray(errors)) return undefined;
    const found = (errors as { text?: string; href?: string }[]).find((e) => e.href === `#${id}`);
    return found ? { text: found.text } : undefined;
  });
  env.addFilter('pluralise', (count: number, one: string, many: string) => (count === 1 ? one : many));
  return env;
}
