import { createHash } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { findUnrevokedApiKey, markApiKeyUsed } from '../db/api-keys-repository.ts';
import { recordAuditEvent } from '../db/audit-repository.ts';
import type { PermissionTable } from '../domain/roles.ts';
import { secondFactorRequired } from '../domain/second-factor.ts';
import { today } from '../domain/today.ts';
import type { Services } from '../services.ts';
import { anonymousCsrfValid } from './anonymous-csrf.ts';
import { paths } from './paths.ts';
import { wasAudited } from './audit.ts';
import {
  HEALTH_DATA_SCOPES,
  type Access,
  type OrganisationContext,
  type OrganisationRecord,
} from './types.ts';

/** An HTTP error that says no more than its status. */
export class HttpProblem extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

/** A form sent without the token of the page it came from: answered as an expired form. */
class InvalidFormToken extends HttpProblem {
  readonly code = 'FST_CSRF_INVALID_TOKEN';
  constructor() {
    super(403, 'Invalid csrf token');
  }
}

export const notFound = () => new HttpProblem(404, 'Not Found');
export const forbidden = () => new HttpProblem(403, 'Forbidden');

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** The access a route declares; the static assets, served by a plugin, are public. */
export function declaredAccess(
  url: string | undefined,
  config: { access?: Access } | undefined,
): Access | undefined {
  return config?.access ?? (url?.startsWith('/assets/') ? { kind: 'public' } : undefined);
}

/**
 * Whether a route with this access shows health data (or pay): a page of a permission declared
 * as showing it, or an API answer of a scope in `HEALTH_DATA_SCOPES`. Such a GET route must
 * declare its audit event.
 */
