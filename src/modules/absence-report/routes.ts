import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ESR_SICKNESS_REASONS } from '../../reference/esr-sickness-reasons.ts';
import { REPORT_GROUPINGS } from '../../domain/absence-report.ts';
import { today } from '../../domain/today.ts';
import type { Services } from '../../services.ts';
import { barChartSvg, svgDataUrl } from '../../web/charts.ts';
import { pageOfRows, paginationLinks, requestedPage } from '../../web/pagination.ts';
import { paths } from '../../web/paths.ts';
import { staffGroupOptions, unitOptions } from '../people/people-service.ts';
import { reportCsv } from './report-format.ts';
import { GROUPING_NAMES, reportTables, reportXlsx, rowLabel } from './report-display.ts';
import { readReportForm, type ReportFilterChoices } from './report-form.ts';
import { runAbsenceReport } from './report-service.ts';
import { organisationRecordOf } from '../../web/request-context.ts';
import { figuresExplainedRoutes } from './figures-explained.ts';

/** Query-string values as the form sends them: empty fields are left out. */
function queryValues(request: FastifyRequest): Record<string, string> {
  const query = request.query as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(query).filter(
      (e): e is [string, string] => typeof e[1] === 'string' && e[1].trim() !== '',
    ),
  );
}

export function absenceReportRoutes(services: Services) {
  /** The organisation's units and staff groups, read through the people module. */
  const filterChoices = (organisationId: number) =>
    services.database.scoped({ organisationIds: [organisationId] }, async (db) => {
      const units = await unitOptions(db, organisationId);
      const staffGroups = await staffGroupOptions(db, organisationId);
      return { units, staffGroups };
    });

  return async (app: FastifyInstance) => {
    await app.register(figuresExplainedRoutes());

    app.get(
      paths.organisation.absenceReport.pattern,
      {
        config: {
          access: { kind: 'permission', permission: 'absence-report.view' },
          audit: 'absence-report.viewed',
          cache: 'figures',
        },
      },
      async (request, reply) => {
        const organisation = organisationRecordOf(request);
        const { units, staffGroups } = await filterChoices(organisation.id);
        const choices: ReportFilterChoices = { unitPaths: units.map((u) => u.path), staffGroups };
        const read = readReportForm(queryValues(request), choices, today());
        const common = {
          pageTitle: 'Absence report',
          organisation,
          units,
          staffGroups,
          periodForm: read.periodForm,
          groupings: REPORT_GROUPINGS.map((g) => ({ value: g, text: GROUPING_NAMES[g] })),
          reasons: ESR_SICKNESS_REASONS.map((r) => ({ value: r.code, text: `${r.code} ${r.description}` })),
          action: paths.organisation.absenceReport.build({ org: organisation.slug }),
          figuresExplained: paths.organisation.figuresExplained.build({ org: organisation.slug }),
        };
        if (!read.ok) {
          return reply.status(400).render('absence-report/views/report.njk', {
            ...common,
            values: read.values,
            errors: read.errors,
          });
        }
        const { parameters, linkQuery } = read;
        const rows = await runAbsenceReport(services.database, organisation, parameters);
        // A report by unit can have thousands of rows: they are shown a page at a time, with the
        // organisation's total on every page, and downloaded whole.
        const shown = pageOfRows(
          rows.filter((r) => r.group !== 'TOTAL'),
          requestedPage(request.query),
        );
        const groups = shown.rows;
        const pageRows = [...groups, ...rows.filter((r) => r.group === 'TOTAL')];
        const reportPath = paths.organisation.absenceReport.build({ org: organisation.slug });
        const reportHref = (page: number) =>
          `${reportPath}?${new URLSearchParams({ ...linkQuery, page: String(page) }).toString()}`;
        const label = (row: (typeof rows)[number]) => rowLabel(row, parameters.by, organisation.name);
        const chart =
          groups.length > 0
            ? svgDataUrl(
                await barChartSvg({
                  rows: groups.map((r) => ({ label: label(r), value: r.daysLostPerFte })),
                  valueTitle: 'Days lost per FTE',
                  target:
                    parameters.by !== 'month' && parameters.by !== 'reason'
                      ? { value: organisation.targetDaysPerFte, label: 'Target' }
                      : null,
                }),
              )
            : null;
        const download = (format: string) =>
          `${paths.organisation.absenceReportDownload.build({ org: organisation.slug })}?${new URLSearchParams({ ...linkQuery, format }).toString()}`;
        const groupingName = GROUPING_NAMES[parameters.by].toLowerCase();
        return reply.render('absence-report/views/report.njk', {
          ...common,
          values: linkQuery,
          parameters,
          groupingName,
          tables: reportTables(pageRows, {
            by: parameters.by,
            method: parameters.method,
            organisationName: organisation.name,
          }),
          chart,
          rowsShown: shown.pages > 1 ? shown : null,
          pagination: paginationLinks(shown.page, shown.pages, reportHref),
          chartDescription: `Bar chart of days lost per FTE by ${groupingName}${
            shown.pages > 1 ? `, rows ${shown.first} to ${shown.last} of ${shown.total}` : ''
          }${
            chart && parameters.by !== 'month' && parameters.by !== 'reason'
              ? `, with the target of ${organisation.targetDaysPerFte} days marked`
              : ''
          }. The same figures are in the table below.`,
          downloads: { csv: download('csv'), xlsx: download('xlsx') },
        });
      },
    );

    app.get(
      paths.organisation.absenceReportDownload.pattern,
      {
        config: {
          access: { kind: 'permission', permission: 'absence-report.view' },
          audit: 'absence-report.downloaded',
        },
      },
      async (request, reply) => {
        const organisation = organisationRecordOf(request);
        const values = queryValues(request);
        const { units, staffGroups } = await filterChoices(organisation.id);
        const read = readReportForm(values, { unitPaths: units.map((u) => u.path), staffGroups }, today());
        if (!read.ok) {
          return reply.status(400).render('errors/bad-request.njk', {
            pageTitle: 'There is a problem',
            message: `This download cannot be made. ${read.errors.map((e) => e.text).join('. ')}.`,
          });
        }
        const parameters = read.parameters;
        const rows = await runAbsenceReport(services.database, organisation, parameters);
        const name = `absence-${organisation.slug}-${parameters.by}-${parameters.from}-to-${parameters.to}`;
        if (values.format === 'xlsx') {
          const buffer = await reportXlsx(rows, {
            by: parameters.by,
            method: parameters.method,
            organisationName: organisation.name,
          });
          return reply
            .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
            .header('content-disposition', `attachment; filename="${name}.xlsx"`)
            .send(buffer);
        }
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}.csv"`)
          .send(reportCsv(rows, parameters.method));
      },
    );
  };
}
