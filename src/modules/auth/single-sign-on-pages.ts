/**
 * Signing in with one's organisation's account (single sign-on): finding the organisation from a
 * work email address, going to its provider, and coming back signed in.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { recordAuditEvent } from '../../db/audit-repository.ts';
import type { Services } from '../../services.ts';
import { notFound } from '../../web/access-control.ts';
import type { FieldError } from '../../web/forms.ts';
import { paths } from '../../web/paths.ts';
import { safeReturnTo } from './return-to.ts';
import { singleSignOnPaths } from './single-sign-on-paths.ts';
import {
  accountForIdentity,
  completeSignIn,
  organisationsForEmail,
  SingleSignOnRefused,
  startSignIn,
  type Refusal,
} from './single-sign-on-service.ts';
import { signInAndAudit } from './start-session.ts';

const PUBLIC = { access: { kind: 'public' } } as const;

const findForm = z.object({
  email: z.string().trim().max(320).default(''),
  returnTo: z.string().max(2048).optional(),
});

/** What went wrong, in words for the person signing in, and the status it is answered with. */
const REFUSALS: Record<Refusal, { status: number; text: (organisation: string) => string }> = {
  'nothing-pending': {
    status: 400,
    text: () =>
      'This sign-in has already been used or has timed out, so you have not been signed in. Start again from the sign-in page.',
  },
  'not-enabled': {
    status: 400,
    text: (o) =>
      `${o} does not use single sign-on at the moment. Sign in with your email address and password.`,
  },
  'provider-unreachable': {
    status: 502,
    text: (o) =>
      `Wellwork could not reach ${o}’s sign-in service. Try again in a few minutes. If it keeps happening, tell your organisation’s IT team.`,
  },
  cancelled: {
    status: 400,
    text: () =>
      'You did not finish signing in with your organisation’s account, so you have not been signed in.',
  },
  'untrusted-answer': {
    status: 400,
    text: (o) =>
      `${o}’s sign-in service sent an answer that Wellwork cannot trust, so you have not been signed in. Start again; if it happens again, tell your organisation’s IT team.`,
  },
  'email-not-verified': {
    status: 403,
    text: (o) =>
      `${o}’s sign-in service did not confirm your email address, so Wellwork cannot match you to your employee record. Ask your IT team to check your account there.`,
  },
  'domain-not-allowed': {
    status: 403,
    text: (o) =>
      `The email address of your account is not one that ${o} lets sign in to Wellwork. Ask your organisation admin to check the email domains they allow.`,
  },
  'no-employee-record': {
    status: 403,
    text: (o) =>
      `Wellwork could not find your email address on any of ${o}’s employee records. Ask your HR team to add it to your record, then try again.`,
  },
  'several-employee-records': {
    status: 403,
    text: (o) =>
      `More than one of ${o}’s employee records has your email address, so Wellwork cannot tell which is yours. Ask your HR team to correct them.`,
  },
  'record-linked-elsewhere': {
    status: 403,
    text: () =>
      'Your employee record is already linked to another Wellwork account. Ask your organisation admin to check it.',
  },
  'account-elsewhere': {
    status: 403,
    text: () =>
      'Your Wellwork account has roles in another organisation, so it cannot be signed in to with this organisation’s account. Sign in with your email address and password.',
  },
  'account-disabled': {
    status: 403,
    text: () => 'Your Wellwork account cannot be signed in to. Ask your organisation admin.',
  },
};

