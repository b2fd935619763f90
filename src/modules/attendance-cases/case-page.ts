/** An attendance case: its meetings, letters, Dying to Work record and timeline. */
import type { FastifyInstance } from 'fastify';
import { outcomeInWords, type Outcome } from '../../domain/attendance-stages.ts';
import { LETTER_KINDS, type LetterKind } from '../../domain/letters.ts';
import { today } from '../../domain/today.ts';
import type { Services } from '../../services.ts';
import { paths } from '../../web/paths.ts';
import { actionPlansRepository } from '../action-plans/action-plans-repository.ts';
import { readCaseworkRecord } from '../people/casework-access.ts';
import { ohPaths } from '../occupational-health/occupational-health-paths.ts';
import { welcomeBackReviewsRepository } from '../welcome-back-reviews/welcome-back-reviews-repository.ts';
import { DYING_TO_WORK_OPTIONS } from './attendance-case-forms.ts';
import { attendanceCasesRepository } from './attendance-cases-repository.ts';
import { caseTimeline } from './case-timeline.ts';
import {
  CASEWORK,
  CASEWORK_RECORD,
  caseParams,
  loadCase,
  meetingStatus,
  outcomeName,
  stageName,
} from './page-support.ts';

export function registerCasePage(app: FastifyInstance, services: Services) {
  const { database } = services;

  app.get(
    paths.organisation.attendanceCase.pattern,
    { config: { access: CASEWORK, record: CASEWORK_RECORD, audit: 'attendance-case.viewed' } },
    async (request, reply) => {
      const { organisation, personId, caseId } = caseParams(request);
      const page = await readCaseworkRecord(
        database,
        request,
        personId,
        async (db) => {
          const repository = attendanceCasesRepository(db, organisation.id);
          const attendanceCase = await loadCase(db, organisation.id, personId, caseId);
          return {
            attendanceCase,
            meetings: await repository.meetings(caseId),
            letters: await repository.letters(personId),
            dyingToWork: await repository.dyingToWork(personId),
            reviews: await welcomeBackReviewsRepository(db, organisation.id).forPerson(personId),
            plans: await actionPlansRepository(db, organisation.id).forPerson(personId),
          };
        },
        () => ({ action: 'attendance-case.viewed', subjectType: 'attendance_case', subjectId: caseId }),
      );
      const { attendanceCase, meetings, dyingToWork } = page.data;
      const date = today();
      const meetingIds = new Set(meetings.map((m) => m.id));
      const caseLetters = page.data.letters.filter((l) => meetingIds.has(l.meetingId));
      return reply.render('attendance-cases/views/case.njk', {
        pageTitle: `Attendance case: ${page.who.name}`,
        name: page.who.name,
        attendanceCase,
        dyingToWork: dyingToWork
          ? {
              ...dyingToWork,
              optionNames: dyingToWork.options.map(
                (o) => DYING_TO_WORK_OPTIONS[o as keyof typeof DYING_TO_WORK_OPTIONS] ?? o,
              ),
            }
          : null,
        meetings: meetings.map((m) => ({
          ...m,
          stageName: stageName(m.stage),
          outcomeName: m.outcome ? outcomeInWords(m.outcome as Outcome, m.reviewDate) : outcomeName(null),
          status: meetingStatus(m, date),
          href: paths.organisation.stageMeeting.build({
            org: organisation.slug,
            personId,
            caseId,
            meetingId: m.id,
          }),
        })),
        letters: caseLetters.map((l) => ({
          ...l,
          kindName: LETTER_KINDS[l.kind as LetterKind] ?? l.kind,
          href: paths.organisation.letter.build({ org: organisation.slug, personId, letterId: l.id }),
        })),
        timeline: caseTimeline({
          case: attendanceCase,
          meetings,
          letters: caseLetters,
          reviews: page.data.reviews,
          plans: page.data.plans,
          dyingToWork,
        }),
        newMeetingHref: paths.organisation.newStageMeeting.build({
          org: organisation.slug,
          personId,
          caseId,
        }),
        ohReferralHref: ohPaths.referrer.newReferral.build({ org: organisation.slug, personId }),
        closeHref: paths.organisation.closeAttendanceCase.build({
          org: organisation.slug,
          personId,
          caseId,
        }),
        dyingToWorkHref: paths.organisation.dyingToWork.build({ org: organisation.slug, personId }),
        backLink: paths.organisation.person.build({ org: organisation.slug, personId }),
      });
    },
  );
}
