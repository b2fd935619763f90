/**
 * The tables the occupational health module owns: only its data-access files query them.
 *
 * An OH service is run by one organisation of the partnership (the provider) for itself and the
 * organisations it serves (its clients). Casework belongs to the employee's organisation, so its
 * rows carry that organisation; the provider reaches them only when it acts as the OH service
 * (`Scope.ohOrganisationIds`), under row-level security, and reaches nothing else of the client's.
 * What OH staff need to know of the employee (name, job, email, absence history offered) is given
 * with the referral and kept on it. Clinical notes are readable only when acting as the service,
 * and are sealed (encrypted at rest with a key kept out of the database).
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
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
import { createdAt, organisations, tenant, updatedAt, users } from '../../db/schema.ts';

/**
 * Which organisations an OH service serves, from when: set by the partnership admin. The provider
 * serving its own staff is listed as serving itself.
 */
export const ohServiceClients = pgTable(
  'oh_service_clients',
  {
    providerOrganisationId: integer('provider_organisation_id')
      .notNull()
      .references(() => organisations.id),
    clientOrganisationId: integer('client_organisation_id')
      .notNull()
      .references(() => organisations.id),
    servedFrom: date('served_from').notNull(),
    /** The last day served; null while it goes on. Cases opened before it stay with the service. */
    servedUntil: date('served_until'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.clientOrganisationId, t.servedFrom] }),
    index('oh_service_clients_provider').on(t.providerOrganisationId),
  ],
);

/** The OH service's settings, per provider. */
export const ohServiceSettings = pgTable('oh_service_settings', {
  organisationId: tenant().primaryKey(),
  /** Working days an employee has to review a report before it is released or withheld. */
  reportReviewWorkingDays: integer('report_review_working_days').notNull().default(2),
  updatedAt: updatedAt(),
});

/** The provider's clinicians and their profession (nurse, physician, physiotherapist, counsellor). */
export const ohClinicians = pgTable(
  'oh_clinicians',
  {
    organisationId: tenant(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    profession: text('profession').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.userId] })],
);

/**
 * A referral to OH: a management referral (from a line manager or HR, sent only once the employee
 * consents) or a self-referral (physio or counselling, never told to the manager). It is the case
 * that OH works: triage, appointments, notes and the report hang from it.
 */
