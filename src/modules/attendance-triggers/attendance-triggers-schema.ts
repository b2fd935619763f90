/** The tables the attendance triggers module owns: only its data-access files query them. */
import { date, foreignKey, index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { users, createdAt, tenantThrough } from '../../db/schema.ts';
import { people } from '../people/people-schema.ts';

/**
 * A talk held with a person after they reached an attendance trigger (SPEC §4C): when it
 * happened and, if HR noted it, what came of it. Owned by the attendance-triggers module.
 */
export const attendanceTriggerTalks = pgTable(
  'attendance_trigger_talks',
  {
    organisationId: tenantThrough(),
    id: integer('id').generatedAlwaysAsIdentity(),
    personId: integer('person_id').notNull(),
    heldOn: date('held_on').notNull(),
    outcome: text('outcome'),
    recordedByUserId: integer('recorded_by_user_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    index('attendance_trigger_talks_person').on(t.organisationId, t.personId, t.heldOn),
    foreignKey({
      columns: [t.organisationId, t.personId],
      foreignColumns: [people.organisationId, people.id],
    }).onDelete('cascade'),
  ],
);
