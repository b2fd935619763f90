/** The tables the imports module owns: only its data-access files query them. */
import { integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { organisations, users, createdAt } from '../../db/schema.ts';

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
