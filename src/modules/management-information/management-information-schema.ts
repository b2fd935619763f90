/** The tables the management information module owns: only its data-access files query them. */
import { doublePrecision, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { users, createdAt, tenant } from '../../db/schema.ts';

/**
 * Benchmarks an organisation adds beside the national ones shipped with the product, such as a
 * regional employers' network's figures: each with what it measures, its period and its source.
 */
export const organisationBenchmarks = pgTable(
  'organisation_benchmarks',
  {
    organisationId: tenant(),
    id: integer('id').generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    /** `absence_rate_pct` or `days_lost_per_fte`. */
    measure: text('measure').notNull(),
    value: doublePrecision('value').notNull(),
    /** The period the figure covers, as its publisher states it: "2024", "2024-25", "January 2025". */
    period: text('period').notNull(),
    source: text('source').notNull(),
    createdByUserId: integer('created_by_user_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.id] })],
);
