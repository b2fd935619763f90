/** The tables the welcome back reviews module owns: only its data-access files query them. */
import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { absences } from '../absences/absences-schema.ts';
import { users, createdAt, tenantThrough } from '../../db/schema.ts';

/** The welcome-back health review that follows every sickness absence. */
export const welcomeBackReviews = pgTable(
  'welcome_back_reviews',
  {
    organisationId: tenantThrough(),
    id: integer('id').generatedAlwaysAsIdentity(),
    personId: integer('person_id').notNull(),
    absenceId: integer('absence_id').notNull(),
    /** The absence's last day when the review was set: if it moves, a review not yet held is set again. */
    absenceEndDate: date('absence_end_date').notNull(),
    /** The line manager asked to hold it, when the person had one on their last day off. */
    managerPersonId: integer('manager_person_id'),
    dueDate: date('due_date').notNull(),
    heldOn: date('held_on'),
    howTheyAre: text('how_they_are'),
    affectingWellbeing: text('affecting_wellbeing'),
    supportOffered: integer('support_offered')
      .array()
      .notNull()
      .default(sql`'{}'::integer[]`),
    supportNotes: text('support_notes'),
    adjustmentsDiscussed: text('adjustments_discussed'),
    actionPlanFollows: boolean('action_plan_follows'),
    ohReferralFollows: boolean('oh_referral_follows'),
    agreedNotes: text('agreed_notes'),
    completedByUserId: integer('completed_by_user_id').references(() => users.id),
    completedAt: timestamp('completed_at', { withTimezone: true, mode: 'string' }),
    employeeComments: text('employee_comments'),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true, mode: 'string' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    uniqueIndex('welcome_back_reviews_absence_key').on(t.organisationId, t.absenceId),
    index('welcome_back_reviews_person').on(t.organisationId, t.personId),
    index('welcome_back_reviews_open')
      .on(t.organisationId, t.dueDate)
      .where(sql`completed_at is null`),
    foreignKey({
      columns: [t.organisationId, t.absenceId],
      foreignColumns: [absences.organisationId, absences.id],
    }).onDelete('cascade'),
  ],
);
