/** A stage meeting: what was arranged, then its record (who came, the outcome and why). */
import type { FastifyInstance } from 'fastify';
import {
  ACCOMPANIMENT,
  OUTCOMES,
  outcomeInWords,
  outcomesFor,
  type Outcome,
  type Stage,
} from '../../domain/attendance-stages.ts';
import { LETTER_KINDS, type LetterKind } from '../../domain/letters.ts';
import { today } from '../../domain/today.ts';
import type { Services } from '../../services.ts';
import { HttpProblem } from '../../web/access-control.ts';
import { audit, changedFields } from '../../web/audit.ts';
import type { FieldError } from '../../web/forms.ts';
import { paths } from '../../web/paths.ts';
import { formBody, idParam, userIdOf } from '../../web/request-context.ts';
import { personForCasework, readCaseworkRecord } from '../people/casework-access.ts';
import { meetingRecordForm } from './attendance-case-forms.ts';
import { attendanceCasesRepository } from './attendance-cases-repository.ts';
import {
  CASEWORK,
  CASEWORK_RECORD,
  caseHref,
  caseParams,
  issuedLetter,
  loadMeeting,
  meetingStatus,
  outcomeName,
  stageName,
} from './page-support.ts';

export function registerStageMeetingPages(app: FastifyInstance, services: Services) {
  const { database } = services;

  const meetingView = (
    org: string,
    personId: number,
    name: string,
    data: Awaited<ReturnType<typeof loadMeeting>>,
    values: Record<string, unknown>,
    errors?: FieldError[],
  ) => {
    const { meeting, attendanceCase } = data;
    const stage = meeting.stage as Stage;
    const caseId = attendanceCase.id;
    const letterHref = (kind: LetterKind) =>
      paths.organisation.newLetter.build({ org, personId, caseId, meetingId: meeting.id, kind });
    return {
      pageTitle: `${stageName(stage)}: ${name}`,
      name,
      meeting: {
        ...meeting,
        stageName: stageName(stage),
        outcomeName: meeting.outcome
          ? outcomeInWords(meeting.outcome as Outcome, meeting.reviewDate)
          : outcomeName(null),
        accompanimentName: meeting.accompaniment
          ? (ACCOMPANIMENT[meeting.accompaniment as keyof typeof ACCOMPANIMENT] ?? '')
          : '',
        status: meetingStatus(meeting, today()),
      },
      caseClosed: attendanceCase.closedOn !== null,
      values,
      errors,
      accompanimentItems: Object.entries(ACCOMPANIMENT).map(([value, text]) => ({
        value,
        text,
        checked: values.accompaniment === value,
      })),
      outcomeItems: outcomesFor(stage).map((value) => ({
        value,
        text: OUTCOMES[value],
        checked: values.outcome === value,
      })),
      letters: data.letters.map((l) => ({
        ...l,
        kindName: LETTER_KINDS[l.kind as LetterKind] ?? l.kind,
        href: paths.organisation.letter.build({ org, personId, letterId: l.id }),
      })),
      // A letter of each kind is issued once: after that the page links to it instead.
      invitationHref: issuedLetter(data.letters, 'invitation') ? null : letterHref('invitation'),
      outcomeLetterHref: issuedLetter(data.letters, 'outcome') ? null : letterHref('outcome'),
      backLink: caseHref(org, personId, caseId),
    };
  };

  app.get(
    paths.organisation.stageMeeting.pattern,
    { config: { access: CASEWORK, record: CASEWORK_RECORD, audit: 'stage-meeting.viewed' } },
    async (request, reply) => {
      const { organisation, personId, caseId } = caseParams(request);
      const meetingId = idParam(request, 'meetingId');
      const page = await readCaseworkRecord(
        database,
        request,
        personId,
        (db) => loadMeeting(db, request, personId, caseId, meetingId),
        () => ({ action: 'stage-meeting.viewed', subjectType: 'stage_meeting', subjectId: meetingId }),
      );
      return reply.render(
        'attendance-cases/views/meeting.njk',
        meetingView(organisation.slug, personId, page.who.name, page.data, { attendees: '' }),
      );
    },
  );

  app.post(
    paths.organisation.stageMeeting.pattern,
    { config: { access: CASEWORK, record: CASEWORK_RECORD } },
    async (request, reply) => {
      const { organisation, personId, caseId } = caseParams(request);
      const meetingId = idParam(request, 'meetingId');
      const body = formBody(request);
      const outcome = await database.scoped({ organisationIds: [organisation.id] }, async (db) => {
        const who = await personForCasework(db, request);
        const data = await loadMeeting(db, request, personId, caseId, meetingId);
        if (data.meeting.heldOn !== null || data.attendanceCase.closedOn !== null) {
          throw new HttpProblem(409, 'This meeting’s outcome is already recorded, or its case is closed');
        }
        const form = meetingRecordForm(body, data.meeting.stage as Stage, data.meeting, today());
        if (!form.value) return { who, data, errors: form.errors };
        await attendanceCasesRepository(db, organisation.id).recordMeeting(
          meetingId,
          form.value,
          userIdOf(request),
        );
        await audit(db, request, {
          action: 'stage-meeting.recorded',
          subjectType: 'stage_meeting',
          subjectId: meetingId,
          detail: {
            personId,
            caseId,
            heldOn: form.value.heldOn,
            outcome: form.value.outcome,
            reviewDate: form.value.reviewDate,
            changed: changedFields(null, form.value),
          },
        });
        return { who, data, errors: [] };
      });
      if (outcome.errors.length === 0) {
        request.session.set('flash', {
          title: 'Meeting recorded',
          text: 'Issue the outcome letter to confirm what was decided.',
        });
        return reply.redirect(
          paths.organisation.stageMeeting.build({ org: organisation.slug, personId, caseId, meetingId }),
        );
      }
      return reply
        .status(400)
        .render(
          'attendance-cases/views/meeting.njk',
          meetingView(organisation.slug, personId, outcome.who.name, outcome.data, body, outcome.errors),
        );
    },
  );
}
