/**
 * The database schema. Tables owned by one organisation carry `organisation_id` and lead their
 * keys with it, so that every query can be scoped to an organisation, row-level security can
 * refuse the rest, and a partnership that outgrows one server can distribute by organisation.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const createdAt = () =>
  timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow();

// ---------------------------------------------------------------- partnership (shared) tables

/**
 * The organisation of a row whose composite foreign key to another tenant table (its person, its
 * absence) already holds it to an organisation that exists: a second check against
 * `organisations` would cost every bulk insert and prove nothing more.
 */
const tenantThrough = () => integer('organisation_id').notNull();

/**
 * The organisation of a cell of the monthly summary: cells are written only by the summary's
 * rebuild, from the records of an organisation that exists, and can be worked out again from them
 * at any time. A check of each of an organisation's hundreds of thousands of cells against
 * `organisations` would cost every build and prove nothing more.
 */
const summaryCellOf = () => integer('organisation_id').notNull();

export const partnerships = pgTable('partnerships', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  createdAt: createdAt(),
});

export const organisations = pgTable('organisations', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  partnershipId: integer('partnership_id')
    .notNull()
    .references(() => partnerships.id),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  sector: text('sector').notNull(),
  region: text('region').notNull(),
  fullTimeHours: doublePrecision('full_time_hours').notNull(),
  targetDaysPerFte: doublePrecision('target_days_per_fte').notNull(),
  onCostRate: doublePrecision('on_cost_rate').notNull().default(0),
  policyModel: text('policy_model').notNull().default('person_centred'),
  isLead: boolean('is_lead').notNull().default(false),
  providesOccupationalHealth: boolean('provides_occupational_health').notNull().default(false),
  createdAt: createdAt(),
});

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

export const users = pgTable(
  'users',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    disabled: boolean('disabled').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_email_key').on(sql`lower(${t.email})`)],
);

export const roleGrants = pgTable(
  'role_grants',
  {
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.userId, t.role] }),
    index('role_grants_user').on(t.userId),
  ],
);

/**
 * An organisation's suspension of an account's access to it. Each organisation controls only its
 * own grants: a suspension leaves the account, and its roles in other organisations, untouched,
 * and lifting it cannot undo the account's own `disabled`.
 */
