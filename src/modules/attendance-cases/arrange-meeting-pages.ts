/** Arranging a stage meeting: only the stages that may come next, with the notice the policy asks. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.ts';
import {
  nextStages,
  STAGE_NAMES,
  type Outcome,
  type Stage,
  type StageContext,
} from '../../domain/attendance-stages.ts';
import { addDays } from '../../domain/dates.ts';
import { today } from '../../domain/today.ts';
import type { Services } from '../../services.ts';
import { notFound } from '../../web/access-control.ts';
import { audit, changedFields } from '../../web/audit.ts';
import type { FieldError } from '../../web/forms.ts';
import { paths } from '../../web/paths.ts';
import { formBody, organisationOf, userIdOf } from '../../web/request-context.ts';
import { attendanceSettingsRepository } from '../attendance-settings/attendance-settings-repository.ts';
import { personForCasework } from '../people/casework-access.ts';
import { arrangeMeetingForm } from './attendance-case-forms.ts';
import { attendanceCasesRepository, type AttendanceCase } from './attendance-cases-repository.ts';
import { CASEWORK, CASEWORK_RECORD, caseHref, caseParams, loadCase } from './page-support.ts';

/** What decides which stages may come next: the meetings so far, notice, Dying to Work, who asks. */
async function stageContext(
  db: Db,
  organisationId: number,
  attendanceCase: AttendanceCase,
  isHr: boolean,
): Promise<StageContext> {
  const repository = attendanceCasesRepository(db, organisationId);
  const meetings = await repository.meetings(attendanceCase.id);
  const dyingToWork = await repository.dyingToWork(attendanceCase.personId);
  const settings = await attendanceSettingsRepository(db, organisationId).settings();
  return {
    meetings: meetings.map((m) => ({
      stage: m.stage as Stage,
      meetingDate: m.meetingDate,
      heldOn: m.heldOn,
      outcome: m.outcome as Outcome | null,
    })),
    isHr,
    noticeDays: settings.meetingNoticeDays,
    dyingToWork,
    caseClosed: attendanceCase.closedOn !== null,
  };
}

export function registerArrangeMeetingPages(app: FastifyInstance, services: Services) {
  const { database } = services;

  async function arrangePage(db: Db, request: FastifyRequest, personId: number, caseId: number) {
    const organisation = organisationOf(request);
    const who = await personForCasework(db, request);
    const attendanceCase = await loadCase(db, organisation.id, personId, caseId);
    const context = await stageContext(db, organisation.id, attendanceCase, who.access === 'hr');
    return { who, attendanceCase, context };
  }

  const arrangeView = (
    org: string,
    personId: number,
    caseId: number,
    name: string,
    context: StageContext,
    values: Record<string, unknown>,
    errors?: FieldError[],
  ) => {
    const heldInformal = context.meetings.some((m) => m.stage === 'informal' && m.heldOn !== null);
    const choices = nextStages(context);
    const offered = choices.filter((c) => c.reasons.length === 0);
    return {
      pageTitle: `Arrange a meeting with ${name}`,
      name,
      values,
      errors,
      stageItems: offered.map(({ stage: s }) => ({
        value: s,
        text: STAGE_NAMES[s],
        checked: values.stage === s || offered.length === 1,
      })),
      notOffered: choices
        .filter((c) => c.reasons.length > 0)
        .map((c) => ({ name: STAGE_NAMES[c.stage], reasons: c.reasons })),
      /** When no stage may come next, why not, each reason once. */
      blockedReasons: offered.length === 0 ? [...new Set(choices.flatMap((c) => c.reasons))] : [],
      noticeDays: context.noticeDays,
      earliestDate: addDays(today(), context.noticeDays),
      offersOverride: context.isHr && !heldInformal,
      dyingToWork: context.dyingToWork,
      backLink: caseHref(org, personId, caseId),
    };
  };

  app.get(
    paths.organisation.newStageMeeting.pattern,
    { config: { access: CASEWORK, record: CASEWORK_RECORD, audit: 'attendance-case.viewed' } },
    async (request, reply) => {
      const { organisation, personId, caseId } = caseParams(request);
      const page = await database.scoped({ organisationIds: [organisation.id] }, (db) =>
        arrangePage(db, request, personId, caseId),
      );
      if (page.attendanceCase.closedOn) throw notFound();
      const heldInformal = page.context.meetings.some((m) => m.stage === 'informal' && m.heldOn !== null);
      return reply.render(
        'attendance-cases/views/new-meeting.njk',
        arrangeView(organisation.slug, personId, caseId, page.who.name, page.context, {
          stage: heldInformal ? '' : 'informal',
          location: '',
        }),
      );
    },
  );

  app.post(
    paths.organisation.newStageMeeting.pattern,
    { config: { access: CASEWORK, record: CASEWORK_RECORD } },
    async (request, reply) => {
      const { organisation, personId, caseId } = caseParams(request);
      const body = formBody(request);
      const outcome = await database.scoped({ organisationIds: [organisation.id] }, async (db) => {
        const page = await arrangePage(db, request, personId, caseId);
        if (page.attendanceCase.closedOn) throw notFound();
        const form = arrangeMeetingForm(body, page.context, today());
        if (!form.value) return { page, errors: form.errors, meetingId: null };
        const meetingId = await attendanceCasesRepository(db, organisation.id).arrangeMeeting({
          caseId,
          ...form.value,
          createdByUserId: userIdOf(request),
        });
        await audit(db, request, {
          action: 'stage-meeting.arranged',
          subjectType: 'stage_meeting',
          subjectId: meetingId,
          detail: {
            personId,
            caseId,
            stage: form.value.stage,
            meetingDate: form.value.meetingDate,
            noticeGivenOn: form.value.noticeGivenOn,
            changed: changedFields(null, form.value),
          },
        });
        return { page, errors: [], meetingId };
      });
      if (outcome.meetingId !== null) {
        request.session.set('flash', {
          title: 'Meeting arranged',
          text: 'Issue the invitation letter so the person has written notice.',
        });
        return reply.redirect(
          paths.organisation.stageMeeting.build({
            org: organisation.slug,
            personId,
            caseId,
            meetingId: outcome.meetingId,
          }),
        );
      }
      return reply
        .status(400)
        .render(
          'attendance-cases/views/new-meeting.njk',
          arrangeView(
            organisation.slug,
            personId,
            caseId,
            outcome.page.who.name,
            outcome.page.context,
            body,
            outcome.errors,
          ),
        );
    },
  );
}
