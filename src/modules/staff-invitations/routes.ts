import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { recordAuditEvent } from '../../db/audit-repository.ts';
import { PRODUCT_NAME, passwordProblem } from '../../domain/password-policy.ts';
import {
  INVITATION_STATUSES,
  invitationStatus,
  invitationStatusWords,
  isInvitationStatus,
  linkProblem,
  STATUS_FILTER_NAMES,
} from '../../domain/staff-invitations.ts';
import { today } from '../../domain/today.ts';
import type { Services } from '../../services.ts';
import { notFound } from '../../web/access-control.ts';
import type { FieldError } from '../../web/forms.ts';
import { paginationLinks, requestedPage } from '../../web/pagination.ts';
import { paths } from '../../web/paths.ts';
import { hashPassword } from '../auth/passwords.ts';
import { singleSignOnEnabled } from '../auth/single-sign-on-flag-queries.ts';
import { usersRepository } from '../auth/users-repository.ts';
import { personAccountsRepository } from '../people/person-accounts-repository.ts';
import { idList, isRequestKey, newRequestKey, readTarget, targetFields } from './invitation-forms.ts';
import { sendWaitingInvitations, tokenHash, type InvitingOrganisation } from './invitation-sender.ts';
import { staffInvitationsRepository, type InvitationTarget } from './staff-invitations-repository.ts';
import { invitationPaths } from './staff-invitations-paths.ts';
import { formBody, idParam, organisationOf, principalOf } from '../../web/request-context.ts';
import { beginSession } from '../auth/start-session.ts';

const access = { kind: 'permission', permission: 'staff-invitations.send' } as const;
const everyone = { kind: 'public' } as const;

/** People shown a page at a time when choosing whom to invite, and invitations in the list. */
const CHOOSE_PAGE_SIZE = 50;
const LIST_PAGE_SIZE = 100;

