/** The tables the adjustments passport module owns: only its data-access files query them. */
import { date, index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { createdAt, tenant, updatedAt } from '../../db/schema.ts';

/**
 * The Personalised Workplace Adjustments Plan. It belongs to the person: a line manager sees it
 * only once the person has shared it with them, so it follows the person, not the post.
 */
export const adjustmentsPassports = pgTable(
  'adjustments_passports',
  {
    organisationId: tenant(),
    personId: integer('person_id').notNull(),
    aboutMe: text('about_me').notNull().default(''),
    reviewDate: date('review_date'),
    sharedWithManagerPersonId: integer('shared_with_manager_person_id'),
    sharedOn: date('shared_on'),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.personId] })],
);

export const workplaceAdjustments = pgTable(
  'workplace_adjustments',
  {
    organisationId: tenant(),
    id: integer('id').generatedAlwaysAsIdentity(),
    personId: integer('person_id').notNull(),
    adjustment: text('adjustment').notNull(),
    /** Why it is needed, in the person's own words. */
    reason: text('reason').notNull(),
    status: text('status').notNull(),
    reviewDate: date('review_date'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    index('workplace_adjustments_person').on(t.organisationId, t.personId),
  ],
);
