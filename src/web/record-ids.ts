import { z } from 'zod';

/** The largest id PostgreSQL's `integer` columns hold. */
export const LARGEST_RECORD_ID = 2_147_483_647;

/**
 * A record's id as written in an address, a query or a form: a positive whole number that
 * PostgreSQL can hold. Null for anything else (`zzz`, `-1`, `1e309`, `99999999999999`), which
 * names no record, so that no query is ever sent with it.
 */
export function parseRecordId(value: unknown): number | null {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !/^\d{1,10}$/.test(text.trim())) return null;
  const id = Number(text.trim());
  return id >= 1 && id <= LARGEST_RECORD_ID ? id : null;
}

/**
 * A record id in a zod schema of a query or form, with the message to show when it is not one.
 * An empty value is a choice not made (a list left at "All units"), read as no id at all.
 */
export function recordIdField(message: string) {
  return z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    z
      .string()
      .trim()
      .refine((value) => parseRecordId(value) !== null, { message })
      .transform(Number)
      .optional(),
  );
}
