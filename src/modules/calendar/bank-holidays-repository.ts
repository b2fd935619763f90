import { and, between, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { bankHolidays } from './calendar-schema.ts';

/** A bank holiday in one of the UK's regions. */
export interface BankHoliday {
  region: string;
  date: string;
  title: string;
}

/** Whether the date is a bank holiday in the region. */
export async function isBankHoliday(db: Db, region: string, date: string): Promise<boolean> {
  const holiday = await db
    .select()
    .from(bankHolidays)
    .where(and(eq(bankHolidays.region, region), eq(bankHolidays.date, date)));
  return holiday.length > 0;
}

/** How many bank holidays the installation holds, in every region and year. */
export async function countBankHolidays(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(bankHolidays);
  return row?.n ?? 0;
}

/** Adds the holidays, a thousand a statement; one already held for its region and date takes the new title. */
export async function saveBankHolidays(db: Db, holidays: readonly BankHoliday[]): Promise<void> {
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

/** Deletes the region's bank holidays from `from` to `to`, both included. */
export async function deleteBankHolidaysBetween(
  db: Db,
  region: string,
  from: string,
  to: string,
): Promise<void> {
  await db
    .delete(bankHolidays)
    .where(and(eq(bankHolidays.region, region), between(bankHolidays.date, from, to)));
}

/** The bank holidays of a region, as dates. */
export async function bankHolidayDates(db: Db, region: string): Promise<string[]> {
  const rows = await db
    .select({ date: bankHolidays.date })
    .from(bankHolidays)
    .where(eq(bankHolidays.region, region));
  return rows.map((h) => h.date);
}

/** The region's bank holidays from `from` to `to`, both included, as dates in order. */
export async function bankHolidayDatesBetween(
  db: Db,
  region: string,
  from: string,
  to: string,
): Promise<string[]> {
  const rows = await db
    .select({ date: bankHolidays.date })
    .from(bankHolidays)
    .where(and(eq(bankHolidays.region, region), between(bankHolidays.date, from, to)))
    .orderBy(bankHolidays.date);
  return rows.map((r) => r.date);
}

/**
 * The region's bank holidays as one value that changes whenever any of them does (a digest of
 * the dates), as SQL for another module's statement to select: what a figure kept from the
 * calendar was worked out with.
 */
export function bankHolidaysFingerprint(region: string) {
  return sql`(select ${region} || ':' || coalesce(md5(string_agg(date::text, ',' order by date)), '')
              from ${bankHolidays} where region = ${region})`;
}
