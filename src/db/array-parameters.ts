/**
 * Arrays passed to PostgreSQL as one parameter, written as array literals (`{1,2,3}`) and cast in
 * the query (`= any(${intArray(ids)}::int[])`). A list of any length then takes one bind
 * parameter, never one per value (PostgreSQL allows 65,535 in a statement), and the planner can
 * probe an index or hash the list. Works the same on PGlite and node-postgres.
 */

/** Whole numbers as an array literal, for `::int[]`. */
export function intArray(values: readonly number[]): string {
  for (const value of values) {
    if (!Number.isSafeInteger(value)) throw new RangeError(`Not a whole number: ${value}`);
  }
  return `{${values.join(',')}}`;
}

/** Texts as an array literal, each quoted, for `::text[]`. */
export function textArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}
