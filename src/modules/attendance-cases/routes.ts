import { codeWords } from '../../domain/labels.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import {
  ACCOMPANIMENT,
  nextStages,
  OUTCOMES,
  outcomeInWords,
  outcomesFor,
  STAGE_NAMES,
  STAGES,
  type Outcome,
  type Stage,
  type StageContext,
} from '../../domain/attendance-stages.ts';
import { addDays } from '../../domain/dates.ts';
import { fillTemplate, LETTER_KINDS, type LetterKind } from '../../domain/letters.ts';
import { today } from '../../domain/today.ts';
import type { Services } from '../../services.ts';
import { HttpProblem, notFound } from '../../web/access-control.ts';
import { audit, changedFields } from '../../web/audit.ts';
import { dateParts, type FieldError } from '../../web/forms.ts';
import { timeOfDay, ukDate } from '../../domain/date-words.ts';
import { chooseFilters, listView, queryField, readListQuery } from '../../web/list-query.ts';
import { fetchPage } from '../../web/pagination.ts';
import { paths } from '../../web/paths.ts';
import {
  formBody,
  idParam,
  organisationOf,
  ownPersonId,
  textField,
  userIdOf,
} from '../../web/request-context.ts';
import { actionPlansRepository } from '../action-plans/action-plans-repository.ts';
import { attendanceSettingsRepository } from '../attendance-settings/attendance-settings-repository.ts';
import { effectivePolicies, type PolicyModel } from '../attendance-triggers/triggered-people.ts';
import { renderEmail } from '../notifications/email-templates.ts';
import { notifyPeople } from '../notifications/notify.ts';
import { structureRepository } from '../organisation-structure/structure-repository.ts';
import { personForCasework, readCaseworkRecord } from '../people/casework-access.ts';
import { peopleRepository } from '../people/people-repository.ts';
import { welcomeBackReviewsRepository } from '../welcome-back-reviews/welcome-back-reviews-repository.ts';
import {
  arrangeMeetingForm,
  closeCaseForm,
  DYING_TO_WORK_OPTIONS,
  dyingToWorkForm,
  invitationLetterForm,
  meetingRecordForm,
  type InvitationDetails,
} from './attendance-case-forms.ts';
import {
  attendanceCasesRepository,
  CASE_SORTS,
  type AttendanceCase,
  type CaseListRow,
  type Letter,
  type StageMeeting,
} from './attendance-cases-repository.ts';
import { caseTimeline } from './case-timeline.ts';
import { letterPdf } from './letter-pdf.ts';

const CASEWORK = { kind: 'permission', permission: 'attendance.casework' } as const;
const OVERSEE = { kind: 'permission', permission: 'attendance.oversee' } as const;
const SELF = { kind: 'permission', permission: 'attendance.self-service' } as const;

const POLICY_NAMES = { person_centred: 'Person-centred', trigger_based: 'Trigger-based' } as const;

const stageName = (stage: string | null) => codeWords('stage', stage);
const outcomeName = (outcome: string | null) => codeWords('outcome', outcome);
const issuedLetter = (letters: readonly { kind: string }[], kind: LetterKind) =>
  letters.find((l) => l.kind === kind) ?? null;

/** A case's meeting is overdue when its date has passed with no outcome, or its review date has passed. */
export function caseOverdue(
  row: Pick<CaseListRow, 'closed_on' | 'meeting_date' | 'held_on' | 'review_date'>,
  onDate: string,
) {
  if (row.closed_on !== null || row.meeting_date === null) return false;
  if (row.held_on === null) return row.meeting_date < onDate;
  return row.review_date !== null && row.review_date < onDate;
}

function meetingStatus(meeting: StageMeeting, onDate: string) {
  if (meeting.heldOn) return { text: 'Held', colour: 'green' };
  if (meeting.meetingDate < onDate) return { text: 'Outcome not recorded', colour: 'red' };
  return { text: 'Arranged', colour: 'blue' };
}

/** The organisation, person and case a case page is about. */
function caseParams(request: FastifyRequest) {
  return {
    organisation: organisationOf(request),
    personId: idParam(request, 'personId'),
    caseId: idParam(request, 'caseId'),
  };
}