export function showsHealthData(access: Access, permissions: PermissionTable): boolean {
  if (access.kind === 'permission') return permissions.showsHealthData(access.permission);
  if (access.kind === 'api') return HEALTH_DATA_SCOPES.includes(access.scope);
  return false;
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Authentication and authorisation for every route: loads the signed-in person, applies the
 * idle and absolute session time-outs, checks the access the route declares (in the
 * organisation its `:org` parameter names) and CSRF tokens on every form, and writes the
 * route's audit event.
 */
export function accessControl(services: Services) {
  const { config, permissions } = services;
  // The organisation named by the address, as read with the signed-in person (null: none such).
  const namedOrganisation = new WeakMap<FastifyRequest, OrganisationRecord | null>();
  /**
   * The reader's relation to the person whose records the route declares, by the route's rule,
   * on today's date; a 404, which says nothing of whether they exist, to anyone it refuses.
   */
  async function recordAccess(request: FastifyRequest, record: { person: string; rule: string }) {
    const rule = services.recordAccessRules.get(record.rule);
    if (!rule) throw new Error(`No module declares the record access rule ${record.rule}`);
    const principal = request.principal;
    const organisation = request.organisation;
    const personId = Number((request.params as Record<string, string | undefined>)[record.person]);
    if (!principal || !organisation || !Number.isSafeInteger(personId) || personId <= 0) throw notFound();
    const relation = await services.database.scoped({ organisationIds: [organisation.id] }, (db) =>
      rule(db, principal, organisation.id, personId, today()),
    );
    if (relation === null) throw notFound();
    return { personId, relation };
  }

  return fp(async (app) => {
    app.decorateRequest('recordAccess', null);
    app.addHook('onRequest', async (request) => {
      const session = request.session;
      if (!session) return;
      const userId = session.get('userId');
      if (!userId) return;
      const signedInAt = session.get('signedInAt') ?? 0;
      if (Date.now() - signedInAt > config.session.absoluteHours * 3_600_000) {
        await session.destroy();
        return;
      }
      // The organisation the address names is read with the signed-in person, in one statement.
      const slug = (request.params as { org?: string } | undefined)?.org ?? null;
      const { principal, organisation } = await services.users.loadPrincipal(userId, slug);
      request.principal = principal;
      if (!principal) await session.destroy();
      else if (slug !== null) namedOrganisation.set(request, organisation);
    });

    app.addHook('preHandler', async (request, reply) => {
      const access = declaredAccess(request.routeOptions.url, request.routeOptions.config);
      if (!access) throw notFound();
      // An account whose roles require an authenticator app sets one up before anything else.
      const principal = request.principal;
      if (
        principal &&
        (access.kind === 'signed-in' || access.kind === 'permission') &&
        !request.routeOptions.config?.beforeSecondFactor &&
        !principal.hasAuthenticator &&
        secondFactorRequired(principal.grants, request.session.get('signedInWith'))
      ) {
        return setUpAuthenticatorFirst(request, reply);
      }
      switch (access.kind) {
        case 'public':
          break;
        case 'api': {
          const key = bearerToken(request);
          if (!key) {
            void reply.header('www-authenticate', 'Bearer');
            throw new HttpProblem(401, 'An API key is required: send it as "Authorization: Bearer KEY"');
          }
          const found = await findUnrevokedApiKey(services.database.system, hashApiKey(key));
          if (!found) throw new HttpProblem(401, 'The API key is not valid');
          if (!found.scopes.includes(access.scope)) {
            throw new HttpProblem(403, `The API key does not have the scope ${access.scope}`);
          }
          request.apiKey = { organisationId: found.organisationId, id: found.id, scopes: found.scopes };
          await markApiKeyUsed(services.database.system, found);
          const organisation = await services.organisations.findById(found.organisationId);
          if (!organisation) throw new HttpProblem(401, 'The API key is not valid');
          request.organisation = toContext(organisation);
          request.organisationRecord = organisation;
          return;
        }
        case 'signed-in':
          if (!request.principal) return signInFirst(request, reply);
          break;
        case 'permission': {
          if (!request.principal) return signInFirst(request, reply);
          const { grants } = request.principal;
          // What a person may not know exists is not found, never forbidden: a 403 would
          // confirm it. Partnership pages exist only for those with partnership permissions.
          const partnershipWide = access.permission.startsWith('partnership.');
          if (partnershipWide && !permissions.allows(grants, access.permission, null)) throw notFound();
          const slug = (request.params as { org?: string }).org;
          if (slug === undefined) {
            if (!permissions.allows(grants, access.permission, null)) throw forbidden();
            break;
          }
          const organisation = namedOrganisation.has(request)
            ? namedOrganisation.get(request)
            : await services.organisations.findBySlug(slug);
          if (!organisation) throw notFound();
          // Another organisation is not found; in one's own, a page beyond one's roles is forbidden.
          const member = grants.some((g) => g.organisationId === organisation.id);
          if (!member && !partnershipWide) throw notFound();
          if (!permissions.allows(grants, access.permission, organisation.id)) throw forbidden();
          // Only now may pages, error pages among them, show the organisation.
          request.organisation = toContext(organisation);
          request.organisationRecord = organisation;
          break;
        }
        default: {
          const unreachable: never = access;
          throw new Error(`Unknown access ${JSON.stringify(unreachable)}`);
        }
      }
      if (UNSAFE_METHODS.has(request.method)) {
        // A signed-in person's forms carry their session's token; anyone else's, their cookie's.
        if (!request.principal) {
          if (!anonymousCsrfValid(request)) throw new InvalidFormToken();
        } else {
          await new Promise<void>((resolve, reject) => {
            app.csrfProtection(request, reply, (error?: Error) => (error ? reject(error) : resolve()));
          });
        }
      }
      const record = request.routeOptions.config?.record;
      if (record) request.recordAccess = await recordAccess(request, record);
    });

    app.addHook('onResponse', async (request, reply) => {
      const action = request.routeOptions.config?.audit;
      if (!action || reply.statusCode >= 400 || wasAudited(request)) return;
      await recordAuditEvent(services.database.system, {
        organisationId: request.organisation?.id ?? null,
        userId: request.principal?.userId ?? null,
        action,
        subjectType: request.routeOptions.url ?? request.url,
        subjectId: JSON.stringify(request.params),
        detail: {
          method: request.method,
          apiKeyId: request.apiKey?.id ?? null,
          ...(request.recordAccess ? { personId: request.recordAccess.personId } : {}),
        },
      });
    });
  });
}

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1] ?? null;
}

async function signInFirst(request: FastifyRequest, reply: FastifyReply) {
  if (request.url.startsWith('/api/')) throw new HttpProblem(401, 'Sign in first');
  if (request.method !== 'GET') throw new HttpProblem(401, 'Your session has ended: sign in again');
  const returnTo = encodeURIComponent(request.url);
  return reply.redirect(`${paths.signIn.build()}?returnTo=${returnTo}`);
}

/** Sends a signed-in person to set up their authenticator app, coming back here afterwards. */
async function setUpAuthenticatorFirst(request: FastifyRequest, reply: FastifyReply) {
  if (request.url.startsWith('/api/')) throw new HttpProblem(403, 'Set up an authenticator app first');
  const returnTo = request.method === 'GET' ? `?returnTo=${encodeURIComponent(request.url)}` : '';
  return reply.redirect(`${paths.authenticator.build()}${returnTo}`, 303);
}

function toContext(organisation: {
  id: number;
  slug: string;
  name: string;
  fullTimeHours: number;
  region: string;
  policyModel: string;
}): OrganisationContext {
  const { id, slug, name, fullTimeHours, region, policyModel } = organisation;
  return { id, slug, name, fullTimeHours, region, policyModel };
}
