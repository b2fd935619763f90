import type { FastifyRequest } from 'fastify';
import type { Database, Db } from '../../db/database.ts';
import { audit } from '../../web/audit.ts';
import { organisationOf } from '../../web/request-context.ts';
import { notFound } from '../../web/access-control.ts';
import type { Principal } from '../../web/types.ts';
import { peopleRepository } from './people-repository.ts';

/**
 * Who may hold someone's welcome-back reviews, action plans and attendance case: HR for
 * everyone in the organisation, and line managers for their reporting line (direct and
 * indirect) on the date. Nobody else, an organisation admin included.
 */
export async function caseworkAccess(
  db: Db,
  principal: Principal,
  organisationId: number,
  personId: number,
  onDate: string,
): Promise<'hr' | 'manager' | null> {
  const roles = principal.grants.filter((g) => g.organisationId === organisationId).map((g) => g.role);
  if (roles.includes('hr')) return 'hr';
  const own = principal.personIds.get(organisationId);
  if (own === undefined || own === personId || !roles.includes('line_manager')) return null;
  return (await peopleRepository(db, organisationId).isInReportingLine(own, personId, onDate))
    ? 'manager'
    : null;
}

/**
 * The person a casework page is about, as the route declares them (`config.record`, with the
 * `casework` rule): the access was checked before the handler ran. A route that reads someone's
 * casework without declaring it fails closed.
 */
export async function personForCasework(db: Db, request: FastifyRequest) {
  const declared = request.recordAccess;
  if (!declared) {
    throw new Error(`Route ${request.routeOptions.url} reads someone's casework without declaring it`);
  }
  const person = await peopleRepository(db, organisationOf(request).id).find(declared.personId);
  if (!person) throw notFound();
  return {
    access: declared.relation as 'hr' | 'manager',
    person,
    name: `${person.firstName} ${person.lastName}`,
  };
}

/**
 * Reads someone's casework record for a page: loads the person the route declares and the
 * record, and audits the read, in one transaction.
 */
export async function readCaseworkRecord<T>(
  database: Database,
  request: FastifyRequest,
  personId: number,
  load: (db: Db) => Promise<T>,
  event: (record: T) => { action: string; subjectType: string; subjectId: number },
) {
  const organisationId = organisationOf(request).id;
  return database.scoped({ organisationIds: [organisationId] }, async (db) => {
    const who = await personForCasework(db, request);
    const data = await load(db);
    await audit(db, request, { ...event(data), detail: { personId } });
    return { who, data };
  });
}
