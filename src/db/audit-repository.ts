import type { Db } from './database.ts';
import { auditEvents } from './schema.ts';

/** An audit event as written: who, in which organisation, did what to which record. */
export type NewAuditEvent = typeof auditEvents.$inferInsert;

/** Writes one audit event; the database stamps when. */
export async function recordAuditEvent(db: Db, event: NewAuditEvent): Promise<void> {
  await db.insert(auditEvents).values(event);
}

/** Writes several audit events in one statement (at least one). */
export async function recordAuditEvents(db: Db, events: readonly NewAuditEvent[]): Promise<void> {
  await db.insert(auditEvents).values([...events]);
}