export function singleSignOnRoutes(services: Services) {
  const { config } = services;

  const problemPage = async (reply: FastifyReply, reason: Refusal, organisationId: number | null) => {
    const organisation =
      organisationId === null ? null : await services.organisations.findById(organisationId);
    const refusal = REFUSALS[reason];
    return reply.status(refusal.status).render('auth/views/single-sign-on-problem.njk', {
      pageTitle: 'You have not been signed in',
      message: refusal.text(organisation?.name ?? 'Your organisation'),
      signInHref: paths.signIn.build(),
    });
  };

  const findPage = (
    reply: FastifyReply,
    values: { email: string; returnTo?: string | undefined },
    errors: FieldError[] = [],
  ) =>
    reply.render('auth/views/single-sign-on-find.njk', {
      pageTitle: 'Sign in with your organisation’s account',
      email: values.email,
      returnTo: safeReturnTo(values.returnTo, config.publicUrl),
      errors,
      backLink: paths.signIn.build(),
    });

  return async (app: FastifyInstance) => {
    app.get(singleSignOnPaths.findOrganisation.pattern, { config: PUBLIC }, async (request, reply) => {
      const query = request.query as { returnTo?: unknown };
      return findPage(reply, {
        email: '',
        returnTo: typeof query.returnTo === 'string' ? query.returnTo : undefined,
      });
    });

    app.post(singleSignOnPaths.findOrganisation.pattern, { config: PUBLIC }, async (request, reply) => {
      const form = findForm.safeParse(request.body ?? {});
      const values = form.success ? form.data : { email: '', returnTo: undefined };
      if (!values.email) {
        return findPage(reply.status(400), values, [
          { text: 'Enter your work email address', href: '#email' },
        ]);
      }
      const organisations = await organisationsForEmail(services, values.email);
      const returnTo = safeReturnTo(values.returnTo, config.publicUrl);
      const startHref = (slug: string) =>
        `${singleSignOnPaths.start.build({ org: slug })}?${new URLSearchParams({ returnTo })}`;
      if (organisations.length === 0) {
        return findPage(reply.status(400), values, [
          {
            text: 'No organisation in Wellwork signs in its people with their organisation’s account for this email address. Sign in with your email address and password instead.',
            href: '#email',
          },
        ]);
      }
      // A link to follow rather than a redirect: the page's forms may lead only to Wellwork itself
      // (its content security policy), and the provider is elsewhere.
      return reply.render('auth/views/single-sign-on-choose.njk', {
        pageTitle: organisations.length === 1 ? 'Continue to your organisation' : 'Choose your organisation',
        organisations: organisations.map((o) => ({ name: o.name, href: startHref(o.slug) })),
        backLink: singleSignOnPaths.findOrganisation.build(),
      });
    });

    // Sends the person to their organisation's provider, with a fresh state, nonce and PKCE
    // challenge kept in their session for the way back.
    app.get(singleSignOnPaths.start.pattern, { config: PUBLIC }, async (request, reply) => {
      const slug = (request.params as { org: string }).org;
      const organisation = await services.organisations.findBySlug(slug);
      if (!organisation) throw notFound();
      const query = request.query as { returnTo?: unknown };
      try {
        const { url, pending } = await startSignIn(
          services,
          organisation.id,
          safeReturnTo(query.returnTo, config.publicUrl),
        );
        request.session.set('singleSignOn', pending);
        return await reply.redirect(url);
      } catch (error) {
        if (!(error instanceof SingleSignOnRefused)) throw error;
        // An organisation without single sign-on has no such page.
        if (error.reason === 'not-enabled') throw notFound();
        request.log.warn({ organisationId: organisation.id, reason: error.message }, 'single sign-on failed');
        return problemPage(reply, error.reason, organisation.id);
      }
    });

    app.get(singleSignOnPaths.callback.pattern, { config: PUBLIC }, async (request, reply) => {
      const pending = request.session.get('singleSignOn');
      // Used once: a second visit to the same answer finds nothing pending.
      if (pending) request.session.set('singleSignOn', undefined);
      try {
        if (!pending) throw new SingleSignOnRefused('nothing-pending');
        const identity = await completeSignIn(services, pending, currentUrl(request, config.publicUrl));
        const { organisationId } = pending;
        const account = await accountForIdentity(services, organisationId, identity);
        await signInAndAudit(services, request, {
          organisationId,
          userId: account.userId,
          signedInWith: 'single-sign-on',
          detail: { method: 'single-sign-on', firstSignIn: account.firstSignIn },
        });
        return await reply.redirect(safeReturnTo(pending.returnTo, config.publicUrl));
      } catch (error) {
        if (!(error instanceof SingleSignOnRefused)) throw error;
        request.log.warn({ reason: error.message }, 'single sign-on refused');
        if (pending) {
          await recordAuditEvent(services.database.system, {
            organisationId: pending.organisationId,
            userId: null,
            action: 'single-sign-on.refused',
            subjectType: 'organisation',
            subjectId: String(pending.organisationId),
            detail: { reason: error.reason, ...(error.claim ? { claim: error.claim } : {}) },
          });
        }
        return problemPage(reply, error.reason, pending?.organisationId ?? null);
      }
    });
  };
}

/** The address the provider sent the person back to, as seen at the service's public address. */
function currentUrl(request: FastifyRequest, publicUrl: string): URL {
  return new URL(request.url, `${publicUrl}/`);
}
