/**
 * The clinician's side of the fitness-for-work report: writing the draft, sending it (to the
 * employee first when they asked at the appointment, else straight to the referrer), and
 * answering the employee's requests for factual corrections.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.ts';
import { reportAllows, statusOnSending } from '../../domain/oh-reports.ts';
import { today } from '../../domain/today.ts';
import type { Services } from '../../services.ts';
import { notFound } from '../../web/access-control.ts';
import { audit, changedFields } from '../../web/audit.ts';
import type { FieldError } from '../../web/forms.ts';
import {
  formBody,
  idParam,
  organisationOf,
  organisationRecordOf,
  userIdOf,
} from '../../web/request-context.ts';
import { workingDaysAfter } from '../calendar/bank-holidays-service.ts';
import { ohPaths } from './occupational-health-paths.ts';
import { serviceScope } from './oh-service-scope-queries.ts';
import { findReferral, type Referral } from './referrals-repository.ts';
import { correctionAnswerForm, reportForm, reportValues, reviewWindowForm } from './report-forms.ts';
import { tellEmployeeReportReady, tellReferrerReportReleased } from './report-service.ts';
import {
  correctionWords,
  DISABILITY_ITEMS,
  OUTCOME_ITEMS,
  reportWords,
  versionWords,
} from './report-views.ts';
import { caseworkRepository } from './casework-repository.ts';
import { reportsRepository, type Report } from './reports-repository.ts';

const CLINICAL = { kind: 'permission', permission: 'oh.clinical' } as const;

export function reportPages(services: Services) {
  const { database } = services;

  /** The case, as the OH service reaches it; 404 when it runs no service or the case is not its. */
  async function inService<T>(
    request: FastifyRequest,
    work: (db: Db, referral: Referral, report: Report | null, date: string) => Promise<T>,
  ): Promise<T> {
    const organisation = organisationOf(request);
    const date = today();
    const scope = await serviceScope(database.system, organisation.id, date);
    if (!scope) throw notFound();
    return database.scoped(scope, async (db) => {
      const referral = await findReferral(db, idParam(request, 'referralId'));
      if (!referral || referral.providerOrganisationId !== organisation.id) throw notFound();
      const report = await reportsRepository(db, referral.organisationId).ofReferral(referral.id);
      // A report is written for a case the service has accepted; once written it stays readable.
      if (!report && referral.status !== 'accepted') throw notFound();
      return work(db, referral, report, date);
    });
  }

  /** The report with its corrections and history, for the clinician (named by `named`). */
  async function reportPage(db: Db, request: FastifyRequest, referral: Referral, report: Report | null) {
    const org = organisationOf(request).slug;
    const reports = reportsRepository(db, referral.organisationId);
    return {
      referral,
      report: report ? reportWords(report) : null,
      editable: !report || reportAllows(report.status, 'edit'),
      questions:
        report && report.answers.length > 0 ? report.answers.map((a) => a.question) : referral.questions,
      outcomeItems: OUTCOME_ITEMS,
      disabilityItems: DISABILITY_ITEMS,
      rawCorrections: report ? await reports.corrections(report.id) : [],
      rawVersions: report ? await reports.versions(report.id) : [],
      sendHref: ohPaths.service.sendReport.build({ org, referralId: referral.id }),
      caseHref: ohPaths.service.case.build({ org, referralId: referral.id }),
      backLink: ohPaths.service.case.build({ org, referralId: referral.id }),
    };
  }

  /** The page with the names of who wrote and answered, read once the case's transaction is over. */
  async function named<P extends Awaited<ReturnType<typeof reportPage>>>(request: FastifyRequest, page: P) {
    const org = organisationOf(request).slug;
    const names = await services.users.displayNames([
      ...page.rawCorrections.flatMap((c) => (c.answeredByUserId === null ? [] : [c.answeredByUserId])),
      ...page.rawVersions.map((v) => v.changedByUserId),
      ...(page.report ? [page.report.authorUserId] : []),
    ]);
    return {
      ...page,
      author: page.report ? (names.get(page.report.authorUserId) ?? null) : null,
      corrections: correctionWords(page.rawCorrections, names).map((c) => ({
        ...c,
        href: ohPaths.service.correction.build({ org, referralId: page.referral.id, correctionId: c.id }),
      })),
      versions: versionWords(page.rawVersions, names),
    };
  }

  function renderReport(reply: FastifyReply, status: number, page: Record<string, unknown>) {
    const referral = page.referral as Referral;
    return reply.status(status).render('occupational-health/views/report.njk', {
      pageTitle: `Fitness-for-work report: ${referral.personName}`,
      ...page,
    });
  }

  return async (app: FastifyInstance) => {
    // ------------------------------------------------------------ writing the draft

    app.get(
      ohPaths.service.report.pattern,
      { config: { access: CLINICAL, audit: 'oh-report.viewed' } },
      async (request, reply) => {
        const page = await inService(request, (db, referral, report) =>
          reportPage(db, request, referral, report),
        );
        return renderReport(reply, 200, {
          ...(await named(request, page)),
          values: reportValues(page.report),
        });
      },
    );

    app.post(ohPaths.service.report.pattern, { config: { access: CLINICAL } }, async (request, reply) => {
      const body = formBody(request);
      const outcome = await inService(request, async (db, referral, report, date) => {
        const errors: FieldError[] = [];
        if (report && !reportAllows(report.status, 'edit')) {
          errors.push({
            text: 'The report has been sent, so it can no longer be changed here',
            href: '#outcome',
          });
        }
        const questions =
          report && report.answers.length > 0 ? report.answers.map((a) => a.question) : referral.questions;
        const form = reportForm(body, questions, date);
        errors.push(...form.errors);
        if (errors.length > 0 || !form.value) {
          return { saved: null, page: await reportPage(db, request, referral, report), errors };
        }
        const saved = await reportsRepository(db, referral.organisationId).saveDraft(
          referral.id,
          userIdOf(request),
          form.value,
        );
        if (!saved) {
          const page = await reportPage(db, request, referral, report);
          return {
            saved: null,
            page,
            errors: [
              { text: 'The report has been sent, so it can no longer be changed here', href: '#outcome' },
            ],
          };
        }
        await audit(db, request, {
          action: report ? 'oh-report.changed' : 'oh-report.written',
          subjectType: 'oh_report',
          subjectId: saved.id,
          detail: { referralId: referral.id, changed: changedFields(report, form.value) },
        });
        return { saved, page: null, errors: [] };
      });
      if (outcome.saved) {
        request.session.set('flash', {
          title: 'The report is saved as a draft',
          text: 'Check it and send it when it is ready.',
        });
        return reply.redirect(
          ohPaths.service.sendReport.build({
            org: organisationOf(request).slug,
            referralId: outcome.saved.referralId,
          }),
        );
      }
      return renderReport(reply, 400, {
        ...(outcome.page ? await named(request, outcome.page) : {}),
        values: body,
        errors: outcome.errors,
      });
    });

    // ------------------------------------------------------------ sending

    async function sendPage(db: Db, request: FastifyRequest, referral: Referral, report: Report) {
      return {
        ...(await reportPage(db, request, referral, report)),
        serviceDays: await caseworkRepository(db, referral.providerOrganisationId).reviewWorkingDays(),
        reportHref: ohPaths.service.report.build({
          org: organisationOf(request).slug,
          referralId: referral.id,
        }),
      };
    }

    app.get(
      ohPaths.service.sendReport.pattern,
      { config: { access: CLINICAL, audit: 'oh-report.viewed' } },
      async (request, reply) => {
        const page = await inService(request, async (db, referral, report) =>
          report && reportAllows(report.status, 'send') ? sendPage(db, request, referral, report) : null,
        );
        const reportHref = ohPaths.service.report.build({
          org: organisationOf(request).slug,
          referralId: idParam(request, 'referralId'),
        });
        if (!page) return reply.redirect(reportHref);
        return reply.render('occupational-health/views/report-send.njk', {
          pageTitle: `Send the report: ${page.referral.personName}`,
          ...(await named(request, page)),
          values: { reviewDays: String(page.serviceDays) },
          backLink: reportHref,
        });
      },
    );

    app.post(ohPaths.service.sendReport.pattern, { config: { access: CLINICAL } }, async (request, reply) => {
      const body = formBody(request);
      const region = organisationRecordOf(request).region;
      const outcome = await inService(request, async (db, referral, report, date) => {
        if (!report || !reportAllows(report.status, 'send')) {
          return { referral, sent: null, page: null, errors: [] };
        }
        const serviceDays = await caseworkRepository(db, referral.providerOrganisationId).reviewWorkingDays();
        const to = statusOnSending(report.employeeSeesFirst);
        const window =
          to === 'with_employee' ? reviewWindowForm(body, serviceDays) : { value: 0, errors: [] };
        if (window.value === null) {
          return {
            referral,
            sent: null,
            page: await sendPage(db, request, referral, report),
            errors: window.errors,
          };
        }
        const sent = await reportsRepository(db, referral.organisationId).move(
          report.id,
          'draft',
          to === 'with_employee'
            ? {
                status: to,
                sentToEmployeeOn: date,
                reviewEndsOn: await workingDaysAfter(db, region, date, window.value),
              }
            : { status: to, releasedOn: date },
        );
        if (!sent) return { referral, sent: null, page: null, errors: [] };
        await audit(db, request, {
          action: to === 'with_employee' ? 'oh-report.sent-to-employee' : 'oh-report.released',
          subjectType: 'oh_report',
          subjectId: sent.id,
          detail: { referralId: referral.id, reviewDays: window.value },
        });
        return { referral, sent, page: null, errors: [] };
      });
      const org = organisationOf(request).slug;
      if (outcome.page) {
        return reply.status(400).render('occupational-health/views/report-send.njk', {
          pageTitle: `Send the report: ${outcome.referral.personName}`,
          ...(await named(request, outcome.page)),
          values: body,
          errors: outcome.errors,
          backLink: outcome.page.reportHref,
        });
      }
      const { sent, referral } = outcome;
      if (!sent) return reply.redirect(ohPaths.service.report.build({ org, referralId: referral.id }));
      if (sent.status === 'with_employee') {
        await tellEmployeeReportReady(services, referral, sent);
        request.session.set('flash', {
          title: `The report is with ${referral.personName} to review`,
          text: 'They can release it, ask for factual corrections, or withhold it.',
        });
      } else {
        await tellReferrerReportReleased(services, referral);
        request.session.set('flash', {
          title: 'The report is released',
          text:
            referral.kind === 'management'
              ? 'The referrer and HR have been told by email that it is ready to read.'
              : `${referral.personName} can read it in self-service.`,
        });
      }
      return reply.redirect(ohPaths.service.report.build({ org, referralId: referral.id }));
    });

    // ------------------------------------------------------------ answering a correction

    async function correctionPage(
      db: Db,
      request: FastifyRequest,
      referral: Referral,
      report: Report | null,
    ) {
      if (!report) throw notFound();
      const correction = await reportsRepository(db, referral.organisationId).findCorrection(
        idParam(request, 'correctionId'),
      );
      if (!correction || correction.reportId !== report.id) throw notFound();
      return {
        ...(await reportPage(db, request, referral, report)),
        rawCorrection: correction,
        answerable: correction.status === 'open' && reportAllows(report.status, 'answer-correction'),
        rawReport: report,
      };
    }

    async function namedCorrection(
      request: FastifyRequest,
      page: Awaited<ReturnType<typeof correctionPage>>,
    ) {
      const withNames = await named(request, page);
      return { ...withNames, correction: withNames.corrections.find((c) => c.id === page.rawCorrection.id) };
    }

    app.get(
      ohPaths.service.correction.pattern,
      { config: { access: CLINICAL, audit: 'oh-report-correction.viewed' } },
      async (request, reply) => {
        const page = await inService(request, (db, referral, report) =>
          correctionPage(db, request, referral, report),
        );
        return reply.render('occupational-health/views/report-correction.njk', {
          pageTitle: `A correction asked for: ${page.referral.personName}`,
          ...(await namedCorrection(request, page)),
          values: reportValues(page.rawReport),
          backLink: ohPaths.service.report.build({
            org: organisationOf(request).slug,
            referralId: page.referral.id,
          }),
        });
      },
    );

    app.post(ohPaths.service.correction.pattern, { config: { access: CLINICAL } }, async (request, reply) => {
      const body = formBody(request);
      const outcome = await inService(request, async (db, referral, report) => {
        const page = await correctionPage(db, request, referral, report);
        const { rawReport, rawCorrection: correction } = page;
        if (!page.answerable) {
          return {
            page,
            done: null,
            errors: [
              {
                text: 'This correction has been answered, or the report is no longer being reviewed',
                href: '#decision',
              },
            ],
          };
        }
        const form = correctionAnswerForm(body, rawReport);
        if (!form.value) return { page, done: null, errors: form.errors };
        const reports = reportsRepository(db, referral.organisationId);
        const answered = await reports.answerCorrection(correction.id, {
          status: form.value.status,
          answer: form.value.answer,
          byUserId: userIdOf(request),
        });
        if (!answered) {
          return {
            page,
            done: null,
            errors: [{ text: 'This correction has been answered meanwhile', href: '#decision' }],
          };
        }
        if (form.value.status === 'corrected') {
          await reports.amend(
            rawReport,
            { answers: form.value.answers, advice: form.value.advice },
            userIdOf(request),
            form.value.answer,
          );
        }
        await audit(db, request, {
          action: `oh-report-correction.${form.value.status}`,
          subjectType: 'oh_report_correction',
          subjectId: correction.id,
          detail: { referralId: referral.id, reportId: rawReport.id },
        });
        return { page, done: form.value.status, errors: [] };
      });
      const reportHref = ohPaths.service.report.build({
        org: organisationOf(request).slug,
        referralId: outcome.page.referral.id,
      });
      if (outcome.done) {
        request.session.set('flash', {
          title: outcome.done === 'corrected' ? 'The report is corrected' : 'The report is left as it is',
          text: 'The employee can read your answer with their report.',
        });
        return reply.redirect(reportHref);
      }
      return reply.status(400).render('occupational-health/views/report-correction.njk', {
        pageTitle: `A correction asked for: ${outcome.page.referral.personName}`,
        ...(await namedCorrection(request, outcome.page)),
        values: body,
        errors: outcome.errors,
        backLink: reportHref,
      });
    });
  };
}