export const accountSuspensions = pgTable(
  'account_suspensions',
  {
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    suspendedBy: integer('suspended_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.userId] }),
    // Read with the signed-in person's grants on every request.
    index('account_suspensions_user').on(t.userId),
  ],
);

/**
 * An organisation's invitation to an account to take roles there. The roles take effect only
 * when the account's holder accepts, so no organisation can attach someone else's account to
 * itself. Read by the holder before any organisation is in scope, like `role_grants`.
 */
export const accountInvitations = pgTable(
  'account_invitations',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The email address as the inviting admin typed it. */
    email: text('email').notNull(),
    roles: text('roles').array().notNull(),
    /** The person in the inviting organisation the account is to be linked to, if any. */
    personId: integer('person_id'),
    invitedBy: integer('invited_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'string' }).notNull(),
  },
  (t) => [
    uniqueIndex('account_invitations_organisation_user_key').on(t.organisationId, t.userId),
    index('account_invitations_user').on(t.userId),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    data: jsonb('data').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('sessions_expires_at').on(t.expiresAt)],
);

/**
 * Failed sign-ins counted against an email address or a network address, shared by every
 * server. The key is a hash of what is counted ("account:…" or "address:…"), so that neither
 * mistyped emails nor people's addresses are kept. A row is forgotten a while after its last
 * failure (`src/domain/sign-in-throttle.ts`).
 */
export const signInThrottle = pgTable(
  'sign_in_throttle',
  {
    key: text('key').primaryKey(),
    failures: integer('failures').notNull(),
    lastFailureAt: timestamp('last_failure_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('sign_in_throttle_last_failure_at').on(t.lastFailureAt)],
);

/** Installation-wide settings kept in the database, such as the session signing secret. */
export const appSettings = pgTable('app_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export const bankHolidays = pgTable(
  'bank_holidays',
  {
    region: text('region').notNull(),
    date: date('date').notNull(),
    title: text('title').notNull(),
  },
  (t) => [primaryKey({ columns: [t.region, t.date] })],
);

export const auditEvents = pgTable(
  'audit_events',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    organisationId: integer('organisation_id').references(() => organisations.id),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    userId: integer('user_id').references(() => users.id),
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id'),
    detail: jsonb('detail'),
  },
  (t) => [index('audit_events_org_at').on(t.organisationId, t.at)],
);

// ---------------------------------------------------------------- organisation (tenant) tables

export const units = pgTable(
  'units',
  {
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    id: integer('id').generatedAlwaysAsIdentity(),
    parentId: integer('parent_id'),
    name: text('name').notNull(),
    /** The full path from the top of the organisation, levels joined by " > ". */
    path: text('path').notNull(),
    depth: integer('depth').notNull(),
    policyModel: text('policy_model'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    uniqueIndex('units_path_key').on(t.organisationId, t.path),
    foreignKey({ columns: [t.organisationId, t.parentId], foreignColumns: [t.organisationId, t.id] }),
  ],
);

export const sites = pgTable(
  'sites',
  {
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    id: integer('id').generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    address: text('address').notNull().default(''),
    postcode: text('postcode').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    uniqueIndex('sites_name_key').on(t.organisationId, t.name),
  ],
);

export const people = pgTable(
  'people',
  {
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    id: integer('id').generatedAlwaysAsIdentity(),
    employeeNumber: text('employee_number').notNull(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    email: text('email'),
    jobTitle: text('job_title'),
    startDate: date('start_date').notNull(),
    endDate: date('end_date'),
    userId: integer('user_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    uniqueIndex('people_employee_number_key').on(t.organisationId, t.employeeNumber),
    index('people_user').on(t.userId),
    index('people_name').on(t.organisationId, t.lastName, t.firstName),
  ],
);

/**
 * Employment history: each row holds the terms in force from `effective_from` until the day
 * before the next row's `effective_from` (or for good when it is the latest).
 */
export const employmentSpells = pgTable(
  'employment_spells',
  {
    organisationId: tenantThrough(),
    id: integer('id').generatedAlwaysAsIdentity(),
    personId: integer('person_id').notNull(),
    effectiveFrom: date('effective_from').notNull(),
    unitId: integer('unit_id').notNull(),
    managerPersonId: integer('manager_person_id'),
    siteId: integer('site_id'),
    staffGroup: text('staff_group'),
    weeklyHours: doublePrecision('weekly_hours').notNull(),
    hoursMon: doublePrecision('hours_mon').notNull(),
    hoursTue: doublePrecision('hours_tue').notNull(),
    hoursWed: doublePrecision('hours_wed').notNull(),
    hoursThu: doublePrecision('hours_thu').notNull(),
    hoursFri: doublePrecision('hours_fri').notNull(),
    hoursSat: doublePrecision('hours_sat').notNull(),
    hoursSun: doublePrecision('hours_sun').notNull(),
    worksBankHolidays: boolean('works_bank_holidays').notNull().default(false),
    annualSalary: doublePrecision('annual_salary'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    uniqueIndex('employment_spells_person_from_key').on(t.organisationId, t.personId, t.effectiveFrom),
    index('employment_spells_manager').on(t.organisationId, t.managerPersonId),
    index('employment_spells_unit').on(t.organisationId, t.unitId),
    foreignKey({
      columns: [t.organisationId, t.personId],
      foreignColumns: [people.organisationId, people.id],
    }).onDelete('cascade'),
    foreignKey({ columns: [t.organisationId, t.unitId], foreignColumns: [units.organisationId, units.id] }),
    foreignKey({
      columns: [t.organisationId, t.managerPersonId],
      foreignColumns: [people.organisationId, people.id],
    }),
    foreignKey({ columns: [t.organisationId, t.siteId], foreignColumns: [sites.organisationId, sites.id] }),
  ],
);

export const apiKeys = pgTable(
  'api_keys',
  {
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    id: integer('id').generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    /** The first characters of the key, shown so people can tell keys apart. */
    prefix: text('prefix').notNull(),
    /** SHA-256 of the whole key; the key itself is shown once and never stored. */
    keyHash: text('key_hash').notNull(),
    scopes: text('scopes').array().notNull(),
    createdByUserId: integer('created_by_user_id').references(() => users.id),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'string' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.id] }), uniqueIndex('api_keys_hash_key').on(t.keyHash)],
);

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

/** An uploaded file waiting for the person to confirm its import, after the preview. */
export const pendingImports = pgTable(
  'pending_imports',
  {
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    id: integer('id').generatedAlwaysAsIdentity(),
    kind: text('kind').notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    fileName: text('file_name').notNull(),
    content: text('content').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.id] })],
);

