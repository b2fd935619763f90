/** The tables the calendar module owns: only its data-access files query them. */
import { date, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

export const bankHolidays = pgTable(
  'bank_holidays',
  {
    region: text('region').notNull(),
    date: date('date').notNull(),
    title: text('title').notNull(),
  },
  (t) => [primaryKey({ columns: [t.region, t.date] })],
);
