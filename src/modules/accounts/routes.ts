import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.ts';
import type { Role } from '../../domain/roles.ts';
import type { Services } from '../../services.ts';
import { notFound } from '../../web/access-control.ts';
import { errorSummary, type FieldError } from '../../web/forms.ts';
import { paths } from '../../web/paths.ts';
import type { OrganisationContext, Principal } from '../../web/types.ts';
import { hashPassword } from '../auth/passwords.ts';
import { usersRepository } from '../auth/users-repository.ts';
import {
  apiKeySchema,
  checkNewAccount,
  grantableRoles,
  nextRoles,
  rolesSchema,
  statusSchema,
} from './account-forms.ts';
import { accountPeopleRepository, type LinkedPerson } from './account-people-repository.ts';
import { accountRow, apiKeyRow, personText, roleItems, roleTags, scopeItems } from './account-views.ts';
import { apiKeysRepository } from './api-keys-repository.ts';

const accountsAccess = { kind: 'permission', permission: 'accounts.manage' } as const;
const apiKeysAccess = { kind: 'permission', permission: 'api-keys.manage' } as const;

type Body = Record<string, unknown>;

function organisationOf(request: FastifyRequest): OrganisationContext {
  if (!request.organisation) throw notFound();
  return request.organisation;
}

function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw notFound();
  return request.principal;
}

function idParam(request: FastifyRequest, name: 'userId' | 'keyId'): number {
  const value = (request.params as Record<string, string | undefined>)[name] ?? '';
  if (!/^[1-9][0-9]{0,9}$/.test(value)) throw notFound();
  const id = Number(value);
  if (id > 2_147_483_647) throw notFound();
  return id;
}

function bodyOf(request: FastifyRequest): Body {
  const body: unknown = request.body;
  return body && typeof body === 'object' ? (body as Body) : {};
}

function textOf(body: Body, field: string): string {
  const value = body[field];
  return typeof value === 'string' ? value : '';
}

function listOf(body: Body, field: string): string[] {
  const value = body[field];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' && value !== '' ? [value] : [];
}

/** The roles the signed-in person holds anywhere: a partnership admin may grant that role. */
function grantableBy(principal: Principal): Role[] {
  return grantableRoles(principal.grants.map((g) => g.role));
}

/** Thrown inside the write transaction when the person was linked to another account meanwhile. */
class PersonAlreadyLinked extends Error {}

/**
 * An organisation admin's pages for the accounts holding roles in the organisation (adding
 * them, changing their roles here, disabling them) and for the organisation's API keys.
 */
