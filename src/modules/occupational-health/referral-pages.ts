/**
 * The referrer's pages: a line manager (for their reporting line) or HR (for everyone) refers
 * someone to OH, records the consent the employee gave in a meeting, and follows their referrals'
 * progress. Never a self-referral, and nothing clinical.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.ts';
import {
  consentDateProblem,
  mayGiveConsent,
  referrerMaySee,
  USUAL_QUESTIONS,
} from '../../domain/oh-referrals.ts';
import { today } from '../../domain/today.ts';
import type { Services } from '../../services.ts';
import { notFound } from '../../web/access-control.ts';
import { audit } from '../../web/audit.ts';
import { dateFromParts, type FieldError } from '../../web/forms.ts';
import { paths } from '../../web/paths.ts';
import {
  formBody,
  idParam,
  organisationRecordOf,
  principalOf,
  textField,
} from '../../web/request-context.ts';
import { personSubject } from '../../web/subject.ts';
import { caseworkAccess, personForCasework } from '../people/casework-access.ts';
import { peopleRepository } from '../people/people-repository.ts';
import { loadSections } from './case-sections.ts';
import { ohPaths } from './occupational-health-paths.ts';
import { serviceServing } from './oh-service-scope-queries.ts';
import { referralConsentRepository } from './referral-consent-repository.ts';
import {
  absenceHistory,
  draftManagementReferral,
  NO_SERVICE,
  recordConsentGivenInMeeting,
  referralForm,
} from './referral-service.ts';
import { referralView } from './referral-view.ts';
import { findReferralOf, type Referral } from './referrals-repository.ts';

const REFER = { kind: 'permission', permission: 'oh.refer' } as const;
/** A referral is about the person in `:personId`, whom only HR and their reporting line may refer. */
const CASEWORK_RECORD = { person: 'personId', rule: 'casework' };

