import type { FastifyRequest } from 'fastify';
import { HttpProblem, notFound } from './access-control.ts';
import { parseRecordId } from './record-ids.ts';
import type { OrganisationContext, OrganisationRecord, Principal } from './types.ts';

/** The organisation the route's `:org` names, checked by access control. */
export function organisationOf(request: FastifyRequest): OrganisationContext {
  if (!request.organisation) throw notFound();
  return request.organisation;
}

/** The organisation of the request as on record, with its settings, as the access check read it. */
export function organisationRecordOf(request: FastifyRequest): OrganisationRecord {
  if (!request.organisationRecord) throw notFound();
  return request.organisationRecord;
}

/** A record id from the path (`parseRecordId`); anything else is a page that does not exist. */
export function idParam(request: FastifyRequest, name: string): number {
  const id = parseRecordId((request.params as Record<string, string | undefined>)[name]);
  if (id === null) throw notFound();
  return id;
}

/** The person record of the signed-in account in the route's organisation. */
export function ownPersonId(request: FastifyRequest): number {
  const id = request.principal?.personIds.get(organisationOf(request).id);
  if (id === undefined) throw new HttpProblem(404, 'Your account is not linked to a person record here');
  return id;
}

/** The signed-in account, checked by access control. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw notFound();
  return request.principal;
}

/** The signed-in account's id (0 for none, which access control never lets through to a change). */
export function userIdOf(request: FastifyRequest): number {
  return request.principal?.userId ?? 0;
}

/** The form body as name → value. */
export function formBody(request: FastifyRequest): Record<string, unknown> {
  return (request.body ?? {}) as Record<string, unknown>;
}

/** A text field of a form, trimmed; '' when missing. */
export function textField(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  return typeof value === 'string' ? value.trim() : '';
}

/** A checkbox group's values, whether one or several were ticked. */
export function listField(body: Record<string, unknown>, name: string): string[] {
  const value = body[name];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' && value !== '' ? [value] : [];
}
