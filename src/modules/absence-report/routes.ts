import ExcelJS from 'exceljs';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { esrReasonDescription, ESR_SICKNESS_REASONS } from '../../reference/esr-sickness-reasons.ts';
import { REPORT_GROUPINGS, type ReportRow } from '../../domain/absence-report.ts';
import { rollingTwelveMonths } from '../../domain/scorecard.ts';
import { today } from '../../domain/today.ts';
import type { Services } from '../../services.ts';
import { barChartSvg, svgDataUrl } from '../../web/charts.ts';
import { errorSummary } from '../../web/forms.ts';
import { pageOfRows, paginationLinks, requestedPage } from '../../web/pagination.ts';
import { paths } from '../../web/paths.ts';
import { unitOptions } from '../people/people-service.ts';
import { columnsFor, reportCells, reportCsv } from './report-format.ts';
import { reportParameters, runAbsenceReport, type ReportParameters } from './report-service.ts';
import { organisationRecordOf } from '../../web/request-context.ts';

export const GROUPING_NAMES: Record<(typeof REPORT_GROUPINGS)[number], string> = {
  organisation: 'Organisation',
  directorate: 'Directorate',
  unit: 'Unit',
  'staff-group': 'Staff group',
  reason: 'Sickness reason',
  month: 'Month',
};

/** Query-string values as the form sends them: empty fields are left out. */
function queryValues(request: FastifyRequest): Record<string, string> {
  const query = request.query as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(query).filter(
      (e): e is [string, string] => typeof e[1] === 'string' && e[1].trim() !== '',
    ),
  );
}

/** The rolling 12 months: the 12 whole months to the end of last month, as boards report them. */
function defaultPeriod(): { from: string; to: string } {
  return rollingTwelveMonths(today());
}

function groupLabel(row: ReportRow, by: ReportParameters['by']): string {
  if (by === 'reason' && row.group !== 'TOTAL')
    return `${row.group} ${esrReasonDescription(row.group) ?? ''}`.trim();
  return row.group === '' ? 'Not recorded' : row.group;
}

export function absenceReportRoutes(services: Services) {
  return async (app: FastifyInstance) => {
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
        const { page: _page, ...asked } = queryValues(request);
        const values = { ...defaultPeriod(), by: 'unit', method: 'hours', ...asked };
        const parsed = reportParameters.safeParse(values);
        const units = await services.database.scoped({ organisationIds: [organisation.id] }, (db) =>
          unitOptions(db, organisation.id),
        );
        const common = {
          pageTitle: 'Absence report',
          organisation,
          values,
          units,
          groupings: REPORT_GROUPINGS.map((g) => ({ value: g, text: GROUPING_NAMES[g] })),
          reasons: ESR_SICKNESS_REASONS.map((r) => ({ value: r.code, text: `${r.code} ${r.description}` })),
          action: paths.organisation.absenceReport.build({ org: organisation.slug }),
        };
        if (!parsed.success) {
          return reply.status(400).render('absence-report/views/report.njk', {
            ...common,
            errors: errorSummary(parsed.error.issues),
          });
        }
        const parameters = parsed.data;
        const rows = await runAbsenceReport(services.database, organisation, parameters);
        const method = parameters.method;
        // A report by unit can have thousands of rows: they are shown a page at a time, with the
        // organisation's total on every page, and downloaded whole.
        const shown = pageOfRows(
          rows.filter((r) => r.group !== 'TOTAL'),
          requestedPage(request.query),
        );
        const groups = shown.rows;
        const pageRows = [...groups, ...rows.filter((r) => r.group === 'TOTAL')];
        const cells = reportCells(pageRows, method);
        const reportHref = (page: number) =>
          `${paths.organisation.absenceReport.build({ org: organisation.slug })}?${new URLSearchParams({ ...values, page: String(page) }).toString()}`;
        const chart =
          groups.length > 0
            ? svgDataUrl(
                await barChartSvg({
                  rows: groups.map((r) => ({ label: groupLabel(r, parameters.by), value: r.daysLostPerFte })),
                  valueTitle: 'Days lost per FTE',
                  target:
                    parameters.by !== 'month' && parameters.by !== 'reason'
                      ? { value: organisation.targetDaysPerFte, label: 'Target' }
                      : null,
                }),
              )
            : null;
        const download = (format: string) => {
          const query = new URLSearchParams({ ...values, format });
          return `${paths.organisation.absenceReportDownload.build({ org: organisation.slug })}?${query.toString()}`;
        };
        return reply.render('absence-report/views/report.njk', {
          ...common,
          parameters,
          columns: columnsFor(method),
          table: pageRows.map((row, i) => ({
            label: groupLabel(row, parameters.by),
            cells: cells[i]?.slice(1) ?? [],
          })),
          chart,
          rowsShown: shown.pages > 1 ? shown : null,
          pagination: paginationLinks(shown.page, shown.pages, reportHref),
          chartDescription: `Bar chart of days lost per FTE by ${GROUPING_NAMES[parameters.by].toLowerCase()}${
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
        const parsed = reportParameters.safeParse(values);
        if (!parsed.success) {
          return reply.status(400).render('errors/bad-request.njk', {
            pageTitle: 'There is a problem',
            message: parsed.error.issues.map((i) => i.message).join('; '),
          });
        }
        const rows = await runAbsenceReport(services.database, organisation, parsed.data);
        const name = `absence-${organisation.slug}-${parsed.data.by}-${parsed.data.from}-to-${parsed.data.to}`;
        if (values.format === 'xlsx') {
          const workbook = new ExcelJS.Workbook();
          const sheet = workbook.addWorksheet('Absence report');
          const columns = columnsFor(parsed.data.method);
          sheet.addRow([...columns]);
          for (const row of reportCells(rows, parsed.data.method)) {
            sheet.addRow(row.map((value, i) => (i === 0 ? value : Number(value))));
          }
          sheet.getRow(1).font = { bold: true };
          const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
          return reply
            .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
            .header('content-disposition', `attachment; filename="${name}.xlsx"`)
            .send(buffer);
        }
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}.csv"`)
          .send(reportCsv(rows, parsed.data.method));
      },
    );
  };
}
