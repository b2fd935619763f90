import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import {
  dateRange,
  dateRangeShort,
  dateTime,
  ukDate,
  ukDateShort,
  ukDateWithDay,
} from '../domain/date-words.ts';
import { codeWords, reasonWords, rolesInWords, type CodeKind } from '../domain/labels.ts';
import { UPLOAD_ROW_LIMIT } from './uploads.ts';

export { dateTime, ukDate, ukDateShort, ukDateWithDay };

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

/** Nunjucks's own HTML escaping (`lib.escape`, which its type declarations leave out). */
const nunjucksLib = (nunjucks as unknown as { lib: { escape(text: string): string } }).lib;

/** Text escaped for HTML as the templates escape it, for markup written outside a template. */
export function escapeHtml(text: string): string {
  return nunjucksLib.escape(text);
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
  // Nunjucks' own `trim` uses /^\s*|\s*$/g, whose time grows with the square of each run of
  // spaces: GOV.UK Frontend's macros trim whole indented pages, so it took half of a page's
  // rendering. The same result, in linear time, keeping text marked safe as safe.
  env.addFilter('trim', (text: unknown) => {
    const trimmed = String(text).trim();
    return text instanceof nunjucks.runtime.SafeString ? new nunjucks.runtime.SafeString(trimmed) : trimmed;
  });
  env.addFilter('ukDate', ukDate);
  env.addFilter('ukDateShort', ukDateShort);
  env.addFilter('ukDateWithDay', ukDateWithDay);
  env.addFilter('dateTime', dateTime);
  env.addFilter('dateRange', (from: string, to: string) => dateRange(from, to));
  env.addFilter('dateRangeShort', (from: string, to: string) => dateRangeShort(from, to));
  env.addFilter('number', (value: unknown, places?: number) => formatNumber(value, places));
  env.addFilter('pct', (value: unknown, places?: number) => percentage(value, places));
  env.addFilter('gbp', (value: unknown, places?: number) => gbp(value, places));
  env.addFilter('pluralise', pluralise);
  // MoJ Frontend's timeline formats its dates with this filter: ours, in UK time.
  env.addFilter('mojDate', (value: unknown, type?: string) =>
    type === 'date' ? ukDate(value) : type === 'shortdate' ? ukDateShort(value) : dateTime(value),
  );
  // The words for a stored code: `{{ absence.type | words("absenceType") }}` (src/domain/labels.ts).
  env.addFilter('words', (code: unknown, kind: CodeKind) =>
    typeof code === 'string' ? codeWords(kind, code) : '',
  );
  env.addFilter('reasonWords', (code: unknown) =>
    typeof code === 'string' && code ? reasonWords(code) : '',
  );
  env.addFilter('rolesInWords', rolesInWords);
  env.addGlobal('errorFor', errorFor);
  env.addGlobal('uploadRowLimit', UPLOAD_ROW_LIMIT);
  return env;
}
