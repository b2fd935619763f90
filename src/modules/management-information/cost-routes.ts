import { dateRange } from '../../domain/date-words.ts';
import type { FastifyInstance } from 'fastify';
import { rollingTwelveMonths } from '../../domain/scorecard.ts';
import { today } from '../../domain/today.ts';
import type { Services } from '../../services.ts';
import { barChartSvg, svgDataUrl, trendChartSvg } from '../../web/charts.ts';
import type { FieldError } from '../../web/forms.ts';
import { formatNumber } from '../../web/nunjucks.ts';
import { paths } from '../../web/paths.ts';
import { htmlTable, type DataTable } from './data-table.ts';
import { downloadHref, downloadLinks, downloadParameters } from './downloads.ts';
import { costFigures } from './cost-service.ts';
import { costView } from './cost-view.ts';
import { organisationUnits } from './mi-service.ts';
import { miPageSupport, queryValues, readPeriodQuery, unitChoices, unitIdField } from './page-support.ts';
import { managementInformationNavigation } from './pages.ts';
import { levelBelow } from './trends-routes.ts';

const ACCESS = { kind: 'permission', permission: 'management-information.view' } as const;

/** The cost page's query beside its period: a unit. */
export const costQuery = downloadParameters.extend({ unit: unitIdField });

/** The cost of absence page: by unit and by month, with the on-cost rate and cost per FTE. */
export function costRoutes(services: Services) {
  const { organisationFor, audienceOf, aboutLines, download } = miPageSupport(services);

  return async (app: FastifyInstance) => {
    app.get(
      paths.organisation.cost.pattern,
      { config: { access: ACCESS, audit: 'management-information.viewed', cache: 'figures' } },
      async (request, reply) => {
        const organisation = organisationFor(request);
        const audience = audienceOf(request, organisation);
        const rolling = rollingTwelveMonths(today());
        const read = readPeriodQuery(queryValues(request), costQuery);
        const pagePath = paths.organisation.cost.build({ org: organisation.slug });
        const common = {
          pageTitle: 'Cost of absence',
          organisation,
          audience,
          action: pagePath,
          onCostPct: 100 * organisation.onCostRate,
          subNavigation: managementInformationNavigation(organisation.slug, 'cost'),
        };
        const problem = async (errors: FieldError[]) =>
          reply.status(400).render('management-information/views/cost.njk', {
            ...common,
            values: read.ok ? { unit: read.query.unit } : read.values,
            periodForm: read.periodForm,
            units: unitChoices(await organisationUnits(services.database, organisation), null),
            errors,
          });
        if (!read.ok) return problem(read.errors);
        const { query, period } = read;
        const figures = await costFigures(services.database, organisation, {
          period,
          unitId: query.unit === undefined ? null : Number(query.unit),
          headcounts: audience === 'suppressed',
          withoutSalary: audience === 'full',
        });
        if (!figures) return problem([{ text: 'Choose a unit from the list', href: '#unit' }]);
        const name = figures.unit?.name ?? organisation.name;
        const linkQuery = { from: query.from, to: query.to, unit: query.unit };
        const unitHref = (unitId: number) =>
          `${pagePath}?${new URLSearchParams({ from: query.from, to: query.to, unit: String(unitId) }).toString()}`;
        const view = costView(figures, { audience, scopeName: name, unitHref });
        const tables = [view.units, view.months].filter((t): t is DataTable => t !== null);
        const onCostText = `${formatNumber(common.onCostPct)}% on top of pay (the organisation’s on-cost rate)`;
        if (query.format) {
          return download(request, reply, {
            page: 'cost',
            format: query.format,
            tableId: query.table,
            tables,
            fileStem: `cost-${organisation.slug}${figures.unit ? `-unit-${figures.unit.id}` : ''}-${period.from}-to-${period.to}`,
            about: aboutLines(
              organisation,
              `Cost of absence: ${figures.unit?.path ?? organisation.name}`,
              period,
              audience,
              [
                ['On-costs', onCostText],
                [
                  'Cost',
                  'Hours lost × annual salary / (365 / 7) / weekly hours, plus on-costs. People with no salary recorded add no cost.',
                ],
                ...(view.peopleWithoutSalary !== null
                  ? ([['People with no salary recorded', String(view.peopleWithoutSalary)]] as [
                      string,
                      string,
                    ][])
                  : []),
              ],
            ),
          });
        }
        const level = levelBelow(figures.unit);
        const barsChart =
          view.shown && view.bars.some((b) => b.value > 0)
            ? svgDataUrl(await barChartSvg({ rows: view.bars, valueTitle: 'Cost of absence (£)' }))
            : null;
        const monthsChart =
          view.shown && view.points.some((p) => p.value !== null)
            ? svgDataUrl(await trendChartSvg({ points: view.points, valueTitle: 'Cost of absence (£)' }))
            : null;
        const parentPath = figures.unit?.path.split(' > ').slice(0, -1).join(' > ');
        const parent = parentPath ? figures.units.find((u) => u.path === parentPath) : null;
        return reply.render('management-information/views/cost.njk', {
          ...common,
          units: unitChoices(figures.units, figures.unit),
          values: linkQuery,
          periodForm: read.periodForm,
          name,
          unit: figures.unit,
          up: figures.unit
            ? parent
              ? { href: unitHref(parent.id), text: parent.name }
              : {
                  href: `${pagePath}?${new URLSearchParams({ from: query.from, to: query.to }).toString()}`,
                  text: organisation.name,
                }
            : null,
          period,
          isRolling: period.from === rolling.from && period.to === rolling.to,
          view,
          level,
          tables: Object.fromEntries(
            tables.map((t) => [
              t.id,
              { ...htmlTable(t), downloads: downloadLinks(pagePath, linkQuery, t.id) },
            ]),
          ),
          allDownload: downloadHref(pagePath, linkQuery, 'xlsx'),
          barsChart,
          barsChartDescription: `Bar chart of the cost of absence in each ${level} of ${name} from ${dateRange(period.from, period.to)}. The same figures are in the table “${view.units?.caption ?? ''}” below.`,
          monthsChart,
          monthsChartDescription: `Line chart of the cost of absence in ${name} each month from ${dateRange(period.from, period.to)}. The same figures are in the table “${view.months?.caption ?? ''}” below.`,
        });
      },
    );
  };
}
