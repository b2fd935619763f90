import { codeWords } from '../../domain/labels.ts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.ts';
import { today } from '../../domain/today.ts';
import type { Services } from '../../services.ts';
import { notFound } from '../../web/access-control.ts';
import { audit, changedFields } from '../../web/audit.ts';
import { dateFromParts, type FieldError } from '../../web/forms.ts';
import { paths } from '../../web/paths.ts';
import { formBody, idParam, organisationOf, ownPersonId, textField } from '../../web/request-context.ts';
import { personForCasework } from '../people/casework-access.ts';
import {
  ADJUSTMENT_STATUSES,
  adjustmentsPassportRepository,
  type AdjustmentStatus,
} from './adjustments-passport-repository.ts';
import { currentManager, disabilityRelatedAbsences } from './passport-page-queries.ts';
import { personSubject, selfSubject } from '../../web/subject.ts';

const CASEWORK = { kind: 'permission', permission: 'attendance.casework' } as const;
/** Casework is about the person in `:personId`, whose records only HR and their reporting line reach. */
const CASEWORK_RECORD = { person: 'personId', rule: 'casework' };
const SELF = { kind: 'permission', permission: 'attendance.self-service' } as const;

async function passportData(db: Db, organisationId: number, personId: number) {
  const repository = adjustmentsPassportRepository(db, organisationId);
  const [passport, adjustments, disability] = await Promise.all([
    repository.passport(personId),
    repository.adjustments(personId),
    disabilityRelatedAbsences(db, organisationId, personId, today()),
  ]);
  return {
    passport,
    adjustments: adjustments.map((a) => ({
      ...a,
      statusText: codeWords('adjustmentStatus', a.status),
    })),
    disability,
  };
}

/**
 * The workplace adjustments passport (Personalised Workplace Adjustments Plan). It belongs to
 * the person: they keep it and choose to share it with their line manager, so it follows them
 * when their manager or unit changes; a new manager sees it once the person shares it again.
 * HR always sees it.
 */
