import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { isRealDate } from '../domain/dates.ts';

export const REGIONS = ['england-and-wales', 'scotland', 'northern-ireland'] as const;
export type Region = (typeof REGIONS)[number];

/** GOV.UK's bank-holidays.json: each division with its events. */
const feedSchema = z.record(
  z.string(),
  z.object({
    division: z.string(),
    events: z.array(
      z.object({
        title: z.string().min(1),
        date: z.string().refine(isRealDate, 'is not a date in the form YYYY-MM-DD'),
        notes: z.string().optional(),
        bunting: z.boolean().optional(),
      }),
    ),
  }),
);

export interface BankHoliday {
  region: Region;
  date: string;
  title: string;
}

/** Reads GOV.UK's bank holidays feed; says what is wrong and where when it is not that. */
export function parseBankHolidayFeed(json: unknown): BankHoliday[] {
  const parsed = feedSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `not GOV.UK's bank holidays format: ${issue?.path.join('.') || 'the file'} ${issue?.message ?? ''}`.trim(),
    );
  }
  const holidays: BankHoliday[] = [];
  for (const [key, division] of Object.entries(parsed.data)) {
    const region = (REGIONS as readonly string[]).includes(division.division)
      ? (division.division as Region)
      : null;
    if (!region)
      throw new Error(
        `${key}: "${division.division}" is not england-and-wales, scotland or northern-ireland`,
      );
    for (const event of division.events) holidays.push({ region, date: event.date, title: event.title });
  }
  if (holidays.length === 0) throw new Error('the file holds no bank holidays');
  return holidays;
}

/** The bank holidays shipped with Wellwork (2018 to 2028). */
export function shippedBankHolidays(): BankHoliday[] {
  const file = new URL('./bank-holidays.json', import.meta.url);
  return parseBankHolidayFeed(JSON.parse(readFileSync(file, 'utf8')) as unknown);
}
