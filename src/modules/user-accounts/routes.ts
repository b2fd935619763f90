import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PRODUCT_NAME, passwordProblem } from '../../domain/password-policy.ts';
import { inRoleOrder } from '../../domain/labels.ts';
import { isRole, ROLE_NAMES, ROLES, type Role } from '../../domain/roles.ts';
import type { Services } from '../../services.ts';
import { notFound } from '../../web/access-control.ts';
import type { FieldError } from '../../web/forms.ts';
import { ukDate } from '../../web/nunjucks.ts';
import { paths } from '../../web/paths.ts';
import { API_SCOPES } from '../../web/types.ts';
import { authenticators } from '../auth/authenticators.ts';
import { hashPassword } from '../auth/passwords.ts';
import {
  acceptInvitation,
  changeRoles,
  declineInvitation,
  invitationsToAnswer,
  inviteAccount,
  roleChanges,
  rolesInWords,
  setAccessHere,
  withdrawInvitation,
} from './accounts-service.ts';
import { apiKeysRepository } from './api-keys-repository.ts';
import { personAccountsRepository } from '../people/person-accounts-repository.ts';
import { parseRecordId } from '../../web/record-ids.ts';
import { organisationOf, principalOf } from '../../web/request-context.ts';

const accountsAccess = { kind: 'permission', permission: 'accounts.manage' } as const;
const keysAccess = { kind: 'permission', permission: 'api-keys.manage' } as const;
const signedIn = { kind: 'signed-in' } as const;

const SCOPE_NAMES: Record<(typeof API_SCOPES)[number], string> = {
  'organisation:read': 'Read the organisation’s settings and units',
  'people:read': 'Read people and their employment',
  'people:write': 'Import people',
  'reports:read': 'Read absence reports',
};

function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' && value ? [value] : [];
}

function text(body: Record<string, unknown>, key: string): string {
  const value = body[key];
  return typeof value === 'string' ? value.trim() : '';
}

function idParam(request: FastifyRequest, name: string): number {
  const id = Number((request.params as Record<string, string | undefined>)[name]);
  if (!Number.isSafeInteger(id) || id <= 0) throw notFound();
  return id;
}

/** The roles this person may grant: only a partnership admin may grant partnership admin. */
function grantable(request: FastifyRequest): Role[] {
  const isPartnershipAdmin = request.principal?.grants.some((g) => g.role === 'partnership_admin') ?? false;
  return ROLES.filter((r) => r !== 'partnership_admin' || isPartnershipAdmin);
}

/**
 * An organisation admin's pages for user accounts, their roles and access here, and API keys;
 * and each account holder's page of invitations to answer.
 */
