import { dateRange } from '../../domain/date-words.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { addDays, isRealDate } from '../../domain/dates.ts';
import { Z_95, Z_998 } from '../../domain/funnel-plot.ts';
import { lastFullMonth, rollingTwelveMonths, twelveMonthsTo, type Period } from '../../domain/scorecard.ts';
import { type Audience } from '../../domain/small-numbers.ts';
import { today } from '../../domain/today.ts';
import type { Services } from '../../services.ts';
import { funnelPlotSvg, svgDataUrl, trendChartSvg } from '../../web/charts.ts';
import { HttpProblem, notFound } from '../../web/access-control.ts';
import { keepAlongside } from '../../web/figures-cache.ts';
import { errorSummary, type FieldError } from '../../web/forms.ts';
import { pageOfRows, paginationLinks, requestedPage } from '../../web/pagination.ts';
import { paths } from '../../web/paths.ts';
import { htmlTable, type DataTable, type HtmlTable } from './data-table.ts';
import { downloadHref, downloadLinks, downloadParameters } from './downloads.ts';
import {
  HOTSPOT_LEVEL_NAMES,
  HOTSPOT_LEVELS,
  hotspotsFigures,
  organisationUnits,
  scorecardFigures,
  type HotspotLevel,
  type MiOrganisation,
  type UnitRef,
} from './mi-service.ts';
import { MANAGEMENT_INFORMATION_PAGES, managementInformationNavigation } from './pages.ts';
import { miPageSupport, queryValues, readPeriodQuery, unitChoices } from './page-support.ts';
import { hotspotsView, monthName, scorecardView } from './view-models.ts';
import { parseRecordId } from '../../web/record-ids.ts';

const ACCESS = { kind: 'permission', permission: 'management-information.view' } as const;

/** The scorecard's query: a unit (the organisation when none) and the last month of the 12. */
export function scorecardQuery(latestMonth: string) {
  return downloadParameters.extend({
    unit: z
      .string()
      .trim()
      .refine((v) => parseRecordId(v) !== null, 'Choose a unit from the list')
      .optional(),
    month: z
      .string()
      .trim()
      .refine((v) => /^\d{4}-\d{2}$/.test(v) && isRealDate(`${v}-01`) && v >= '2000-01', {
        message: 'Choose the 12 months from the list',
      })
      .refine((v) => v <= latestMonth, {
        message: `The 12 months must end with a month that is over: ${monthName(latestMonth)} or earlier`,
      })
      .optional(),
  });
}

/** The hotspots page's query beside its period: a level. */
export const hotspotsQuery = downloadParameters.extend({
  level: z.enum(HOTSPOT_LEVELS, { error: 'Choose teams, services or directorates' }),
});

function periodText(period: Period): string {
  return dateRange(period.from, period.to);
}

/** The last 24 sets of 12 months, for choosing which 12 months a scorecard covers. */
export function monthChoices(latestMonth: string): { value: string; text: string }[] {
  const choices = [];
  let month = latestMonth;
  for (let i = 0; i < 24; i++) {
    const period = twelveMonthsTo(month);
    choices.push({
      value: month,
      text: `12 months to ${monthName(month)} (from ${monthName(period.from.slice(0, 7))})`,
    });
    month = addDays(`${month}-01`, -1).slice(0, 7);
  }
  return choices;
}

/** What a page built on a scorecard (the scorecard itself, the board pack) says of itself. */
interface ScorecardPage {
  pageTitle: string;
  template: string;
  /** The page's key in the sub-navigation. */
  navigation: string;
  /** The page's address for an organisation. */
  path: (org: string) => string;
  /** The units offered in the page's form. */
  unitChoices: (units: readonly UnitRef[], current: UnitRef | null) => unknown;
}

/**
 * Reads the 12 months and the unit a scorecard page asks for and loads the scorecard. When the
 * query is wrong, or names a unit that is not the organisation's, the page's form is sent back
 * with its errors, and `sent` is the reply.
 */
