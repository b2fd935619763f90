/**
 * A person's Dying to Work charter record: the options they chose, and whether they have chosen
 * to go ahead with formal attendance management.
 */
import type { FastifyInstance } from 'fastify';
import { today } from '../../domain/today.ts';
import type { Services } from '../../services.ts';
import { audit, changedFields } from '../../web/audit.ts';
import type { FieldError } from '../../web/forms.ts';
import { paths } from '../../web/paths.ts';
import { formBody, idParam, organisationOf, userIdOf } from '../../web/request-context.ts';
import { personForCasework, readCaseworkRecord } from '../people/casework-access.ts';
import { DYING_TO_WORK_OPTIONS, dyingToWorkForm } from './attendance-case-forms.ts';
import { attendanceCasesRepository } from './attendance-cases-repository.ts';
import { CASEWORK, CASEWORK_RECORD } from './page-support.ts';

export function registerDyingToWorkPages(app: FastifyInstance, services: Services) {
  const { database } = services;

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
    { config: { access: CASEWORK, record: CASEWORK_RECORD, audit: 'dying-to-work.viewed' } },
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
    { config: { access: CASEWORK, record: CASEWORK_RECORD } },
    async (request, reply) => {
      const organisation = organisationOf(request);
      const personId = idParam(request, 'personId');
      const body = formBody(request);
      const outcome = await database.scoped({ organisationIds: [organisation.id] }, async (db) => {
        const who = await personForCasework(db, request);
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
}
