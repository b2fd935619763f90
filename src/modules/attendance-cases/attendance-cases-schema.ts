/** The tables the attendance cases module owns: only its data-access files query them. */
import { boolean, date, foreignKey, index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { users, createdAt, tenant, updatedAt } from '../../db/schema.ts';

/** An attendance case: the informal and formal stages for one person. */
export const attendanceCases = pgTable(
  'attendance_cases',
  {
    organisationId: tenant(),
    id: integer('id').generatedAlwaysAsIdentity(),
    personId: integer('person_id').notNull(),
    openedOn: date('opened_on').notNull(),
    closedOn: date('closed_on'),
    closedReason: text('closed_reason'),
    openedByUserId: integer('opened_by_user_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    index('attendance_cases_person').on(t.organisationId, t.personId),
  ],
);

/** A stage meeting of a case: notice, the right to be accompanied, outcome and rationale. */
export const stageMeetings = pgTable(
  'stage_meetings',
  {
    organisationId: tenant(),
    id: integer('id').generatedAlwaysAsIdentity(),
    caseId: integer('case_id').notNull(),
    stage: text('stage').notNull(),
    meetingDate: date('meeting_date').notNull(),
    location: text('location').notNull().default(''),
    noticeGivenOn: date('notice_given_on').notNull(),
    /** Why a formal stage started without a documented informal stage (HR only). */
    overrideReason: text('override_reason'),
    heldOn: date('held_on'),
    accompaniment: text('accompaniment'),
    companionName: text('companion_name'),
    attendees: text('attendees'),
    discussion: text('discussion'),
    outcome: text('outcome'),
    reviewDate: date('review_date'),
    rationale: text('rationale'),
    createdByUserId: integer('created_by_user_id').references(() => users.id),
    recordedByUserId: integer('recorded_by_user_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    index('stage_meetings_case').on(t.organisationId, t.caseId),
    foreignKey({
      columns: [t.organisationId, t.caseId],
      foreignColumns: [attendanceCases.organisationId, attendanceCases.id],
    }).onDelete('cascade'),
  ],
);

/** A letter as issued to the person: kept word for word. */
export const letters = pgTable(
  'letters',
  {
    organisationId: tenant(),
    id: integer('id').generatedAlwaysAsIdentity(),
    personId: integer('person_id').notNull(),
    meetingId: integer('meeting_id').notNull(),
    kind: text('kind').notNull(),
    issuedOn: date('issued_on').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    /** An invitation's meeting as the letter gives it: the date, the start time (HH:MM) and the place. */
    meetingDate: date('meeting_date'),
    meetingTime: text('meeting_time'),
    meetingPlace: text('meeting_place'),
    issuedByUserId: integer('issued_by_user_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    index('letters_person').on(t.organisationId, t.personId),
  ],
);

/** The Dying to Work charter: a terminal diagnosis and the person's own choices. */
export const dyingToWork = pgTable(
  'dying_to_work',
  {
    organisationId: tenant(),
    personId: integer('person_id').notNull(),
    recordedOn: date('recorded_on').notNull(),
    options: text('options').array().notNull(),
    /** Only the person's own choice lets a formal stage start. */
    choosesFormalProcess: boolean('chooses_formal_process').notNull().default(false),
    notes: text('notes').notNull().default(''),
    recordedByUserId: integer('recorded_by_user_id').references(() => users.id),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.personId] })],
);