export function accountsRoutes(services: Services) {
  const { database } = services;
  const scoped = <T>(organisationId: number, work: (db: Db) => Promise<T>) =>
    database.scoped({ organisationIds: [organisationId] }, work);

  /** The account named in the path, if it holds a role here: otherwise 404. */
  async function accountHere(request: FastifyRequest) {
    const organisation = organisationOf(request);
    const userId = idParam(request, 'userId');
    const found = await scoped(organisation.id, async (db) => {
      const users = usersRepository(db);
      const roles = await users.rolesIn(userId, organisation.id);
      if (roles.length === 0) return null;
      const account = await users.findById(userId);
      if (!account) return null;
      const person =
        (await accountPeopleRepository(db, organisation.id).linkedTo([userId])).get(userId) ?? null;
      return { account, roles, person };
    });
    if (!found) throw notFound();
    return { organisation, ...found };
  }

  function renderAccount(
    request: FastifyRequest,
    reply: FastifyReply,
    found: Awaited<ReturnType<typeof accountHere>>,
    form: { status?: number; errors?: FieldError[]; chosenRoles?: readonly string[] } = {},
  ) {
    const { organisation, account, roles, person } = found;
    const slug = organisation.slug;
    const principal = principalOf(request);
    const grantable = grantableBy(principal);
    const kept = roles.filter((role) => !grantable.includes(role));
    return reply.status(form.status ?? 200).render('accounts/views/account.njk', {
      pageTitle: account.displayName,
      backLink: paths.organisation.accounts.build({ org: slug }),
      errors: form.errors ?? [],
      account: {
        displayName: account.displayName,
        email: account.email,
        disabled: account.disabled,
        isYou: account.id === principal.userId,
      },
      roleTags: roleTags(roles),
      keptRoles: roleTags(kept),
      roleItems: roleItems(grantable, form.chosenRoles ?? roles),
      person: person
        ? {
            text: personText(person),
            href: paths.organisation.person.build({ org: slug, personId: person.personId }),
          }
        : null,
      rolesAction: paths.organisation.accountRoles.build({ org: slug, userId: account.id }),
      statusAction: paths.organisation.account.build({ org: slug, userId: account.id }),
    });
  }

  function renderNewAccount(
    request: FastifyRequest,
    reply: FastifyReply,
    form: { status?: number; values?: Body; errors?: FieldError[] } = {},
  ) {
    const organisation = organisationOf(request);
    const values = form.values ?? {};
    return reply.status(form.status ?? 200).render('accounts/views/new-account.njk', {
      pageTitle: 'Add an account',
      backLink: paths.organisation.accounts.build({ org: organisation.slug }),
      errors: form.errors ?? [],
      values: {
        displayName: textOf(values, 'displayName'),
        email: textOf(values, 'email'),
        employeeNumber: textOf(values, 'employeeNumber'),
      },
      roleItems: roleItems(
        grantableBy(principalOf(request)),
        form.values ? listOf(values, 'roles') : ['employee'],
      ),
    });
  }

  function renderNewApiKey(
    request: FastifyRequest,
    reply: FastifyReply,
    form: { status?: number; values?: Body; errors?: FieldError[] } = {},
  ) {
    const organisation = organisationOf(request);
    const values = form.values ?? {};
    return reply.status(form.status ?? 200).render('accounts/views/new-api-key.njk', {
      pageTitle: 'Create an API key',
      backLink: paths.organisation.apiKeys.build({ org: organisation.slug }),
      errors: form.errors ?? [],
      values: { name: textOf(values, 'name') },
      scopeItems: scopeItems(listOf(values, 'scopes')),
    });
  }

  return async (app: FastifyInstance) => {
    app.get(
      paths.organisation.accounts.pattern,
      { config: { access: accountsAccess } },
      async (request, reply) => {
        const organisation = organisationOf(request);
        const { accounts, linked } = await scoped(organisation.id, async (db) => {
          const accounts = await usersRepository(db).listForOrganisation(organisation.id);
          const linked = await accountPeopleRepository(db, organisation.id).linkedTo(
            accounts.map((a) => a.id),
          );
          return { accounts, linked };
        });
        return reply.render('accounts/views/accounts.njk', {
          pageTitle: 'Accounts',
          accounts: accounts.map((account) => accountRow(organisation.slug, account, linked.get(account.id))),
          newAccountHref: paths.organisation.newAccount.build({ org: organisation.slug }),
          apiKeysHref: paths.organisation.apiKeys.build({ org: organisation.slug }),
        });
      },
    );

    app.get(
      paths.organisation.newAccount.pattern,
      { config: { access: accountsAccess } },
      async (request, reply) => renderNewAccount(request, reply),
    );

    app.post(
      paths.organisation.newAccount.pattern,
      { config: { access: accountsAccess, audit: 'account.created' } },
      async (request, reply) => {
        const organisation = organisationOf(request);
        const body = bodyOf(request);
        const email = textOf(body, 'email').trim().toLowerCase();
        const employeeNumber = textOf(body, 'employeeNumber').trim();

        const looked = await scoped(organisation.id, async (db) => {
          const people = accountPeopleRepository(db, organisation.id);
          const existing = email ? await usersRepository(db).findByEmail(email) : null;
          const person = employeeNumber ? await people.findByEmployeeNumber(employeeNumber) : null;
          const existingPerson: LinkedPerson | null = existing
            ? ((await people.linkedTo([existing.id])).get(existing.id) ?? null)
            : null;
          return { existing, person, existingPerson };
        });
        const { existing, person, existingPerson } = looked;

        const checked = checkNewAccount(body, {
          existingAccount: existing !== null,
          grantable: grantableBy(principalOf(request)),
        });
        const errors = checked.ok ? [] : [...checked.errors];
        if (employeeNumber && !errors.some((e) => e.href === '#employeeNumber')) {
          const problem = !person
            ? `There is no one in ${organisation.name} with employee number ${employeeNumber}`
            : person.userId !== null && person.userId !== existing?.id
              ? `${person.firstName} ${person.lastName} (employee number ${employeeNumber}) is already linked to another account`
              : existingPerson && existingPerson.personId !== person.id
                ? `The account for ${email} is already linked to ${personText(existingPerson)}`
                : null;
          if (problem) errors.push({ text: problem, href: '#employeeNumber' });
        }
        if (!checked.ok || errors.length > 0) {
          return renderNewAccount(request, reply, { status: 400, values: body, errors });
        }

        const form = checked.value;
        const passwordHash = existing ? null : await hashPassword(form.password);
        let userId: number;
        try {
          userId = await scoped(organisation.id, async (db) => {
            const users = usersRepository(db);
            const account =
              existing ??
              (await users.create({
                email: form.email,
                displayName: form.displayName,
                passwordHash: passwordHash ?? '',
              }));
            await users.grant(account.id, organisation.id, form.roles);
            if (person && !(await accountPeopleRepository(db, organisation.id).link(person.id, account.id))) {
              throw new PersonAlreadyLinked();
            }
            return account.id;
          });
        } catch (error) {
          if (!(error instanceof PersonAlreadyLinked)) throw error;
          return renderNewAccount(request, reply, {
            status: 400,
            values: body,
            errors: [
              {
                text: `Employee number ${employeeNumber} has just been linked to another account`,
                href: '#employeeNumber',
              },
            ],
          });
        }

        request.session.set(
          'flash',
          existing
            ? {
                title: `${existing.email} already had an account`,
                text: `It has been given the roles you chose in ${organisation.name}. Its name and password have not changed${existing.disabled ? '. The account is disabled: enable it so they can sign in' : ''}.`,
              }
            : { title: 'Account created', text: `${form.displayName} can now sign in with ${form.email}.` },
        );
        return reply.redirect(paths.organisation.account.build({ org: organisation.slug, userId }), 303);
      },
    );

    app.get(
      paths.organisation.account.pattern,
      { config: { access: accountsAccess, audit: 'account.viewed' } },
      async (request, reply) => renderAccount(request, reply, await accountHere(request)),
    );

    // Disables or enables the account, everywhere in the partnership.
    app.post(
      paths.organisation.account.pattern,
      { config: { access: accountsAccess, audit: 'account.status-changed' } },
      async (request, reply) => {
        const found = await accountHere(request);
        const { organisation, account } = found;
        const principal = principalOf(request);
        const parsed = statusSchema.safeParse(bodyOf(request));
        if (!parsed.success) {
          return renderAccount(request, reply, found, {
            status: 400,
            errors: errorSummary(parsed.error.issues, { action: 'status' }),
          });
        }
        const disable = parsed.data.action === 'disable';
        if (disable) {
          const problem = await disableProblem(principal, account.id);
          if (problem)
            return renderAccount(request, reply, found, {
              status: 400,
              errors: [{ text: problem, href: '#status' }],
            });
        }
        await services.users.setDisabled(account.id, disable);
        request.session.set(
          'flash',
          disable
            ? { title: 'Account disabled', text: `${account.displayName} can no longer sign in.` }
            : { title: 'Account enabled', text: `${account.displayName} can sign in again.` },
        );
        return reply.redirect(
          paths.organisation.account.build({ org: organisation.slug, userId: account.id }),
          303,
        );
      },
    );

    /**
     * Why the signed-in person may not disable this account, or null. Disabling reaches every
     * organisation, so an organisation admin may disable only accounts whose roles are all in
     * organisations they administer, and only a partnership admin may disable a partnership admin.
     */
    async function disableProblem(principal: Principal, userId: number): Promise<string | null> {
      if (userId === principal.userId) return 'You cannot disable your own account';
      const actorIsPartnershipAdmin = principal.grants.some((g) => g.role === 'partnership_admin');
      if (actorIsPartnershipAdmin) return null;
      const grants = await services.users.grantsOf(userId);
      if (grants.some((g) => g.role === 'partnership_admin')) {
        return 'Only a partnership admin can disable a partnership admin’s account';
      }
      const administered = new Set(
        principal.grants.filter((g) => g.role === 'organisation_admin').map((g) => g.organisationId),
      );
      const elsewhere = [
        ...new Set(grants.map((g) => g.organisationId).filter((id) => !administered.has(id))),
      ];
      if (elsewhere.length === 0) return null;
      const names = (await services.users.organisationsOf(elsewhere)).map((o) => o.name);
      return `This account also has roles in ${names.join(', ')}, so only a partnership admin can disable it. You can remove its roles here instead.`;
    }

    app.post(
      paths.organisation.accountRoles.pattern,
      { config: { access: accountsAccess, audit: 'account.roles-changed' } },
      async (request, reply) => {
        const found = await accountHere(request);
        const { organisation, account, roles: before } = found;
        const principal = principalOf(request);
        const body = bodyOf(request);
        const parsed = rolesSchema.safeParse(body);
        if (!parsed.success) {
          return renderAccount(request, reply, found, {
            status: 400,
            errors: errorSummary(parsed.error.issues),
            chosenRoles: listOf(body, 'roles'),
          });
        }
        const next = nextRoles({
          before,
          ticked: parsed.data.roles,
          grantable: grantableBy(principal),
          changingOwnAccount: account.id === principal.userId,
        });
        if (!next.ok) {
          return renderAccount(request, reply, found, {
            status: 400,
            errors: [{ text: next.error, href: '#roles' }],
            chosenRoles: parsed.data.roles,
          });
        }
        await scoped(organisation.id, (db) =>
          usersRepository(db).replaceGrants(account.id, organisation.id, next.roles),
        );
        if (next.roles.length === 0) {
          request.session.set('flash', {
            title: 'Roles removed',
            text: `${account.displayName} no longer has any role in ${organisation.name}.`,
          });
          return reply.redirect(paths.organisation.accounts.build({ org: organisation.slug }), 303);
        }
        request.session.set('flash', { title: 'Roles saved' });
        return reply.redirect(
          paths.organisation.account.build({ org: organisation.slug, userId: account.id }),
          303,
        );
      },
    );

    // ------------------------------------------------------------------------------ API keys

    app.get(
      paths.organisation.apiKeys.pattern,
      { config: { access: apiKeysAccess } },
      async (request, reply) => {
        const organisation = organisationOf(request);
        const keys = await scoped(organisation.id, (db) => apiKeysRepository(db, organisation.id).list());
        return reply.render('accounts/views/api-keys.njk', {
          pageTitle: 'API keys',
          keys: keys.map((key) => apiKeyRow(organisation.slug, key)),
          newApiKeyHref: paths.organisation.newApiKey.build({ org: organisation.slug }),
          accountsHref: paths.organisation.accounts.build({ org: organisation.slug }),
          openapiHref: paths.api.openapi.build(),
        });
      },
    );

    app.get(
      paths.organisation.newApiKey.pattern,
      { config: { access: apiKeysAccess } },
      async (request, reply) => renderNewApiKey(request, reply),
    );

    app.post(
      paths.organisation.newApiKey.pattern,
      { config: { access: apiKeysAccess, audit: 'api-key.created' } },
      async (request, reply) => {
        const organisation = organisationOf(request);
        const body = bodyOf(request);
        const parsed = apiKeySchema.safeParse(body);
        if (!parsed.success) {
          return renderNewApiKey(request, reply, {
            status: 400,
            values: body,
            errors: errorSummary(parsed.error.issues),
          });
        }
        const created = await scoped(organisation.id, (db) =>
          apiKeysRepository(db, organisation.id).create({
            name: parsed.data.name,
            scopes: parsed.data.scopes,
            createdByUserId: principalOf(request).userId,
          }),
        );
        // The key is shown on this page only, and never stored, so there is no redirect to a
        // page that could show it again; nor may the page be kept in a cache.
        void reply.header('cache-control', 'no-store');
        return reply.render('accounts/views/api-key-created.njk', {
          pageTitle: 'API key created',
          name: parsed.data.name,
          key: created.key,
          scopes: parsed.data.scopes,
          apiKeysHref: paths.organisation.apiKeys.build({ org: organisation.slug }),
        });
      },
    );

    app.post(
      paths.organisation.revokeApiKey.pattern,
      { config: { access: apiKeysAccess, audit: 'api-key.revoked' } },
      async (request, reply) => {
        const organisation = organisationOf(request);
        const keyId = idParam(request, 'keyId');
        const result = await scoped(organisation.id, async (db) => {
          const keys = apiKeysRepository(db, organisation.id);
          const key = await keys.find(keyId);
          if (!key) return null;
          return { name: key.name, revoked: await keys.revoke(keyId) };
        });
        if (!result) throw notFound();
        request.session.set(
          'flash',
          result.revoked
            ? { title: 'API key revoked', text: `“${result.name}” no longer works.` }
            : { title: 'API key already revoked', text: `“${result.name}” had already been revoked.` },
        );
        return reply.redirect(paths.organisation.apiKeys.build({ org: organisation.slug }), 303);
      },
    );
  };
}
