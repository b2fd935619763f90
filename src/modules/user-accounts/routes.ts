import type { FastifyInstance, FastifyRequest } from 'fastify';
import { and, eq, inArray } from 'drizzle-orm';
import { people } from '../../db/schema.ts';
import { passwordProblem } from '../../domain/password-policy.ts';
import { isRole, ROLE_NAMES, ROLES, type Role } from '../../domain/roles.ts';
import type { Services } from '../../services.ts';
import { notFound } from '../../web/access-control.ts';
import type { FieldError } from '../../web/forms.ts';
import { paths } from '../../web/paths.ts';
import { API_SCOPES, type OrganisationContext } from '../../web/types.ts';
import { hashPassword } from '../auth/passwords.ts';
import { apiKeysRepository } from './api-keys-repository.ts';
import { parseRecordId } from '../../web/record-ids.ts';

const accountsAccess = { kind: 'permission', permission: 'accounts.manage' } as const;
const keysAccess = { kind: 'permission', permission: 'api-keys.manage' } as const;

const SCOPE_NAMES: Record<(typeof API_SCOPES)[number], string> = {
  'organisation:read': 'Read the organisation’s settings and units',
  'people:read': 'Read people and their employment',
  'people:write': 'Import people',
  'reports:read': 'Read absence reports',
};

function org(request: FastifyRequest): OrganisationContext {
  if (!request.organisation) throw notFound();
  return request.organisation;
}

function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' && value ? [value] : [];
}

function text(body: Record<string, unknown>, key: string): string {
  const value = body[key];
  return typeof value === 'string' ? value.trim() : '';
}

/** The roles this person may grant: only a partnership admin may grant partnership admin. */
function grantable(request: FastifyRequest): Role[] {
  const isPartnershipAdmin = request.principal?.grants.some((g) => g.role === 'partnership_admin') ?? false;
  return ROLES.filter((r) => r !== 'partnership_admin' || isPartnershipAdmin);
}

