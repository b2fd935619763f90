import { codeWords } from '../../domain/labels.ts';
import type { FastifyInstance } from 'fastify';
import { today } from '../../domain/today.ts';
import type { Services } from '../../services.ts';
import { paths } from '../../web/paths.ts';
import { organisationOf, ownPersonId } from '../../web/request-context.ts';
import { attendanceCasesRepository } from '../attendance-cases/attendance-cases-repository.ts';
import { actionPlansRepository } from '../action-plans/action-plans-repository.ts';
import {
  attendanceSettingsRepository,
  SUPPORT_KINDS,
} from '../attendance-settings/attendance-settings-repository.ts';
import { welcomeBackReviewsRepository } from '../welcome-back-reviews/welcome-back-reviews-repository.ts';
import { reviewStatus } from '../welcome-back-reviews/welcome-back-reviews-service.ts';
import { offSickOn } from '../absences/absence-service.ts';
import { ohPaths } from '../occupational-health/occupational-health-paths.ts';

/** The employee's own attendance pages in one place: reviews, action plans, passport, support. */
export function myAttendanceRoutes(services: Services) {
  return async (app: FastifyInstance) => {
    app.get(
      paths.organisation.myAttendance.pattern,
      { config: { access: { kind: 'permission', permission: 'attendance.self-service' } } },
      async (request, reply) => {
        const organisation = organisationOf(request);
        const personId = ownPersonId(request);
        const date = today();
        const data = await services.database.scoped({ organisationIds: [organisation.id] }, async (db) => ({
          offSick: await offSickOn(db, organisation, personId, date),
          reviews: await welcomeBackReviewsRepository(db, organisation.id).forPerson(personId),
          plans: await actionPlansRepository(db, organisation.id).forPerson(personId),
          support: await attendanceSettingsRepository(db, organisation.id).supportServices({
            activeOnly: true,
          }),
          meetings: await attendanceCasesRepository(db, organisation.id).meetingsOfPerson(personId),
          letters: await attendanceCasesRepository(db, organisation.id).letters(personId),
        }));
        return reply.render('my-attendance/views/my-attendance.njk', {
          pageTitle: 'My wellbeing and attendance',
          offSick: data.offSick,
          reportSicknessHref: paths.organisation.reportSickness.build({ org: organisation.slug }),
          reviews: data.reviews.map((r) => ({
            ...r,
            status: reviewStatus(r, date),
            href: paths.organisation.myWelcomeBackReview.build({ org: organisation.slug, reviewId: r.id }),
          })),
          plans: data.plans.map((p) => ({
            ...p,
            href: paths.organisation.myActionPlan.build({ org: organisation.slug, planId: p.id }),
          })),
          meetings: data.meetings.map((m) => ({
            ...m,
            stageName: codeWords('stage', m.stage),
            outcomeName: m.outcome ? codeWords('outcome', m.outcome) : null,
          })),
          letters: data.letters.map((l) => ({
            ...l,
            href: paths.organisation.myLetter.build({ org: organisation.slug, letterId: l.id }),
          })),
          support: data.support.map((s) => ({
            ...s,
            kindName: SUPPORT_KINDS[s.kind as keyof typeof SUPPORT_KINDS] ?? s.kind,
          })),
          myAbsenceHref: paths.organisation.myAbsence.build({ org: organisation.slug }),
          passportHref: paths.organisation.myAdjustmentsPassport.build({ org: organisation.slug }),
          occupationalHealthHref: ohPaths.own.overview.build({ org: organisation.slug }),
        });
      },
    );
  };
}