export async function loadScorecardPage(
  services: Services,
  request: FastifyRequest,
  reply: FastifyReply,
  page: ScorecardPage,
) {
  const { organisationFor, audienceOf } = miPageSupport(services);
  const organisation = organisationFor(request);
  const audience = audienceOf(request, organisation);
  const latestMonth = lastFullMonth(today());
  const values = queryValues(request);
  const pagePath = page.path(organisation.slug);
  const common = {
    pageTitle: page.pageTitle,
    organisation,
    audience,
    values: { month: latestMonth, ...values },
    action: pagePath,
    months: monthChoices(latestMonth),
    subNavigation: managementInformationNavigation(organisation.slug, page.navigation),
  };
  const problem = async (errors: FieldError[]) => ({
    ok: false as const,
    sent: reply.status(400).render(page.template, {
      ...common,
      units: page.unitChoices(await organisationUnits(services.database, organisation), null),
      errors,
    }),
  });
  const parsed = scorecardQuery(latestMonth).safeParse(values);
  if (!parsed.success) return problem(errorSummary(parsed.error.issues));
  const query = parsed.data;
  const month = query.month ?? latestMonth;
  const period = twelveMonthsTo(month);
  const figures = await scorecardFigures(services.database, organisation, {
    period,
    unitId: query.unit === undefined ? null : Number(query.unit),
  });
  if (!figures) return problem([{ text: 'Choose a unit from the list', href: '#unit' }]);
  return {
    ok: true as const,
    organisation,
    audience,
    pagePath,
    latestMonth,
    common,
    query,
    month,
    period,
    figures,
  };
}

