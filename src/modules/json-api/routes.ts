import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  ABSENCE_REPORT_CONTRACT_PERIOD_RULES,
  periodParameterProblemText,
  reportPeriodProblems,
} from '../../domain/report-period-rules.ts';
import { today } from '../../domain/today.ts';
import type { Services } from '../../services.ts';
import { HttpProblem, notFound } from '../../web/access-control.ts';
import { paths } from '../../web/paths.ts';
import type { ApiScope } from '../../web/types.ts';
import { reportCells, columnsFor } from '../absence-report/report-format.ts';
import { runAbsenceReport } from '../absence-report/report-service.ts';
import { evenWeekdays, type PersonRow } from '../people/people-csv.ts';
import { importPeople } from '../people/people-import.ts';
import { peopleRepository } from '../people/people-repository.ts';
import { managementInformationEndpoints } from './management-information.ts';
import * as schemas from './schemas.ts';

/**
 * One API endpoint: its path, scope, schemas and handler. The same list registers the routes
 * and writes the OpenAPI document, so neither can miss the other.
 */
export interface Endpoint {
  method: 'GET' | 'POST';
  path: string;
  scope: ApiScope;
  /** The audit event of a read: required of the scopes that read health data or pay (`HEALTH_DATA_SCOPES`). */
  audit?: string;
  summary: string;
  /** More about the endpoint, before the scope it needs. */
  description?: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  response: z.ZodType;
  handler: (input: {
    request: FastifyRequest;
    reply: FastifyReply;
    params: never;
    query: never;
    body: never;
    organisationId: number;
  }) => Promise<unknown>;
}

