/** Recording, viewing and changing someone's absence: HR, or the person's line managers. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ukDate } from '../../domain/date-words.ts';
import { codeWords, madeBy } from '../../domain/labels.ts';
import type { Services } from '../../services.ts';
import { notFound } from '../../web/access-control.ts';
import { dateParts, type FieldError } from '../../web/forms.ts';
import { paths } from '../../web/paths.ts';
import { idParam, organisationRecordOf } from '../../web/request-context.ts';
import { peopleRepository } from '../people/people-repository.ts';
import { absenceForm, type AbsenceInput } from './absence-form.ts';
import { changeAbsence, inputFromRecord, recordAbsence } from './absence-service.ts';
import { absencesRepository } from './absences-repository.ts';
import { describeChange } from './absence-views.ts';
import { personSubject } from '../../web/subject.ts';
import { absenceRow, formSubject, tellManagerOfSickness } from './page-support.ts';

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

/** Recording is about the person in `:personId`: HR may record anyone's absence, a manager their reporting line's. */
const RECORDING = { person: 'personId', rule: 'absence-recording' };

export function registerRecordAbsencePages(app: FastifyInstance, services: Services) {
  const { database } = services;

  /** The person the route declares (`config.record`): HR may record anyone's absence, a manager their reporting line's. */
  async function personForRecording(request: FastifyRequest) {
    const organisation = organisationRecordOf(request);
    const declared = request.recordAccess;
    if (!declared)
      throw new Error(`Route ${request.routeOptions.url} records absence without declaring whose`);
    const person = await database.scoped({ organisationIds: [organisation.id] }, (db) =>
      peopleRepository(db, organisation.id).find(declared.personId),
    );
    if (!person) throw notFound();
    return { organisation, person };
  }

  app.get(
    paths.organisation.recordAbsence.pattern,
    {
      config: {
        access: { kind: 'permission', permission: 'absence.record' },
        record: RECORDING,
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
    {
      config: {
        access: { kind: 'permission', permission: 'absence.record' },
        record: RECORDING,
        audit: 'absence.recorded',
      },
    },
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
            await services.events.raise('absences-changed', {
              db,
              organisation,
              absenceIds: [recorded.absenceId],
            });
            await tellManagerOfSickness(
              db,
              services,
              organisation,
              person.id,
              input,
              recorded.absenceId,
              request,
            );
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
    {
      config: {
        access: { kind: 'permission', permission: 'absence.record' },
        record: RECORDING,
        audit: 'absence.viewed',
      },
    },
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
    {
      config: {
        access: { kind: 'permission', permission: 'absence.record' },
        record: RECORDING,
        audit: 'absence.viewed',
      },
    },
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
    {
      config: {
        access: { kind: 'permission', permission: 'absence.record' },
        record: RECORDING,
        audit: 'absence.changed',
      },
    },
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
          if (problems.length === 0)
            await services.events.raise('absences-changed', { db, organisation, absenceIds: [absence.id] });
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
}
