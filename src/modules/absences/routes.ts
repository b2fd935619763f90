import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ABSENCE_TYPE_NAMES, ABSENCE_TYPES } from '../../domain/absence-rules.ts';
import { ukDate } from '../../domain/date-words.ts';
import { addDays, earlierOf, isRealDate } from '../../domain/dates.ts';
import { codeWords, madeBy, reasonWords } from '../../domain/labels.ts';
import { today } from '../../domain/today.ts';
import { ESR_SICKNESS_REASONS } from '../../reference/esr-sickness-reasons.ts';
import { ruleOn, SELF_CERTIFICATION_DAYS } from '../../reference/statutory-rules.ts';
import type { Services } from '../../services.ts';
import { notFound } from '../../web/access-control.ts';
import { dateParts, type FieldError } from '../../web/forms.ts';
import { pageOfRows, paginationLinks, requestedPage } from '../../web/pagination.ts';
import { paths } from '../../web/paths.ts';
import type { OrganisationContext } from '../../web/types.ts';
import { idParam, organisationOf, organisationRecordOf, ownPersonId } from '../../web/request-context.ts';
import { ukDateWithDay } from '../../web/nunjucks.ts';
import type { Db } from '../../db/database.ts';
import { rollingYearFor } from '../absence-report/report-service.ts';
import { peopleRepository } from '../people/people-repository.ts';
import { maySeePerson, personPage } from '../people/people-service.ts';
import {
  absenceForm,
  CERTIFICATIONS,
  FIT_NOTE_ADVICE,
  ownCertifications,
  returnForm,
  type AbsenceInput,
} from './absence-form.ts';
import {
  changeAbsence,
  fitNotesNeeded,
  inputFromRecord,
  offSickFrom,
  offSickOn,
  recordAbsence,
} from './absence-service.ts';
import { absencesImportPages } from './absences-import-pages.ts';
import { notifySicknessReported } from '../notifications/sickness-reported.ts';
import { absencesRepository, type AbsenceRecord } from './absences-repository.ts';
import { afterAbsenceChange, reviewStatus } from '../welcome-back-reviews/welcome-back-reviews-service.ts';
import { attendanceAtAGlance } from '../attendance-cases/attendance-at-a-glance.ts';
import { describeChange, fitNoteNeededText, reinstatedLeave, teamCalendar } from './absence-views.ts';
import { personSubject, selfSubject, type Subject } from '../../web/subject.ts';

function formValues(input: AbsenceInput): Record<string, unknown> {
  const parts = (name: string, value: string | null) => {
    const p = dateParts(value);
    return { [`${name}-day`]: p.day, [`${name}-month`]: p.month, [`${name}-year`]: p.year };
  };
  return {
    type: input.type,
    ...parts('startDate', input.startDate),
    ...parts('endDate', input.endDate),
    reasonCode: input.reasonCode ?? '',
    workRelated: input.workRelated === null ? '' : input.workRelated ? 'yes' : 'no',
    wentHome: input.firstDayHours === null ? 'no' : 'yes',
    firstDayHours: input.firstDayHours === null ? '' : String(input.firstDayHours),
    certification: input.certification ?? '',
    ...parts('fitNoteFrom', input.fitNoteFrom),
    ...parts('fitNoteTo', input.fitNoteTo),
    fitNoteMayBeFit: input.fitNoteMayBeFit === null ? '' : input.fitNoteMayBeFit ? 'yes' : 'no',
    fitNoteAdvice: input.fitNoteAdvice,
    disabilityRelated: input.disabilityRelated ? ['yes'] : [],
    notes: input.notes ?? '',
  };
}

/** Absences on a page of a person's history: most people's whole history fits on one. */
const ABSENCES_PER_PAGE = 50;

/**
 * The choices an absence form offers, with the self-certification period in force on the day.
 * The employee reporting their own sickness sees plain words; a manager or HR also sees the
 * payroll reason codes they report against.
 */