export function referralPages(services: Services) {
  const { database } = services;

  /** The form's page: the person, the questions offered, and the absence history the referrer may include. */
  async function formPage(
    db: Db,
    request: FastifyRequest,
    values: Record<string, unknown>,
    errors: FieldError[] = [],
  ) {
    const organisation = organisationRecordOf(request);
    const who = await personForCasework(db, request);
    const date = today();
    const served = (await serviceServing(db, organisation.id, date)) !== null;
    return {
      pageTitle: `Refer ${who.name} to occupational health`,
      name: who.name,
      subject: personSubject(who.name),
      jobTitle: who.person.jobTitle,
      served,
      noService: NO_SERVICE,
      usualQuestions: USUAL_QUESTIONS.map((q) => ({
        value: q,
        text: q,
        checked: [values.questions ?? []].flat().includes(q),
      })),
      absenceHistory: served ? await absenceHistory(db, organisation, who.person.id, date) : [],
      values,
      errors,
      backLink: paths.organisation.person.build({ org: organisation.slug, personId: who.person.id }),
    };
  }

  /** The referral, if the signed-in referrer may see it: otherwise not found. */
  async function referralForReferrer(db: Db, request: FastifyRequest): Promise<Referral> {
    const organisation = organisationRecordOf(request);
    const principal = principalOf(request);
    const referral = await findReferralOf(db, organisation.id, idParam(request, 'referralId'));
    if (!referral) throw notFound();
    const relation = await caseworkAccess(db, principal, organisation.id, referral.personId, today());
    if (!referrerMaySee(referral, { userId: principal.userId, relation })) throw notFound();
    return referral;
  }

  async function referralPage(
    db: Db,
    request: FastifyRequest,
    referral: Referral,
    values: Record<string, unknown>,
    errors: FieldError[] = [],
  ) {
    const organisation = organisationRecordOf(request);
    const progress = await referralConsentRepository(db, organisation.id).progressOf([referral.id]);
    const view = referralView(referral, progress, false);
    return {
      pageTitle: `Referral to occupational health: ${referral.personName}`,
      referral: view,
      subject: personSubject(referral.personName),
      mayRecordConsent: mayGiveConsent(referral),
      consentHref: ohPaths.referrer.recordConsent.build({ org: organisation.slug, referralId: referral.id }),
      sections: await loadSections({
        db,
        services,
        request,
        referral,
        viewer: 'referrer',
        clinician: false,
        organisationSlug: organisation.slug,
        date: today(),
      }),
      values,
      errors,
      backLink: ohPaths.referrer.referrals.build({ org: organisation.slug }),
    };
  }

  return async (app: FastifyInstance) => {
    app.get(
      ohPaths.referrer.newReferral.pattern,
      { config: { access: REFER, record: CASEWORK_RECORD, audit: 'oh-referral.form-viewed' } },
      async (request, reply) => {
        const organisation = organisationRecordOf(request);
        const page = await database.scoped({ organisationIds: [organisation.id] }, (db) =>
          formPage(db, request, { includeAbsence: 'yes' }),
        );
        return reply.render('occupational-health/views/new-referral.njk', page);
      },
    );

    app.post(
      ohPaths.referrer.newReferral.pattern,
      { config: { access: REFER, record: CASEWORK_RECORD } },
      async (request, reply) => {
        const organisation = organisationRecordOf(request);
        const principal = principalOf(request);
        const body = formBody(request);
        const form = referralForm(body);
        const outcome = await database.scoped({ organisationIds: [organisation.id] }, async (db) => {
          const who = await personForCasework(db, request);
          if (!form.value) return { page: await formPage(db, request, body, form.errors), referral: null };
          const referral = await draftManagementReferral(
            db,
            services,
            request,
            organisation,
            { personId: who.person.id, relation: who.access, userId: principal.userId },
            form.value,
          );
          if (!referral) {
            const errors = [{ text: NO_SERVICE, href: '#main-content' }];
            return { page: await formPage(db, request, body, errors), referral: null };
          }
          return { page: null, referral };
        });
        if (outcome.referral) {
          request.session.set('flash', {
            title: 'Referral saved as a draft',
            text: `It goes to occupational health once ${outcome.referral.personName} consents. They have been asked to read it and give their consent, or you can record the consent they give you in a meeting.`,
          });
          return reply.redirect(
            ohPaths.referrer.referral.build({ org: organisation.slug, referralId: outcome.referral.id }),
          );
        }
        return reply.status(400).render('occupational-health/views/new-referral.njk', outcome.page);
      },
    );

    app.get(
      ohPaths.referrer.referrals.pattern,
      { config: { access: REFER, audit: 'oh-referrals.listed' } },
      async (request, reply) => {
        const organisation = organisationRecordOf(request);
        const principal = principalOf(request);
        const hr = principal.grants.some((g) => g.organisationId === organisation.id && g.role === 'hr');
        const date = today();
        const data = await database.scoped({ organisationIds: [organisation.id] }, async (db) => {
          const repository = referralConsentRepository(db, organisation.id);
          const own = principal.personIds.get(organisation.id);
          const line =
            hr || own === undefined
              ? []
              : (await peopleRepository(db, organisation.id).reportingLine(own, date)).map((p) => p.id);
          const referrals = await repository.managementReferrals(
            hr ? null : { referredByUserId: principal.userId, personIds: line },
          );
          return { referrals, progress: await repository.progressOf(referrals.map((r) => r.id)) };
        });
        return reply.render('occupational-health/views/referrals.njk', {
          pageTitle: 'Referrals to occupational health',
          hr,
          referrals: data.referrals.map((r) => {
            const view = referralView(r, data.progress, false);
            return {
              ...view,
              latest: view.steps.at(-1)?.text ?? '',
              href: ohPaths.referrer.referral.build({ org: organisation.slug, referralId: r.id }),
            };
          }),
        });
      },
    );

    app.get(
      ohPaths.referrer.referral.pattern,
      { config: { access: REFER, audit: 'oh-referral.viewed' } },
      async (request, reply) => {
        const organisation = organisationRecordOf(request);
        const page = await database.scoped({ organisationIds: [organisation.id] }, async (db) => {
          const referral = await referralForReferrer(db, request);
          await audit(db, request, {
            action: 'oh-referral.viewed',
            subjectType: 'oh_referral',
            subjectId: referral.id,
            detail: { personId: referral.personId },
          });
          return referralPage(db, request, referral, {});
        });
        return reply.render('occupational-health/views/referral.njk', page);
      },
    );

    app.post(
      ohPaths.referrer.recordConsent.pattern,
      { config: { access: REFER } },
      async (request, reply) => {
        const organisation = organisationRecordOf(request);
        const body = formBody(request);
        const date = dateFromParts(body, 'consentGivenOn', 'The date of the meeting');
        const confirmed = textField(body, 'confirmed') === 'yes';
        const outcome = await database.scoped({ organisationIds: [organisation.id] }, async (db) => {
          const referral = await referralForReferrer(db, request);
          const errors: FieldError[] = [];
          if (!mayGiveConsent(referral))
            errors.push({
              text: 'Consent can only be recorded while the referral waits for it',
              href: '#main-content',
            });
          else if (date.error) errors.push({ text: date.error, href: '#consentGivenOn-day' });
          else if (!date.value)
            errors.push({
              text: 'Enter the date of the meeting where they gave consent',
              href: '#consentGivenOn-day',
            });
          else {
            const problem = consentDateProblem(date.value, today(new Date(referral.createdAt)), today());
            if (problem) errors.push({ text: problem, href: '#consentGivenOn-day' });
          }
          if (!confirmed && mayGiveConsent(referral))
            errors.push({
              text: `Confirm that ${referral.personName} read the whole referral and agreed to it`,
              href: '#confirmed',
            });
          if (errors.length > 0 || !date.value)
            return { page: await referralPage(db, request, referral, body, errors), done: null };
          const done = await recordConsentGivenInMeeting(db, request, organisation.id, referral, date.value);
          if (!done) {
            const errors = [
              {
                text: 'Consent can only be recorded while the referral waits for it',
                href: '#main-content',
              },
            ];
            return { page: await referralPage(db, request, referral, body, errors), done: null };
          }
          return { page: null, done };
        });
        if (outcome.done) {
          request.session.set('flash', {
            title: `The referral has gone to occupational health with ${outcome.done.personName}’s consent`,
          });
          return reply.redirect(
            ohPaths.referrer.referral.build({ org: organisation.slug, referralId: outcome.done.id }),
          );
        }
        return reply.status(400).render('occupational-health/views/referral.njk', outcome.page);
      },
    );
  };
}
