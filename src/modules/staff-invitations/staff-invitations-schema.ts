/**
 * The table the staff-invitations module owns: invitations to an organisation's people who have
 * no account yet. Only its data-access files query it.
 */
import { sql } from 'drizzle-orm';
import {
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { users, createdAt, tenant } from '../../db/schema.ts';
import { people } from '../people/people-schema.ts';

/**
 * An organisation's invitation to one of its people who has no account: an email with a link,
 * valid for 7 days, to set a password (or, with single sign-on, to sign in). Only a hash of the
 * link's secret is kept. One open invitation a person: a request sent twice invites nobody twice.
 */
export const staffInvitations = pgTable(
  'staff_invitations',
  {
    organisationId: tenant(),
    id: integer('id').generatedAlwaysAsIdentity(),
    personId: integer('person_id').notNull(),
    email: text('email').notNull(),
    /** The request that made it: sending the same request again adds nothing. */
    requestKey: text('request_key').notNull(),
    tokenHash: text('token_hash').notNull(),
    invitedBy: integer('invited_by').references(() => users.id),
    createdAt: createdAt(),
    /** When the email went; null while it waits to be sent. */
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true, mode: 'date' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
    /** The account made when it was accepted. */
    userId: integer('user_id').references(() => users.id),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    uniqueIndex('staff_invitations_token_key').on(t.tokenHash),
    uniqueIndex('staff_invitations_open_person_key')
      .on(t.organisationId, t.personId)
      .where(sql`accepted_at is null and revoked_at is null`),
    index('staff_invitations_request').on(t.organisationId, t.requestKey),
    foreignKey({
      columns: [t.organisationId, t.personId],
      foreignColumns: [people.organisationId, people.id],
    }).onDelete('cascade'),
  ],
);
