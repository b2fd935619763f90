import { dateRange } from '../../domain/date-words.ts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { rollingTwelveMonths } from '../../domain/scorecard.ts';
import { today } from '../../domain/today.ts';
import { INTERVALS } from '../../domain/trends.ts';
import type { Services } from '../../services.ts';
import { barChartSvg, multiLineChartSvg, svgDataUrl } from '../../web/charts.ts';
import type { FieldError } from '../../web/forms.ts';
import { paths } from '../../web/paths.ts';
import { htmlTable, type DataTable } from './data-table.ts';
import { downloadHref, downloadLinks, downloadParameters } from './downloads.ts';
import { organisationUnits } from './mi-service.ts';
import { miPageSupport, queryValues, readPeriodQuery, unitChoices, unitIdField } from './page-support.ts';
import { managementInformationNavigation } from './pages.ts';
import { reasonsFigures } from './reasons-service.ts';
import { reasonsView } from './reasons-view.ts';

const ACCESS = { kind: 'permission', permission: 'management-information.view' } as const;

/** The reasons page's query beside its period: a unit, and quarters or months. */
export const reasonsQuery = downloadParameters.extend({
  unit: unitIdField,
  interval: z.enum(INTERVALS, { error: 'Choose quarters or months' }),
});

/** The reasons page: each sickness reason's share of the days lost, and the top reasons over time. */
export function reasonsRoutes(services: Services) {
  const { organisationFor, audienceOf, aboutLines, download } = miPageSupport(services);

  return async (app: FastifyInstance) => {
    app.get(
      paths.organisation.reasons.pattern,
      { config: { access: ACCESS, audit: 'management-information.viewed', cache: 'figures' } },
      async (request, reply) => {
        const organisation = organisationFor(request);
        const audience = audienceOf(request, organisation);
        const rolling = rollingTwelveMonths(today());
        const read = readPeriodQuery({ interval: 'quarter', ...queryValues(request) }, reasonsQuery);
        const pagePath = paths.organisation.reasons.build({ org: organisation.slug });
        const common = {
          pageTitle: 'Reasons for sickness',
          organisation,
          audience,
          rolling,
          action: pagePath,
          intervals: [
            { value: 'quarter', text: 'Quarter by quarter' },
            { value: 'month', text: 'Month by month' },
          ],
          subNavigation: managementInformationNavigation(organisation.slug, 'reasons'),
        };
        const problem = async (errors: FieldError[]) =>
          reply.status(400).render('management-information/views/reasons.njk', {
            ...common,
            values: read.ok ? read.query : read.values,
            periodForm: read.periodForm,
            units: unitChoices(await organisationUnits(services.database, organisation), null),
            errors,
          });
        if (!read.ok) return problem(read.errors);
        const { query, period } = read;
        const figures = await reasonsFigures(services.database, organisation, {
          period,
          unitId: query.unit === undefined ? null : Number(query.unit),
          interval: query.interval,
          headcount: audience === 'suppressed',
        });
        if (!figures) return problem([{ text: 'Choose a unit from the list', href: '#unit' }]);
        const name = figures.unit?.name ?? organisation.name;
        const view = reasonsView(figures, { audience, scopeName: name });
        const tables = [view.reasons, view.overTime].filter((t): t is DataTable => t !== null);
        const linkQuery = { from: query.from, to: query.to, unit: query.unit, interval: query.interval };
        if (query.format) {
          return download(request, reply, {
            page: 'reasons',
            format: query.format,
            tableId: query.table,
            tables,
            fileStem: `reasons-${organisation.slug}${figures.unit ? `-unit-${figures.unit.id}` : ''}-${period.from}-to-${period.to}`,
            about: aboutLines(
              organisation,
              `Reasons for sickness: ${figures.unit?.path ?? organisation.name}`,
              period,
              audience,
              [
                [
                  'Shares',
                  'A reason’s share is its FTE days lost over the FTE days lost to every reason, in the same group and period.',
                ],
              ],
            ),
          });
        }
        const barsChart =
          view.shown && view.bars.some((b) => b.value > 0)
            ? svgDataUrl(await barChartSvg({ rows: view.bars, valueTitle: 'Share of FTE days lost (%)' }))
            : null;
        const linesChart =
          view.shown && view.series.length > 0 && figures.overTime.length > 1
            ? svgDataUrl(
                await multiLineChartSvg({ series: view.series, valueTitle: 'Share of FTE days lost (%)' }),
              )
            : null;
        const interval = figures.interval;
        return reply.render('management-information/views/reasons.njk', {
          ...common,
          units: unitChoices(figures.units, figures.unit),
          values: linkQuery,
          periodForm: read.periodForm,
          name,
          unit: figures.unit,
          period,
          isRolling: period.from === rolling.from && period.to === rolling.to,
          view,
          top: figures.top.length,
          tables: Object.fromEntries(
            tables.map((t) => [
              t.id,
              { ...htmlTable(t), downloads: downloadLinks(pagePath, linkQuery, t.id) },
            ]),
          ),
          allDownload: downloadHref(pagePath, linkQuery, 'xlsx'),
          barsChart,
          barsChartDescription: `Bar chart of each reason’s share of the FTE days lost from ${dateRange(period.from, period.to)}, largest first: ${view.bars
            .slice(0, 3)
            .map((b) => `${b.label} ${b.value.toFixed(1)}%`)
            .join(
              '; ',
            )}${view.bars.length > 3 ? '; and the rest' : ''}. The same figures are in the table “${view.reasons?.caption ?? ''}” below.`,
          linesChart,
          linesChartDescription: `Line chart of the share of FTE days lost to each of the top ${figures.top.length} reasons, ${interval} by ${interval}: ${view.series.map((s) => s.name).join('; ')}. The same figures are in the table below it.`,
        });
      },
    );
  };
}