function isLetterKind(value: string): value is LetterKind {
  return value in LETTER_KINDS;
}

/** A file name for a letter that says what it is: “invitation-letter-amelia-brown-2026-12-07.pdf”. */
export function letterFileName(letter: Pick<Letter, 'kind' | 'issuedOn'>, personName: string): string {
  const slug = (text: string) =>
    text
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '');
  return `${slug(`${letter.kind} letter ${personName}`)}-${letter.issuedOn}.pdf`;
}

/** The letter as an A4 PDF to keep or print. */
async function sendLetterFile(
  reply: FastifyReply,
  letter: Letter,
  organisationName: string,
  personName: string,
) {
  const pdf = await letterPdf({
    organisationName,
    dateInWords: ukDate(letter.issuedOn),
    addressee: personName,
    subject: letter.subject,
    body: letter.body,
  });
  return reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', `attachment; filename="${letterFileName(letter, personName)}"`)
    .header('cache-control', 'no-store')
    .send(pdf);
}

/**
 * Attendance cases: informal and formal stage meetings with notice, accompaniment, outcome and
 * rationale; letters from the organisation's templates; the Dying to Work charter; HR's case
 * list and each case's timeline. Every read of someone else's case is audited.
 */
export function attendanceCasesRoutes(services: Services) {
  const { database } = services;

  async function loadCase(db: Db, organisationId: number, personId: number, caseId: number) {
    const found = await attendanceCasesRepository(db, organisationId).find(caseId);
    if (!found || found.personId !== personId) throw notFound();
    return found;
  }

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

  const caseHref = (org: string, personId: number, caseId: number) =>
    paths.organisation.attendanceCase.build({ org, personId, caseId });

  return async (app: FastifyInstance) => {
    // ------------------------------------------------------------ HR's case list

    app.get(
      paths.organisation.attendanceCases.pattern,
      { config: { access: OVERSEE, audit: 'attendance-cases.listed' } },
      async (request, reply) => {
        const organisation = organisationOf(request);
        const date = today();
        const { value: query, errors } = readListQuery(request.query, CASE_SORTS, 'opened');
        const status = queryField(
          request.query,
          'status',
          z.enum(['open', 'all']),
          'open',
          'Show open cases or all cases',
          errors,
        );
        const stage = queryField(
          request.query,
          'stage',
          z.enum(['none', ...STAGES]),
          null,
          'Choose a stage from the list',
          errors,
        );
        const overdue = queryField(
          request.query,
          'overdue',
          z.literal('yes'),
          null,
          'Tick “Only overdue cases” or leave it',
          errors,
        );
        const policy = queryField(
          request.query,
          'policy',
          z.enum(Object.keys(POLICY_NAMES) as [PolicyModel, ...PolicyModel[]]),
          null,
          'Choose a policy from the list',
          errors,
        );
        const organisationPolicy = organisation.policyModel as PolicyModel;
        const data = await database.scoped({ organisationIds: [organisation.id] }, async (db) => {
          const managers = await peopleRepository(db, organisation.id).lineManagers(date);
          const units = await structureRepository(db, organisation.id).units();
          const { manager, unit, unitIds } = chooseFilters(query, managers, units, errors);
          const policies = effectivePolicies(units, organisationPolicy);
          const cases = attendanceCasesRepository(db, organisation.id);
          const shown = await fetchPage(
            (limit, offset) =>
              cases.page({
                onDate: date,
                openOnly: status === 'open',
                stage,
                overdueOnly: overdue === 'yes',
                managerPersonId: manager,
                unitIds,
                policyUnitIds:
                  policy === null ? null : [...policies].filter(([, p]) => p === policy).map(([id]) => id),
                policyIncludesNoUnit: policy === organisationPolicy,
                sort: query.sort,
                order: query.order,
                limit,
                offset,
              }),
            query.page,
          );
          return { managers, units, manager, unit, policies, shown };
        });
        const filters = { status, stage, overdue, policy };
        return reply.status(errors.length > 0 ? 400 : 200).render('attendance-cases/views/cases.njk', {
          pageTitle: 'Attendance cases',
          filters,
          stageItems: [
            { value: '', text: 'Any stage' },
            { value: 'none', text: 'No meeting yet' },
            ...STAGES.map((s) => ({ value: s, text: STAGE_NAMES[s] })),
          ].map((i) => ({ ...i, selected: i.value === (stage ?? '') })),
          policyItems: [
            { value: '', text: 'Either policy' },
            ...Object.entries(POLICY_NAMES).map(([value, text]) => ({ value, text })),
          ].map((i) => ({ ...i, selected: i.value === (policy ?? '') })),
          ...listView({
            base: paths.organisation.attendanceCases.build({ org: organisation.slug }),
            filters: { ...filters, status: status === 'open' ? null : status },
            query,
            sorts: CASE_SORTS,
            columns: [
              { text: 'Person', sort: 'name' },
              { text: 'Unit', sort: 'unit' },
              { text: 'Line manager', sort: 'manager' },
              { text: 'Policy' },
              { text: 'Opened', sort: 'opened' },
              { text: 'Stage reached', sort: 'stage' },
              { text: 'Status' },
            ],
            shown: data.shown,
            errors,
            managers: data.managers,
            units: data.units,
            chosen: data,
          }),
          cases: data.shown.rows.map((c) => ({
            ...c,
            name: `${c.first_name} ${c.last_name}`,
            href: caseHref(organisation.slug, c.person_id, c.id),
            stageName: c.stage ? stageName(c.stage) : 'No meeting yet',
            overdue: caseOverdue(c, date),
            policyName:
              POLICY_NAMES[
                c.unit_id === null ? organisationPolicy : (data.policies.get(c.unit_id) ?? organisationPolicy)
              ] ?? '',
          })),
        });
      },
    );

    // ------------------------------------------------------------ opening and closing a case

    app.get(
      paths.organisation.openAttendanceCase.pattern,
      { config: { access: CASEWORK, audit: 'attendance-case.form-opened' } },
      async (request, reply) => {
        const organisation = organisationOf(request);
        const personId = idParam(request, 'personId');
        const page = await database.scoped({ organisationIds: [organisation.id] }, async (db) => ({
          who: await personForCasework(db, request.principal, organisation.id, personId, today()),
          open: await attendanceCasesRepository(db, organisation.id).openCaseOf(personId),
        }));
        if (page.open) return reply.redirect(caseHref(organisation.slug, personId, page.open.id));
        return reply.render('attendance-cases/views/open-case.njk', {
          pageTitle: `Open an attendance case for ${page.who.name}`,
          name: page.who.name,
          backLink: paths.organisation.person.build({ org: organisation.slug, personId }),
        });
      },
    );

    app.post(
      paths.organisation.openAttendanceCase.pattern,
      { config: { access: CASEWORK } },
      async (request, reply) => {
        const organisation = organisationOf(request);
        const personId = idParam(request, 'personId');
        const caseId = await database.scoped({ organisationIds: [organisation.id] }, async (db) => {
          await personForCasework(db, request.principal, organisation.id, personId, today());
          const repository = attendanceCasesRepository(db, organisation.id);
          const open = await repository.openCaseOf(personId);
          if (open) return open.id;
          const id = await repository.open(personId, today(), userIdOf(request));
          await audit(db, request, {
            action: 'attendance-case.opened',
            subjectType: 'attendance_case',
            subjectId: id,
            detail: { personId },
          });
          return id;
        });
        request.session.set('flash', { title: 'Attendance case opened' });
        return reply.redirect(caseHref(organisation.slug, personId, caseId));
      },
    );

    const closePage = (
      name: string,
      values: Record<string, unknown>,
      backLink: string,
      errors?: FieldError[],
    ) => ({
      pageTitle: `Close ${name}’s attendance case`,
      name,
      values,
      errors,
      backLink,
    });

    app.get(
      paths.organisation.closeAttendanceCase.pattern,
      { config: { access: CASEWORK, audit: 'attendance-case.viewed' } },
      async (request, reply) => {
        const { organisation, personId, caseId } = caseParams(request);
        const who = await database.scoped({ organisationIds: [organisation.id] }, async (db) => {
          const found = await personForCasework(db, request.principal, organisation.id, personId, today());
          const attendanceCase = await loadCase(db, organisation.id, personId, caseId);
          if (attendanceCase.closedOn) throw notFound();
          return found;
        });
        return reply.render(
          'attendance-cases/views/close-case.njk',
          closePage(who.name, {}, caseHref(organisation.slug, personId, caseId)),
        );
      },
    );

    app.post(
      paths.organisation.closeAttendanceCase.pattern,
      { config: { access: CASEWORK } },
      async (request, reply) => {
        const { organisation, personId, caseId } = caseParams(request);
        const body = formBody(request);
        const outcome = await database.scoped({ organisationIds: [organisation.id] }, async (db) => {
          const who = await personForCasework(db, request.principal, organisation.id, personId, today());
          const attendanceCase = await loadCase(db, organisation.id, personId, caseId);
          if (attendanceCase.closedOn) throw notFound();
          const form = closeCaseForm(body, today(), attendanceCase.openedOn);
          const waiting = (await attendanceCasesRepository(db, organisation.id).meetings(caseId)).find(
            (m) => !m.heldOn,
          );
          if (form.value && waiting) {
            form.errors.push({
              text: `Record the outcome of the ${stageName(waiting.stage).toLowerCase()} arranged for ${ukDate(waiting.meetingDate)} before closing the case`,
              href: '#closedOn-day',
            });
          }
          if (!form.value || form.errors.length > 0) return { who, errors: form.errors };
          await attendanceCasesRepository(db, organisation.id).close(
            caseId,
            form.value.closedOn,
            form.value.reason,
          );
          await audit(db, request, {
            action: 'attendance-case.closed',
            subjectType: 'attendance_case',
            subjectId: caseId,
            detail: { personId, closedOn: form.value.closedOn, changed: changedFields(null, form.value) },
          });
          return { who, errors: [] };
        });
        if (outcome.errors.length === 0) {
          request.session.set('flash', { title: 'Attendance case closed' });
          return reply.redirect(caseHref(organisation.slug, personId, caseId));
        }
        return reply
          .status(400)
          .render(
            'attendance-cases/views/close-case.njk',
            closePage(outcome.who.name, body, caseHref(organisation.slug, personId, caseId), outcome.errors),
          );
      },
    );

    // ------------------------------------------------------------ the case and its timeline

    app.get(
      paths.organisation.attendanceCase.pattern,
      { config: { access: CASEWORK, audit: 'attendance-case.viewed' } },
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

    // ------------------------------------------------------------ arranging a stage meeting

    async function arrangePage(db: Db, request: FastifyRequest, personId: number, caseId: number) {
      const organisation = organisationOf(request);
      const who = await personForCasework(db, request.principal, organisation.id, personId, today());
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
      { config: { access: CASEWORK, audit: 'attendance-case.viewed' } },
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
      { config: { access: CASEWORK } },
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

    // ------------------------------------------------------------ a meeting: its record and letters

    async function loadMeeting(
      db: Db,
      request: FastifyRequest,
      personId: number,
      caseId: number,
      meetingId: number,
    ) {
      const organisation = organisationOf(request);
      const repository = attendanceCasesRepository(db, organisation.id);
      const attendanceCase = await loadCase(db, organisation.id, personId, caseId);
      const meeting = await repository.meeting(caseId, meetingId);
      if (!meeting) throw notFound();
      const letters = (await repository.letters(personId)).filter((l) => l.meetingId === meetingId);
      return { attendanceCase, meeting, letters };
    }

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
      { config: { access: CASEWORK, audit: 'stage-meeting.viewed' } },
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
      { config: { access: CASEWORK } },
      async (request, reply) => {
        const { organisation, personId, caseId } = caseParams(request);
        const meetingId = idParam(request, 'meetingId');
        const body = formBody(request);
        const outcome = await database.scoped({ organisationIds: [organisation.id] }, async (db) => {
          const who = await personForCasework(db, request.principal, organisation.id, personId, today());
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

    // ------------------------------------------------------------ a letter: its details, a preview, then issued

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
      { config: { access: CASEWORK, audit: 'stage-meeting.viewed' } },
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
      { config: { access: CASEWORK } },
      async (request, reply) => {
        const params = letterParams(request);
        const body = formBody(request);
        const outcome = await database.scoped(
          { organisationIds: [organisationOf(request).id] },
          async (db) => {
            const who = await personForCasework(
              db,
              request.principal,
              organisationOf(request).id,
              params.personId,
              today(),
            );
            const page = await letterPage(db, request, params);
            return { who, page, form: letterDetails(params.kind, page, body) };
          },
        );
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
      { config: { access: CASEWORK } },
      async (request, reply) => {
        const params = letterParams(request);
        const { organisation, personId, meetingId, kind } = {
          ...params,
          organisation: organisationOf(request),
        };
        const body = formBody(request);
        const outcome = await database.scoped({ organisationIds: [organisation.id] }, async (db) => {
          const who = await personForCasework(db, request.principal, organisation.id, personId, today());
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

    // ------------------------------------------------------------ letters, printable and downloadable

    async function readLetter(request: FastifyRequest, event: string) {
      const organisation = organisationOf(request);
      const personId = idParam(request, 'personId');
      const letterId = idParam(request, 'letterId');
      return readCaseworkRecord(
        database,
        request,
        personId,
        async (db) => {
          const letter = await attendanceCasesRepository(db, organisation.id).letter(letterId);
          if (!letter || letter.personId !== personId) throw notFound();
          return letter;
        },
        () => ({ action: event, subjectType: 'letter', subjectId: letterId }),
      );
    }

    app.get(
      paths.organisation.letter.pattern,
      { config: { access: CASEWORK, audit: 'letter.viewed' } },
      async (request, reply) => {
        const organisation = organisationOf(request);
        const page = await readLetter(request, 'letter.viewed');
        const letter = page.data;
        return reply.render('attendance-cases/views/letter.njk', {
          pageTitle: letter.subject,
          caption: page.who.name,
          letter: { ...letter, kindName: LETTER_KINDS[letter.kind as LetterKind] ?? letter.kind },
          sheet: { organisationName: organisation.name, addressee: page.who.name, issuedOn: letter.issuedOn },
          downloadHref: paths.organisation.letterDownload.build({
            org: organisation.slug,
            personId: letter.personId,
            letterId: letter.id,
          }),
          backLink: paths.organisation.stageMeeting.build({
            org: organisation.slug,
            personId: letter.personId,
            caseId: letter.caseId,
            meetingId: letter.meetingId,
          }),
        });
      },
    );

    app.get(
      paths.organisation.letterDownload.pattern,
      { config: { access: CASEWORK, audit: 'letter.downloaded' } },
      async (request, reply) => {
        const page = await readLetter(request, 'letter.downloaded');
        return sendLetterFile(reply, page.data, organisationOf(request).name, page.who.name);
      },
    );

    async function myLetter(request: FastifyRequest) {
      const organisation = organisationOf(request);
      const personId = ownPersonId(request);
      const letterId = idParam(request, 'letterId');
      const letter = await database.scoped({ organisationIds: [organisation.id] }, (db) =>
        attendanceCasesRepository(db, organisation.id).letter(letterId),
      );
      if (!letter || letter.personId !== personId) throw notFound();
      return letter;
    }

    app.get(paths.organisation.myLetter.pattern, { config: { access: SELF } }, async (request, reply) => {
      const organisation = organisationOf(request);
      const letter = await myLetter(request);
      return reply.render('attendance-cases/views/letter.njk', {
        pageTitle: letter.subject,
        caption: 'A letter to you',
        letter: { ...letter, kindName: LETTER_KINDS[letter.kind as LetterKind] ?? letter.kind },
        sheet: {
          organisationName: organisation.name,
          addressee: request.principal?.displayName ?? '',
          issuedOn: letter.issuedOn,
        },
        downloadHref: paths.organisation.myLetterDownload.build({
          org: organisation.slug,
          letterId: letter.id,
        }),
        backLink: paths.organisation.myAttendance.build({ org: organisation.slug }),
      });
    });

    app.get(
      paths.organisation.myLetterDownload.pattern,
      { config: { access: SELF } },
      async (request, reply) =>
        sendLetterFile(
          reply,
          await myLetter(request),
          organisationOf(request).name,
          request.principal?.displayName ?? '',
        ),
    );

    // ------------------------------------------------------------ Dying to Work

    const optionItems = (chosen: readonly string[]) =>
      Object.entries(DYING_TO_WORK_OPTIONS).map(([value, text]) => ({
        value,
        text,
        checked: chosen.includes(value),
      }));

    const dyingToWorkView = (
      org: string,
      personId: number,
      name: string,
      values: Record<string, unknown>,
      recorded: boolean,
      errors?: FieldError[],
    ) => {
      const chosen = values.options;
      return {
        pageTitle: `Dying to Work: ${name}`,
        name,
        values,
        recorded,
        errors,
        optionItems: optionItems(
          Array.isArray(chosen) ? chosen.map(String) : typeof chosen === 'string' ? [chosen] : [],
        ),
        backLink: paths.organisation.person.build({ org, personId }),
      };
    };

    app.get(
      paths.organisation.dyingToWork.pattern,
      { config: { access: CASEWORK, audit: 'dying-to-work.viewed' } },
      async (request, reply) => {
        const organisation = organisationOf(request);
        const personId = idParam(request, 'personId');
        const page = await readCaseworkRecord(
          database,
          request,
          personId,
          (db) => attendanceCasesRepository(db, organisation.id).dyingToWork(personId),
          () => ({ action: 'dying-to-work.viewed', subjectType: 'person', subjectId: personId }),
        );
        const record = page.data;
        const values = record
          ? {
              'recordedOn-day': record.recordedOn.slice(8, 10).replace(/^0/, ''),
              'recordedOn-month': record.recordedOn.slice(5, 7).replace(/^0/, ''),
              'recordedOn-year': record.recordedOn.slice(0, 4),
              options: record.options,
              choosesFormalProcess: record.choosesFormalProcess ? 'yes' : 'no',
              notes: record.notes,
            }
          : {};
        return reply.render(
          'attendance-cases/views/dying-to-work.njk',
          dyingToWorkView(organisation.slug, personId, page.who.name, values, record !== null),
        );
      },
    );

    app.post(
      paths.organisation.dyingToWork.pattern,
      { config: { access: CASEWORK } },
      async (request, reply) => {
        const organisation = organisationOf(request);
        const personId = idParam(request, 'personId');
        const body = formBody(request);
        const outcome = await database.scoped({ organisationIds: [organisation.id] }, async (db) => {
          const who = await personForCasework(db, request.principal, organisation.id, personId, today());
          const repository = attendanceCasesRepository(db, organisation.id);
          const before = await repository.dyingToWork(personId);
          const form = dyingToWorkForm(body, today());
          if (!form.value) return { who, errors: form.errors, recorded: before !== null };
          await repository.saveDyingToWork(personId, form.value, userIdOf(request));
          await audit(db, request, {
            action: before ? 'dying-to-work.changed' : 'dying-to-work.recorded',
            subjectType: 'person',
            subjectId: personId,
            detail: {
              recordedOn: form.value.recordedOn,
              choosesFormalProcess: form.value.choosesFormalProcess,
              changed: changedFields(before, form.value),
            },
          });
          return { who, errors: [], recorded: true };
        });
        if (outcome.errors.length === 0) {
          request.session.set('flash', { title: 'Dying to Work record saved' });
          return reply.redirect(paths.organisation.person.build({ org: organisation.slug, personId }));
        }
        return reply
          .status(400)
          .render(
            'attendance-cases/views/dying-to-work.njk',
            dyingToWorkView(
              organisation.slug,
              personId,
              outcome.who.name,
              body,
              outcome.recorded,
              outcome.errors,
            ),
          );
      },
    );
  };
}
