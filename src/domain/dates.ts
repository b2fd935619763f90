/**
 * Calendar dates as YYYY-MM-DD strings, never JavaScript Dates at midnight in some zone.
 * Arithmetic goes through whole day numbers (days since 1970-01-01, UTC).
 */
const MS_PER_DAY = 86_400_000;

/** Whether a value is a real calendar date written as YYYY-MM-DD. */
export function isRealDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export function toDayNumber(date: string): number {
  return Math.round(
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / MS_PER_DAY,
  );
}

export function fromDayNumber(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Days from `from` to `to`, counting both. */
export function daysInclusive(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from) + 1;
}
