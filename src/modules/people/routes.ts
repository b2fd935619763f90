import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { formatProblem } from '../../domain/csv-problems.ts';
import { today } from '../../domain/today.ts';
import type { Services } from '../../services.ts';
import { notFound } from '../../web/access-control.ts';
import { dateParts, type FieldError } from '../../web/forms.ts';
import { paginationLinks } from '../../web/pagination.ts';
import { paths } from '../../web/paths.ts';
import type { OrganisationContext } from '../../web/types.ts';
import { uploadedFile, uploadRowLimit } from '../../web/uploads.ts';
import { parsePeopleCsv, peopleCsvTemplate, type PersonRow } from './people-csv.ts';
import { sendCsvTemplate } from '../imports/csv-template.ts';
import {
  previewList,
  similarUnitQuestion,
  staffGroupsToCreateList,
  unitsToCreateList,
} from '../imports/import-preview.ts';
import { importParsedPeople, importPeople } from './people-import.ts';
import { peopleRepository } from './people-repository.ts';
import { pendingImportsRepository } from '../imports/pending-imports-repository.ts';
import { employmentForm, personDetailsForm } from './people-forms.ts';
import {
  changeEmployment,
  employmentChoices,
  personPage,
  staffGroupOptions,
  unitOptions,
  updatePersonDetails,
} from './people-service.ts';
import { parseRecordId, recordIdField } from '../../web/record-ids.ts';
import { idParam } from '../../web/request-context.ts';
import { badQuery } from '../../web/input-checks.ts';

/** What every rendering of the people upload page shows: its title, form and template. */
function uploadPage(org: string) {
  return {
    pageTitle: 'Import people from a CSV file',
    action: paths.organisation.peopleImport.build({ org }),
    templateHref: paths.organisation.peopleImportTemplate.build({ org }),
  };
}

/** How else a people file too long to upload can be imported. */
const PEOPLE_LARGER_FILES = 'with the command line (wellwork import people) or through the API';

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

    // ---------------------------------------------------------------- CSV upload: preview, then confirm

    app.get(
      paths.organisation.peopleImport.pattern,
      { config: { access: { kind: 'permission', permission: 'people.import' } } },
      async (request, reply) => {
        const organisation = org(request);
        return reply.render('people/views/import-upload.njk', {
          ...uploadPage(organisation.slug),
          backLink: paths.organisation.people.build({ org: organisation.slug }),
        });
      },
    );

    app.get(
      paths.organisation.peopleImportTemplate.pattern,
      { config: { access: { kind: 'permission', permission: 'people.import' } } },
      async (request, reply) => {
        const organisation = org(request);
        const staffGroups = await scoped(organisation.id, (db) => staffGroupOptions(db, organisation.id));
        return sendCsvTemplate(reply, 'people-template.csv', peopleCsvTemplate(staffGroups));
      },
    );

    app.post(
      paths.organisation.peopleImport.pattern,
      { config: { access: { kind: 'permission', permission: 'people.import' } } },
      async (request, reply) => {
        const organisation = org(request);
        const upload = uploadedFile(request, 'people.csv');
        const back = paths.organisation.people.build({ org: organisation.slug });
        const action = paths.organisation.peopleImport.build({ org: organisation.slug });
        if (!upload || upload.content.length === 0) {
          return reply.status(400).render('people/views/import-upload.njk', {
            ...uploadPage(organisation.slug),
            backLink: back,
            errors: [{ text: 'Select a CSV file of people to import', href: '#file' }],
          });
        }
        const parsed = await parsePeopleCsv(upload.content, uploadRowLimit(PEOPLE_LARGER_FILES));
        const result = await importParsedPeople(services, organisation.id, parsed, {
          dryRun: true,
          today: today(),
        });
        if (!result.ok) {
          return reply.status(400).render('people/views/import-upload.njk', {
            ...uploadPage(organisation.slug),
            backLink: back,
            fileName: upload.fileName,
            problems: result.problems,
            problemLines: result.problems.map((p) => formatProblem(p, upload.fileName)),
            errors: [
              {
                text: `${upload.fileName} has ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}: fix them and upload the file again. Nothing has been imported.`,
                href: '#problems',
              },
            ],
          });
        }
        const pendingId = await scoped(organisation.id, (db) =>
          pendingImportsRepository(db, organisation.id).save({
            userId: request.principal?.userId ?? 0,
            kind: 'people',
            fileName: upload.fileName,
            rows: parsed.ok ? parsed.rows : [],
          }),
        );
        const summary = result.summary;
        const nameOf = new Map(
          (parsed.ok ? parsed.rows : []).map((r) => [r.employeeNumber, `${r.firstName} ${r.lastName}`]),
        );
        return reply.render('people/views/import-preview.njk', {
          pageTitle: 'Check the import',
          fileName: upload.fileName,
          summary,
          creations: [
            previewList(
              'people-to-add',
              'People to add',
              summary.peopleAdded.map((number) => ({ text: `${nameOf.get(number) ?? ''} (${number})` })),
            ),
            unitsToCreateList(summary.unitsToCreate, summary.similarUnits),
            staffGroupsToCreateList(summary.staffGroupsToCreate, summary.similarStaffGroups),
          ],
          similarNames: [...summary.similarUnits, ...summary.similarStaffGroups].map(similarUnitQuestion),
          rows: parsed.ok ? parsed.rows.slice(0, 20) : [],
          rowCount: parsed.ok ? parsed.rows.length : 0,
          pendingId,
          confirmAction: paths.organisation.peopleImportConfirm.build({ org: organisation.slug }),
          backLink: action,
        });
      },
    );

    app.post(
      paths.organisation.peopleImportConfirm.pattern,
      { config: { access: { kind: 'permission', permission: 'people.import' }, audit: 'people.imported' } },
      async (request, reply) => {
        const organisation = org(request);
        // 0 names no pending import: the value sent is not a record id.
        const pendingId =
          parseRecordId((request.body as { pendingId?: unknown } | undefined)?.pendingId) ?? 0;
        const userId = request.principal?.userId ?? 0;
        const pending = Number.isSafeInteger(pendingId)
          ? await scoped(organisation.id, (db) =>
              pendingImportsRepository(db, organisation.id).find<PersonRow>(pendingId, userId, 'people'),
            )
          : null;
        if (!pending) {
          return reply.status(400).render('people/views/import-upload.njk', {
            ...uploadPage(organisation.slug),
            errors: [
              {
                text: 'That import has already been done or has expired: upload the file again',
                href: '#file',
              },
            ],
          });
        }
        const result = await importPeople(services, organisation.id, pending.rows, { today: today() });
        if (!result.ok) {
          return reply.status(400).render('people/views/import-upload.njk', {
            ...uploadPage(organisation.slug),
            fileName: pending.fileName,
            problems: result.problems,
            errors: [
              {
                text: 'The file can no longer be imported as it is: nothing has been imported',
                href: '#problems',
              },
            ],
          });
        }
        await scoped(organisation.id, (db) =>
          pendingImportsRepository(db, organisation.id).discard(pendingId),
        );
        const s = result.summary;
        request.session.set('flash', {
          title: `Imported ${pending.fileName}`,
          text: `${s.created} people added, ${s.updated} updated, ${s.unchanged} unchanged, ${s.unitsCreated} units created.`,
        });
        return reply.redirect(paths.organisation.people.build({ org: organisation.slug }));
      },
    );
  };
}
