/**
 * The tables the auth module owns: each account's roles in organisations, the invitations to
 * take them, suspensions, and failed sign-ins. Only its data-access files query them.
 */
import { index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
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