/** The management information pages: an overview, the scorecard and the hotspots. */
export function managementInformationRoutes(services: Services) {
  const { organisationFor, audienceOf, aboutLines, download } = miPageSupport(services);

  /** The hotspots of a period at a level, as the page and its funnel plot show them to this audience. */
  async function hotspotsFor(
    organisation: MiOrganisation,
    audience: Audience,
    query: { from: string; to: string; level: HotspotLevel },
  ) {
    const figures = await hotspotsFigures(services.database, organisation, {
      period: { from: query.from, to: query.to },
      level: query.level,
    });
    const scorecardPath = paths.organisation.scorecard.build({ org: organisation.slug });
    return hotspotsView(figures, {
      audience,
      organisation,
      unitHref: (unitId) => `${scorecardPath}?unit=${unitId}`,
      trendHref: (unitId) => `${paths.organisation.trends.build({ org: organisation.slug })}?unit=${unitId}`,
    });
  }

  /** The funnel plot of the hotspots, as an SVG image. */
  const funnelPlotOf = (view: Awaited<ReturnType<typeof hotspotsFor>>) =>
    funnelPlotSvg({ points: view.points, curves: view.curves, centrePct: view.centrePct });

  return async (app: FastifyInstance) => {
    app.get(
      paths.organisation.managementInformation.pattern,
      { config: { access: ACCESS, audit: 'management-information.viewed' } },
      async (request, reply) => {
        const organisation = organisationFor(request);
        const period = rollingTwelveMonths(today());
        return reply.render('management-information/views/index.njk', {
          pageTitle: 'Management information',
          organisation,
          period,
          audience: audienceOf(request, organisation),
          subNavigation: managementInformationNavigation(organisation.slug, null),
          pages: MANAGEMENT_INFORMATION_PAGES.map((p) => ({
            title: p.title,
            description: p.description,
            href: p.href(organisation.slug),
          })),
        });
      },
    );

    app.get(
      paths.organisation.scorecard.pattern,
      { config: { access: ACCESS, audit: 'management-information.viewed', cache: 'figures' } },
      async (request, reply) => {
        const loaded = await loadScorecardPage(services, request, reply, {
          pageTitle: 'Scorecard',
          template: 'management-information/views/scorecard.njk',
          navigation: 'scorecard',
          path: (org) => paths.organisation.scorecard.build({ org }),
          unitChoices,
        });
        if (!loaded.ok) return loaded.sent;
        const { organisation, audience, pagePath, latestMonth, common, query, period, figures } = loaded;
        const unitHref = (unitId: number) =>
          `${pagePath}?${new URLSearchParams({ unit: String(unitId), ...(query.month ? { month: query.month } : {}) }).toString()}`;
        const view = scorecardView(figures, { audience, organisation, unitHref });
        const name = figures.unit?.name ?? organisation.name;
        const tables = view.tables
          ? [
              view.tables.headline,
              view.tables.terms,
              view.tables.reasons,
              view.tables.trend,
              view.tables.units,
            ].filter((t): t is DataTable => t !== null)
          : [];
        const fileStem = `scorecard-${organisation.slug}${figures.unit ? `-unit-${figures.unit.id}` : ''}-${period.from.slice(0, 7)}-to-${period.to.slice(0, 7)}`;
        if (query.format) {
          return download(request, reply, {
            page: 'scorecard',
            format: query.format,
            tableId: query.table,
            tables,
            fileStem,
            about: aboutLines(
              organisation,
              `Scorecard: ${figures.unit?.path ?? organisation.name}`,
              period,
              audience,
              [['Target', `${organisation.targetDaysPerFte} days lost per FTE over 12 months`]],
            ),
          });
        }
        const linkQuery = { unit: query.unit, month: query.month };
        const chart =
          view.trendPoints.some((p) => p.value !== null) && view.tables
            ? svgDataUrl(await trendChartSvg({ points: view.trendPoints, valueTitle: 'Absence rate (%)' }))
            : null;
        const parentPath = figures.unit?.path.split(' > ').slice(0, -1).join(' > ');
        const parent = parentPath ? figures.units.find((u) => u.path === parentPath) : null;
        return reply.render('management-information/views/scorecard.njk', {
          ...common,
          units: unitChoices(figures.units, figures.unit),
          values: { month: query.month ?? latestMonth, unit: query.unit },
          name,
          unit: figures.unit,
          up: figures.unit
            ? parent
              ? { href: unitHref(parent.id), text: parent.name }
              : {
                  href: `${pagePath}${query.month ? `?month=${query.month}` : ''}`,
                  text: organisation.name,
                }
            : null,
          period,
          view,
          tables: Object.fromEntries(
            tables.map((t) => [
              t.id,
              { ...htmlTable(t), downloads: downloadLinks(pagePath, linkQuery, t.id) },
            ]),
          ),
          allDownload: downloadHref(pagePath, linkQuery, 'xlsx'),
          chart,
          chartDescription: `Line chart of the absence rate each month from ${monthName(period.from.slice(0, 7))} to ${monthName(period.to.slice(0, 7))}. The same figures are in the table “Sickness absence month by month” below.`,
        });
      },
    );

    app.get(
      paths.organisation.hotspots.pattern,
      { config: { access: ACCESS, audit: 'management-information.viewed', cache: 'figures' } },
      async (request, reply) => {
        const organisation = organisationFor(request);
        const audience = audienceOf(request, organisation);
        const rolling = rollingTwelveMonths(today());
        const read = readPeriodQuery({ level: 'teams', ...queryValues(request) }, hotspotsQuery);
        const pagePath = paths.organisation.hotspots.build({ org: organisation.slug });
        const common = {
          pageTitle: 'Hotspots',
          organisation,
          audience,
          values: read.ok ? read.query : read.values,
          periodForm: read.periodForm,
          rolling,
          action: pagePath,
          levels: HOTSPOT_LEVELS.map((l) => ({
            value: l,
            text: HOTSPOT_LEVEL_NAMES[l].many.replace(/^./, (c) => c.toUpperCase()),
          })),
          subNavigation: managementInformationNavigation(organisation.slug, 'hotspots'),
          z95: Z_95,
          z998: Z_998,
        };
        if (!read.ok) {
          return reply.status(400).render('management-information/views/hotspots.njk', {
            ...common,
            errors: read.errors,
          });
        }
        const { query, period } = read;
        const view = await hotspotsFor(organisation, audience, query);
        const levelNames = HOTSPOT_LEVEL_NAMES[query.level];
        if (query.format) {
          return download(request, reply, {
            page: 'hotspots',
            format: query.format,
            tableId: query.table,
            tables: view.table ? [view.table] : [],
            fileStem: `hotspots-${organisation.slug}-${query.level}-${period.from}-to-${period.to}`,
            about: aboutLines(organisation, `Hotspots by ${levelNames.one}`, period, audience, [
              [
                'Control limits',
                `The organisation’s rate p ± z × √(p(1 − p)/n), n the unit’s hours available in standard days of ${organisation.fullTimeHours / 5} hours; z = ${Z_95} (95%) and ${Z_998} (99.8%).`,
              ],
            ]),
          });
        }
        const linkQuery = { from: query.from, to: query.to, level: query.level };
        // A large organisation has well over a thousand teams: the table of them all is shown a
        // page at a time (the funnel plot shows them all), and downloaded whole.
        const pagedTable = (table: HtmlTable, downloads: ReturnType<typeof downloadLinks>) => {
          const shown = pageOfRows(table.rows, requestedPage(request.query));
          const href = (page: number) =>
            `${pagePath}?${new URLSearchParams({ ...linkQuery, page: String(page) }).toString()}#table-${table.id}`;
          return {
            ...table,
            rows: shown.rows,
            downloads,
            rowsShown: shown.pages > 1 ? shown : null,
            pagination: paginationLinks(shown.page, shown.pages, href),
          };
        };
        // The funnel plot of a large organisation's teams is most of the page's weight: it is an
        // image of its own, kept as the page is, so the page stays small.
        const chart =
          view.points.length > 0
            ? `${paths.organisation.hotspotsFunnelPlot.build({ org: organisation.slug })}?${new URLSearchParams(linkQuery).toString()}`
            : null;
        if (chart) await keepAlongside(request, chart, 'image/svg+xml', () => funnelPlotOf(view));
        const outside = Object.values(view.lists).reduce((n, list) => n + list.length, 0);
        return reply.render('management-information/views/hotspots.njk', {
          ...common,
          values: linkQuery,
          period,
          periodText: periodText(period),
          isRolling: period.from === rolling.from && period.to === rolling.to,
          level: query.level,
          levelNames,
          view,
          outside,
          table: view.table
            ? pagedTable(htmlTable(view.table), downloadLinks(pagePath, linkQuery, view.table.id))
            : null,
          chart,
          chartDescription: `Funnel plot of the absence rate of each of ${view.points.length} ${levelNames.many} against its hours available, with the organisation’s rate of ${view.centrePct.toFixed(2)}% as the centre line and the 95% and 99.8% control limits either side. ${outside} ${outside === 1 ? levelNames.one + ' lies' : levelNames.many + ' lie'} outside the 95% limits. The same figures are in the table below.`,
        });
      },
    );

    app.get(
      paths.organisation.hotspotsFunnelPlot.pattern,
      { config: { access: ACCESS, audit: 'management-information.viewed', cache: 'figures' } },
      async (request, reply) => {
        const organisation = organisationFor(request);
        const read = readPeriodQuery({ level: 'teams', ...queryValues(request) }, hotspotsQuery);
        if (!read.ok) throw new HttpProblem(400, read.errors.map((e) => e.text).join('; '));
        const view = await hotspotsFor(organisation, audienceOf(request, organisation), read.query);
        if (view.points.length === 0) throw notFound();
        return reply.type('image/svg+xml').send(await funnelPlotOf(view));
      },
    );
  };
}
