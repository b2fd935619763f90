import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { today } from '../../domain/today.ts';
import type { Services } from '../../services.ts';
import { notFound } from '../../web/access-control.ts';
import { dateParts, type FieldError } from '../../web/forms.ts';
import { paginationLinks } from '../../web/pagination.ts';
import { paths } from '../../web/paths.ts';
import type { OrganisationContext } from '../../web/types.ts';
import { peopleImportPages } from './people-import-pages.ts';
import { importPeople } from './people-import.ts';
import { peopleRepository } from './people-repository.ts';
import { employmentForm, personDetailsForm } from './people-forms.ts';
import {
  changeEmployment,
  employmentChoices,
  personPage,
  unitOptions,
  updatePersonDetails,
} from './people-service.ts';
import { recordIdField } from '../../web/record-ids.ts';
import { idParam } from '../../web/request-context.ts';
import { badQuery } from '../../web/input-checks.ts';

const PAGE_SIZE = 25;

const listQuery = z.object({
  q: z.string().trim().max(100, 'Search with 100 characters or fewer').optional().default(''),
  unit: recordIdField('Choose a unit from the list').optional(),
  manager: z.enum(['none'], { error: 'Show everyone, or only people without a line manager' }).optional(),
  page: z.coerce
    .number()
    .int('The page must be a whole number from 1')
    .min(1, 'The page must be a whole number from 1')
    .max(100_000, 'There are not that many pages')
    .optional()
    .default(1),
});

function org(request: FastifyRequest): OrganisationContext {
  if (!request.organisation) throw notFound();
  return request.organisation;
}

function personIdFrom(request: FastifyRequest): number {
  return idParam(request, 'personId');
}