/** An organisation admin's pages for user accounts, their roles here, and API keys. */
export function userAccountsRoutes(services: Services) {
  const { users, database } = services;

  async function linkedPeople(organisationId: number, userIds: number[]) {
    if (userIds.length === 0) return new Map<number, { name: string; employeeNumber: string }>();
    const rows = await database.scoped({ organisationIds: [organisationId] }, (db) =>
      db
        .select({
          userId: people.userId,
          firstName: people.firstName,
          lastName: people.lastName,
          employeeNumber: people.employeeNumber,
        })
        .from(people)
        .where(and(eq(people.organisationId, organisationId), inArray(people.userId, userIds))),
    );
    return new Map(
      rows.map((r) => [
        r.userId ?? 0,
        { name: `${r.firstName} ${r.lastName}`, employeeNumber: r.employeeNumber },
      ]),
    );
  }

  async function accountIn(request: FastifyRequest) {
    const organisation = org(request);
    const userId = parseRecordId((request.params as { userId?: string }).userId);
    if (userId === null) throw notFound();
    const roles = await users.rolesIn(userId, organisation.id);
    const user = roles.length > 0 ? await users.findById(userId) : null;
    if (!user) throw notFound();
    return { organisation, user, roles };
  }

  const roleItems = (request: FastifyRequest, selected: readonly string[]) =>
    grantable(request).map((r) => ({ value: r, text: ROLE_NAMES[r], checked: selected.includes(r) }));

  return async (app: FastifyInstance) => {
    app.get(
      paths.organisation.accounts.pattern,
      { config: { access: accountsAccess } },
      async (request, reply) => {
        const organisation = org(request);
        const accounts = await users.listForOrganisation(organisation.id);
        const linked = await linkedPeople(
          organisation.id,
          accounts.map((a) => a.id),
        );
        return reply.render('user-accounts/views/accounts.njk', {
          pageTitle: 'Accounts and roles',
          accounts: accounts.map((a) => ({
            ...a,
            roleNames: a.roles.map((r) => ROLE_NAMES[r]),
            person: linked.get(a.id) ?? null,
            href: paths.organisation.account.build({ org: organisation.slug, userId: a.id }),
          })),
          newHref: paths.organisation.newAccount.build({ org: organisation.slug }),
          apiKeysHref: paths.organisation.apiKeys.build({ org: organisation.slug }),
        });
      },
    );

    const newAccountPage = (
      request: FastifyRequest,
      values: Record<string, unknown>,
      errors: FieldError[] = [],
    ) => ({
      pageTitle: 'Add an account',
      values,
      errors,
      roles: roleItems(request, list(values.roles)),
      backLink: paths.organisation.accounts.build({ org: org(request).slug }),
    });

    app.get(
      paths.organisation.newAccount.pattern,
      { config: { access: accountsAccess } },
      async (request, reply) =>
        reply.render('user-accounts/views/new-account.njk', newAccountPage(request, { roles: ['employee'] })),
    );

    app.post(
      paths.organisation.newAccount.pattern,
      { config: { access: accountsAccess, audit: 'account.created' } },
      async (request, reply) => {
        const organisation = org(request);
        const body = (request.body ?? {}) as Record<string, unknown>;
        const errors: FieldError[] = [];
        const displayName = text(body, 'displayName');
        const email = text(body, 'email').toLowerCase();
        const password = typeof body.password === 'string' ? body.password : '';
        const employeeNumber = text(body, 'employeeNumber');
        const roles = list(body.roles).filter(isRole);
        if (!displayName) errors.push({ text: 'Enter the person’s name', href: '#displayName' });
        if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
          errors.push({ text: 'Enter an email address, like name@example.org', href: '#email' });
        if (roles.length === 0) errors.push({ text: 'Choose at least one role', href: '#roles' });
        if (roles.some((r) => !grantable(request).includes(r))) {
          errors.push({
            text: 'Only a partnership admin can make someone a partnership admin',
            href: '#roles',
          });
        }
        const existing = email ? await users.findByEmail(email) : null;
        if (!existing) {
          const problem = passwordProblem(password, { email });
          if (problem) errors.push({ text: problem, href: '#password' });
        }
        let personId: number | null = null;
        if (employeeNumber) {
          const [person] = await database.scoped({ organisationIds: [organisation.id] }, (db) =>
            db
              .select()
              .from(people)
              .where(
                and(eq(people.organisationId, organisation.id), eq(people.employeeNumber, employeeNumber)),
              ),
          );
          if (!person)
            errors.push({
              text: `No one here has employee number ${employeeNumber}`,
              href: '#employeeNumber',
            });
          else if (person.userId !== null && person.userId !== existing?.id) {
            errors.push({
              text: `${person.firstName} ${person.lastName} already has an account`,
              href: '#employeeNumber',
            });
          } else personId = person.id;
        }
        if (errors.length > 0) {
          return reply
            .status(400)
            .render(
              'user-accounts/views/new-account.njk',
              newAccountPage(request, { ...body, password: '' }, errors),
            );
        }
        const user =
          existing ??
          (await users.create({ email, displayName, passwordHash: await hashPassword(password) }));
        await users.grant(user.id, organisation.id, roles);
        if (personId !== null) {
          const id = personId;
          await database.scoped({ organisationIds: [organisation.id] }, (db) =>
            db
              .update(people)
              .set({ userId: user.id })
              .where(and(eq(people.organisationId, organisation.id), eq(people.id, id))),
          );
        }
        request.session.set('flash', {
          title: existing
            ? `${existing.email} already had an account: it now has these roles here`
            : `Account created for ${email}`,
        });
        return reply.redirect(paths.organisation.account.build({ org: organisation.slug, userId: user.id }));
      },
    );

    app.get(
      paths.organisation.account.pattern,
      { config: { access: accountsAccess } },
      async (request, reply) => {
        const { organisation, user, roles } = await accountIn(request);
        const linked = await linkedPeople(organisation.id, [user.id]);
        return reply.render('user-accounts/views/account.njk', {
          pageTitle: user.displayName,
          account: user,
          roleNames: roles.map((r) => ROLE_NAMES[r]),
          roles: roleItems(request, roles),
          person: linked.get(user.id) ?? null,
          rolesAction: paths.organisation.accountRoles.build({ org: organisation.slug, userId: user.id }),
          statusAction: paths.organisation.account.build({ org: organisation.slug, userId: user.id }),
          backLink: paths.organisation.accounts.build({ org: organisation.slug }),
        });
      },
    );

    // Disable or enable the account.
    app.post(
      paths.organisation.account.pattern,
      { config: { access: accountsAccess, audit: 'account.status-changed' } },
      async (request, reply) => {
        const { organisation, user } = await accountIn(request);
        const body = (request.body ?? {}) as Record<string, unknown>;
        const action = text(body, 'action');
        if (action !== 'disable' && action !== 'enable') {
          return reply.status(400).render('errors/bad-request.njk', {
            pageTitle: 'There is a problem',
            message: 'Choose to disable or enable the account.',
          });
        }
        if (user.id === request.principal?.userId && action === 'disable') {
          return reply.status(400).render('errors/bad-request.njk', {
            pageTitle: 'There is a problem',
            message: 'You cannot disable your own account.',
          });
        }
        await users.setDisabled(user.id, action === 'disable');
        request.session.set('flash', {
          title: action === 'disable' ? 'Account disabled: it can no longer sign in' : 'Account enabled',
        });
        return reply.redirect(paths.organisation.account.build({ org: organisation.slug, userId: user.id }));
      },
    );

    app.post(
      paths.organisation.accountRoles.pattern,
      { config: { access: accountsAccess, audit: 'account.roles-changed' } },
      async (request, reply) => {
        const { organisation, user, roles: before } = await accountIn(request);
        const body = (request.body ?? {}) as Record<string, unknown>;
        const roles = list(body.roles).filter(isRole);
        const allowed = grantable(request);
        // Roles this admin may not grant are kept as they were.
        const kept = before.filter((r) => !allowed.includes(r));
        const next = [...new Set([...roles.filter((r) => allowed.includes(r)), ...kept])];
        const errors: FieldError[] = [];
        if (next.length === 0)
          errors.push({ text: 'Choose at least one role, or disable the account instead', href: '#roles' });
        if (
          user.id === request.principal?.userId &&
          before.includes('organisation_admin') &&
          !next.includes('organisation_admin')
        ) {
          errors.push({ text: 'You cannot remove your own organisation admin role', href: '#roles' });
        }
        if (errors.length > 0) {
          const linked = await linkedPeople(organisation.id, [user.id]);
          return reply.status(400).render('user-accounts/views/account.njk', {
            pageTitle: user.displayName,
            account: user,
            roleNames: before.map((r) => ROLE_NAMES[r]),
            roles: roleItems(request, roles),
            person: linked.get(user.id) ?? null,
            errors,
            rolesAction: paths.organisation.accountRoles.build({ org: organisation.slug, userId: user.id }),
            statusAction: paths.organisation.account.build({ org: organisation.slug, userId: user.id }),
            backLink: paths.organisation.accounts.build({ org: organisation.slug }),
          });
        }
        await users.replaceGrants(user.id, organisation.id, next);
        request.session.set('flash', { title: 'Roles saved' });
        return reply.redirect(paths.organisation.account.build({ org: organisation.slug, userId: user.id }));
      },
    );

    // ------------------------------------------------------------ API keys

    app.get(
      paths.organisation.apiKeys.pattern,
      { config: { access: keysAccess } },
      async (request, reply) => {
        const organisation = org(request);
        const keys = await database.scoped({ organisationIds: [organisation.id] }, (db) =>
          apiKeysRepository(db, organisation.id).list(),
        );
        return reply.render('user-accounts/views/api-keys.njk', {
          pageTitle: 'API keys',
          keys: keys.map((k) => ({
            ...k,
            revokeAction: paths.organisation.revokeApiKey.build({ org: organisation.slug, keyId: k.id }),
          })),
          newHref: paths.organisation.newApiKey.build({ org: organisation.slug }),
        });
      },
    );

    const scopeItems = (selected: readonly string[]) =>
      API_SCOPES.map((s) => ({ value: s, text: `${s}: ${SCOPE_NAMES[s]}`, checked: selected.includes(s) }));

    app.get(
      paths.organisation.newApiKey.pattern,
      { config: { access: keysAccess } },
      async (request, reply) =>
        reply.render('user-accounts/views/new-api-key.njk', {
          pageTitle: 'Create an API key',
          values: {},
          scopes: scopeItems([]),
          backLink: paths.organisation.apiKeys.build({ org: org(request).slug }),
        }),
    );

    app.post(
      paths.organisation.newApiKey.pattern,
      { config: { access: keysAccess, audit: 'api-key.created' } },
      async (request, reply) => {
        const organisation = org(request);
        const body = (request.body ?? {}) as Record<string, unknown>;
        const name = text(body, 'name');
        const scopes = list(body.scopes).filter((s): s is (typeof API_SCOPES)[number] =>
          (API_SCOPES as readonly string[]).includes(s),
        );
        const errors: FieldError[] = [];
        if (!name || name.length > 100)
          errors.push({
            text: 'Enter a name for the key, up to 100 characters, like “HR system”',
            href: '#name',
          });
        if (scopes.length === 0) errors.push({ text: 'Choose what the key may do', href: '#scopes' });
        if (errors.length > 0) {
          return reply.status(400).render('user-accounts/views/new-api-key.njk', {
            pageTitle: 'Create an API key',
            values: body,
            errors,
            scopes: scopeItems(scopes),
            backLink: paths.organisation.apiKeys.build({ org: organisation.slug }),
          });
        }
        const secret = await database.scoped({ organisationIds: [organisation.id] }, (db) =>
          apiKeysRepository(db, organisation.id).create({
            name,
            scopes,
            createdByUserId: request.principal?.userId ?? 0,
          }),
        );
        // The key is shown this once, never stored: so no redirect here.
        void reply.header('cache-control', 'no-store');
        return reply.render('user-accounts/views/api-key-created.njk', {
          pageTitle: 'API key created',
          name,
          secret,
          scopes,
          keysHref: paths.organisation.apiKeys.build({ org: organisation.slug }),
        });
      },
    );

    app.post(
      paths.organisation.revokeApiKey.pattern,
      { config: { access: keysAccess, audit: 'api-key.revoked' } },
      async (request, reply) => {
        const organisation = org(request);
        const keyId = parseRecordId((request.params as { keyId?: string }).keyId) ?? 0;
        const revoked = Number.isSafeInteger(keyId)
          ? await database.scoped({ organisationIds: [organisation.id] }, (db) =>
              apiKeysRepository(db, organisation.id).revoke(keyId),
            )
          : false;
        if (!revoked) throw notFound();
        request.session.set('flash', { title: 'API key revoked: it no longer works' });
        return reply.redirect(paths.organisation.apiKeys.build({ org: organisation.slug }));
      },
    );
  };
}
