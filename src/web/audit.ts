import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/database.ts';
import { recordAuditEvent } from '../db/audit-repository.ts';

/** What an audit event's detail may hold: ids, dates, codes, yes or no, and the names of fields. */
export type AuditValue =
  string | number | boolean | null | readonly AuditValue[] | { [key: string]: AuditValue };

/** What stands in an audit event for any text that reached it (see `withoutFreeText`). */
export const TEXT_WITHHELD = '[text withheld]';

/** Requests whose handler wrote its own audit event, so that the route's declared one is not written again. */
const audited = new WeakSet<FastifyRequest>();

/** Whether the handler of a request has written an audit event. */
export function wasAudited(request: FastifyRequest): boolean {
  return audited.has(request);
}

function blank(value: unknown): unknown {
  return value === '' || value === undefined ? null : value;
}

/**
 * The names of the fields of `after` whose values differ from `before` (all those given, for a
 * new record): what an audit event records of a change, never the words themselves.
 */
export function changedFields(before: object | null | undefined, after: object): string[] {
  const was = (before ?? null) as Record<string, unknown> | null;
  const now = after as Record<string, unknown>;
  return Object.keys(now).filter((field) => {
    const value = blank(now[field]);
    if (!was) return value !== null && !(Array.isArray(value) && value.length === 0);
    return JSON.stringify(blank(was[field])) !== JSON.stringify(value);
  });
}

/** A code, a date, an email or a field's name: one short word, which says nothing in free text. */
const CODE = /^[\w.:@/+-]{0,64}$/;

/**
 * The detail with any free text withheld, wherever it is: a last guard, so that a passport, a
 * reason or a note that reaches an audit event by mistake is not kept there. Call sites record
 * the names of the fields that changed (`changedFields`) rather than their words.
 */
export function withoutFreeText(value: unknown): AuditValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string') return CODE.test(value) ? value : TEXT_WITHHELD;
  if (Array.isArray(value)) return value.map(withoutFreeText);
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, withoutFreeText(v)]));
  }
  return TEXT_WITHHELD;
}

/**
 * Writes an audit event for a change or a read of someone else's record: who (the signed-in
 * account), when (now), what (the action and the record) and which fields (in the detail; never
 * their words). A route's declared audit event is then not written again for the request.
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
  await recordAuditEvent(db, {
    organisationId: request.organisation?.id ?? null,
    userId: request.principal?.userId ?? null,
    action: event.action,
    subjectType: event.subjectType,
    subjectId: String(event.subjectId),
    detail: withoutFreeText(event.detail ?? {}),
  });
  audited.add(request);
}
