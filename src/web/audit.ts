import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/database.ts';
import { auditEvents } from '../db/schema.ts';

/**
 * Writes an audit event for a change or a read of someone else's record: who (the signed-in
 * account), when (now), what (the action and the record) and why (in the detail).
 */
export async function audit(
  db: Db,
  request: FastifyRequest,
  event: {
    action: string;
    subjectType: string;
    subjectId: number | string;
    detail?: Record<string, unknown>;
  },
): Promise<void> {
  await db.insert(auditEvents).values({
    organisationId: request.organisation?.id ?? null,
    userId: request.principal?.userId ?? null,
    action: event.action,
    subjectType: event.subjectType,
    subjectId: String(event.subjectId),
    detail: event.detail ?? {},
  });
}
