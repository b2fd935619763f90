import type { Db } from '../../db/database.ts';
import { addDays } from '../../domain/dates.ts';
import { addWorkingDays, workingDaysReach } from '../../domain/working-days.ts';
import { parseBankHolidayFeed, shippedBankHolidays } from '../../reference/bank-holidays.ts';
import {
  bankHolidayDatesBetween,
  countBankHolidays,
  deleteBankHolidaysBetween,
  saveBankHolidays,
  type BankHoliday,
} from './bank-holidays-repository.ts';

/** Loads the bank holidays shipped with Wellwork into an installation that has none yet. */
export async function ensureBankHolidays(db: Db): Promise<void> {
  if ((await countBankHolidays(db)) > 0) return;
  await saveBankHolidays(db, shippedBankHolidays());
}

/**
 * Refreshes the bank holidays from GOV.UK's bank-holidays.json: for each region, the years the
 * feed covers are replaced by the feed's dates; other years are kept.
 */
export async function loadBankHolidayFeed(
  db: Db,
  json: unknown,
): Promise<{ region: string; count: number; from: string; to: string }[]> {
  const holidays = parseBankHolidayFeed(json);
  const summary: { region: string; count: number; from: string; to: string }[] = [];
  const byRegion = new Map<string, BankHoliday[]>();
  for (const h of holidays) byRegion.set(h.region, [...(byRegion.get(h.region) ?? []), h]);
  for (const [region, list] of byRegion) {
    const years = list.map((h) => h.date.slice(0, 4)).sort();
    const from = `${years[0]}-01-01`;
    const to = `${years.at(-1)}-12-31`;
    await deleteBankHolidaysBetween(db, region, from, to);
    await saveBankHolidays(db, list);
    summary.push({ region, count: list.length, from, to });
  }
  return summary;
}

/**
 * The date `count` working days after `from` in the region (SPEC §6.1: Monday to Friday, less the
 * region's bank holidays): for deadlines counted in working days.
 */
export async function workingDaysAfter(db: Db, region: string, from: string, count: number): Promise<string> {
  const holidays = await bankHolidayDatesBetween(db, region, from, addDays(from, workingDaysReach(count)));
  return addWorkingDays(from, count, new Set(holidays));
}