function formOptions(date: string, subject: Subject) {
  const selfCertificationDays = ruleOn(SELF_CERTIFICATION_DAYS, date);
  const certificationWords = subject.self ? ownCertifications(selfCertificationDays) : CERTIFICATIONS;
  return {
    types: ABSENCE_TYPES.map((t) => ({ value: t, text: ABSENCE_TYPE_NAMES[t] })),
    reasons: ESR_SICKNESS_REASONS.map((r) => ({
      value: r.code,
      text: subject.self ? r.description : `${r.code} ${r.description}`,
    })),
    certifications: Object.entries(certificationWords).map(([value, text]) => ({ value, text })),
    advice: Object.entries(FIT_NOTE_ADVICE).map(([value, text]) => ({ value, text })),
    selfCertificationDays,
  };
}

/** Whom an absence form is about, with the choices in words for them. */
function formSubject(subject: Subject) {
  return { subject, options: formOptions(today(), subject) };
}

/** An absence as a row for a table. */
function absenceRow(a: AbsenceRecord, href: string | null) {
  return {
    id: a.id,
    href,
    type: codeWords('absenceType', a.type),
    isSickness: a.type === 'sickness',
    startDate: a.startDate,
    endDate: a.endDate,
    reason: a.reasonCode ? reasonWords(a.reasonCode) : null,
    certification: a.certification
      ? (CERTIFICATIONS[a.certification as keyof typeof CERTIFICATIONS] ?? null)
      : null,
    disabilityRelated: a.disabilityRelated,
    open: a.endDate === null,
  };
}