export function adjustmentsPassportRoutes(services: Services) {
  const { database } = services;

  async function mayManage(db: Db, request: FastifyRequest, organisationId: number, personId: number) {
    const who = await personForCasework(db, request);
    if (who.access === 'hr') return { who, shared: true };
    const passport = await adjustmentsPassportRepository(db, organisationId).passport(personId);
    const own = request.principal?.personIds.get(organisationId);
    return { who, shared: passport?.sharedWithManagerPersonId === own && own !== undefined };
  }

  return async (app: FastifyInstance) => {
    // ------------------------------------------------------------ the person keeps their own passport

    const myPage = async (db: Db, organisationId: number, personId: number, slug: string) => ({
      pageTitle: 'Your workplace adjustments passport',
      ...(await passportData(db, organisationId, personId)),
      manager: await currentManager(db, organisationId, personId, today()),
      newAdjustmentHref: paths.organisation.myNewAdjustment.build({ org: slug }),
      sharingHref: paths.organisation.myPassportSharing.build({ org: slug }),
      backLink: paths.organisation.myAttendance.build({ org: slug }),
    });

    app.get(
      paths.organisation.myAdjustmentsPassport.pattern,
      { config: { access: SELF } },
      async (request, reply) => {
        const organisation = organisationOf(request);
        const personId = ownPersonId(request);
        const page = await database.scoped({ organisationIds: [organisation.id] }, (db) =>
          myPage(db, organisation.id, personId, organisation.slug),
        );
        return reply.render('adjustments-passport/views/my-passport.njk', {
          ...page,
          subject: selfSubject(),
          values: { aboutMe: page.passport?.aboutMe ?? '', reviewDate: page.passport?.reviewDate ?? null },
        });
      },
    );

    app.post(
      paths.organisation.myAdjustmentsPassport.pattern,
      { config: { access: SELF } },
      async (request, reply) => {
        const organisation = organisationOf(request);
        const personId = ownPersonId(request);
        const body = formBody(request);
        const aboutMe = textField(body, 'aboutMe');
        const review = dateFromParts(body, 'reviewDate', 'The review date');
        const errors: FieldError[] = [];
        if (aboutMe.length > 10_000)
          errors.push({ text: 'About you must be 10,000 characters or fewer', href: '#aboutMe' });
        if (review.error) errors.push({ text: review.error, href: '#reviewDate-day' });
        const saved = await database.scoped({ organisationIds: [organisation.id] }, async (db) => {
          if (errors.length > 0)
            return { page: await myPage(db, organisation.id, personId, organisation.slug) };
          const repository = adjustmentsPassportRepository(db, organisation.id);
          const before = await repository.passport(personId);
          const after = { aboutMe, reviewDate: review.value };
          await repository.savePassport(personId, after);
          await audit(db, request, {
            action: 'adjustments-passport.changed',
            subjectType: 'adjustments_passport',
            subjectId: personId,
            detail: { changed: changedFields(before, after), reviewDate: review.value },
          });
          return { page: null };
        });
        if (!saved.page) {
          request.session.set('flash', { title: 'Your passport is saved' });
          return reply.redirect(paths.organisation.myAdjustmentsPassport.build({ org: organisation.slug }));
        }
        return reply.status(400).render('adjustments-passport/views/my-passport.njk', {
          ...saved.page,
          subject: selfSubject(),
          values: body,
          errors,
        });
      },
    );

    app.get(
      paths.organisation.myNewAdjustment.pattern,
      { config: { access: SELF } },
      async (request, reply) => {
        const organisation = organisationOf(request);
        ownPersonId(request);
        return reply.render('adjustments-passport/views/new-adjustment.njk', {
          pageTitle: 'Ask for a workplace adjustment',
          values: {},
          backLink: paths.organisation.myAdjustmentsPassport.build({ org: organisation.slug }),
        });
      },
    );

    app.post(
      paths.organisation.myNewAdjustment.pattern,
      { config: { access: SELF } },
      async (request, reply) => {
        const organisation = organisationOf(request);
        const personId = ownPersonId(request);
        const body = formBody(request);
        const adjustment = textField(body, 'adjustment');
        const reason = textField(body, 'reason');
        const errors: FieldError[] = [];
        if (!adjustment) errors.push({ text: 'Say what adjustment would help you', href: '#adjustment' });
        else if (adjustment.length > 2000)
          errors.push({ text: 'The adjustment must be 2,000 characters or fewer', href: '#adjustment' });
        if (!reason) errors.push({ text: 'Say, in your own words, why it would help', href: '#reason' });
        else if (reason.length > 5000)
          errors.push({ text: 'Why it would help must be 5,000 characters or fewer', href: '#reason' });
        if (errors.length > 0) {
          return reply.status(400).render('adjustments-passport/views/new-adjustment.njk', {
            pageTitle: 'Ask for a workplace adjustment',
            values: body,
            errors,
            backLink: paths.organisation.myAdjustmentsPassport.build({ org: organisation.slug }),
          });
        }
        await database.scoped({ organisationIds: [organisation.id] }, async (db) => {
          const id = await adjustmentsPassportRepository(db, organisation.id).addAdjustment(personId, {
            adjustment,
            reason,
          });
          await audit(db, request, {
            action: 'workplace-adjustment.requested',
            subjectType: 'workplace_adjustment',
            subjectId: id,
            detail: { personId, changed: changedFields(null, { adjustment, reason }) },
          });
        });
        request.session.set('flash', {
          title: 'Your request is in your passport',
          text: 'Share your passport with your line manager so that they can consider it.',
        });
        return reply.redirect(paths.organisation.myAdjustmentsPassport.build({ org: organisation.slug }));
      },
    );

    app.post(
      paths.organisation.myPassportSharing.pattern,
      { config: { access: SELF } },
      async (request, reply) => {
        const organisation = organisationOf(request);
        const personId = ownPersonId(request);
        const share = formBody(request).share === 'yes';
        const manager = await database.scoped({ organisationIds: [organisation.id] }, async (db) => {
          const found = await currentManager(db, organisation.id, personId, today());
          if (share && !found) return null;
          await adjustmentsPassportRepository(db, organisation.id).savePassport(personId, {
            sharedWithManagerPersonId: share ? (found?.id ?? null) : null,
            sharedOn: share ? today() : null,
          });
          await audit(db, request, {
            action: share ? 'adjustments-passport.shared' : 'adjustments-passport.unshared',
            subjectType: 'adjustments_passport',
            subjectId: personId,
            detail: { managerPersonId: found?.id ?? null },
          });
          return found;
        });
        request.session.set('flash', {
          title: share
            ? manager
              ? `Your passport is shared with ${manager.name}`
              : 'You have no line manager recorded to share it with'
            : 'Your passport is no longer shared with your line manager',
        });
        return reply.redirect(paths.organisation.myAdjustmentsPassport.build({ org: organisation.slug }));
      },
    );

    // ------------------------------------------------------------ the manager (once shared) and HR

    app.get(
      paths.organisation.adjustmentsPassport.pattern,
      { config: { access: CASEWORK, record: CASEWORK_RECORD, audit: 'adjustments-passport.viewed' } },
      async (request, reply) => {
        const organisation = organisationOf(request);
        const personId = idParam(request, 'personId');
        const page = await database.scoped({ organisationIds: [organisation.id] }, async (db) => {
          const { who, shared } = await mayManage(db, request, organisation.id, personId);
          if (!shared) return { who, shared, data: null };
          await audit(db, request, {
            action: 'adjustments-passport.viewed',
            subjectType: 'adjustments_passport',
            subjectId: personId,
          });
          return { who, shared, data: await passportData(db, organisation.id, personId) };
        });
        return reply.render('adjustments-passport/views/passport.njk', {
          pageTitle: `Workplace adjustments passport: ${page.who.name}`,
          name: page.who.name,
          subject: personSubject(page.who.name),
          shared: page.shared,
          ...(page.data ?? {}),
          statuses: Object.entries(ADJUSTMENT_STATUSES).map(([value, text]) => ({ value, text })),
          decisionHref: (adjustmentId: number) =>
            paths.organisation.adjustmentDecision.build({ org: organisation.slug, personId, adjustmentId }),
          backLink: paths.organisation.person.build({ org: organisation.slug, personId }),
        });
      },
    );

    app.post(
      paths.organisation.adjustmentDecision.pattern,
      { config: { access: CASEWORK, record: CASEWORK_RECORD } },
      async (request, reply) => {
        const organisation = organisationOf(request);
        const personId = idParam(request, 'personId');
        const adjustmentId = idParam(request, 'adjustmentId');
        const body = formBody(request);
        const status = textField(body, 'status');
        const review = dateFromParts(body, `reviewDate${adjustmentId}`, 'The review date');
        const errors: FieldError[] = [];
        if (!(status in ADJUSTMENT_STATUSES))
          errors.push({ text: 'Choose what has been decided', href: `#status${adjustmentId}` });
        if (review.error) errors.push({ text: review.error, href: `#reviewDate${adjustmentId}-day` });
        const page = await database.scoped({ organisationIds: [organisation.id] }, async (db) => {
          const { who, shared } = await mayManage(db, request, organisation.id, personId);
          if (!shared) throw notFound();
          if (errors.length > 0) return { who, data: await passportData(db, organisation.id, personId) };
          const found = await adjustmentsPassportRepository(db, organisation.id).decide(
            personId,
            adjustmentId,
            {
              status: status as AdjustmentStatus,
              reviewDate: review.value,
            },
          );
          if (!found) throw notFound();
          await audit(db, request, {
            action: 'workplace-adjustment.decided',
            subjectType: 'workplace_adjustment',
            subjectId: adjustmentId,
            detail: { personId, status, reviewDate: review.value },
          });
          return { who, data: null };
        });
        if (!page.data) {
          request.session.set('flash', { title: 'Adjustment updated' });
          return reply.redirect(
            paths.organisation.adjustmentsPassport.build({ org: organisation.slug, personId }),
          );
        }
        return reply.status(400).render('adjustments-passport/views/passport.njk', {
          pageTitle: `Workplace adjustments passport: ${page.who.name}`,
          name: page.who.name,
          subject: personSubject(page.who.name),
          shared: true,
          ...page.data,
          errors,
          values: body,
          statuses: Object.entries(ADJUSTMENT_STATUSES).map(([value, text]) => ({ value, text })),
          decisionHref: (id: number) =>
            paths.organisation.adjustmentDecision.build({
              org: organisation.slug,
              personId,
              adjustmentId: id,
            }),
          backLink: paths.organisation.person.build({ org: organisation.slug, personId }),
        });
      },
    );
  };
}