const plural = (n: number, one: string, many: string) =>
  `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/**
 * An organisation admin's pages for inviting the organisation's people in bulk, watching the
 * emails go and managing the invitations; and the page an invitation's link leads to.
 */
export function staffInvitationsRoutes(services: Services) {
  const { database } = services;
  const scoped = <T>(
    organisationId: number,
    work: (repo: ReturnType<typeof staffInvitationsRepository>) => Promise<T>,
  ) =>
    database.scoped({ organisationIds: [organisationId] }, (db) =>
      work(staffInvitationsRepository(db, organisationId)),
    );

  /** The senders running in this process, one an organisation; others may run on other servers. */
  const sending = new Map<number, Promise<void>>();
  let closing = false;
  function startSending(organisation: InvitingOrganisation, log: FastifyRequest['log']) {
    if (closing || sending.has(organisation.id)) return;
    const run = sendWaitingInvitations(services, organisation)
      .then(() => undefined)
      .catch((error: unknown) => log.error({ err: error }, 'Sending invitations stopped'))
      .finally(() => sending.delete(organisation.id));
    sending.set(organisation.id, run);
  }

  /** The words for whom a target invites: "everyone in Adult Social Care and the units below it". */
  async function targetWords(organisationId: number, target: InvitationTarget): Promise<string> {
    if (target.who === 'everyone') return 'everyone with an email address and no account';
    if (target.who === 'chosen') return 'the people you chose';
    const units = await scoped(organisationId, (repo) => repo.units());
    const unit = units.find((u) => u.id === target.unitId);
    return `everyone in ${unit?.path ?? 'the unit'}, and the units below it, with an email address and no account`;
  }

  /** The units and the people the form names that are this organisation's, to check it against. */
  async function known(organisationId: number, body: Record<string, unknown>) {
    return scoped(organisationId, async (repo) => ({
      unitIds: new Set((await repo.units()).map((u) => u.id)),
      peopleHere: new Set(await repo.peopleHere(idList(body.person) ?? [])),
    }));
  }

  async function whoPage(
    request: FastifyRequest,
    values: Record<string, unknown>,
    errors: FieldError[] = [],
  ) {
    const organisation = organisationOf(request);
    const { units, everyone: count } = await scoped(organisation.id, async (repo) => ({
      units: await repo.units(),
      everyone: await repo.countInvitable({ who: 'everyone' }, today()),
    }));
    const fields = targetFields(values);
    return {
      pageTitle: 'Invite people',
      organisationName: organisation.name,
      errors,
      who: fields.who,
      everyoneCount: count,
      units: [
        { value: '', text: 'Choose a unit', selected: fields.unitId === '' },
        ...units.map((u) => ({
          value: String(u.id),
          text: u.path,
          selected: String(u.id) === fields.unitId,
        })),
      ],
      backLink: invitationPaths.list.build({ org: organisation.slug }),
    };
  }

  /** The page of people to choose from, with those chosen on other pages carried in the form. */
  async function choosePage(
    request: FastifyRequest,
    chosen: readonly number[],
    page: number,
    errors: FieldError[] = [],
  ) {
    const organisation = organisationOf(request);
    const { people, total } = await scoped(organisation.id, (repo) =>
      repo.invitablePeople({ who: 'everyone' }, today(), {
        limit: CHOOSE_PAGE_SIZE,
        offset: (page - 1) * CHOOSE_PAGE_SIZE,
      }),
    );
    const pages = Math.max(1, Math.ceil(total / CHOOSE_PAGE_SIZE));
    const shown = new Set(people.map((p) => p.id));
    return {
      pageTitle: 'Choose whom to invite',
      organisationName: organisation.name,
      errors,
      total,
      page,
      pages,
      chosenCount: chosen.length,
      people: people.map((p) => ({
        value: String(p.id),
        text: `${p.firstName} ${p.lastName}`,
        hint: { text: `${p.email}, employee number ${p.employeeNumber}` },
        checked: chosen.includes(p.id),
      })),
      // Chosen on other pages: carried as hidden fields, so that no JavaScript is needed.
      carried: chosen.filter((id) => !shown.has(id)),
      pageButtons: Array.from({ length: pages }, (_, i) => i + 1).map((n) => ({
        number: n,
        current: n === page,
      })),
      backLink: invitationPaths.new.build({ org: organisation.slug }),
    };
  }

  /** Shows how many the target invites and asks to confirm, with a new request key. */
  async function checkPage(request: FastifyRequest, reply: FastifyReply, target: InvitationTarget) {
    const organisation = organisationOf(request);
    const { count, sample } = await scoped(organisation.id, async (repo) => {
      const { people, total } = await repo.invitablePeople(target, today(), { limit: 10, offset: 0 });
      return { count: total, sample: people };
    });
    if (count === 0) {
      const errors = [
        {
          text:
            target.who === 'chosen'
              ? 'None of the people you chose can be invited: they have an account or an invitation already'
              : `There is nobody to invite: ${await targetWords(organisation.id, target)} has an invitation already`,
          href: '#who',
        },
      ];
      const values = { who: target.who, unitId: target.who === 'unit' ? String(target.unitId) : '' };
      return reply
        .status(400)
        .render('staff-invitations/views/new.njk', await whoPage(request, values, errors));
    }
    return reply.render('staff-invitations/views/check.njk', {
      pageTitle: 'Check whom you are inviting',
      organisationName: organisation.name,
      count,
      countWords: plural(count, 'person', 'people'),
      targetWords: await targetWords(organisation.id, target),
      sample: sample.map((p) => `${p.firstName} ${p.lastName} (${p.email})`),
      more: count - sample.length,
      who: target.who,
      unitId: target.who === 'unit' ? String(target.unitId) : '',
      personIds: target.who === 'chosen' ? target.personIds.map(String) : [],
      requestKey: newRequestKey(),
      sendAction: invitationPaths.send.build({ org: organisation.slug }),
      backLink: invitationPaths.new.build({ org: organisation.slug }),
    });
  }

  return async (app: FastifyInstance) => {
    // Emails still being sent when the server stops are left waiting, for the next run to send.
    app.addHook('onClose', async () => {
      closing = true;
      await Promise.all(sending.values());
    });

    app.get(invitationPaths.list.pattern, { config: { access } }, async (request, reply) => {
      const organisation = organisationOf(request);
      const query = request.query as { status?: unknown };
      const status = isInvitationStatus(query.status) ? query.status : null;
      const page = requestedPage(request.query);
      const now = new Date();
      const { invitations, total, expired, waiting } = await scoped(organisation.id, async (repo) => ({
        ...(await repo.list(status, { limit: LIST_PAGE_SIZE, offset: (page - 1) * LIST_PAGE_SIZE })),
        expired: await repo.countExpired(),
        waiting: await repo.waitingToBeSent(),
      }));
      if (waiting > 0) startSending(organisation, request.log);
      const pages = Math.max(1, Math.ceil(total / LIST_PAGE_SIZE));
      const listHref = (n: number) =>
        `${invitationPaths.list.build({ org: organisation.slug })}?${new URLSearchParams({ ...(status ? { status } : {}), page: String(n) }).toString()}`;
      return reply.render('staff-invitations/views/list.njk', {
        pageTitle: 'Invitations',
        organisationName: organisation.name,
        newHref: invitationPaths.new.build({ org: organisation.slug }),
        listAction: invitationPaths.list.build({ org: organisation.slug }),
        statuses: [
          { value: '', text: 'All', selected: status === null },
          ...INVITATION_STATUSES.map((s) => ({
            value: s,
            text: STATUS_FILTER_NAMES[s],
            selected: s === status,
          })),
        ],
        total,
        statusName: status ? STATUS_FILTER_NAMES[status] : null,
        expired,
        expiredWords: plural(expired, 'expired invitation', 'expired invitations'),
        revokeExpiredAction: invitationPaths.revokeExpired.build({ org: organisation.slug }),
        invitations: invitations.map((i) => {
          const state = invitationStatus(i, now);
          const open = state === 'waiting' || state === 'sent' || state === 'expired';
          return {
            name: `${i.firstName} ${i.lastName}`,
            employeeNumber: i.employeeNumber,
            email: i.email,
            status: invitationStatusWords(i, now),
            resendAction:
              open && state !== 'waiting'
                ? invitationPaths.resend.build({ org: organisation.slug, staffInvitationId: i.id })
                : null,
            revokeAction: open
              ? invitationPaths.revoke.build({ org: organisation.slug, staffInvitationId: i.id })
              : null,
          };
        }),
        pagination: paginationLinks(Math.min(page, pages), pages, listHref),
      });
    });

    app.get(invitationPaths.new.pattern, { config: { access } }, async (request, reply) =>
      reply.render('staff-invitations/views/new.njk', await whoPage(request, {})),
    );

    // Whom to invite: everyone and a unit go straight to the check; a choice of people first
    // goes to the list to choose from.
    app.post(invitationPaths.new.pattern, { config: { access } }, async (request, reply) => {
      const organisation = organisationOf(request);
      const body = formBody(request);
      if (body.who === 'chosen')
        return reply.redirect(invitationPaths.choosePeople.build({ org: organisation.slug }), 303);
      const { target, errors } = readTarget(body, await known(organisation.id, body));
      if (!target)
        return reply
          .status(400)
          .render('staff-invitations/views/new.njk', await whoPage(request, body, errors));
      return checkPage(request, reply, target);
    });

    app.get(invitationPaths.choosePeople.pattern, { config: { access } }, async (request, reply) =>
      reply.render(
        'staff-invitations/views/choose-people.njk',
        await choosePage(request, [], requestedPage(request.query)),
      ),
    );

    // Moving between pages of the list keeps what was chosen; "Continue" checks the choice.
    app.post(invitationPaths.choosePeople.pattern, { config: { access } }, async (request, reply) => {
      const organisation = organisationOf(request);
      const body = formBody(request);
      const chosen = idList(body.person);
      const go = typeof body.go === 'string' ? body.go : 'continue';
      const pageAsked = /^\d{1,6}$/.test(go) ? Number(go) : null;
      if (chosen === null) {
        return reply
          .status(400)
          .render(
            'staff-invitations/views/choose-people.njk',
            await choosePage(request, [], 1, [{ text: 'Choose people from the list', href: '#people' }]),
          );
      }
      if (pageAsked !== null)
        return reply.render(
          'staff-invitations/views/choose-people.njk',
          await choosePage(request, chosen, Math.max(1, pageAsked)),
        );
      const { target, errors } = readTarget(
        { who: 'chosen', person: body.person },
        await known(organisation.id, body),
      );
      if (!target)
        return reply
          .status(400)
          .render('staff-invitations/views/choose-people.njk', await choosePage(request, chosen, 1, errors));
      return checkPage(request, reply, target);
    });

    // Sends the invitations of a checked request. Its key makes sending it again (a double
    // click, a refresh) invite nobody twice; the emails go after the reply, a batch at a time.
    app.post(invitationPaths.send.pattern, { config: { access } }, async (request, reply) => {
      const organisation = organisationOf(request);
      const principal = principalOf(request);
      const body = formBody(request);
      const { target, errors } = readTarget(body, await known(organisation.id, body));
      const requestKey = body.requestKey;
      const keyErrors: FieldError[] = isRequestKey(requestKey)
        ? []
        : [{ text: 'This form has expired: choose whom to invite again', href: '#who' }];
      if (!target || keyErrors.length > 0 || !isRequestKey(requestKey)) {
        return reply
          .status(400)
          .render('staff-invitations/views/new.njk', await whoPage(request, body, [...errors, ...keyErrors]));
      }
      const invited = await database.scoped({ organisationIds: [organisation.id] }, async (db) => {
        const count = await staffInvitationsRepository(db, organisation.id).invite(
          target,
          today(),
          requestKey,
          principal.userId,
        );
        if (count > 0) {
          await recordAuditEvent(db, {
            organisationId: organisation.id,
            userId: principal.userId,
            action: 'staff-invitations.invited',
            subjectType: 'organisation',
            subjectId: String(organisation.id),
            detail: { who: target.who, invited: count, requestKey },
          });
        }
        return count;
      });
      startSending(organisation, request.log);
      request.log.info({ invited }, 'People invited');
      return reply.redirect(
        `${invitationPaths.progress.build({ org: organisation.slug })}?request=${encodeURIComponent(requestKey)}`,
        303,
      );
    });

    // How many of a request's emails have gone. Refreshed by the person (a link): a page that
    // refreshed itself would move under someone reading it with a screen reader.
    app.get(invitationPaths.progress.pattern, { config: { access } }, async (request, reply) => {
      const organisation = organisationOf(request);
      const query = request.query as { request?: unknown };
      const requestKey = isRequestKey(query.request) ? query.request : null;
      const { progress, waiting } = await scoped(organisation.id, async (repo) => ({
        progress: await repo.progress(requestKey),
        waiting: await repo.waitingToBeSent(),
      }));
      // After a restart, or if a sender stopped, looking at progress sends what is left.
      if (waiting > 0) startSending(organisation, request.log);
      const done = progress.sent + progress.revoked;
      const refreshHref = `${invitationPaths.progress.build({ org: organisation.slug })}${requestKey ? `?request=${encodeURIComponent(requestKey)}` : ''}`;
      return reply.render('staff-invitations/views/progress.njk', {
        pageTitle: 'Sending invitations',
        organisationName: organisation.name,
        known: requestKey !== null && progress.total > 0,
        finished: done >= progress.total,
        sentWords: `${progress.sent.toLocaleString('en-GB')} of ${plural(progress.total, 'invitation', 'invitations')} sent`,
        waiting,
        waitingWords: plural(waiting, 'invitation is', 'invitations are'),
        refreshHref,
        listHref: invitationPaths.list.build({ org: organisation.slug }),
      });
    });

    app.post(invitationPaths.resend.pattern, { config: { access } }, async (request, reply) => {
      const organisation = organisationOf(request);
      const principal = principalOf(request);
      const id = idParam(request, 'staffInvitationId');
      const resent = await database.scoped({ organisationIds: [organisation.id] }, async (db) => {
        const row = await staffInvitationsRepository(db, organisation.id).resend(id);
        if (row) {
          await recordAuditEvent(db, {
            organisationId: organisation.id,
            userId: principal.userId,
            action: 'staff-invitations.resent',
            subjectType: 'staff-invitation',
            subjectId: String(row.id),
          });
        }
        return row;
      });
      if (!resent) throw notFound();
      startSending(organisation, request.log);
      request.session.set('flash', {
        title: `A new invitation is being sent to ${resent.email}. The link sent before no longer works.`,
      });
      return reply.redirect(invitationPaths.list.build({ org: organisation.slug }), 303);
    });

    app.post(invitationPaths.revoke.pattern, { config: { access } }, async (request, reply) => {
      const organisation = organisationOf(request);
      const principal = principalOf(request);
      const id = idParam(request, 'staffInvitationId');
      const revoked = await database.scoped({ organisationIds: [organisation.id] }, async (db) => {
        const row = await staffInvitationsRepository(db, organisation.id).revoke(id);
        if (row) {
          await recordAuditEvent(db, {
            organisationId: organisation.id,
            userId: principal.userId,
            action: 'staff-invitations.revoked',
            subjectType: 'staff-invitation',
            subjectId: String(row.id),
          });
        }
        return row;
      });
      if (!revoked) throw notFound();
      request.session.set('flash', {
        title: `Invitation to ${revoked.email} revoked: its link no longer works`,
      });
      return reply.redirect(invitationPaths.list.build({ org: organisation.slug }), 303);
    });

    app.post(invitationPaths.revokeExpired.pattern, { config: { access } }, async (request, reply) => {
      const organisation = organisationOf(request);
      const principal = principalOf(request);
      const count = await database.scoped({ organisationIds: [organisation.id] }, async (db) => {
        const n = await staffInvitationsRepository(db, organisation.id).revokeExpired();
        if (n > 0) {
          await recordAuditEvent(db, {
            organisationId: organisation.id,
            userId: principal.userId,
            action: 'staff-invitations.expired-revoked',
            subjectType: 'organisation',
            subjectId: String(organisation.id),
            detail: { revoked: n },
          });
        }
        return n;
      });
      request.session.set('flash', {
        title:
          count === 0
            ? 'There were no expired invitations to revoke'
            : `${plural(count, 'expired invitation', 'expired invitations')} revoked`,
      });
      return reply.redirect(invitationPaths.list.build({ org: organisation.slug }), 303);
    });

    // ---- Following an invitation's link: anyone with the link, signed in or not. ----

    /** The organisation the address names, and the invitation the token is the link of. */
    async function invitationOf(request: FastifyRequest, token: unknown) {
      const slug = (request.params as { org?: string }).org ?? '';
      const organisation = await services.organisations.findBySlug(slug);
      if (!organisation) throw notFound();
      const valid = typeof token === 'string' && /^[A-Za-z0-9_-]{43}$/.test(token);
      const found = valid
        ? await database.scoped({ organisationIds: [organisation.id] }, async (db) => ({
            invitation: await staffInvitationsRepository(db, organisation.id).byTokenHash(tokenHash(token)),
            singleSignOn: await singleSignOnEnabled(db, organisation.id),
          }))
        : { invitation: null, singleSignOn: false };
      return { organisation, token: valid ? token : '', ...found };
    }

    async function joinPage(
      reply: FastifyReply,
      found: Awaited<ReturnType<typeof invitationOf>>,
      errors: FieldError[] = [],
    ) {
      const { organisation, invitation, singleSignOn } = found;
      const problem = linkProblem(invitation, new Date());
      if (problem || !invitation) {
        return reply.status(invitation ? 410 : 404).render('staff-invitations/views/link-problem.njk', {
          pageTitle: 'This link cannot be used',
          message: problem,
          signInHref: paths.signIn.build(),
        });
      }
      return reply.render('staff-invitations/views/join.njk', {
        pageTitle: singleSignOn ? 'Sign in to Wellwork' : 'Set your password',
        errors,
        name: `${invitation.firstName} ${invitation.lastName}`,
        email: invitation.email,
        organisationName: organisation.name,
        singleSignOn,
        singleSignOnHref: invitationPaths.singleSignOn.build({ org: organisation.slug }),
        token: found.token,
        action: invitationPaths.join.build({ org: organisation.slug }),
      });
    }

    app.get(invitationPaths.join.pattern, { config: { access: everyone } }, async (request, reply) => {
      const found = await invitationOf(request, (request.query as { token?: unknown }).token);
      return joinPage(reply, found);
    });

    // Sets the password, makes the account, links the person, grants the employee role and marks
    // the invitation accepted, all at once; then signs them in.
    app.post(invitationPaths.join.pattern, { config: { access: everyone } }, async (request, reply) => {
      const body = formBody(request);
      const found = await invitationOf(request, body.token);
      const { organisation, invitation, singleSignOn } = found;
      if (!invitation || linkProblem(invitation, new Date()) || singleSignOn) return joinPage(reply, found);
      const password = typeof body.password === 'string' ? body.password : '';
      const confirm = typeof body.confirmPassword === 'string' ? body.confirmPassword : '';
      const errors: FieldError[] = [];
      const problem = password
        ? passwordProblem(password, { email: invitation.email, names: [organisation.name, PRODUCT_NAME] })
        : 'Enter a password';
      if (problem) errors.push({ text: problem, href: '#password' });
      if (!confirm) errors.push({ text: 'Enter the password again', href: '#confirmPassword' });
      else if (password && confirm !== password)
        errors.push({
          text: 'The passwords do not match: enter the same password twice',
          href: '#confirmPassword',
        });
      if (invitation.personUserId !== null) {
        errors.push({
          text: 'Your record here is already linked to an account: sign in with it',
          href: '#password',
        });
      } else if (await services.users.findByEmail(invitation.email)) {
        errors.push({
          text: `There is already a Wellwork account for ${invitation.email}. Sign in with it, and ask your organisation’s administrator to give it access here.`,
          href: '#password',
        });
      }
      if (errors.length > 0) return joinPage(reply.status(400), found, errors);
      // Hashed before the transaction: it takes a moment, and nothing need wait for it.
      const passwordHash = await hashPassword(password);
      const userId = await database.scoped({ organisationIds: [organisation.id] }, async (db) => {
        const current = await staffInvitationsRepository(db, organisation.id).byTokenHash(
          tokenHash(found.token),
        );
        if (!current || linkProblem(current, new Date()) || current.personUserId !== null) return null;
        const users = usersRepository(db);
        const user = await users.create({
          email: current.email,
          displayName: `${current.firstName} ${current.lastName}`,
          passwordHash,
        });
        await users.grant(user.id, organisation.id, ['employee']);
        const linked = await personAccountsRepository(db, organisation.id).linkPerson(
          current.personId,
          user.id,
        );
        const accepted = await staffInvitationsRepository(db, organisation.id).markAccepted(
          current.id,
          user.id,
        );
        if (!linked || !accepted) throw new Error('The invitation changed while it was being accepted');
        await recordAuditEvent(db, {
          organisationId: organisation.id,
          userId: user.id,
          action: 'staff-invitations.accepted',
          subjectType: 'staff-invitation',
          subjectId: String(current.id),
          detail: { personId: current.personId },
        });
        return user.id;
      });
      if (userId === null) return joinPage(reply.status(400), await invitationOf(request, body.token));
      await beginSession(request, userId);
      request.session.set('flash', {
        title: `Welcome to Wellwork. Your account is ready: you are signed in.`,
      });
      return reply.redirect(paths.home.build(), 303);
    });
  };
}
