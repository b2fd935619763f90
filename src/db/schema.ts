/**
 * The platform's tables: the partnership and its organisations, accounts, sessions, the audit
 * trail, API keys and the installation's settings, which every module may refer to. Each
 * capability module keeps its own tables in its own schema file (`src/modules/<capability>/
 * <capability>-schema.ts`), and drizzle-kit reads them all. Tables owned by one organisation
 * carry `organisation_id` and lead their keys with it, so that every query can be scoped to an
 * organisation, row-level security can refuse the rest, and a partnership that outgrows one
 * server can distribute by organisation.
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

// Columns that many tables share, written once.

export const createdAt = () =>
  timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow();

/**
 * The organisation of a row whose composite foreign key to another tenant table (its person, its
 * absence) already holds it to an organisation that exists: a second check against
 * `organisations` would cost every bulk insert and prove nothing more.
 */
export const tenantThrough = () => integer('organisation_id').notNull();

/**
 * The organisation of a cell of the monthly summary: cells are written only by the summary's
 * rebuild, from the records of an organisation that exists, and can be worked out again from them
 * at any time. A check of each of an organisation's hundreds of thousands of cells against
 * `organisations` would cost every build and prove nothing more.
 */
export const summaryCellOf = () => integer('organisation_id').notNull();

export const tenant = () =>
  integer('organisation_id')
    .notNull()
    .references(() => organisations.id);

export const updatedAt = () =>
  timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow();

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

export const users = pgTable(
  'users',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    /** Null for an account that has no password: one that signs in only through single sign-on. */
    passwordHash: text('password_hash'),
    disabled: boolean('disabled').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_email_key').on(sql`lower(${t.email})`)],
);

export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    data: jsonb('data').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** The account signed in, if any: so that all of an account's sessions can be ended at once. */
    userId: integer('user_id'),
  },
  (t) => [index('sessions_expires_at').on(t.expiresAt), index('sessions_user').on(t.userId)],
);

/** Installation-wide settings kept in the database, such as the session signing secret. */
export const appSettings = pgTable('app_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

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
