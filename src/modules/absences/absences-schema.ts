/** The tables the absences module owns: only its data-access files query them. */
import {
  boolean,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { users, createdAt, tenantThrough } from '../../db/schema.ts';
import { people } from '../people/people-schema.ts';

/**
 * Absences of every kind (SPEC §4B). Sickness carries its ESR reason and certification; an
 * open absence has no end date. One record per person, type and start date.
 */
export const absences = pgTable(
  'absences',
  {
    organisationId: tenantThrough(),
    id: integer('id').generatedAlwaysAsIdentity(),
    personId: integer('person_id').notNull(),
    type: text('type').notNull(),
    startDate: date('start_date').notNull(),
    endDate: date('end_date'),
    reasonCode: text('reason_code'),
    workRelated: boolean('work_related'),
    /** Hours lost on the first day when the person went home part-way through a shift. */
    firstDayHours: doublePrecision('first_day_hours'),
    certification: text('certification'),
    fitNoteFrom: date('fit_note_from'),
    fitNoteTo: date('fit_note_to'),
    fitNoteMayBeFit: boolean('fit_note_may_be_fit'),
    fitNoteAdvice: text('fit_note_advice').array(),
    disabilityRelated: boolean('disability_related').notNull().default(false),
    notes: text('notes'),
    recordedByUserId: integer('recorded_by_user_id').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    uniqueIndex('absences_natural_key').on(t.organisationId, t.personId, t.type, t.startDate),
    index('absences_org_start').on(t.organisationId, t.startDate),
    // Absences touching a period (start on or before its end, end on or after its start, or
    // open): the start is checked in the index, so only those rows are read from the table.
    index('absences_org_end_start').on(t.organisationId, t.endDate, t.startDate),
    foreignKey({
      columns: [t.organisationId, t.personId],
      foreignColumns: [people.organisationId, people.id],
    }).onDelete('cascade'),
  ],
);

/** Every change to an absence: who, when, what changed and why. */
export const absenceChanges = pgTable(
  'absence_changes',
  {
    organisationId: tenantThrough(),
    id: integer('id').generatedAlwaysAsIdentity(),
    absenceId: integer('absence_id').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    userId: integer('user_id').references(() => users.id),
    action: text('action').notNull(),
    changes: jsonb('changes').notNull(),
    reason: text('reason'),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    index('absence_changes_absence').on(t.organisationId, t.absenceId),
    foreignKey({
      columns: [t.organisationId, t.absenceId],
      foreignColumns: [absences.organisationId, absences.id],
    }).onDelete('cascade'),
  ],
);