export function userAccountsRoutes(services: Services) {
  const { users, database } = services;

  async function linkedPeople(organisationId: number, userIds: number[]) {
    if (userIds.length === 0) return new Map<number, { name: string; employeeNumber: string }>();
    const rows = await database.scoped({ organisationIds: [organisationId] }, (db) =>
      personAccountsRepository(db, organisationId).linkedTo(userIds),
    );
    return new Map(
      rows.map((r) => [
        r.userId ?? 0,
        { name: `${r.firstName} ${r.lastName}`, employeeNumber: r.employeeNumber },
      ]),
    );
  }

  /** An account holding roles in the organisation of the address; any other is not found. */
  async function accountIn(request: FastifyRequest) {
    const organisation = organisationOf(request);
    const userId = idParam(request, 'userId');
    const roles = await users.rolesIn(userId, organisation.id);
    const user = roles.length > 0 ? await users.findById(userId) : null;
    if (!user) throw notFound();
    const suspendedHere = await users.isSuspended(userId, organisation.id);
    return { organisation, user, roles, suspendedHere };
  }

  /**
   * The roles offered on an account's page. On one's own account only the roles held are offered,
   * to keep or remove: nobody gives themselves a role.
   */
  const roleItems = (request: FastifyRequest, selected: readonly string[], own: readonly Role[] | null) =>
    grantable(request)
      .filter((r) => own === null || own.includes(r))
      .map((r) => ({ value: r, text: ROLE_NAMES[r], checked: selected.includes(r) }));

  async function accountPage(
    request: FastifyRequest,
    account: Awaited<ReturnType<typeof accountIn>>,
    selected: readonly string[],
    errors: FieldError[] = [],
  ) {
    const { organisation, user, roles, suspendedHere } = account;
    const own = user.id === request.principal?.userId;
    const linked = await linkedPeople(organisation.id, [user.id]);
    const authenticator = await authenticators(services).status(user.id);
    return {
      pageTitle: user.displayName,
      account: user,
      organisationName: organisation.name,
      own,
      suspendedHere,
      roleNames: inRoleOrder(roles).map((r) => ROLE_NAMES[r]),
      roles: roleItems(request, selected, own ? roles : null),
      person: linked.get(user.id) ?? null,
      errors,
      rolesAction: paths.organisation.accountRoles.build({ org: organisation.slug, userId: user.id }),
      statusAction: paths.organisation.account.build({ org: organisation.slug, userId: user.id }),
      authenticatorSetUpOn: authenticator.confirmedAt,
      resetAuthenticatorAction: paths.organisation.resetAuthenticator.build({
        org: organisation.slug,
        userId: user.id,
      }),
      backLink: paths.organisation.accounts.build({ org: organisation.slug }),
    };
  }

  const problem = (message: string) => ({ pageTitle: 'There is a problem', message });

  return async (app: FastifyInstance) => {
    app.get(
      paths.organisation.accounts.pattern,
      { config: { access: accountsAccess } },
      async (request, reply) => {
        const organisation = organisationOf(request);
        const accounts = await users.listForOrganisation(organisation.id);
        const linked = await linkedPeople(
          organisation.id,
          accounts.map((a) => a.id),
        );
        const invitations = await users.invitationsOf(organisation.id);
        const inviters = await users.displayNames(invitations.map((i) => i.invitedBy));
        return reply.render('user-accounts/views/accounts.njk', {
          pageTitle: 'Accounts and roles',
          organisationName: organisation.name,
          accounts: accounts.map((a) => ({
            ...a,
            roleNames: inRoleOrder(a.roles).map((r) => ROLE_NAMES[r]),
            person: linked.get(a.id) ?? null,
            href: paths.organisation.account.build({ org: organisation.slug, userId: a.id }),
          })),
          invitations: invitations.map((i) => ({
            email: i.email,
            roles: rolesInWords(i.roles),
            status: i.expired
              ? `Invited on ${ukDate(i.createdAt)}; the invitation expired on ${ukDate(i.expiresAt)}`
              : `Invited on ${ukDate(i.createdAt)}, waiting for an answer`,
            invitedBy: inviters.get(i.invitedBy) ?? '',
            expired: i.expired,
            withdrawAction: paths.organisation.withdrawInvitation.build({
              org: organisation.slug,
              invitationId: i.id,
            }),
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
      organisationName: organisationOf(request).name,
      values,
      errors,
      roles: roleItems(request, list(values.roles), null),
      backLink: paths.organisation.accounts.build({ org: organisationOf(request).slug }),
    });

    app.get(
      paths.organisation.newAccount.pattern,
      { config: { access: accountsAccess } },
      async (request, reply) =>
        reply.render('user-accounts/views/new-account.njk', newAccountPage(request, { roles: ['employee'] })),
    );

    // Adding an account always sends an invitation: the roles take effect when its holder accepts.
    // The reply is the same whether the email had an account or not, so it reveals neither.
    app.post(
      paths.organisation.newAccount.pattern,
      { config: { access: accountsAccess } },
      async (request, reply) => {
        const organisation = organisationOf(request);
        const principal = principalOf(request);
        const body = (request.body ?? {}) as Record<string, unknown>;
        const errors: FieldError[] = [];
        const displayName = text(body, 'displayName');
        const email = text(body, 'email').toLowerCase();
        const password = typeof body.password === 'string' ? body.password : '';
        const employeeNumber = text(body, 'employeeNumber');
        const roles = list(body.roles).filter(isRole);
        const emailValid = /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email);
        if (!displayName) errors.push({ text: 'Enter the person’s name', href: '#displayName' });
        if (!emailValid)
          errors.push({ text: 'Enter an email address, like name@example.org', href: '#email' });
        else if (email === principal.email.toLowerCase()) {
          errors.push({
            text: 'You cannot invite yourself: ask another organisation admin to give you roles',
            href: '#email',
          });
        } else {
          // Only this organisation's own accounts are looked at, which its admin can see anyway.
          const members = await users.listForOrganisation(organisation.id);
          if (members.some((a) => a.email.toLowerCase() === email)) {
            errors.push({
              text: `${email} already has roles here: change them on their account page`,
              href: '#email',
            });
          }
        }
        // The same rules whether or not the email has an account, so that errors reveal neither.
        const passwordError = passwordProblem(password, { email, names: [organisation.name, PRODUCT_NAME] });
        if (passwordError) errors.push({ text: passwordError, href: '#password' });
        if (roles.length === 0) errors.push({ text: 'Choose at least one role', href: '#roles' });
        if (roles.some((r) => !grantable(request).includes(r))) {
          errors.push({
            text: 'Only a partnership admin can make someone a partnership admin',
            href: '#roles',
          });
        }
        let personId: number | null = null;
        if (employeeNumber) {
          const person = await database.scoped({ organisationIds: [organisation.id] }, (db) =>
            personAccountsRepository(db, organisation.id).findByEmployeeNumber(employeeNumber),
          );
          const invited = person
            ? (await users.invitationsOf(organisation.id)).some(
                (i) => i.personId === person.id && i.email.toLowerCase() !== email,
              )
            : false;
          if (!person)
            errors.push({
              text: `No one here has employee number ${employeeNumber}`,
              href: '#employeeNumber',
            });
          else if (person.userId !== null) {
            errors.push({
              text: `${person.firstName} ${person.lastName} already has an account`,
              href: '#employeeNumber',
            });
          } else if (invited) {
            errors.push({
              text: `${person.firstName} ${person.lastName} has already been invited with another email address`,
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
        // Hashed whether or not it is used, so the time taken does not tell either.
        const passwordHash = await hashPassword(password);
        await inviteAccount(services, {
          organisationId: organisation.id,
          organisationName: organisation.name,
          invitedBy: principal.userId,
          email,
          displayName,
          passwordHash,
          roles,
          personId,
        });
        request.session.set('flash', {
          title: `Invitation sent to ${email}. They will be asked to accept it when they sign in.`,
        });
        return reply.redirect(paths.organisation.accounts.build({ org: organisation.slug }));
      },
    );

    app.post(
      paths.organisation.withdrawInvitation.pattern,
      { config: { access: accountsAccess } },
      async (request, reply) => {
        const organisation = organisationOf(request);
        const withdrawn = await withdrawInvitation(
          services,
          organisation.id,
          principalOf(request).userId,
          idParam(request, 'invitationId'),
        );
        if (!withdrawn) throw notFound();
        request.session.set('flash', { title: `Invitation to ${withdrawn.email} withdrawn` });
        return reply.redirect(paths.organisation.accounts.build({ org: organisation.slug }));
      },
    );

    app.get(
      paths.organisation.account.pattern,
      { config: { access: accountsAccess } },
      async (request, reply) => {
        const account = await accountIn(request);
        return reply.render(
          'user-accounts/views/account.njk',
          await accountPage(request, account, account.roles),
        );
      },
    );

    // Disable or enable the account's access to this organisation: never the account itself.
    app.post(
      paths.organisation.account.pattern,
      { config: { access: accountsAccess } },
      async (request, reply) => {
        const { organisation, user } = await accountIn(request);
        const principal = principalOf(request);
        const body = (request.body ?? {}) as Record<string, unknown>;
        const action = text(body, 'action');
        if (action !== 'disable' && action !== 'enable') {
          return reply
            .status(400)
            .render('errors/bad-request.njk', problem('Choose to disable or enable their access.'));
        }
        if (user.id === principal.userId && action === 'disable') {
          return reply
            .status(400)
            .render('errors/bad-request.njk', problem('You cannot disable your own access.'));
        }
        await setAccessHere(services, organisation.id, principal.userId, user.id, action);
        request.session.set('flash', {
          title:
            action === 'disable'
              ? `Access disabled: ${user.displayName} can no longer use Wellwork for ${organisation.name}`
              : user.disabled
                ? `Access to ${organisation.name} enabled, but the account itself is disabled: it still cannot sign in`
                : `Access enabled: ${user.displayName} can use Wellwork for ${organisation.name} again`,
        });
        return reply.redirect(paths.organisation.account.build({ org: organisation.slug, userId: user.id }));
      },
    );

    app.post(
      paths.organisation.accountRoles.pattern,
      { config: { access: accountsAccess } },
      async (request, reply) => {
        const account = await accountIn(request);
        const { organisation, user, roles: before } = account;
        const principal = principalOf(request);
        const body = (request.body ?? {}) as Record<string, unknown>;
        const roles = list(body.roles).filter(isRole);
        const allowed = grantable(request);
        // Roles this admin may not grant are kept as they were.
        const kept = before.filter((r) => !allowed.includes(r));
        const next = [...new Set([...roles.filter((r) => allowed.includes(r)), ...kept])];
        const { added, removed } = roleChanges(before, next);
        const own = user.id === principal.userId;
        const errors: FieldError[] = [];
        if (next.length === 0)
          errors.push({ text: 'Choose at least one role, or disable their access instead', href: '#roles' });
        if (own && added.length > 0) {
          errors.push({
            text: 'You cannot give yourself a role: ask another organisation admin',
            href: '#roles',
          });
        }
        if (own && removed.includes('organisation_admin')) {
          errors.push({ text: 'You cannot remove your own organisation admin role', href: '#roles' });
        }
        if (errors.length > 0) {
          return reply
            .status(400)
            .render('user-accounts/views/account.njk', await accountPage(request, account, roles, errors));
        }
        if (added.length > 0 || removed.length > 0) {
          await changeRoles(
            services,
            organisation.id,
            principal.userId,
            user.id,
            before,
            next,
            own ? request.session.sessionId : undefined,
          );
        }
        request.session.set('flash', { title: 'Roles saved' });
        return reply.redirect(paths.organisation.account.build({ org: organisation.slug, userId: user.id }));
      },
    );

    // Someone who has lost their phone and recovery codes: their app goes, and their sessions end.
    app.post(
      paths.organisation.resetAuthenticator.pattern,
      { config: { access: accountsAccess } },
      async (request, reply) => {
        const { organisation, user } = await accountIn(request);
        const principal = principalOf(request);
        if (user.id === principal.userId) {
          return reply
            .status(400)
            .render(
              'errors/bad-request.njk',
              problem('You cannot reset your own authenticator app: ask another organisation admin.'),
            );
        }
        const reset = await authenticators(services).reset(user.id, {
          userId: principal.userId,
          organisationId: organisation.id,
        });
        request.session.set('flash', {
          title: reset
            ? `Authenticator app reset: ${user.displayName} has been signed out, and sets up an app again when they next sign in`
            : `${user.displayName} has no authenticator app to reset`,
        });
        return reply.redirect(paths.organisation.account.build({ org: organisation.slug, userId: user.id }));
      },
    );

    // ------------------------------------------------------------ the holder's invitations

    app.get(paths.invitations.pattern, { config: { access: signedIn } }, async (request, reply) =>
      reply.render('user-accounts/views/invitations.njk', {
        pageTitle: 'Your invitations',
        invitations: await invitationsToAnswer(services, principalOf(request).userId),
      }),
    );

    app.post(paths.acceptInvitation.pattern, { config: { access: signedIn } }, async (request, reply) => {
      const userId = principalOf(request).userId;
      const invitationId = idParam(request, 'invitationId');
      const waiting = (await invitationsToAnswer(services, userId)).find((i) => i.id === invitationId);
      const accepted = waiting ? await acceptInvitation(services, userId, invitationId) : null;
      if (!waiting || !accepted) throw notFound();
      request.session.set('flash', {
        title: `You have joined ${waiting.organisationName} as ${rolesInWords(accepted.roles)}`,
      });
      return reply.redirect(paths.home.build());
    });

    app.post(paths.declineInvitation.pattern, { config: { access: signedIn } }, async (request, reply) => {
      const userId = principalOf(request).userId;
      const invitationId = idParam(request, 'invitationId');
      const waiting = (await invitationsToAnswer(services, userId)).find((i) => i.id === invitationId);
      const declined = waiting ? await declineInvitation(services, userId, invitationId) : null;
      if (!waiting || !declined) throw notFound();
      request.session.set('flash', { title: `You declined the invitation from ${waiting.organisationName}` });
      return reply.redirect(paths.home.build());
    });

    // ------------------------------------------------------------ API keys

    app.get(
      paths.organisation.apiKeys.pattern,
      { config: { access: keysAccess } },
      async (request, reply) => {
        const organisation = organisationOf(request);
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
          backLink: paths.organisation.apiKeys.build({ org: organisationOf(request).slug }),
        }),
    );

    app.post(
      paths.organisation.newApiKey.pattern,
      { config: { access: keysAccess, audit: 'api-key.created' } },
      async (request, reply) => {
        const organisation = organisationOf(request);
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
        const organisation = organisationOf(request);
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
