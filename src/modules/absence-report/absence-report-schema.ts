/** The tables the absence report module owns: only its data-access files query them. */
import {
  bigint,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
} from 'drizzle-orm/pg-core';
import { summaryCellOf, tenant } from '../../db/schema.ts';

/**
 * The monthly summary of the absence report (`src/domain/absence-summary.ts`): hours available
 * per month, unit and staff group ('' for none). Kept exact by `absence_summary_pending`, which
 * triggers on absences, employment spells and people fill on every change, and which is worked
 * off before the summary is read.
 */
export const absenceSummaryAvailable = pgTable(
  'absence_summary_available',
  {
    organisationId: summaryCellOf(),
    month: date('month').notNull(),
    unitId: integer('unit_id').notNull(),
    staffGroup: text('staff_group').notNull(),
    hoursAvailable: doublePrecision('hours_available').notNull(),
    weeklyHourDays: doublePrecision('weekly_hour_days').notNull(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.month, t.unitId, t.staffGroup] })],
);

/** Sickness per month, unit, staff group and reason; episodes that have ended, where they started. */
export const absenceSummarySickness = pgTable(
  'absence_summary_sickness',
  {
    organisationId: summaryCellOf(),
    month: date('month').notNull(),
    unitId: integer('unit_id').notNull(),
    staffGroup: text('staff_group').notNull(),
    reasonCode: text('reason_code').notNull(),
    hoursLost: doublePrecision('hours_lost').notNull(),
    weeklyHourDaysLost: doublePrecision('weekly_hour_days_lost').notNull(),
    costBase: doublePrecision('cost_base').notNull(),
    episodes: integer('episodes').notNull(),
    longTermEpisodes: integer('long_term_episodes').notNull(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.month, t.unitId, t.staffGroup, t.reasonCode] })],
);

/**
 * The months the summary holds for an organisation (none until it is first built), and the bank
 * holidays of its region it was built with: when those change, it is built again. `version` goes
 * up whenever the summary is brought up to date with a change and whenever the organisation's
 * units change, so figures kept by version (`src/web/figures-cache.ts`) are never stale.
 */
export const absenceSummaryCoverage = pgTable('absence_summary_coverage', {
  organisationId: tenant().primaryKey(),
  firstMonth: date('first_month').notNull(),
  lastMonth: date('last_month').notNull(),
  calendar: text('calendar').notNull(),
  version: bigint('version', { mode: 'number' }).notNull().default(0),
});

/**
 * People whose figures changed since the summary was last brought up to date: from which date,
 * and the unit of an employment spell that changed (its old unit may no longer be on record).
 */
export const absenceSummaryPending = pgTable(
  'absence_summary_pending',
  {
    organisationId: tenant(),
    personId: integer('person_id').notNull(),
    fromDate: date('from_date').notNull(),
    unitId: integer('unit_id'),
  },
  (t) => [index('absence_summary_pending_organisation').on(t.organisationId)],
);