// ---------------------------------------------------------------- the attendance workflow (SPEC §4C)

const tenant = () =>
  integer('organisation_id')
    .notNull()
    .references(() => organisations.id);
const updatedAt = () =>
  timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow();

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

/** Email sent about what falls due, once each (the key says what it was about). */
export const notifications = pgTable(
  'notifications',
  {
    organisationId: tenant(),
    id: integer('id').generatedAlwaysAsIdentity(),
    key: text('key').notNull(),
    toEmail: text('to_email').notNull(),
    subject: text('subject').notNull(),
    sentAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    uniqueIndex('notifications_key').on(t.organisationId, t.key, t.toEmail),
  ],
);

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

/**
 * The monthly summary of the absence report (`src/domain/absence-summary.ts`): hours available
 * per month, unit and staff group ('' for none). Kept exact by `absence_summary_pending`, which
 * triggers on absences, employment spells and people fill on every change, and which is worked
 * off before the summary is read.
 */
export const absenceSummaryAvailable = pgTable(
  'absence_summary_available',
  {
    organisationId: summaryCellOf(),
    month: date('month').notNull(),
    unitId: integer('unit_id').notNull(),
    staffGroup: text('staff_group').notNull(),
    hoursAvailable: doublePrecision('hours_available').notNull(),
    weeklyHourDays: doublePrecision('weekly_hour_days').notNull(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.month, t.unitId, t.staffGroup] })],
);

/** Sickness per month, unit, staff group and reason; episodes that have ended, where they started. */
export const absenceSummarySickness = pgTable(
  'absence_summary_sickness',
  {
    organisationId: summaryCellOf(),
    month: date('month').notNull(),
    unitId: integer('unit_id').notNull(),
    staffGroup: text('staff_group').notNull(),
    reasonCode: text('reason_code').notNull(),
    hoursLost: doublePrecision('hours_lost').notNull(),
    weeklyHourDaysLost: doublePrecision('weekly_hour_days_lost').notNull(),
    costBase: doublePrecision('cost_base').notNull(),
    episodes: integer('episodes').notNull(),
    longTermEpisodes: integer('long_term_episodes').notNull(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.month, t.unitId, t.staffGroup, t.reasonCode] })],
);

/**
 * The months the summary holds for an organisation (none until it is first built), and the bank
 * holidays of its region it was built with: when those change, it is built again. `version` goes
 * up whenever the summary is brought up to date with a change and whenever the organisation's
 * units change, so figures kept by version (`src/web/figures-cache.ts`) are never stale.
 */
export const absenceSummaryCoverage = pgTable('absence_summary_coverage', {
  organisationId: tenant().primaryKey(),
  firstMonth: date('first_month').notNull(),
  lastMonth: date('last_month').notNull(),
  calendar: text('calendar').notNull(),
  version: bigint('version', { mode: 'number' }).notNull().default(0),
});

/**
 * People whose figures changed since the summary was last brought up to date: from which date,
 * and the unit of an employment spell that changed (its old unit may no longer be on record).
 */
export const absenceSummaryPending = pgTable(
  'absence_summary_pending',
  {
    organisationId: tenant(),
    personId: integer('person_id').notNull(),
    fromDate: date('from_date').notNull(),
    unitId: integer('unit_id'),
  },
  (t) => [index('absence_summary_pending_organisation').on(t.organisationId)],
);

/** Tables whose rows belong to one organisation: row-level security applies to them all. */
export const TENANT_TABLES = [
  'units',
  'sites',
  'people',
  'employment_spells',
  'api_keys',
  'pending_imports',
  'absences',
  'absence_changes',
  'attendance_settings',
  'support_services',
  'welcome_back_reviews',
  'action_plans',
  'action_plan_reviews',
  'adjustments_passports',
  'workplace_adjustments',
  'attendance_cases',
  'stage_meetings',
  'letter_templates',
  'letters',
  'attendance_trigger_talks',
  'dying_to_work',
  'notifications',
  'organisation_benchmarks',
  'absence_summary_available',
  'absence_summary_sickness',
  'absence_summary_coverage',
  'absence_summary_pending',
] as const;