export function peopleRoutes(services: Services) {
  const { database } = services;
  const scoped = <T>(organisationId: number, work: Parameters<typeof database.scoped<T>>[1]) =>
    database.scoped({ organisationIds: [organisationId] }, work);

  return async (app: FastifyInstance) => {
    await app.register(peopleImportPages(services));

    app.get(
      paths.organisation.people.pattern,
      { config: { access: { kind: 'permission', permission: 'people.view' }, audit: 'people.listed' } },
      async (request, reply) => {
        const organisation = org(request);
        const parsed = listQuery.safeParse(request.query);
        if (!parsed.success) throw badQuery(parsed.error.issues);
        const query = parsed.data;
        const { result, units } = await scoped(organisation.id, async (db) => ({
          result: await peopleRepository(db, organisation.id).search({
            onDate: today(),
            text: query.q,
            unitId: query.unit,
            withoutManager: query.manager === 'none',
            page: query.page,
            pageSize: PAGE_SIZE,
          }),
          units: await unitOptions(db, organisation.id),
        }));
        const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
        const link = (page: number) => {
          const params = new URLSearchParams();
          if (query.q) params.set('q', query.q);
          if (query.unit) params.set('unit', String(query.unit));
          if (query.manager) params.set('manager', query.manager);
          params.set('page', String(page));
          return `${paths.organisation.people.build({ org: organisation.slug })}?${params.toString()}`;
        };
        return reply.render('people/views/people.njk', {
          pageTitle: 'People',
          query,
          units,
          total: result.total,
          people: result.rows.map((p) => ({
            ...p,
            href: paths.organisation.person.build({ org: organisation.slug, personId: p.id }),
          })),
          pagination: paginationLinks(query.page, pages, link),
          newPersonHref: paths.organisation.newPerson.build({ org: organisation.slug }),
          importHref: paths.organisation.peopleImport.build({ org: organisation.slug }),
          searchAction: paths.organisation.people.build({ org: organisation.slug }),
        });
      },
    );

    // ---------------------------------------------------------------- add a person (one-row import)

    app.get(
      paths.organisation.newPerson.pattern,
      { config: { access: { kind: 'permission', permission: 'people.manage' } } },
      async (request, reply) => {
        const organisation = org(request);
        const choices = await scoped(organisation.id, (db) =>
          employmentChoices(db, organisation.id, today(), null),
        );
        return reply.render('people/views/new-person.njk', {
          pageTitle: 'Add a person',
          ...choices,
          values: { hoursMon: '', worksBankHolidays: 'false' },
          backLink: paths.organisation.people.build({ org: organisation.slug }),
        });
      },
    );

    app.post(
      paths.organisation.newPerson.pattern,
      { config: { access: { kind: 'permission', permission: 'people.manage' }, audit: 'person.created' } },
      async (request, reply) => {
        const organisation = org(request);
        const body = (request.body ?? {}) as Record<string, unknown>;
        const choices = await scoped(organisation.id, (db) =>
          employmentChoices(db, organisation.id, today(), null),
        );
        const details = personDetailsForm(body);
        const employment = employmentForm(body, choices, { requireDate: false });
        const errors: FieldError[] = [...details.errors, ...employment.errors];
        if (details.value && employment.value && errors.length === 0) {
          const result = await importPeople(
            services,
            organisation.id,
            [
              {
                row: 1,
                ...details.value,
                unitPath: employment.value.unitPath,
                staffGroup: employment.value.staffGroup,
                managerEmployeeNumber: employment.value.managerEmployeeNumber,
                weeklyHours: employment.value.weeklyHours,
                pattern: employment.value.pattern,
                annualSalary: employment.value.annualSalary,
              },
            ],
            { today: today() },
          );
          if (result.ok && result.summary.created === 1) {
            request.session.set('flash', {
              title: `${details.value.firstName} ${details.value.lastName} added`,
            });
            return reply.redirect(
              `${paths.organisation.people.build({ org: organisation.slug })}?q=${encodeURIComponent(details.value.employeeNumber)}`,
            );
          }
          if (result.ok) {
            errors.push({
              text: `Employee number ${details.value.employeeNumber} already belongs to someone in this organisation`,
              href: '#employeeNumber',
            });
          } else {
            errors.push(...result.problems.map((p) => ({ text: p.message, href: '#managerEmployeeNumber' })));
          }
        }
        return reply.status(400).render('people/views/new-person.njk', {
          pageTitle: 'Add a person',
          ...choices,
          values: body,
          errors,
          backLink: paths.organisation.people.build({ org: organisation.slug }),
        });
      },
    );

    // ---------------------------------------------------------------- edit details

    app.get(
      paths.organisation.editPerson.pattern,
      { config: { access: { kind: 'permission', permission: 'people.manage' } } },
      async (request, reply) => {
        const organisation = org(request);
        const personId = personIdFrom(request);
        const person = await scoped(organisation.id, (db) =>
          peopleRepository(db, organisation.id).find(personId),
        );
        if (!person) throw notFound();
        const start = dateParts(person.startDate);
        const end = dateParts(person.endDate);
        return reply.render('people/views/edit-person.njk', {
          pageTitle: `Change ${person.firstName} ${person.lastName}’s details`,
          person,
          values: {
            ...person,
            'startDate-day': start.day,
            'startDate-month': start.month,
            'startDate-year': start.year,
            'endDate-day': end.day,
            'endDate-month': end.month,
            'endDate-year': end.year,
          },
          backLink: paths.organisation.person.build({ org: organisation.slug, personId }),
        });
      },
    );

    app.post(
      paths.organisation.editPerson.pattern,
      { config: { access: { kind: 'permission', permission: 'people.manage' }, audit: 'person.updated' } },
      async (request, reply) => {
        const organisation = org(request);
        const personId = personIdFrom(request);
        const body = (request.body ?? {}) as Record<string, unknown>;
        const outcome = await scoped(organisation.id, async (db) => {
          const person = await peopleRepository(db, organisation.id).find(personId);
          if (!person) throw notFound();
          const form = personDetailsForm({ ...body, employeeNumber: person.employeeNumber });
          if (!form.value) return { person, errors: form.errors };
          const errors = await updatePersonDetails(db, organisation.id, personId, form.value);
          return { person, errors };
        });
        if (outcome.errors.length === 0) {
          request.session.set('flash', { title: 'Details updated' });
          return reply.redirect(paths.organisation.person.build({ org: organisation.slug, personId }));
        }
        return reply.status(400).render('people/views/edit-person.njk', {
          pageTitle: `Change ${outcome.person.firstName} ${outcome.person.lastName}’s details`,
          person: outcome.person,
          values: body,
          errors: outcome.errors,
          backLink: paths.organisation.person.build({ org: organisation.slug, personId }),
        });
      },
    );

    // ---------------------------------------------------------------- a change of employment terms

    app.get(
      paths.organisation.newEmploymentChange.pattern,
      { config: { access: { kind: 'permission', permission: 'people.manage' } } },
      async (request, reply) => {
        const organisation = org(request);
        const personId = personIdFrom(request);
        const data = await scoped(organisation.id, async (db) => ({
          page: await personPage(db, organisation, personId),
          choices: await employmentChoices(db, organisation.id, today(), personId),
        }));
        if (!data.page) throw notFound();
        return reply.render('people/views/employment-change.njk', {
          pageTitle: `Record a change to ${data.page.name}’s employment`,
          name: data.page.name,
          ...data.choices,
          values: data.page.currentTermsForm,
          backLink: paths.organisation.person.build({ org: organisation.slug, personId }),
        });
      },
    );

    app.post(
      paths.organisation.newEmploymentChange.pattern,
      {
        config: { access: { kind: 'permission', permission: 'people.manage' }, audit: 'employment.changed' },
      },
      async (request, reply) => {
        const organisation = org(request);
        const personId = personIdFrom(request);
        const body = (request.body ?? {}) as Record<string, unknown>;
        const outcome = await scoped(organisation.id, async (db) => {
          const page = await personPage(db, organisation, personId);
          if (!page) throw notFound();
          const choices = await employmentChoices(db, organisation.id, today(), personId);
          const form = employmentForm(body, choices, { requireDate: true });
          if (!form.value) return { page, choices, errors: form.errors };
          return { page, choices, errors: await changeEmployment(db, organisation.id, personId, form.value) };
        });
        if (outcome.errors.length === 0) {
          request.session.set('flash', { title: 'Employment change recorded' });
          return reply.redirect(paths.organisation.person.build({ org: organisation.slug, personId }));
        }
        return reply.status(400).render('people/views/employment-change.njk', {
          pageTitle: `Record a change to ${outcome.page.name}’s employment`,
          name: outcome.page.name,
          ...outcome.choices,
          values: body,
          errors: outcome.errors,
          backLink: paths.organisation.person.build({ org: organisation.slug, personId }),
        });
      },
    );
  };
}
