/**
 * The tables the auth module owns: each account's roles in organisations, the invitations to
 * take them, suspensions, failed sign-ins, one-time links, second factors and single sign-on.
 * Only its data-access files query them. (The invitations that bring a workforce in are the
 * staff-invitations module's.)
 */
import {
  bigint,
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { organisations, users, createdAt } from '../../db/schema.ts';

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

/**
 * A link sent by email that works once and for a while: to choose a new password after
 * forgetting one. Only a hash of the link's secret is kept.
 */
export const oneTimeLinks = pgTable(
  'one_time_links',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** What following the link does: `reset-password`. */
    purpose: text('purpose').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [uniqueIndex('one_time_links_token_key').on(t.tokenHash), index('one_time_links_user').on(t.userId)],
);

/**
 * An account's authenticator app (TOTP, RFC 6238): its shared secret, sealed, and the last time
 * step accepted, so that a code is never accepted twice. Confirmed once the holder has entered a
 * code from it; until then it is being set up.
 */
export const authenticatorApps = pgTable('authenticator_apps', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  secretSealed: text('secret_sealed').notNull(),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true, mode: 'date' }),
  lastUsedStep: bigint('last_used_step', { mode: 'number' }),
  createdAt: createdAt(),
});

/** An account's recovery codes, each usable once in place of an authenticator code; hashed. */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.codeHash] })],
);

/**
 * An organisation's single sign-on through its OpenID Connect provider (Microsoft Entra ID or
 * another). The client secret is sealed and never shown again. When required, everyone signs in
 * through it but the break-glass account.
 */
export const singleSignOn = pgTable('single_sign_on', {
  organisationId: integer('organisation_id')
    .primaryKey()
    .references(() => organisations.id),
  issuer: text('issuer').notNull(),
  clientId: text('client_id').notNull(),
  clientSecretSealed: text('client_secret_sealed').notNull(),
  /** The email domains whose people may sign in through it, lower case, without "@". */
  allowedDomains: text('allowed_domains').array().notNull(),
  enabled: boolean('enabled').notNull().default(false),
  required: boolean('required').notNull().default(false),
  breakGlassUserId: integer('break_glass_user_id').references(() => users.id),
  updatedBy: integer('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/** An account's identity at an OpenID Connect provider: its issuer and subject. */
export const accountIdentities = pgTable(
  'account_identities',
  {
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.issuer, t.subject] }), index('account_identities_user').on(t.userId)],
);
