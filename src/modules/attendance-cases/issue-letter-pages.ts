/**
 * Issuing a meeting's letter: an invitation's date, time and place, a preview word for word,
 * then the letter issued, the person emailed, and the meeting rearranged if its details changed.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.ts';
import { outcomeInWords, type Outcome } from '../../domain/attendance-stages.ts';
import { fillTemplate, LETTER_KINDS, type LetterKind } from '../../domain/letters.ts';
import { today } from '../../domain/today.ts';
import type { Services } from '../../services.ts';
import { HttpProblem, notFound } from '../../web/access-control.ts';
import { audit, changedFields } from '../../web/audit.ts';
import { dateParts, type FieldError } from '../../web/forms.ts';
import { timeOfDay, ukDate } from '../../domain/date-words.ts';
import { paths } from '../../web/paths.ts';
import { formBody, idParam, organisationOf, textField, userIdOf } from '../../web/request-context.ts';
import { attendanceSettingsRepository } from '../attendance-settings/attendance-settings-repository.ts';
import { renderEmail } from '../notifications/email-templates.ts';
import { notifyPeople } from '../notifications/notify.ts';
import { personForCasework, readCaseworkRecord } from '../people/casework-access.ts';
import { invitationLetterForm, type InvitationDetails } from './attendance-case-forms.ts';
import { attendanceCasesRepository } from './attendance-cases-repository.ts';
import {
  CASEWORK,
  CASEWORK_RECORD,
  caseParams,
  issuedLetter,
  loadMeeting,
  stageName,
} from './page-support.ts';

function isLetterKind(value: string): value is LetterKind {
  return value in LETTER_KINDS;
}

export function registerIssueLetterPages(app: FastifyInstance, services: Services) {
  const { database } = services;

  /** The meeting a letter is about, and what the letter needs from the case and the settings. */
  async function letterPage(
    db: Db,
    request: FastifyRequest,
    params: { personId: number; caseId: number; meetingId: number; kind: LetterKind },
  ) {
    const organisation = organisationOf(request);
    const { personId, caseId, meetingId, kind } = params;
    const data = await loadMeeting(db, request, personId, caseId, meetingId);
    const { meeting, attendanceCase } = data;
    if (kind === 'outcome' && meeting.heldOn === null) {
      throw new HttpProblem(409, 'Record the outcome of the meeting before issuing the outcome letter');
    }
    if (kind === 'invitation' && (meeting.heldOn !== null || attendanceCase.closedOn !== null)) {
      throw new HttpProblem(
        409,
        'This meeting has been held, or its case is closed: no invitation can be issued',
      );
    }
    if (issuedLetter(data.letters, kind)) {
      throw new HttpProblem(
        409,
        `The ${LETTER_KINDS[kind].toLowerCase()} letter for this meeting has already been issued`,
      );
    }
    const settings = attendanceSettingsRepository(db, organisation.id);
    return {
      meeting,
      template: await settings.letterTemplate(kind),
      noticeDays: (await settings.settings()).meetingNoticeDays,
    };
  }

  function letterParams(request: FastifyRequest) {
    const kind = (request.params as { kind: string }).kind;
    if (!isLetterKind(kind)) throw notFound();
    return { ...caseParams(request), meetingId: idParam(request, 'meetingId'), kind };
  }

  /** Reads the letter's own details: an invitation's date, time and place; nothing for an outcome. */
  function letterDetails(
    kind: LetterKind,
    page: Awaited<ReturnType<typeof letterPage>>,
    body: Record<string, unknown>,
  ) {
    if (kind === 'outcome') return { value: null, errors: [] };
    return invitationLetterForm(body, page.meeting, page.noticeDays, today());
  }

  /** The letter word for word as it will be issued. */
  function composeLetter(
    request: FastifyRequest,
    who: { name: string },
    page: Awaited<ReturnType<typeof letterPage>>,
    kind: LetterKind,
    details: InvitationDetails | null,
  ) {
    const { meeting } = page;
    const [hour, minute] = (details?.meetingTime ?? '').split(':').map(Number);
    return fillTemplate(page.template, {
      personName: who.name,
      organisationName: organisationOf(request).name,
      stage: stageName(meeting.stage),
      meetingDate: ukDate(
        kind === 'outcome'
          ? (meeting.heldOn ?? meeting.meetingDate)
          : (details?.meetingDate ?? meeting.meetingDate),
      ),
      meetingTime: hour === undefined || minute === undefined ? null : timeOfDay(hour, minute),
      location: details?.location ?? meeting.location,
      // The invitation is the written notice: it is given on the day the letter is issued.
      noticeDate: ukDate(kind === 'invitation' ? today() : meeting.noticeGivenOn),
      outcome: meeting.outcome ? outcomeInWords(meeting.outcome as Outcome, meeting.reviewDate) : null,
      rationale: meeting.rationale,
      reviewDate: meeting.reviewDate ? ukDate(meeting.reviewDate) : null,
      senderName: request.principal?.displayName ?? '',
    });
  }

  const letterLinks = (org: string, params: ReturnType<typeof letterParams>) => ({
    detailsHref: paths.organisation.newLetter.build({ org, ...params }),
    issueHref: paths.organisation.issueLetter.build({ org, ...params }),
    backLink: paths.organisation.stageMeeting.build({ org, ...params }),
  });

  /** The form asking for an invitation's date, time and place. */
  const letterDetailsView = (
    request: FastifyRequest,
    name: string,
    params: ReturnType<typeof letterParams>,
    page: Awaited<ReturnType<typeof letterPage>>,
    values: Record<string, unknown>,
    errors?: FieldError[],
  ) => ({
    pageTitle: `Invitation letter to ${name}`,
    name,
    stageName: stageName(page.meeting.stage),
    noticeDays: page.noticeDays,
    values,
    errors,
    ...letterLinks(organisationOf(request).slug, params),
  });

  /** The letter shown exactly as it will be issued, with the answers carried to “Issue” and “Change”. */
  const letterPreviewView = (
    request: FastifyRequest,
    name: string,
    params: ReturnType<typeof letterParams>,
    page: Awaited<ReturnType<typeof letterPage>>,
    details: InvitationDetails | null,
  ) => {
    const organisation = organisationOf(request);
    const answers = details
      ? {
          ...Object.fromEntries(
            Object.entries(dateParts(details.meetingDate)).map(([part, value]) => [
              `meetingDate-${part}`,
              value,
            ]),
          ),
          meetingTime: details.meetingTime,
          location: details.location,
        }
      : {};
    const [hour = 0, minute = 0] = (details?.meetingTime ?? '').split(':').map(Number);
    return {
      pageTitle: `Check the ${LETTER_KINDS[params.kind].toLowerCase()} letter to ${name}`,
      name,
      letter: composeLetter(request, { name }, page, params.kind, details),
      sheet: { organisationName: organisation.name, addressee: name, issuedOn: today() },
      details: details ? { ...details, timeInWords: timeOfDay(hour, minute) } : null,
      hiddenFields: Object.entries(answers).map(([fieldName, value]) => ({ name: fieldName, value })),
      ...letterLinks(organisation.slug, params),
    };
  };

  app.get(
    paths.organisation.newLetter.pattern,
    { config: { access: CASEWORK, record: CASEWORK_RECORD, audit: 'stage-meeting.viewed' } },
    async (request, reply) => {
      const params = letterParams(request);
      const { personId, meetingId, kind } = params;
      const page = await readCaseworkRecord(
        database,
        request,
        personId,
        (db) => letterPage(db, request, params),
        () => ({ action: 'stage-meeting.viewed', subjectType: 'stage_meeting', subjectId: meetingId }),
      );
      if (kind === 'outcome') {
        return reply.render(
          'attendance-cases/views/letter-preview.njk',
          letterPreviewView(request, page.who.name, params, page.data, null),
        );
      }
      const { meeting } = page.data;
      const dateValues = Object.entries(
        dateParts(meeting.meetingDate >= today() ? meeting.meetingDate : null),
      );
      return reply.render(
        'attendance-cases/views/letter-details.njk',
        letterDetailsView(request, page.who.name, params, page.data, {
          ...Object.fromEntries(dateValues.map(([part, value]) => [`meetingDate-${part}`, value])),
          meetingTime: '',
          location: meeting.location,
        }),
      );
    },
  );

  app.post(
    paths.organisation.newLetter.pattern,
    { config: { access: CASEWORK, record: CASEWORK_RECORD } },
    async (request, reply) => {
      const params = letterParams(request);
      const body = formBody(request);
      const outcome = await database.scoped({ organisationIds: [organisationOf(request).id] }, async (db) => {
        const who = await personForCasework(db, request);
        const page = await letterPage(db, request, params);
        return { who, page, form: letterDetails(params.kind, page, body) };
      });
      const { who, page, form } = outcome;
      if (params.kind === 'invitation' && (textField(body, 'change') === 'yes' || !form.value)) {
        const errors = textField(body, 'change') === 'yes' ? undefined : form.errors;
        return reply
          .status(errors ? 400 : 200)
          .render(
            'attendance-cases/views/letter-details.njk',
            letterDetailsView(request, who.name, params, page, body, errors),
          );
      }
      return reply.render(
        'attendance-cases/views/letter-preview.njk',
        letterPreviewView(request, who.name, params, page, form.value),
      );
    },
  );

  app.post(
    paths.organisation.issueLetter.pattern,
    { config: { access: CASEWORK, record: CASEWORK_RECORD } },
    async (request, reply) => {
      const params = letterParams(request);
      const { organisation, personId, meetingId, kind } = {
        ...params,
        organisation: organisationOf(request),
      };
      const body = formBody(request);
      const outcome = await database.scoped({ organisationIds: [organisation.id] }, async (db) => {
        const who = await personForCasework(db, request);
        const page = await letterPage(db, request, params);
        const form = letterDetails(kind, page, body);
        if (form.errors.length > 0) return { who, page, errors: form.errors, letterId: null };
        const details = form.value;
        const letter = composeLetter(request, who, page, kind, details);
        const repository = attendanceCasesRepository(db, organisation.id);
        const id = await repository.issueLetter({
          personId,
          meetingId,
          kind,
          issuedOn: today(),
          ...letter,
          meetingDate: details?.meetingDate ?? null,
          meetingTime: details?.meetingTime ?? null,
          meetingPlace: details?.location ?? null,
          issuedByUserId: userIdOf(request),
        });
        await audit(db, request, {
          action: 'letter.issued',
          subjectType: 'letter',
          subjectId: id,
          detail: { personId, meetingId, kind },
        });
        const { meeting } = page;
        if (
          details &&
          (details.meetingDate !== meeting.meetingDate ||
            details.location !== meeting.location ||
            meeting.noticeGivenOn !== today())
        ) {
          const before = {
            meetingDate: meeting.meetingDate,
            location: meeting.location,
            noticeGivenOn: meeting.noticeGivenOn,
          };
          const after = {
            meetingDate: details.meetingDate,
            location: details.location,
            noticeGivenOn: today(),
          };
          await repository.rearrangeMeeting(meetingId, after);
          await audit(db, request, {
            action: 'stage-meeting.rearranged',
            subjectType: 'stage_meeting',
            subjectId: meetingId,
            detail: {
              personId,
              letterId: id,
              meetingDate: after.meetingDate,
              changed: changedFields(before, after),
            },
          });
        }
        await notifyPeople(db, services.mailer, organisation.id, [
          {
            key: `letter-issued:${id}`,
            personId,
            subject: `${who.name}, a letter for you: ${letter.subject}`,
            ...renderEmail('letter-issued', {
              name: who.name,
              letterSubject: letter.subject,
              link: `${services.config.publicUrl}${paths.organisation.myLetter.build({ org: organisation.slug, letterId: id })}`,
              organisationName: organisation.name,
            }),
          },
        ]);
        return { who, page, errors: [], letterId: id };
      });
      if (outcome.letterId === null) {
        return reply
          .status(400)
          .render(
            'attendance-cases/views/letter-details.njk',
            letterDetailsView(request, outcome.who.name, params, outcome.page, body, outcome.errors),
          );
      }
      request.session.set('flash', { title: `${LETTER_KINDS[kind]}: letter issued` });
      return reply.redirect(
        paths.organisation.letter.build({ org: organisation.slug, personId, letterId: outcome.letterId }),
      );
    },
  );
}
