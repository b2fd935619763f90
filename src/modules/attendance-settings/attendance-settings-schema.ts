/** The tables the attendance settings module owns: only its data-access files query them. */
import { boolean, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { createdAt, tenant, updatedAt } from '../../db/schema.ts';

/**
 * How an organisation runs its attendance policy: when welcome-back reviews fall due, the
 * notice a meeting needs, and the triggers of units on the trigger-based policy.
 */
export const attendanceSettings = pgTable('attendance_settings', {
  organisationId: tenant().primaryKey(),
  reviewDueWorkingDays: integer('review_due_working_days').notNull().default(3),
  meetingNoticeDays: integer('meeting_notice_days').notNull().default(7),
  bradfordTrigger: integer('bradford_trigger').notNull().default(200),
  episodesTrigger: integer('episodes_trigger').notNull().default(3),
  daysTrigger: integer('days_trigger').notNull().default(14),
  updatedAt: updatedAt(),
});

/** The support an organisation offers and signposts: EAP, OH, mental health first aiders, chaplaincy. */
export const supportServices = pgTable(
  'support_services',
  {
    organisationId: tenant(),
    id: integer('id').generatedAlwaysAsIdentity(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    contact: text('contact').notNull().default(''),
    description: text('description').notNull().default(''),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.id] })],
);

/** The organisation's own wording of its letters; the product's wording applies until it is changed. */
export const letterTemplates = pgTable(
  'letter_templates',
  {
    organisationId: tenant(),
    kind: text('kind').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.kind] })],
);
