import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { lastFullMonth } from '../../domain/scorecard.ts';
import { today } from '../../domain/today.ts';
import type { Services } from '../../services.ts';
import { multiLineChartSvg, svgDataUrl } from '../../web/charts.ts';
import { errorSummary, type FieldError } from '../../web/forms.ts';
import { paths } from '../../web/paths.ts';
import { htmlTable } from './data-table.ts';
import { downloadHref, downloadLinks, downloadParameters } from './downloads.ts';
import { organisationUnits, type UnitRef } from './mi-service.ts';
import { miPageSupport, queryValues, unitChoices, unitIdField } from './page-support.ts';
import { managementInformationNavigation } from './pages.ts';
import {
  DEFAULT_TREND_YEARS,
  TREND_GROUPINGS,
  TREND_YEARS,
  trendsFigures,
  type TrendGrouping,
  type TrendYears,
} from './trends-service.ts';
import { trendsView } from './trends-view.ts';
import { monthName } from './view-models.ts';

const ACCESS = { kind: 'permission', permission: 'management-information.view' } as const;

/** The trends page's query: a unit (the organisation when none), how many years, and the lines. */
export const trendsQuery = downloadParameters.extend({
  unit: unitIdField,
  years: z
    .enum(TREND_YEARS.map((y) => String(y)) as [string, ...string[]], {
      error: 'Choose 12 months, 2 years, 3 years or 5 years',
    })
    .optional(),
  by: z
    .enum(TREND_GROUPINGS, { error: 'Choose one line, a line per unit or a line per staff group' })
    .optional(),
});

const YEAR_TEXT: Record<TrendYears, string> = {
  1: '12 months',
  2: '2 years',
  3: '3 years',
  5: '5 years',
};

/** What a line per unit is called below the organisation or a unit. */
export function levelBelow(unit: UnitRef | null): string {
  return unit === null ? 'directorate' : unit.depth === 1 ? 'service' : 'team';
}

function groupingText(by: TrendGrouping, unit: UnitRef | null): string {
  switch (by) {
    case 'none':
      return 'One line';
    case 'unit':
      return `A line per ${levelBelow(unit)}`;
    case 'staff-group':
      return 'A line per staff group';
    default: {
      const unknown: never = by;
      throw new Error(`Unknown grouping ${String(unknown)}`);
    }
  }
}

