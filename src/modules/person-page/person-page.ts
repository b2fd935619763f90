/**
 * The person page, with their absence: current absence, history, rolling 12 months and attendance
 * work (reviews, plans, cases) for HR and their line managers.
 */
import type { FastifyInstance } from 'fastify';
import { addDays } from '../../domain/dates.ts';
import { today } from '../../domain/today.ts';
import type { Services } from '../../services.ts';
import { notFound } from '../../web/access-control.ts';
import { pageOfRows, paginationLinks, requestedPage } from '../../web/pagination.ts';
import { paths } from '../../web/paths.ts';
import { idParam, organisationOf, organisationRecordOf } from '../../web/request-context.ts';
import { rollingYearFor } from '../absence-report/report-service.ts';
import { personPage } from '../people/people-service.ts';
import { absencesRepository, type AbsenceRecord } from '../absences/absences-repository.ts';
import { reviewStatus } from '../welcome-back-reviews/welcome-back-reviews-service.ts';
import { attendanceAtAGlance } from '../attendance-cases/attendance-at-a-glance.ts';
import { reinstatedLeave } from '../absences/absence-views.ts';
import { reinstatedLeaveFor } from '../absences/reinstated-leave-service.ts';
import { absenceRow } from '../absences/page-support.ts';
import { ohPaths } from '../occupational-health/occupational-health-paths.ts';

/** Absences on a page of a person's history: most people's whole history fits on one. */
const ABSENCES_PER_PAGE = 50;

/** A person's page, for HR, organisation admins and the person's line managers. */
export function personPageRoutes(services: Services) {
  const { database } = services;
  return async (app: FastifyInstance) => {
    app.get(
      paths.organisation.person.pattern,
      {
        config: {
          access: { kind: 'permission', permission: 'person.view' },
          record: { person: 'personId', rule: 'person' },
          audit: 'person.viewed',
        },
      },
      async (request, reply) => {
        const organisation = organisationRecordOf(request);
        const personId = idParam(request, 'personId');
        const date = today();
        const page = await database.scoped({ organisationIds: [organisation.id] }, async (db) => {
          const principal = request.principal;
          const access = request.recordAccess?.relation;
          if (!principal || !access) throw notFound();
          const details = await personPage(db, organisationOf(request), personId);
          if (!details) throw notFound();
          // Absence is health information: HR and the person's own line managers see it; an
          // organisation admin, who keeps the records of people and accounts, does not.
          const seesAbsence =
            access === 'reporting-line' ||
            principal.grants.some((g) => g.organisationId === organisation.id && g.role === 'hr');
          if (!seesAbsence)
            return {
              access,
              details,
              seesAbsence,
              absences: [],
              rolling: null,
              leaveReinstated: null,
              attendance: { reviews: [], plans: [], cases: [], dyingToWork: false },
            };
          const absences = await absencesRepository(db, organisation.id).forPerson(personId);
          return {
            access,
            details,
            seesAbsence,
            absences,
            // From the terms and absences just read: only the bank holidays are read for it.
            rolling: await rollingYearFor(db, organisation, personId, date, {
              person: details.person,
              spells: details.terms,
              absences,
            }),
            leaveReinstated: await reinstatedLeaveFor(db, organisation, personId, date, {
              person: details.person,
              spells: details.terms,
              absences,
            }),
            attendance: await attendanceAtAGlance(db, organisation.id, personId),
          };
        });
        const absenceHref = (a: AbsenceRecord) =>
          paths.organisation.absence.build({ org: organisation.slug, personId, absenceId: a.id });
        const current = page.absences.find(
          (a) => a.startDate <= date && (a.endDate === null || a.endDate >= date),
        );
        // The terms as on record (salary included) were read for the rolling 12 months, not to show.
        const { terms: _terms, ...details } = page.details;
        // A long history a page at a time, newest first.
        const history = pageOfRows(page.absences, requestedPage(request.query), ABSENCES_PER_PAGE);
        const historyHref = (n: number) =>
          `${paths.organisation.person.build({ org: organisation.slug, personId })}${n > 1 ? `?page=${n}` : ''}#absence-history`;
        return reply.render('people/views/person.njk', {
          pageTitle: page.details.name,
          ...details,
          canManage: page.access === 'organisation',
          seesAbsence: page.seesAbsence,
          absences: history.rows.map((a) => absenceRow(a, absenceHref(a))),
          absencesShown: history,
          absencesPagination: paginationLinks(history.page, history.pages, historyHref),
          currentAbsence: current
            ? {
                ...absenceRow(current, absenceHref(current)),
                backOn: current.endDate ? addDays(current.endDate, 1) : null,
                changeHref: paths.organisation.editAbsence.build({
                  org: organisation.slug,
                  personId,
                  absenceId: current.id,
                }),
              }
            : null,
          rolling: page.rolling,
          reinstated: reinstatedLeave(page.absences),
          leaveReinstated: page.leaveReinstated,
          recordAbsenceHref: paths.organisation.recordAbsence.build({ org: organisation.slug, personId }),
          attendance: {
            passportHref: paths.organisation.adjustmentsPassport.build({ org: organisation.slug, personId }),
            newPlanHref: paths.organisation.newActionPlan.build({ org: organisation.slug, personId }),
            ohReferralHref: ohPaths.referrer.newReferral.build({ org: organisation.slug, personId }),
            reviews: page.attendance.reviews.map((r) => ({
              ...r,
              status: reviewStatus(r, date),
              href: paths.organisation.welcomeBackReview.build({
                org: organisation.slug,
                personId,
                reviewId: r.id,
              }),
            })),
            plans: page.attendance.plans.map((p) => ({
              ...p,
              href: paths.organisation.actionPlan.build({ org: organisation.slug, personId, planId: p.id }),
            })),
            cases: page.attendance.cases.map((c) => ({
              ...c,
              href: paths.organisation.attendanceCase.build({
                org: organisation.slug,
                personId,
                caseId: c.id,
              }),
            })),
            hasOpenCase: page.attendance.cases.some((c) => c.closedOn === null),
            openCaseHref: paths.organisation.openAttendanceCase.build({ org: organisation.slug, personId }),
            dyingToWork: page.attendance.dyingToWork,
            dyingToWorkHref: paths.organisation.dyingToWork.build({ org: organisation.slug, personId }),
          },
        });
      },
    );
  };
}
