import { and, between, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { bankHolidays } from '../../db/schema.ts';
import { parseBankHolidayFeed, shippedBankHolidays } from '../../reference/bank-holidays.ts';

type Holiday = { region: string; date: string; title: string };

/** Loads the bank holidays shipped with Wellwork into an installation that has none yet. */
export async function ensureBankHolidays(db: Db): Promise<void> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(bankHolidays);
  if ((row?.n ?? 0) > 0) return;
  await insertHolidays(db, shippedBankHolidays());
}

async function insertHolidays(db: Db, holidays: readonly Holiday[]) {
  for (let i = 0; i < holidays.length; i += 1000) {
    await db
      .insert(bankHolidays)
      .values(holidays.slice(i, i + 1000))
      .onConflictDoUpdate({
        target: [bankHolidays.region, bankHolidays.date],
        set: { title: sql`excluded.title` },
      });
  }
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
  const byRegion = new Map<string, Holiday[]>();
  for (const h of holidays) byRegion.set(h.region, [...(byRegion.get(h.region) ?? []), h]);
  for (const [region, list] of byRegion) {
    const years = list.map((h) => h.date.slice(0, 4)).sort();
    const from = `${years[0]}-01-01`;
    const to = `${years.at(-1)}-12-31`;
    await db
      .delete(bankHolidays)
      .where(and(eq(bankHolidays.region, region), between(bankHolidays.date, from, to)));
    await insertHolidays(db, list);
    summary.push({ region, count: list.length, from, to });
  }
  return summary;
}
