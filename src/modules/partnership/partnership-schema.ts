/** The tables the partnership module owns: only its data-access files query them. */
import { date, integer, numeric, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { organisations, createdAt } from '../../db/schema.ts';

export const membershipAgreements = pgTable(
  'membership_agreements',
  {
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    id: integer('id').generatedAlwaysAsIdentity(),
    startDate: date('start_date').notNull(),
    endDate: date('end_date'),
    annualContributionGbp: numeric('annual_contribution_gbp', {
      precision: 12,
      scale: 2,
      mode: 'number',
    }).notNull(),
    headcount: integer('headcount').notNull(),
    marketingContactName: text('marketing_contact_name').notNull(),
    marketingContactEmail: text('marketing_contact_email').notNull(),
    marketingContactPhone: text('marketing_contact_phone'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.id] })],
);
