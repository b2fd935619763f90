/**
 * The employee's own occupational health pages: their referrals and how they are going, the
 * whole text of a referral about them before they consent, giving or withdrawing consent, and
 * referring themselves to physiotherapy or counselling (which their manager and HR never see).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.ts';
import { mayGiveConsent, mayWithdrawConsent, SELF_REFERRAL_SERVICES } from '../../domain/oh-referrals.ts';
import { today } from '../../domain/today.ts';
import type { Services } from '../../services.ts';
import { notFound } from '../../web/access-control.ts';
import type { FieldError } from '../../web/forms.ts';
import { paths } from '../../web/paths.ts';
import {
  formBody,
  idParam,
  organisationRecordOf,
  ownPersonId,
  textField,
  userIdOf,
} from '../../web/request-context.ts';
import { selfSubject } from '../../web/subject.ts';
import { loadSections } from './case-sections.ts';
import { ohPaths } from './occupational-health-paths.ts';
import { serviceServing } from './oh-service-scope-queries.ts';
import { referralConsentRepository } from './referral-consent-repository.ts';
import { giveConsent, selfRefer, selfReferralForm, withdrawConsent } from './referral-service.ts';
import { referralView } from './referral-view.ts';
import { findReferralOf, type Referral } from './referrals-repository.ts';

const OWN = { kind: 'permission', permission: 'oh.own' } as const;

const NO_SERVICE_FOR_YOU =
  'Your organisation has no occupational health service yet, so you cannot refer yourself here. Your line manager or HR can tell you what support there is.';

export function ownReferralPages(services: Services) {
  const { database } = services;

  /** The signed-in employee's own referral: anyone else's is not found. */
  async function ownReferral(db: Db, request: FastifyRequest): Promise<Referral> {
    const organisation = organisationRecordOf(request);
    const referral = await findReferralOf(db, organisation.id, idParam(request, 'referralId'));
    if (!referral || referral.personId !== ownPersonId(request)) throw notFound();
    return referral;
  }

  async function referralPage(
    db: Db,
    request: FastifyRequest,
    referral: Referral,
    errors: FieldError[] = [],
  ) {
    const organisation = organisationRecordOf(request);
    const progress = await referralConsentRepository(db, organisation.id).progressOf([referral.id]);
    const slug = organisation.slug;
    return {
      pageTitle: referral.kind === 'self' ? 'Your self-referral' : 'Your referral to occupational health',
      referral: referralView(referral, progress, true),
      subject: selfSubject(),
      mayConsent: mayGiveConsent(referral),
      mayWithdraw: mayWithdrawConsent(referral),
      consentHref: ohPaths.own.consent.build({ org: slug, referralId: referral.id }),
      withdrawHref: ohPaths.own.withdraw.build({ org: slug, referralId: referral.id }),
      sections: await loadSections({
        db,
        services,
        request,
        referral,
        viewer: 'employee',
        clinician: false,
        organisationSlug: slug,
        date: today(),
      }),
      errors,
      backLink: ohPaths.own.overview.build({ org: slug }),
    };
  }

  /** After a change, back to the referral's page with a message of what was done. */
  function toOwnReferral(
    request: FastifyRequest,
    reply: FastifyReply,
    referral: Referral,
    flash: { title: string; text: string },
  ) {
    request.session.set('flash', flash);
    return reply.redirect(
      ohPaths.own.referral.build({ org: organisationRecordOf(request).slug, referralId: referral.id }),
    );
  }

  const selfReferralPage = (
    slug: string,
    served: boolean,
    values: Record<string, unknown>,
    errors: FieldError[] = [],
  ) => ({
    pageTitle: 'Refer yourself to physiotherapy or counselling',
    served,
    noService: NO_SERVICE_FOR_YOU,
    services: Object.entries(SELF_REFERRAL_SERVICES).map(([value, text]) => ({
      value,
      text,
      checked: values.service === value,
    })),
    values,
    errors,
    backLink: ohPaths.own.overview.build({ org: slug }),
  });

  return async (app: FastifyInstance) => {
    app.get(ohPaths.own.overview.pattern, { config: { access: OWN } }, async (request, reply) => {
      const organisation = organisationRecordOf(request);
      const personId = ownPersonId(request);
      const data = await database.scoped({ organisationIds: [organisation.id] }, async (db) => {
        const repository = referralConsentRepository(db, organisation.id);
        const referrals = await repository.referralsOfPerson(personId);
        return { referrals, progress: await repository.progressOf(referrals.map((r) => r.id)) };
      });
      return reply.render('occupational-health/views/my-occupational-health.njk', {
        pageTitle: 'Your occupational health',
        referrals: data.referrals.map((r) => ({
          ...referralView(r, data.progress, true),
          href: ohPaths.own.referral.build({ org: organisation.slug, referralId: r.id }),
          // A report waiting for the employee's review is their next step.
          reportToReviewHref:
            data.progress.get(r.id)?.report?.status === 'with_employee'
              ? ohPaths.own.report.build({
                  org: organisation.slug,
                  reportId: data.progress.get(r.id)?.report?.id ?? 0,
                })
              : null,
        })),
        selfReferralHref: ohPaths.own.selfReferral.build({ org: organisation.slug }),
        backLink: paths.organisation.myAttendance.build({ org: organisation.slug }),
      });
    });

    app.get(ohPaths.own.referral.pattern, { config: { access: OWN } }, async (request, reply) => {
      const organisation = organisationRecordOf(request);
      const page = await database.scoped({ organisationIds: [organisation.id] }, async (db) =>
        referralPage(db, request, await ownReferral(db, request)),
      );
      return reply.render('occupational-health/views/my-referral.njk', page);
    });

    app.post(ohPaths.own.consent.pattern, { config: { access: OWN } }, async (request, reply) => {
      const organisation = organisationRecordOf(request);
      const confirmed = textField(formBody(request), 'confirmed') === 'yes';
      const outcome = await database.scoped({ organisationIds: [organisation.id] }, async (db) => {
        const referral = await ownReferral(db, request);
        const errors: FieldError[] = [];
        if (!mayGiveConsent(referral))
          errors.push({ text: 'This referral is not waiting for your consent', href: '#main-content' });
        else if (!confirmed)
          errors.push({
            text: 'Confirm that you have read the referral and agree to it going to occupational health',
            href: '#confirmed',
          });
        const done = errors.length === 0 ? await giveConsent(db, request, organisation.id, referral) : null;
        if (!done && errors.length === 0)
          errors.push({ text: 'This referral is not waiting for your consent', href: '#main-content' });
        return done
          ? { done, page: null }
          : { done: null, page: await referralPage(db, request, referral, errors) };
      });
      if (outcome.done)
        return toOwnReferral(request, reply, outcome.done, {
          title: 'Thank you: your referral has gone to occupational health',
          text: 'They will be in touch about an appointment. You can withdraw your consent until they take it up.',
        });
      return reply.status(400).render('occupational-health/views/my-referral.njk', outcome.page);
    });

    app.post(ohPaths.own.withdraw.pattern, { config: { access: OWN } }, async (request, reply) => {
      const organisation = organisationRecordOf(request);
      const outcome = await database.scoped({ organisationIds: [organisation.id] }, async (db) => {
        const referral = await ownReferral(db, request);
        const done = mayWithdrawConsent(referral)
          ? await withdrawConsent(db, services, request, organisation, referral)
          : null;
        if (done) return { done, page: null };
        const errors = [
          {
            text: 'Occupational health has already taken up this referral: ask them if you no longer want it',
            href: '#main-content',
          },
        ];
        return { done: null, page: await referralPage(db, request, referral, errors) };
      });
      if (outcome.done)
        return toOwnReferral(request, reply, outcome.done, {
          title: 'You have withdrawn your consent',
          text:
            outcome.done.kind === 'management'
              ? 'The referral will not go ahead. The person who made it has been told, but not why.'
              : 'Your self-referral will not go ahead.',
        });
      return reply.status(400).render('occupational-health/views/my-referral.njk', outcome.page);
    });

    app.get(ohPaths.own.selfReferral.pattern, { config: { access: OWN } }, async (request, reply) => {
      const organisation = organisationRecordOf(request);
      ownPersonId(request);
      const served = await database.scoped({ organisationIds: [organisation.id] }, async (db) =>
        serviceServing(db, organisation.id, today()),
      );
      return reply.render(
        'occupational-health/views/self-referral.njk',
        selfReferralPage(organisation.slug, served !== null, {}),
      );
    });

    app.post(ohPaths.own.selfReferral.pattern, { config: { access: OWN } }, async (request, reply) => {
      const organisation = organisationRecordOf(request);
      const personId = ownPersonId(request);
      const body = formBody(request);
      const form = selfReferralForm(body);
      const outcome = await database.scoped({ organisationIds: [organisation.id] }, async (db) => {
        const served = (await serviceServing(db, organisation.id, today())) !== null;
        if (!form.value)
          return { page: selfReferralPage(organisation.slug, served, body, form.errors), done: null };
        const done = await selfRefer(
          db,
          request,
          organisation,
          { personId, userId: userIdOf(request) },
          form.value,
        );
        if (!done) {
          const errors = [{ text: NO_SERVICE_FOR_YOU, href: '#main-content' }];
          return { page: selfReferralPage(organisation.slug, served, body, errors), done: null };
        }
        return { page: null, done };
      });
      if (outcome.done)
        return toOwnReferral(request, reply, outcome.done, {
          title: 'Your self-referral has gone to occupational health',
          text: 'They will be in touch about an appointment. Your manager and HR are not told.',
        });
      return reply.status(400).render('occupational-health/views/self-referral.njk', outcome.page);
    });
  };
}
