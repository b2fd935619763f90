/** The tables the notifications module owns: only its data-access files query them. */
import { integer, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, tenant } from '../../db/schema.ts';

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
