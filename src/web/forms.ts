import type { z } from 'zod';
import { DATE_YEARS_TEXT, EARLIEST_YEAR, isRealDate, LATEST_YEAR } from '../domain/dates.ts';

export interface FieldError {
  text: string;
  href: string;
}

/** A GOV.UK error summary list from zod issues: one entry per field, first message wins. */
export function errorSummary(
  issues: readonly z.core.$ZodIssue[],
  fieldIds: Record<string, string> = {},
): FieldError[] {
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const issue of issues) {
    const field = String(issue.path[0] ?? '');
    if (seen.has(field)) continue;
    seen.add(field);
    errors.push({ text: issue.message, href: `#${fieldIds[field] ?? field}` });
  }
  return errors;
}

/** The message for one field, for the field's own error message. */
export function errorFor(errors: readonly FieldError[], fieldId: string): { text: string } | undefined {
  const found = errors.find((e) => e.href === `#${fieldId}`);
  return found ? { text: found.text } : undefined;
}

/**
 * Reads a GOV.UK date input (`name-day`, `name-month`, `name-year`) as YYYY-MM-DD. Returns
 * null when all three are empty, and a message when the date is incomplete or not real.
 */
export function dateFromParts(
  body: Record<string, unknown>,
  name: string,
  label: string,
): { value: string | null; error: string | null } {
  const part = (suffix: string) => {
    const value = body[`${name}-${suffix}`];
    return typeof value === 'string' ? value.trim() : '';
  };
  const [day, month, year] = [part('day'), part('month'), part('year')];
  if (!day && !month && !year) return { value: null, error: null };
  if (!day || !month || !year) return { value: null, error: `${label} must include a day, month and year` };
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) {
    return { value: null, error: `${label} must be a real date, like 27 3 2024` };
  }
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  if (Number(year) < EARLIEST_YEAR || Number(year) > LATEST_YEAR) {
    return { value: null, error: `${label} must be ${DATE_YEARS_TEXT}` };
  }
  if (!isRealDate(iso)) return { value: null, error: `${label} must be a real date` };
  return { value: iso, error: null };
}

/** Splits YYYY-MM-DD into the three fields of a GOV.UK date input. */
export function dateParts(value: string | null | undefined): { day: string; month: string; year: string } {
  if (!value) return { day: '', month: '', year: '' };
  const [year = '', month = '', day = ''] = value.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
}