export const ohReferrals = pgTable(
  'oh_referrals',
  {
    organisationId: tenant(),
    id: integer('id').generatedAlwaysAsIdentity(),
    providerOrganisationId: integer('provider_organisation_id')
      .notNull()
      .references(() => organisations.id),
    personId: integer('person_id').notNull(),
    /** `management` or `self`. */
    kind: text('kind').notNull(),
    referredByUserId: integer('referred_by_user_id').references(() => users.id),
    /** The referrer's relation to the employee: `manager`, `hr` or `self`. */
    referrerRelation: text('referrer_relation').notNull(),
    /** What the employee is known by to OH, given with the referral. */
    personName: text('person_name').notNull(),
    jobTitle: text('job_title').notNull().default(''),
    personEmail: text('person_email'),
    reason: text('reason').notNull().default(''),
    /** The questions the referrer wants answered, in their words. */
    questions: jsonb('questions').$type<string[]>().notNull().default([]),
    jobDemands: text('job_demands').notNull().default(''),
    /** The absence history the referrer chose to include, as it read on the day. */
    absenceHistory: jsonb('absence_history')
      .$type<{ startDate: string; endDate: string | null; reason: string; workingDays: number }[]>()
      .notNull()
      .default([]),
    /** For a self-referral, the service asked for: `physio` or `counsellor`. */
    serviceAsked: text('service_asked'),
    /** `draft`, `submitted`, `accepted`, `rejected`, `withdrawn` or `closed`. */
    status: text('status').notNull(),
    consentGivenOn: date('consent_given_on'),
    /** Who recorded the consent: `employee` (in self-service) or `referrer` (given in a meeting). */
    consentRecordedBy: text('consent_recorded_by'),
    consentWithdrawnOn: date('consent_withdrawn_on'),
    /** The day it reached OH, with consent. */
    referredOn: date('referred_on'),
    triagedOn: date('triaged_on'),
    triagedByUserId: integer('triaged_by_user_id').references(() => users.id),
    rejectionReason: text('rejection_reason'),
    /** `routine`, `soon` or `urgent`. */
    priority: text('priority'),
    /** `nurse`, `physician`, `physio`, `counsellor` or `external`. */
    service: text('service'),
    externalProvider: text('external_provider'),
    /** The clinician the case is with. */
    clinicianUserId: integer('clinician_user_id').references(() => users.id),
    closedOn: date('closed_on'),
    closeReason: text('close_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    index('oh_referrals_person').on(t.organisationId, t.personId),
    index('oh_referrals_provider_status').on(t.providerOrganisationId, t.status),
    index('oh_referrals_referrer').on(t.organisationId, t.referredByUserId),
  ],
);

/** A clinician's clinic: a day, a start, a place, and slots of one length. */
export const ohSessions = pgTable(
  'oh_sessions',
  {
    organisationId: tenant(),
    id: integer('id').generatedAlwaysAsIdentity(),
    clinicianUserId: integer('clinician_user_id')
      .notNull()
      .references(() => users.id),
    heldOn: date('held_on').notNull(),
    /** The first slot's start, "09:30". */
    startsAt: text('starts_at').notNull(),
    slotMinutes: integer('slot_minutes').notNull(),
    slots: integer('slots').notNull(),
    /** `site`, `telephone` or `video`. */
    placeKind: text('place_kind').notNull(),
    /** The site's name and address, for a session held at one. */
    place: text('place').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    index('oh_sessions_clinician_day').on(t.organisationId, t.clinicianUserId, t.heldOn),
  ],
);

/**
 * An appointment of a case in one slot of a session. A slot holds one appointment that is not
 * cancelled, whoever books it and however many book it at once (the unique index).
 */
export const ohAppointments = pgTable(
  'oh_appointments',
  {
    organisationId: tenant(),
    id: integer('id').generatedAlwaysAsIdentity(),
    referralId: integer('referral_id').notNull(),
    providerOrganisationId: integer('provider_organisation_id').notNull(),
    sessionId: integer('session_id').notNull(),
    /** The slot's place in its session, from 1. */
    slot: integer('slot').notNull(),
    clinicianUserId: integer('clinician_user_id')
      .notNull()
      .references(() => users.id),
    heldOn: date('held_on').notNull(),
    startsAt: text('starts_at').notNull(),
    minutes: integer('minutes').notNull(),
    placeKind: text('place_kind').notNull(),
    place: text('place').notNull().default(''),
    /** `booked`, `attended`, `did_not_attend` or `cancelled`. */
    status: text('status').notNull().default('booked'),
    bookedByUserId: integer('booked_by_user_id').references(() => users.id),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true, mode: 'string' }),
    /** Who cancelled: `employee`, `referrer` or `service`. */
    cancelledBy: text('cancelled_by'),
    cancelledByUserId: integer('cancelled_by_user_id').references(() => users.id),
    /** The appointment that replaced this one when it was rebooked. */
    rebookedAsId: integer('rebooked_as_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({
      columns: [t.organisationId, t.referralId],
      foreignColumns: [ohReferrals.organisationId, ohReferrals.id],
    }),
    foreignKey({
      columns: [t.providerOrganisationId, t.sessionId],
      foreignColumns: [ohSessions.organisationId, ohSessions.id],
    }),
    uniqueIndex('oh_appointments_one_per_slot')
      .on(t.providerOrganisationId, t.sessionId, t.slot)
      .where(sql`status <> 'cancelled'`),
    index('oh_appointments_referral').on(t.organisationId, t.referralId),
    index('oh_appointments_day').on(t.providerOrganisationId, t.heldOn),
  ],
);

/**
 * A clinical note, sealed: its text is encrypted with the OH notes key and bound to the note. A
 * note is never changed; an addendum (`addendumTo`) is a note of its own. Only the OH service's
 * clinicians read notes, and every read is audited.
 */
