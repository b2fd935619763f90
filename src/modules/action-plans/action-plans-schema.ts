/** The tables the action plans module owns: only its data-access files query them. */
import {
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { users, createdAt, tenant, updatedAt } from '../../db/schema.ts';

/** A personalised improvement action plan: SMART goals, the support committed, review dates. */
export const actionPlans = pgTable(
  'action_plans',
  {
    organisationId: tenant(),
    id: integer('id').generatedAlwaysAsIdentity(),
    personId: integer('person_id').notNull(),
    reviewId: integer('review_id'),
    /** Each goal: what, how it is measured, who owns it, by when. */
    goals: jsonb('goals').notNull(),
    supportCommitted: text('support_committed').notNull(),
    nextReviewDate: date('next_review_date'),
    status: text('status').notNull().default('active'),
    employeeComments: text('employee_comments'),
    agreedByEmployeeAt: timestamp('agreed_by_employee_at', { withTimezone: true, mode: 'string' }),
    createdByUserId: integer('created_by_user_id').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    index('action_plans_person').on(t.organisationId, t.personId),
  ],
);

export const actionPlanReviews = pgTable(
  'action_plan_reviews',
  {
    organisationId: tenant(),
    id: integer('id').generatedAlwaysAsIdentity(),
    planId: integer('plan_id').notNull(),
    heldOn: date('held_on').notNull(),
    progress: text('progress').notNull(),
    outcome: text('outcome').notNull(),
    nextReviewDate: date('next_review_date'),
    byUserId: integer('by_user_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({
      columns: [t.organisationId, t.planId],
      foreignColumns: [actionPlans.organisationId, actionPlans.id],
    }).onDelete('cascade'),
  ],
);
