/**
 * The report after it is sent. The employee who asked to see it first reads it in self-service
 * and releases it, withholds it, or asks for factual corrections; the referrer or HR adds a
 * released report's recommended adjustments to the person's passport and action plan in one step.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.ts';
import { ukDate } from '../../domain/date-words.ts';
import { adjustmentsToAdd, reportAllows } from '../../domain/oh-reports.ts';
import { today } from '../../domain/today.ts';
import type { Services } from '../../services.ts';
import { notFound } from '../../web/access-control.ts';
import { audit } from '../../web/audit.ts';
import type { FieldError } from '../../web/forms.ts';
import {
  formBody,
  idParam,
  organisationOf,
  ownPersonId,
  principalOf,
  userIdOf,
} from '../../web/request-context.ts';
import { selfSubject } from '../../web/subject.ts';
import { caseworkAccess } from '../people/casework-access.ts';
import { ohPaths } from './occupational-health-paths.ts';
import { findReferralOf, type Referral } from './referrals-repository.ts';
import { correctionRequestForm } from './report-forms.ts';
import {
  addReportAdjustments,
  tellClinicianCorrectionAsked,
  tellReferrerReportReleased,
} from './report-service.ts';
import { correctionWords, reportWords } from './report-views.ts';
import { reportsRepository, type Report } from './reports-repository.ts';

const OWN = { kind: 'permission', permission: 'oh.own' } as const;
const REFER = { kind: 'permission', permission: 'oh.refer' } as const;

export function reportReviewPages(services: Services) {
  const { database } = services;

  /** The employee's own report, once sent to them; 404 for anyone else's, or a draft. */
  async function ownReport<T>(
    request: FastifyRequest,
    work: (db: Db, referral: Referral, report: Report, date: string) => Promise<T>,
  ): Promise<T> {
    const organisation = organisationOf(request);
    const personId = ownPersonId(request);
    return database.scoped({ organisationIds: [organisation.id] }, async (db) => {
      const report = await reportsRepository(db, organisation.id).find(idParam(request, 'reportId'));
      if (!report || report.status === 'draft') throw notFound();
      const referral = await findReferralOf(db, organisation.id, report.referralId);
      if (!referral || referral.personId !== personId) throw notFound();
      return work(db, referral, report, today());
    });
  }

  async function ownPage(db: Db, request: FastifyRequest, referral: Referral, report: Report) {
    const org = organisationOf(request).slug;
    const corrections = await reportsRepository(db, referral.organisationId).corrections(report.id);
    const reportId = report.id;
    return {
      referral,
      report: reportWords(report),
      reviewing: reportAllows(report.status, 'release'),
      corrections: correctionWords(corrections, new Map()),
      subject: selfSubject(),
      releaseHref: ohPaths.own.releaseReport.build({ org, reportId }),
      withholdHref: ohPaths.own.withholdReport.build({ org, reportId }),
      correctionHref: ohPaths.own.askCorrection.build({ org, reportId }),
      backLink: ohPaths.own.referral.build({ org, referralId: referral.id }),
    };
  }

  function renderOwn(reply: FastifyReply, status: number, page: Record<string, unknown>) {
    return reply.status(status).render('occupational-health/views/my-report.njk', {
      pageTitle: 'Your occupational health report',
      ...page,
    });
  }

  const NOT_REVIEWING: FieldError = {
    text: 'You have already released or withheld this report',
    href: '#decision',
  };

  return async (app: FastifyInstance) => {
    // ------------------------------------------------------------ the employee reviews it

    app.get(ohPaths.own.report.pattern, { config: { access: OWN } }, async (request, reply) => {
      const page = await ownReport(request, (db, referral, report) => ownPage(db, request, referral, report));
      return renderOwn(reply, 200, { ...page, values: {} });
    });

    /** Releases or withholds the report the employee is reviewing. */
    async function decide(request: FastifyRequest, reply: FastifyReply, to: 'released' | 'withheld') {
      const outcome = await ownReport(request, async (db, referral, report, date) => {
        const moved = reportAllows(report.status, to === 'released' ? 'release' : 'withhold')
          ? await reportsRepository(db, referral.organisationId).move(
              report.id,
              'with_employee',
              to === 'released' ? { status: to, releasedOn: date } : { status: to, withheldOn: date },
            )
          : null;
        if (!moved) return { referral, moved, page: await ownPage(db, request, referral, report) };
        await audit(db, request, {
          action: to === 'released' ? 'oh-report.released' : 'oh-report.withheld',
          subjectType: 'oh_report',
          subjectId: report.id,
          detail: { referralId: referral.id, by: 'employee' },
        });
        return { referral, moved, page: null };
      });
      if (!outcome.moved)
        return renderOwn(reply, 400, { ...outcome.page, values: {}, errors: [NOT_REVIEWING] });
      if (to === 'released') await tellReferrerReportReleased(services, outcome.referral);
      request.session.set('flash', {
        title: to === 'released' ? 'You have released your report' : 'You have withheld your report',
        text:
          to === 'released'
            ? 'The person who referred you, and HR, can now read it.'
            : 'The person who referred you is told only that you withheld it.',
      });
      return reply.redirect(
        ohPaths.own.report.build({ org: organisationOf(request).slug, reportId: outcome.moved.id }),
      );
    }

    app.post(ohPaths.own.releaseReport.pattern, { config: { access: OWN } }, (request, reply) =>
      decide(request, reply, 'released'),
    );
    app.post(ohPaths.own.withholdReport.pattern, { config: { access: OWN } }, (request, reply) =>
      decide(request, reply, 'withheld'),
    );

    app.post(ohPaths.own.askCorrection.pattern, { config: { access: OWN } }, async (request, reply) => {
      const body = formBody(request);
      const outcome = await ownReport(request, async (db, referral, report) => {
        const form = correctionRequestForm(body);
        const errors = reportAllows(report.status, 'ask-correction') ? form.errors : [NOT_REVIEWING];
        if (errors.length > 0 || !form.value) {
          return { asked: null, page: await ownPage(db, request, referral, report), errors };
        }
        const correction = await reportsRepository(db, referral.organisationId).askCorrection(
          report.id,
          form.value,
        );
        await audit(db, request, {
          action: 'oh-report-correction.asked',
          subjectType: 'oh_report_correction',
          subjectId: correction.id,
          detail: { referralId: referral.id, reportId: report.id },
        });
        return { asked: { referral, report, correctionId: correction.id }, page: null, errors: [] };
      });
      if (!outcome.asked)
        return renderOwn(reply, 400, { ...outcome.page, values: body, errors: outcome.errors });
      await tellClinicianCorrectionAsked(
        services,
        outcome.asked.referral,
        outcome.asked.report,
        outcome.asked.correctionId,
      );
      request.session.set('flash', {
        title: 'You have asked for a correction',
        text: 'The clinician will correct the facts, or explain why it is a matter of their opinion.',
      });
      return reply.redirect(
        ohPaths.own.report.build({
          org: organisationOf(request).slug,
          reportId: idParam(request, 'reportId'),
        }),
      );
    });

    // ------------------------------------------------------------ the referrer adds its adjustments

    app.post(
      ohPaths.referrer.addAdjustments.pattern,
      { config: { access: REFER } },
      async (request, reply) => {
        const organisation = organisationOf(request);
        const date = today();
        const referralId = idParam(request, 'referralId');
        const flash = await database.scoped({ organisationIds: [organisation.id] }, async (db) => {
          const referral = await findReferralOf(db, organisation.id, referralId);
          // Self-referrals are never the manager's or HR's to see; nor is anyone outside their reach.
          if (!referral || referral.kind !== 'management') throw notFound();
          const access = await caseworkAccess(
            db,
            principalOf(request),
            organisation.id,
            referral.personId,
            date,
          );
          if (!access) throw notFound();
          const reports = reportsRepository(db, organisation.id);
          const report = await reports.ofReferral(referral.id);
          if (!report || !reportAllows(report.status, 'add-adjustments') || report.adjustments.length === 0) {
            throw notFound();
          }
          const items = adjustmentsToAdd(report);
          if (items.length === 0 || !(await reports.markAdjustmentsAdded(report.id, date))) {
            return {
              title: 'These adjustments were added already',
              text: `They were added to ${referral.personName}’s adjustments passport and action plan on ${ukDate(report.adjustmentsAddedOn ?? date)}.`,
            };
          }
          await addReportAdjustments(db, services, referral, report, items, userIdOf(request), date);
          await audit(db, request, {
            action: 'oh-report.adjustments-added',
            subjectType: 'oh_report',
            subjectId: report.id,
            detail: { referralId: referral.id, personId: referral.personId, adjustments: items.length },
          });
          return {
            title: 'The recommended adjustments are added',
            text: `They are in ${referral.personName}’s adjustments passport, to agree with them, and in their action plan.`,
          };
        });
        request.session.set('flash', flash);
        return reply.redirect(ohPaths.referrer.referral.build({ org: organisation.slug, referralId }));
      },
    );
  };
}
