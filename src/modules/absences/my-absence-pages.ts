/** The employee's own absence: what is on record, reporting sickness, and saying they are back. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { addDays } from '../../domain/dates.ts';
import { today } from '../../domain/today.ts';
import type { Services } from '../../services.ts';
import { notFound } from '../../web/access-control.ts';
import { dateParts } from '../../web/forms.ts';
import { paths } from '../../web/paths.ts';
import type { OrganisationContext } from '../../web/types.ts';
import { idParam, organisationOf, organisationRecordOf, ownPersonId } from '../../web/request-context.ts';
import { ukDateWithDay } from '../../web/nunjucks.ts';
import type { Db } from '../../db/database.ts';
import { bankHolidayDatesBetween } from '../calendar/bank-holidays-repository.ts';
import { rollingYearFrom, rollingYearOf } from '../../domain/rolling-year.ts';
import { peopleRepository } from '../people/people-repository.ts';
import { absenceForm, returnForm } from './absence-form.ts';
import { changeAbsence, inputFromRecord, offSickFrom, offSickOn, recordAbsence } from './absence-service.ts';
import { absencesRepository, type AbsenceRecord } from './absences-repository.ts';
import { reinstatedLeave } from './absence-views.ts';
import { reinstatedLeaveFor } from './reinstated-leave-service.ts';
import { selfSubject } from '../../web/subject.ts';
import { absenceRow, formSubject, tellManagerOfSickness } from './page-support.ts';

export function registerMyAbsencePages(app: FastifyInstance, services: Services) {
  const { database } = services;

  app.get(
    paths.organisation.myAbsence.pattern,
    { config: { access: { kind: 'permission', permission: 'absence.self-service' } } },
    async (request, reply) => {
      const organisation = organisationRecordOf(request);
      const personId = ownPersonId(request);
      const date = today();
      const data = await database.scoped({ organisationIds: [organisation.id] }, async (db) => {
        const people = peopleRepository(db, organisation.id);
        const person = await people.find(personId);
        if (!person) return null;
        const record = {
          person,
          spells: await people.history(personId),
          absences: await absencesRepository(db, organisation.id).forPerson(personId),
        };
        const bankHolidays = await bankHolidayDatesBetween(
          db,
          organisation.region,
          rollingYearFrom(date),
          date,
        );
        return {
          absences: record.absences,
          rolling: rollingYearOf(organisation, date, record, bankHolidays),
          leaveReinstated: await reinstatedLeaveFor(db, organisation, personId, date, record),
        };
      });
      if (!data) throw notFound();
      const offSick =
        data.absences.map((a) => offSickFrom(a, organisation.slug, date)).find((o) => o !== null) ?? null;
      return reply.render('absences/views/my-absence.njk', {
        pageTitle: 'My absence',
        absences: data.absences.map((a) => absenceRow(a, null)),
        rolling: data.rolling,
        reinstated: reinstatedLeave(data.absences),
        leaveReinstated: data.leaveReinstated,
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
            await services.events.raise('absences-changed', {
              db,
              organisation,
              absenceIds: [recorded.absenceId],
            });
            await tellManagerOfSickness(
              db,
              services,
              organisation,
              personId,
              input,
              recorded.absenceId,
              request,
            );
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
        if (changed.length === 0)
          await services.events.raise('absences-changed', { db, organisation, absenceIds: [absence.id] });
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
}