function problems(error: z.ZodError) {
  return error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

function hoursByDay(r: {
  hours_mon: number | null;
  hours_tue: number | null;
  hours_wed: number | null;
  hours_thu: number | null;
  hours_fri: number | null;
  hours_sat: number | null;
  hours_sun: number | null;
}) {
  if (r.hours_mon === null) return null;
  return {
    mon: r.hours_mon,
    tue: r.hours_tue ?? 0,
    wed: r.hours_wed ?? 0,
    thu: r.hours_thu ?? 0,
    fri: r.hours_fri ?? 0,
    sat: r.hours_sat ?? 0,
    sun: r.hours_sun ?? 0,
  };
}

export function apiEndpoints(services: Services): Endpoint[] {
  const scoped = <T>(organisationId: number, work: Parameters<typeof services.database.scoped<T>>[1]) =>
    services.database.scoped({ organisationIds: [organisationId] }, work);

  const personOut = (
    r: Awaited<ReturnType<ReturnType<typeof peopleRepository>['withTerms']>>['rows'][number],
  ) => ({
    employeeNumber: r.employee_number,
    firstName: r.first_name,
    lastName: r.last_name,
    email: r.email,
    jobTitle: r.job_title,
    startDate: r.start_date,
    endDate: r.end_date,
    unitPath: r.unit_path,
    staffGroup: r.staff_group,
    managerEmployeeNumber: r.manager_number,
    weeklyHours: r.weekly_hours,
    hoursByDay: hoursByDay(r),
    worksBankHolidays: r.works_bank_holidays,
    annualSalary: r.annual_salary,
  });

  return [
    {
      method: 'GET',
      path: paths.api.organisation.pattern,
      scope: 'organisation:read',
      summary: 'The organisation the key belongs to, with its settings',
      response: schemas.organisationSchema,
      handler: async ({ organisationId }) => {
        const o = await services.organisations.findById(organisationId);
        if (!o) throw notFound();
        return {
          slug: o.slug,
          name: o.name,
          sector: o.sector,
          region: o.region,
          fullTimeHours: o.fullTimeHours,
          targetDaysPerFte: o.targetDaysPerFte,
          onCostRate: o.onCostRate,
          policyModel: o.policyModel,
        };
      },
    },
    {
      method: 'GET',
      path: paths.api.units.pattern,
      scope: 'organisation:read',
      summary: 'The unit tree as a list, in path order',
      response: schemas.unitsSchema,
      handler: async ({ organisationId }) => ({
        data: await scoped(organisationId, (db) => peopleRepository(db, organisationId).unitsInPathOrder()),
      }),
    },
    {
      method: 'GET',
      path: paths.api.people.pattern,
      scope: 'people:read',
      audit: 'people.listed',
      summary: 'People with the employment terms in force on a date, a page at a time',
      query: schemas.peopleQuerySchema,
      response: schemas.peoplePageSchema,
      handler: async ({ organisationId, query }) => {
        const q = query as z.infer<typeof schemas.peopleQuerySchema>;
        const result = await scoped(organisationId, (db) =>
          peopleRepository(db, organisationId).withTerms({
            onDate: q.onDate ?? today(),
            unitPath: q.unit,
            page: q.page,
            pageSize: q.pageSize,
          }),
        );
        return { data: result.rows.map(personOut), page: q.page, pageSize: q.pageSize, total: result.total };
      },
    },
    {
      method: 'GET',
      path: paths.api.person.pattern,
      scope: 'people:read',
      audit: 'person.viewed',
      summary: 'One person, by employee number, with their employment history',
      params: schemas.employeeNumberParams,
      response: schemas.personWithHistorySchema,
      handler: async ({ organisationId, params }) => {
        const { employeeNumber } = params as z.infer<typeof schemas.employeeNumberParams>;
        const found = await scoped(organisationId, async (db) => {
          const repository = peopleRepository(db, organisationId);
          const current = await repository.withTerms({
            onDate: today(),
            employeeNumber,
            page: 1,
            pageSize: 1,
          });
          const person = current.rows[0];
          if (!person) return null;
          const history = await repository.history(person.id);
          const numbers = await repository.all();
          const numberOf = new Map(numbers.map((p) => [p.id, p.employeeNumber]));
          return { person, history, numberOf };
        });
        if (!found) throw notFound();
        return {
          ...personOut(found.person),
          history: found.history.map((h) => ({
            effectiveFrom: h.spell.effectiveFrom,
            unitPath: h.unitPath,
            managerEmployeeNumber:
              h.spell.managerPersonId === null ? null : (found.numberOf.get(h.spell.managerPersonId) ?? null),
            staffGroup: h.spell.staffGroup,
            weeklyHours: h.spell.weeklyHours,
            hoursByDay: {
              mon: h.spell.hoursMon,
              tue: h.spell.hoursTue,
              wed: h.spell.hoursWed,
              thu: h.spell.hoursThu,
              fri: h.spell.hoursFri,
              sat: h.spell.hoursSat,
              sun: h.spell.hoursSun,
            },
            worksBankHolidays: h.spell.worksBankHolidays,
            annualSalary: h.spell.annualSalary,
          })),
        };
      },
    },
    {
      method: 'POST',
      path: paths.api.people.pattern,
      scope: 'people:write',
      summary: 'Import people, all or nothing, matched on employee number (as people.csv)',
      query: schemas.importQuerySchema,
      body: schemas.peopleImportSchema,
      response: schemas.importSummarySchema,
      handler: async ({ organisationId, body, query, reply }) => {
        const input = body as z.infer<typeof schemas.peopleImportSchema>;
        const dryRun = (query as z.infer<typeof schemas.importQuerySchema>).dryRun === 'true';
        const seen = new Map<string, number>();
        const duplicates: { path: string; message: string }[] = [];
        input.people.forEach((p, i) => {
          if (seen.has(p.employeeNumber))
            duplicates.push({
              path: `people.${i}.employeeNumber`,
              message: `also at people.${seen.get(p.employeeNumber)}`,
            });
          seen.set(p.employeeNumber, i);
        });
        if (duplicates.length > 0)
          return reply
            .status(422)
            .send({ error: 'The people could not be imported; nothing was written', problems: duplicates });
        const rows: PersonRow[] = input.people.map((p, i) => ({
          row: i,
          employeeNumber: p.employeeNumber,
          firstName: p.firstName,
          lastName: p.lastName,
          unitPath: p.unit.split(' > ').map((l) => l.trim()),
          startDate: p.startDate,
          endDate: p.endDate ?? null,
          email: p.email ?? null,
          jobTitle: p.jobTitle ?? null,
          staffGroup: p.staffGroup ?? null,
          managerEmployeeNumber: p.managerEmployeeNumber ?? null,
          weeklyHours: p.weeklyHours,
          pattern: {
            hours: p.hoursByDay
              ? [
                  p.hoursByDay.mon,
                  p.hoursByDay.tue,
                  p.hoursByDay.wed,
                  p.hoursByDay.thu,
                  p.hoursByDay.fri,
                  p.hoursByDay.sat,
                  p.hoursByDay.sun,
                ]
              : evenWeekdays(p.weeklyHours),
            worksBankHolidays: p.worksBankHolidays,
          },
          annualSalary: p.annualSalary ?? null,
        }));
        const result = await importPeople(services, organisationId, rows, {
          dryRun,
          today: today(),
        });
        if (!result.ok) {
          return reply.status(422).send({
            error: 'The people could not be imported; nothing was written',
            problems: result.problems.map((p) => ({
              // The API's names for people.csv's columns: manager_employee_number is managerEmployeeNumber.
              path: `people.${p.row ?? 0}.${(p.column ?? '').replace(/_(\w)/g, (_, c: string) => c.toUpperCase())}`,
              message: p.message,
            })),
          });
        }
        // The API's summary is the counts; the preview's lists are for the upload page.
        const { created, updated, unchanged, unitsCreated } = result.summary;
        return { created, updated, unchanged, unitsCreated, dryRun: result.summary.dryRun };
      },
    },
    {
      method: 'GET',
      path: paths.api.absenceReport.pattern,
      scope: 'reports:read',
      audit: 'absence-report.viewed',
      summary: 'The absence report (SPEC §6 and §7): one row per group and a final TOTAL row',
      query: schemas.absenceReportQuerySchema,
      response: schemas.absenceReportSchema,
      handler: async ({ organisationId, query }) => {
        const q = query as z.infer<typeof schemas.absenceReportQuerySchema>;
        // The API's absence report is the command line's (SPEC §7), with its rules for a period.
        const [problem] = reportPeriodProblems(q, ABSENCE_REPORT_CONTRACT_PERIOD_RULES, today());
        if (problem) throw new HttpProblem(400, periodParameterProblemText(problem));
        const organisation = await services.organisations.findById(organisationId);
        if (!organisation) throw notFound();
        const rows = await runAbsenceReport(services.database, organisation, q);
        const columns = columnsFor(q.method);
        return {
          organisation: organisation.slug,
          from: q.from,
          to: q.to,
          by: q.by,
          method: q.method,
          rows: reportCells(rows, q.method).map((cells) =>
            Object.fromEntries(columns.map((c, i) => [c, c === 'group' ? cells[i] : Number(cells[i])])),
          ),
        };
      },
    },
    ...managementInformationEndpoints(services),
  ];
}

/** The OpenAPI 3.1 document, generated from the endpoints' own zod schemas. */
export function openApiDocument(endpoints: readonly Endpoint[]) {
  const json = (schema: z.ZodType, io: 'input' | 'output') =>
    z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });
  const pathsOut: Record<string, Record<string, unknown>> = {};
  for (const e of endpoints) {
    const openPath = e.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const parameters: unknown[] = [];
    for (const [where, schema] of [
      ['path', e.params],
      ['query', e.query],
    ] as const) {
      if (!schema) continue;
      const shape = json(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, property] of Object.entries(shape.properties ?? {})) {
        parameters.push({
          name,
          in: where,
          required: where === 'path' || (shape.required ?? []).includes(name),
          schema: property,
        });
      }
    }
    pathsOut[openPath] = {
      ...pathsOut[openPath],
      [e.method.toLowerCase()]: {
        summary: e.summary,
        security: [{ apiKey: [e.scope] }],
        description: [e.description, `Needs an API key with the scope ${e.scope}.`].filter(Boolean).join(' '),
        parameters,
        ...(e.body
          ? {
              requestBody: {
                required: true,
                content: { 'application/json': { schema: json(e.body, 'input') } },
              },
            }
          : {}),
        responses: {
          200: { description: 'OK', content: { 'application/json': { schema: json(e.response, 'output') } } },
          400: {
            description: 'The request is not valid',
            content: { 'application/json': { schema: json(schemas.problemSchema, 'output') } },
          },
          401: { description: 'No API key, or not a valid one' },
          403: { description: 'The key does not have the scope' },
          404: { description: 'Not found' },
          ...(e.method === 'POST'
            ? {
                422: {
                  description: 'Nothing was written',
                  content: { 'application/json': { schema: json(schemas.problemSchema, 'output') } },
                },
              }
            : {}),
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Wellwork API',
      version: '1',
      description:
        'Workplace health, wellbeing and attendance. Each API key belongs to one organisation and carries scopes.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        apiKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'An organisation’s API key, sent as "Authorization: Bearer KEY"',
        },
      },
    },
    paths: pathsOut,
  };
}