export const ohNotes = pgTable(
  'oh_notes',
  {
    organisationId: tenant(),
    id: integer('id').generatedAlwaysAsIdentity(),
    referralId: integer('referral_id').notNull(),
    appointmentId: integer('appointment_id'),
    addendumTo: integer('addendum_to'),
    authorUserId: integer('author_user_id')
      .notNull()
      .references(() => users.id),
    writtenAt: timestamp('written_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    /** The note's text, sealed (see src/sealing.ts); never plain text. */
    sealedText: text('sealed_text').notNull(),
    /** Which OH notes key sealed it, so that a rotation can find what is left to re-seal. */
    keyId: text('key_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({
      columns: [t.organisationId, t.referralId],
      foreignColumns: [ohReferrals.organisationId, ohReferrals.id],
    }),
    index('oh_notes_referral').on(t.organisationId, t.referralId),
  ],
);

/**
 * The fitness-for-work report to the referrer. The employee may ask to see it first (Faculty of
 * Occupational Medicine guidance), then release it, ask for factual corrections, or withhold it.
 */
export const ohReports = pgTable(
  'oh_reports',
  {
    organisationId: tenant(),
    id: integer('id').generatedAlwaysAsIdentity(),
    referralId: integer('referral_id').notNull(),
    authorUserId: integer('author_user_id')
      .notNull()
      .references(() => users.id),
    /** `fit`, `fit_with_adjustments`, `temporarily_unfit` or `unfit`. */
    outcome: text('outcome').notNull(),
    likelyReturnOn: date('likely_return_on'),
    adjustments: jsonb('adjustments').$type<string[]>().notNull().default([]),
    /** The referrer's questions, each with its answer. */
    answers: jsonb('answers').$type<{ question: string; answer: string }[]>().notNull().default([]),
    /** Whether the disability provisions of the Equality Act are likely to apply: `likely`, `unlikely`, `not_known`. */
    disabilityLikely: text('disability_likely').notNull(),
    /** Further facts and advice. */
    advice: text('advice').notNull().default(''),
    reviewOn: date('review_on'),
    /** Whether the employee asked, at the appointment, to see the report before it is released. */
    employeeSeesFirst: boolean('employee_sees_first').notNull().default(false),
    /** `draft`, `with_employee`, `released` or `withheld`. */
    status: text('status').notNull().default('draft'),
    sentToEmployeeOn: date('sent_to_employee_on'),
    /** The last day of the employee's review. */
    reviewEndsOn: date('review_ends_on'),
    releasedOn: date('released_on'),
    withheldOn: date('withheld_on'),
    /** When the manager added its adjustments to the passport and action plan. */
    adjustmentsAddedOn: date('adjustments_added_on'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({
      columns: [t.organisationId, t.referralId],
      foreignColumns: [ohReferrals.organisationId, ohReferrals.id],
    }),
    uniqueIndex('oh_reports_one_per_referral').on(t.organisationId, t.referralId),
  ],
);

/**
 * A report's history: what it said before each change (a factual correction, never opinion), by
 * whom and when.
 */
export const ohReportVersions = pgTable(
  'oh_report_versions',
  {
    organisationId: tenant(),
    id: integer('id').generatedAlwaysAsIdentity(),
    reportId: integer('report_id').notNull(),
    changedByUserId: integer('changed_by_user_id')
      .notNull()
      .references(() => users.id),
    changedAt: timestamp('changed_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    /** Why it changed: the correction asked for, in the clinician's words. */
    why: text('why').notNull(),
    /** The report's content before the change. */
    before: jsonb('before').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    index('oh_report_versions_report').on(t.organisationId, t.reportId),
  ],
);

/** An employee's request for a factual correction to a report they are reviewing. */
export const ohReportCorrections = pgTable(
  'oh_report_corrections',
  {
    organisationId: tenant(),
    id: integer('id').generatedAlwaysAsIdentity(),
    reportId: integer('report_id').notNull(),
    askedAt: timestamp('asked_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    request: text('request').notNull(),
    /** `open`, `corrected` or `declined` (the matter is opinion, not fact). */
    status: text('status').notNull().default('open'),
    answer: text('answer'),
    answeredAt: timestamp('answered_at', { withTimezone: true, mode: 'string' }),
    answeredByUserId: integer('answered_by_user_id').references(() => users.id),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    index('oh_report_corrections_report').on(t.organisationId, t.reportId),
  ],
);