export function absencesRoutes(services: Services) {
  const { database } = services;

  /** A new sickness, reported by the person or recorded by someone else: their manager is told. */
  const tellManagerOfSickness = async (
    db: Db,
    organisation: { id: number; slug: string; name: string },
    personId: number,
    input: AbsenceInput,
    absenceId: number,
    request: FastifyRequest,
  ) => {
    if (input.type !== 'sickness') return;
    await notifySicknessReported(db, services, organisation, {
      absenceId,
      personId,
      startDate: input.startDate,
      recordedByUserId: request.principal?.userId ?? null,
    });
  };

  return async (app: FastifyInstance) => {
    await app.register(absencesImportPages(database));

    // ------------------------------------------------------------ the person page's absence section

    app.get(
      paths.organisation.person.pattern,
      { config: { access: { kind: 'permission', permission: 'person.view' }, audit: 'person.viewed' } },
      async (request, reply) => {
        const organisation = organisationRecordOf(request);
        const personId = idParam(request, 'personId');
        const date = today();
        const page = await database.scoped({ organisationIds: [organisation.id] }, async (db) => {
          const principal = request.principal;
          if (!principal) throw notFound();
          const access = await maySeePerson(db, principal, organisation.id, personId, date);
          if (!access) throw notFound();
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
          recordAbsenceHref: paths.organisation.recordAbsence.build({ org: organisation.slug, personId }),
          attendance: {
            passportHref: paths.organisation.adjustmentsPassport.build({ org: organisation.slug, personId }),
            newPlanHref: paths.organisation.newActionPlan.build({ org: organisation.slug, personId }),
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

    // ------------------------------------------------------------ employee self-service

    app.get(
      paths.organisation.myAbsence.pattern,
      { config: { access: { kind: 'permission', permission: 'absence.self-service' } } },
      async (request, reply) => {
        const organisation = organisationRecordOf(request);
        const personId = ownPersonId(request);
        const date = today();
        const data = await database.scoped({ organisationIds: [organisation.id] }, async (db) => ({
          person: await peopleRepository(db, organisation.id).find(personId),
          absences: await absencesRepository(db, organisation.id).forPerson(personId),
          rolling: await rollingYearFor(db, organisation, personId, date),
        }));
        if (!data.person) throw notFound();
        const offSick =
          data.absences.map((a) => offSickFrom(a, organisation.slug, date)).find((o) => o !== null) ?? null;
        return reply.render('absences/views/my-absence.njk', {
          pageTitle: 'My absence',
          absences: data.absences.map((a) => absenceRow(a, null)),
          rolling: data.rolling,
          reinstated: reinstatedLeave(data.absences),
          offSick,
          reportSicknessHref: paths.organisation.reportSickness.build({ org: organisation.slug }),
        });
      },
    );

    /** The report-sickness page: the form, or, while the person is off sick, how to say they are back. */
    const reportSicknessPage = (organisation: OrganisationContext, extra: Record<string, unknown>) => ({
      pageTitle: extra.offSick ? 'You are already off sick' : 'Report sickness',
      ...formSubject(selfSubject()),
      backLink: paths.organisation.myAbsence.build({ org: organisation.slug }),
      ...extra,
    });

    app.get(
      paths.organisation.reportSickness.pattern,
      { config: { access: { kind: 'permission', permission: 'absence.self-service' } } },
      async (request, reply) => {
        const organisation = organisationOf(request);
        const personId = ownPersonId(request);
        const date = today();
        const offSick = await database.scoped({ organisationIds: [organisation.id] }, (db) =>
          offSickOn(db, organisation, personId, date),
        );
        const start = dateParts(date);
        return reply.render(
          'absences/views/report-sickness.njk',
          reportSicknessPage(organisation, {
            offSick,
            values: {
              'startDate-day': start.day,
              'startDate-month': start.month,
              'startDate-year': start.year,
            },
          }),
        );
      },
    );

    app.post(
      paths.organisation.reportSickness.pattern,
      {
        config: {
          access: { kind: 'permission', permission: 'absence.self-service' },
          audit: 'absence.self-reported',
        },
      },
      async (request, reply) => {
        const organisation = organisationRecordOf(request);
        const personId = ownPersonId(request);
        const body = (request.body ?? {}) as Record<string, unknown>;
        const form = absenceForm(body, { fixedType: 'sickness', subject: selfSubject() });
        let errors = form.errors;
        if (form.value) {
          const input = form.value;
          const result = await database.scoped({ organisationIds: [organisation.id] }, async (db) => {
            const recorded = await recordAbsence(db, organisation, personId, input, {
              userId: request.principal?.userId ?? 0,
              reason: 'Reported by the employee',
            });
            if (recorded.ok) {
              await afterAbsenceChange(db, services, organisation, [recorded.absenceId]);
              await tellManagerOfSickness(db, organisation, personId, input, recorded.absenceId, request);
            }
            return recorded;
          });
          if (result.ok) {
            request.session.set('flash', {
              title: 'Your sickness has been reported',
              text: 'Your line manager can see it. When you are back at work, tell us by choosing “Tell us you are back”.',
            });
            return reply.redirect(paths.home.build());
          }
          errors = result.errors;
        }
        return reply
          .status(400)
          .render(
            'absences/views/report-sickness.njk',
            reportSicknessPage(organisation, { values: body, errors }),
          );
      },
    );

    /** The employee's own sickness that they may say they are back from: current, or ended in the future. */
    async function ownSickness(request: FastifyRequest, db: Db, organisationId: number) {
      const absence = await absencesRepository(db, organisationId).find(idParam(request, 'absenceId'));
      const open = absence && (absence.endDate === null || absence.endDate >= today());
      if (!absence || absence.personId !== ownPersonId(request) || absence.type !== 'sickness' || !open)
        throw notFound();
      return absence;
    }

    const imBackPage = (
      organisation: OrganisationContext,
      absence: AbsenceRecord,
      extra: Record<string, unknown>,
    ) => {
      const date = today();
      const example = dateParts(addDays(date, -2));
      return {
        pageTitle: 'When are you back at work?',
        absence: absenceRow(absence, null),
        today: date,
        tomorrow: addDays(date, 1),
        example: `${example.day} ${example.month} ${example.year}`,
        values: {},
        backLink: paths.organisation.myAbsence.build({ org: organisation.slug }),
        ...extra,
      };
    };

    app.get(
      paths.organisation.imBack.pattern,
      { config: { access: { kind: 'permission', permission: 'absence.self-service' } } },
      async (request, reply) => {
        const organisation = organisationOf(request);
        const absence = await database.scoped({ organisationIds: [organisation.id] }, (db) =>
          ownSickness(request, db, organisation.id),
        );
        return reply.render('absences/views/im-back.njk', imBackPage(organisation, absence, {}));
      },
    );

    app.post(
      paths.organisation.imBack.pattern,
      {
        config: {
          access: { kind: 'permission', permission: 'absence.self-service' },
          audit: 'absence.return-reported',
        },
      },
      async (request, reply) => {
        const organisation = organisationRecordOf(request);
        const body = (request.body ?? {}) as Record<string, unknown>;
        const outcome = await database.scoped({ organisationIds: [organisation.id] }, async (db) => {
          const absence = await ownSickness(request, db, organisation.id);
          const form = returnForm(body, absence, today());
          if (!form.value) return { absence, errors: form.errors, lastDay: null };
          const { lastDay } = form.value;
          const changed = await changeAbsence(
            db,
            organisation,
            absence,
            { ...inputFromRecord(absence), endDate: lastDay },
            {
              userId: request.principal?.userId ?? 0,
              reason: 'Return reported by the employee',
              action: 'returned',
            },
          );
          if (changed.length === 0) await afterAbsenceChange(db, services, organisation, [absence.id]);
          const field = body.back === 'other' ? '#returnDate-day' : '#back';
          return { absence, errors: changed.map((e) => ({ ...e, href: field })), lastDay };
        });
        if (outcome.errors.length === 0 && outcome.lastDay) {
          request.session.set('flash', {
            title: 'Welcome back',
            text: `We have recorded your last day off sick as ${ukDateWithDay(outcome.lastDay)}. Your line manager will talk with you about how you are.`,
          });
          return reply.redirect(paths.organisation.myAbsence.build({ org: organisation.slug }));
        }
        return reply
          .status(400)
          .render(
            'absences/views/im-back.njk',
            imBackPage(organisation, outcome.absence, { values: body, errors: outcome.errors }),
          );
      },
    );

    // ------------------------------------------------------------ the manager's team page

    app.get(
      paths.organisation.team.pattern,
      { config: { access: { kind: 'permission', permission: 'team.view' }, audit: 'team.viewed' } },
      async (request, reply) => {
        const organisation = organisationRecordOf(request);
        const managerId = ownPersonId(request);
        const date = today();
        const monthParam = (request.query as { month?: string }).month;
        const month =
          typeof monthParam === 'string' && /^\d{4}-\d{2}$/.test(monthParam) && isRealDate(`${monthParam}-01`)
            ? monthParam
            : date.slice(0, 7);
        const data = await database.scoped({ organisationIds: [organisation.id] }, async (db) => {
          const team = await peopleRepository(db, organisation.id).reportingLine(managerId, date);
          const ids = team.map((p) => p.id);
          // Only what the page shows: off today, back within a week, and the month's calendar.
          const endingFrom = earlierOf(`${month}-01`, addDays(date, -1));
          const absences = await absencesRepository(db, organisation.id).forPeople(ids, { endingFrom });
          const fitNotes = await fitNotesNeeded(
            db,
            organisation.id,
            ids,
            date,
            ruleOn(SELF_CERTIFICATION_DAYS, date),
          );
          return { team, absences, fitNotes };
        });
        const byId = new Map(data.team.map((p) => [p.id, p]));
        const name = (id: number) => {
          const p = byId.get(id);
          return p ? `${p.first_name} ${p.last_name}` : '';
        };
        const personHref = (id: number) =>
          paths.organisation.person.build({ org: organisation.slug, personId: id });
        const offToday = data.absences.filter(
          (a) => a.startDate <= date && (a.endDate === null || a.endDate >= date),
        );
        // Back on a day after today and within the week: whoever's last day was yesterday is back.
        const dueBack = data.absences.filter(
          (a) => a.endDate !== null && a.endDate >= date && a.endDate < addDays(date, 7),
        );
        return reply.render('absences/views/team.njk', {
          pageTitle: 'My team',
          team: data.team.map((p) => ({
            ...p,
            href: personHref(p.id),
            recordHref: paths.organisation.recordAbsence.build({ org: organisation.slug, personId: p.id }),
          })),
          offToday: offToday.map((a) => ({
            ...absenceRow(a, null),
            name: name(a.personId),
            href: personHref(a.personId),
          })),
          dueBack: dueBack.map((a) => ({
            ...absenceRow(a, null),
            name: name(a.personId),
            href: personHref(a.personId),
            backOn: addDays(a.endDate ?? date, 1),
          })),
          fitNotes: data.fitNotes.map((f) => ({
            ...f,
            text: fitNoteNeededText(f, date),
            name: name(f.person_id),
            href: paths.organisation.absence.build({
              org: organisation.slug,
              personId: f.person_id,
              absenceId: f.id,
            }),
          })),
          calendar: teamCalendar(month, data.team, data.absences),
          month,
          previousMonthHref: `${paths.organisation.team.build({ org: organisation.slug })}?month=${shiftMonth(month, -1)}`,
          nextMonthHref: `${paths.organisation.team.build({ org: organisation.slug })}?month=${shiftMonth(month, 1)}`,
        });
      },
    );

    // ------------------------------------------------------------ recording for someone else

    async function personForRecording(request: FastifyRequest) {
      const organisation = organisationRecordOf(request);
      const personId = idParam(request, 'personId');
      const principal = request.principal;
      if (!principal) throw notFound();
      const person = await database.scoped({ organisationIds: [organisation.id] }, async (db) => {
        const access = await maySeePerson(db, principal, organisation.id, personId, today());
        const roles = principal.grants.filter((g) => g.organisationId === organisation.id).map((g) => g.role);
        const allowed = (access === 'organisation' && roles.includes('hr')) || access === 'reporting-line';
        if (!allowed) return null;
        return peopleRepository(db, organisation.id).find(personId);
      });
      if (!person) throw notFound();
      return { organisation, person };
    }

    app.get(
      paths.organisation.recordAbsence.pattern,
      {
        config: {
          access: { kind: 'permission', permission: 'absence.record' },
          audit: 'absence.form-opened',
        },
      },
      async (request, reply) => {
        const { organisation, person } = await personForRecording(request);
        return reply.render('absences/views/record-absence.njk', {
          pageTitle: `Record an absence for ${person.firstName} ${person.lastName}`,
          name: `${person.firstName} ${person.lastName}`,
          ...formSubject(personSubject(`${person.firstName} ${person.lastName}`)),
          values: {},
          backLink: paths.organisation.person.build({ org: organisation.slug, personId: person.id }),
        });
      },
    );

    app.post(
      paths.organisation.recordAbsence.pattern,
      { config: { access: { kind: 'permission', permission: 'absence.record' }, audit: 'absence.recorded' } },
      async (request, reply) => {
        const { organisation, person } = await personForRecording(request);
        const body = (request.body ?? {}) as Record<string, unknown>;
        const form = absenceForm(body, { subject: personSubject(`${person.firstName} ${person.lastName}`) });
        let errors = form.errors;
        if (form.value) {
          const input = form.value;
          const result = await database.scoped({ organisationIds: [organisation.id] }, async (db) => {
            const recorded = await recordAbsence(db, organisation, person.id, input, {
              userId: request.principal?.userId ?? 0,
            });
            if (recorded.ok) {
              await afterAbsenceChange(db, services, organisation, [recorded.absenceId]);
              await tellManagerOfSickness(db, organisation, person.id, input, recorded.absenceId, request);
            }
            return recorded;
          });
          if (result.ok) {
            request.session.set('flash', {
              title: `Absence recorded for ${person.firstName} ${person.lastName}`,
            });
            return reply.redirect(
              paths.organisation.person.build({ org: organisation.slug, personId: person.id }),
            );
          }
          errors = result.errors;
        }
        return reply.status(400).render('absences/views/record-absence.njk', {
          pageTitle: `Record an absence for ${person.firstName} ${person.lastName}`,
          name: `${person.firstName} ${person.lastName}`,
          ...formSubject(personSubject(`${person.firstName} ${person.lastName}`)),
          values: body,
          errors,
          backLink: paths.organisation.person.build({ org: organisation.slug, personId: person.id }),
        });
      },
    );

    app.get(
      paths.organisation.absence.pattern,
      { config: { access: { kind: 'permission', permission: 'absence.record' }, audit: 'absence.viewed' } },
      async (request, reply) => {
        const { organisation, person } = await personForRecording(request);
        const absenceId = idParam(request, 'absenceId');
        const data = await database.scoped({ organisationIds: [organisation.id] }, async (db) => {
          const repository = absencesRepository(db, organisation.id);
          const absence = await repository.find(absenceId);
          if (!absence || absence.personId !== person.id) return null;
          return { absence, history: await repository.history(absenceId) };
        });
        if (!data) throw notFound();
        const names = await services.users.displayNames(
          data.history.flatMap((change) => (change.userId ? [change.userId] : [])),
        );
        return reply.render('absences/views/absence.njk', {
          pageTitle: `${codeWords('absenceType', data.absence.type)} from ${ukDate(data.absence.startDate)}`,
          name: `${person.firstName} ${person.lastName}`,
          absence: { ...absenceRow(data.absence, null), ...data.absence },
          history: data.history.map((change) => ({
            ...change,
            by: madeBy(change.userId, names),
            changed: describeChange(change.action, change.changes),
          })),
          editHref: paths.organisation.editAbsence.build({
            org: organisation.slug,
            personId: person.id,
            absenceId,
          }),
          backLink: paths.organisation.person.build({ org: organisation.slug, personId: person.id }),
        });
      },
    );

    app.get(
      paths.organisation.editAbsence.pattern,
      { config: { access: { kind: 'permission', permission: 'absence.record' }, audit: 'absence.viewed' } },
      async (request, reply) => {
        const { organisation, person } = await personForRecording(request);
        const absenceId = idParam(request, 'absenceId');
        const absence = await database.scoped({ organisationIds: [organisation.id] }, (db) =>
          absencesRepository(db, organisation.id).find(absenceId),
        );
        if (!absence || absence.personId !== person.id) throw notFound();
        return reply.render('absences/views/record-absence.njk', {
          pageTitle: `Change an absence for ${person.firstName} ${person.lastName}`,
          name: `${person.firstName} ${person.lastName}`,
          editing: true,
          ...formSubject(personSubject(`${person.firstName} ${person.lastName}`)),
          values: formValues(inputFromRecord(absence)),
          backLink: paths.organisation.absence.build({
            org: organisation.slug,
            personId: person.id,
            absenceId,
          }),
        });
      },
    );

    app.post(
      paths.organisation.editAbsence.pattern,
      { config: { access: { kind: 'permission', permission: 'absence.record' }, audit: 'absence.changed' } },
      async (request, reply) => {
        const { organisation, person } = await personForRecording(request);
        const absenceId = idParam(request, 'absenceId');
        const body = (request.body ?? {}) as Record<string, unknown>;
        const form = absenceForm(body, { subject: personSubject(`${person.firstName} ${person.lastName}`) });
        const reason = typeof body.changeReason === 'string' ? body.changeReason.trim() : '';
        const errors: FieldError[] = [...form.errors];
        if (!reason) errors.push({ text: 'Say why the absence is being changed', href: '#changeReason' });
        if (form.value && errors.length === 0) {
          const input = form.value;
          const result = await database.scoped({ organisationIds: [organisation.id] }, async (db) => {
            const absence = await absencesRepository(db, organisation.id).find(absenceId);
            if (!absence || absence.personId !== person.id) throw notFound();
            const problems = await changeAbsence(db, organisation, absence, input, {
              userId: request.principal?.userId ?? 0,
              reason,
            });
            if (problems.length === 0) await afterAbsenceChange(db, services, organisation, [absence.id]);
            return problems;
          });
          if (result.length === 0) {
            request.session.set('flash', { title: 'Absence changed' });
            return reply.redirect(
              paths.organisation.absence.build({ org: organisation.slug, personId: person.id, absenceId }),
            );
          }
          errors.push(...result);
        }
        return reply.status(400).render('absences/views/record-absence.njk', {
          pageTitle: `Change an absence for ${person.firstName} ${person.lastName}`,
          name: `${person.firstName} ${person.lastName}`,
          editing: true,
          ...formSubject(personSubject(`${person.firstName} ${person.lastName}`)),
          values: body,
          errors,
          backLink: paths.organisation.absence.build({
            org: organisation.slug,
            personId: person.id,
            absenceId,
          }),
        });
      },
    );
  };
}

function shiftMonth(month: string, by: number): string {
  const year = Number(month.slice(0, 4));
  const index = Number(month.slice(5, 7)) - 1 + by;
  const date = new Date(Date.UTC(year, index, 1));
  return date.toISOString().slice(0, 7);
}