export function jsonApiRoutes(services: Services) {
  const endpoints = apiEndpoints(services);
  const document = openApiDocument(endpoints);
  return async (app: FastifyInstance) => {
    app.get(paths.api.openapi.pattern, { config: { access: { kind: 'public' } } }, async () => document);
    for (const endpoint of endpoints) {
      app.route({
        method: endpoint.method,
        url: endpoint.path,
        config: { access: { kind: 'api', scope: endpoint.scope }, audit: endpoint.audit },
        handler: async (request, reply) => {
          const organisationId = request.apiKey?.organisationId;
          if (!organisationId) throw notFound();
          const parsed = {
            params: endpoint.params ? endpoint.params.safeParse(request.params) : null,
            query: endpoint.query ? endpoint.query.safeParse(request.query) : null,
            body: endpoint.body ? endpoint.body.safeParse(request.body) : null,
          };
          const failed = Object.values(parsed).filter((p) => p && !p.success);
          if (failed.length > 0) {
            return reply
              .status(endpoint.method === 'POST' && parsed.body && !parsed.body.success ? 422 : 400)
              .send({
                error: 'The request is not valid; nothing was written',
                problems: failed.flatMap((p) => (p && !p.success ? problems(p.error) : [])),
              });
          }
          return endpoint.handler({
            request,
            reply,
            organisationId,
            params: (parsed.params?.data ?? {}) as never,
            query: (parsed.query?.data ?? {}) as never,
            body: (parsed.body?.data ?? {}) as never,
          });
        },
      });
    }
  };
}