/** The trends page: month by month over up to 5 years, beside the same month a year before. */
export function trendsRoutes(services: Services) {
  const { organisationFor, audienceOf, aboutLines, download } = miPageSupport(services);

  return async (app: FastifyInstance) => {
    app.get(
      paths.organisation.trends.pattern,
      { config: { access: ACCESS, audit: 'management-information.viewed', cache: 'figures' } },
      async (request, reply) => {
        const organisation = organisationFor(request);
        const audience = audienceOf(request, organisation);
        const endMonth = lastFullMonth(today());
        const values = queryValues(request);
        const pagePath = paths.organisation.trends.build({ org: organisation.slug });
        const choices = (unit: UnitRef | null) => ({
          yearChoices: TREND_YEARS.map((y) => ({ value: String(y), text: YEAR_TEXT[y] })),
          byChoices: TREND_GROUPINGS.map((b) => ({ value: b, text: groupingText(b, unit) })),
        });
        const common = {
          pageTitle: 'Trends',
          organisation,
          audience,
          action: pagePath,
          subNavigation: managementInformationNavigation(organisation.slug, 'trends'),
        };
        const problem = async (errors: FieldError[]) =>
          reply.status(400).render('management-information/views/trends.njk', {
            ...common,
            ...choices(null),
            values: { years: String(DEFAULT_TREND_YEARS), by: 'none', ...values },
            units: unitChoices(await organisationUnits(services.database, organisation), null),
            errors,
          });
        const parsed = trendsQuery.safeParse(values);
        if (!parsed.success) return problem(errorSummary(parsed.error.issues, { years: 'years', by: 'by' }));
        const query = parsed.data;
        const years = Number(query.years ?? DEFAULT_TREND_YEARS) as TrendYears;
        const by = query.by ?? 'none';
        const figures = await trendsFigures(services.database, organisation, {
          endMonth,
          years,
          by,
          unitId: query.unit === undefined ? null : Number(query.unit),
          headcounts: audience === 'suppressed',
        });
        if (!figures) return problem([{ text: 'Choose a unit from the list', href: '#unit' }]);
        const view = trendsView(figures, { audience });
        const name = figures.unit?.name ?? organisation.name;
        const period = figures.period;
        const linkQuery = { unit: query.unit, years: query.years, by: query.by };
        if (query.format) {
          return download(request, reply, {
            page: 'trends',
            format: query.format,
            tableId: query.table,
            tables: view.tables,
            fileStem: `trends-${organisation.slug}${figures.unit ? `-unit-${figures.unit.id}` : ''}-${by}-${period.from.slice(0, 7)}-to-${period.to.slice(0, 7)}`,
            about: aboutLines(
              organisation,
              `Trends: ${figures.unit?.path ?? organisation.name}`,
              period,
              audience,
              [
                ['Lines', groupingText(by, figures.unit)],
                [
                  'A year before',
                  'Each month is shown beside the same month a year before; a change is this month less that month (percentage points for the absence rate).',
                ],
              ],
            ),
          });
        }
        const described = (series: { name: string }[]) => series.map((s) => s.name).join('; ');
        const hasValues = (series: { points: readonly { value: number | null }[] }[]) =>
          series.some((s) => s.points.some((p) => p.value !== null));
        const chartText = (measure: string, series: { name: string }[]) =>
          `Line chart of the ${measure} each month from ${monthName(figures.months[0] ?? '')} to ${monthName(figures.months.at(-1) ?? '')}, ${series.length === 1 ? 'one line' : `${series.length} lines`}: ${described(series)}. The same figures are in the tables below.`;
        const rateChart =
          view.shown && hasValues(view.rateSeries)
            ? svgDataUrl(await multiLineChartSvg({ series: view.rateSeries, valueTitle: 'Absence rate (%)' }))
            : null;
        const daysChart =
          view.shown && hasValues(view.daysSeries)
            ? svgDataUrl(
                await multiLineChartSvg({ series: view.daysSeries, valueTitle: 'Days lost per FTE' }),
              )
            : null;
        return reply.render('management-information/views/trends.njk', {
          ...common,
          ...choices(figures.unit),
          units: unitChoices(figures.units, figures.unit),
          values: { unit: query.unit, years: String(years), by },
          name,
          unit: figures.unit,
          period,
          yearsText: YEAR_TEXT[years],
          figuresExplained: paths.organisation.figuresExplained.build({ org: organisation.slug }),
          // Said when the months shown reach back before the records: those months show nothing.
          recordsBegin:
            figures.recordsFrom === null
              ? 'none'
              : figures.recordsFrom > (figures.months[0] ?? '')
                ? monthName(figures.recordsFrom)
                : null,
          view,
          ungrouped: figures.ungrouped,
          byText: groupingText(by, figures.unit).toLowerCase(),
          levelBelow: levelBelow(figures.unit),
          lines: view.lines.map((line) => ({
            label: line.label,
            total: line.total,
            table: { ...htmlTable(line.table), downloads: downloadLinks(pagePath, linkQuery, line.table.id) },
            unitHref:
              line.unitId === null
                ? null
                : `${pagePath}?${new URLSearchParams({ unit: String(line.unitId), years: String(years) }).toString()}`,
          })),
          allDownload: downloadHref(pagePath, linkQuery, 'xlsx'),
          rateChart,
          rateChartDescription: chartText('absence rate', view.rateSeries),
          daysChart,
          daysChartDescription: chartText('days lost per FTE', view.daysSeries),
        });
      },
    );
  };
}
