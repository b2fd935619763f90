/**
 * The management information a committee reads (SPEC §4D; seed 002's staffing committee): the
 * benchmarks (with HR's own), the policy comparison, and the monthly board pack that brings the
 * pages together for printing.
 */
import type { FastifyInstance } from 'fastify';
import { rollingTwelveMonths } from '../../domain/scorecard.ts';
import { today } from '../../domain/today.ts';
import { BENCHMARK_MEASURES } from '../../reference/national-benchmarks.ts';
import type { Services } from '../../services.ts';
import { notFound } from '../../web/access-control.ts';
import { audit, changedFields } from '../../web/audit.ts';
import { barChartSvg, svgDataUrl, trendChartSvg, type BarChartRow } from '../../web/charts.ts';
import { errorSummary } from '../../web/forms.ts';
import { paths } from '../../web/paths.ts';
import { formBody, idParam, userIdOf } from '../../web/request-context.ts';
import { benchmarkFigures, benchmarkForm } from './benchmarks.ts';
import { benchmarksRepository } from './benchmarks-repository.ts';
import { benchmarksView } from './benchmarks-view.ts';
import { boardPackTableList, boardPackTables, hotspotsOutsideTable } from './board-pack-view.ts';
import { htmlTable, type DataTable } from './data-table.ts';
import { downloadHref, downloadLinks, downloadParameters } from './downloads.ts';
import { HOTSPOT_LEVEL_NAMES, hotspotsFigures, type UnitRef } from './mi-service.ts';
import { managementInformationNavigation } from './pages.ts';
import { policyComparisonFigures } from './policy-comparison.ts';
import { policyComparisonView } from './policy-comparison-view.ts';
import { miPageSupport, queryValues, readPeriodQuery } from './page-support.ts';
import { loadScorecardPage } from './routes.ts';
import { hotspotsView, monthName, scorecardView } from './view-models.ts';

const VIEW = { kind: 'permission', permission: 'management-information.view' } as const;
const CONFIGURE = { kind: 'permission', permission: 'management-information.configure' } as const;

/** The policy comparison's query: a period, the rolling 12 months unless given. */
export const policyComparisonQuery = downloadParameters;

const measureItems = Object.entries(BENCHMARK_MEASURES).map(([value, text]) => ({ value, text }));

/** A chart as an image for the page: a data URL of its SVG, or null when it has nothing to show. */
async function barChart(rows: BarChartRow[], valueTitle: string): Promise<string | null> {
  return rows.length > 0 ? svgDataUrl(await barChartSvg({ rows, valueTitle })) : null;
}

/** Directorates to choose a board pack for (and the unit shown, if it is not one). */
function directorateChoices(units: readonly UnitRef[], current: UnitRef | null) {
  return units
    .filter((u) => u.depth === 1 || u.id === current?.id)
    .map((u) => ({ value: String(u.id), text: u.path }));
}

export function committeeRoutes(services: Services) {
  const { organisationFor, audienceOf, aboutLines, download } = miPageSupport(services);

  return async (app: FastifyInstance) => {
    app.get(
      paths.organisation.benchmarks.pattern,
      { config: { access: VIEW, audit: 'management-information.viewed' } },
      async (request, reply) => {
        const organisation = organisationFor(request);
        const audience = audienceOf(request, organisation);
        const pagePath = paths.organisation.benchmarks.build({ org: organisation.slug });
        const common = {
          pageTitle: 'Benchmarks',
          organisation,
          audience,
          subNavigation: managementInformationNavigation(organisation.slug, 'benchmarks'),
          canConfigure: services.permissions.allows(
            request.principal?.grants ?? [],
            'management-information.configure',
            organisation.id,
          ),
          newBenchmarkHref: paths.organisation.newBenchmark.build({ org: organisation.slug }),
        };
        const parsed = downloadParameters.safeParse(queryValues(request));
        if (!parsed.success) {
          return reply.status(400).render('management-information/views/benchmarks.njk', {
            ...common,
            errors: errorSummary(parsed.error.issues),
          });
        }
        const query = parsed.data;
        const period = rollingTwelveMonths(today());
        const figures = await benchmarkFigures(services.database, organisation, { period, unitPath: null });
        const view = benchmarksView(figures, {
          audience,
          name: organisation.name,
          organisationName: organisation.name,
        });
        const tables = view.tables ? [view.tables.ours, view.tables.comparison, view.tables.benchmarks] : [];
        if (query.format) {
          return download(request, reply, {
            page: 'benchmarks',
            format: query.format,
            tableId: query.table,
            tables,
            fileStem: `benchmarks-${organisation.slug}-${period.from.slice(0, 7)}-to-${period.to.slice(0, 7)}`,
            about: aboutLines(organisation, 'Benchmarks', period, audience, [
              [
                'Comparing',
                'Each benchmark is set beside our figure counted the same way; the note says where the methods still differ.',
              ],
            ]),
          });
        }
        return reply.render('management-information/views/benchmarks.njk', {
          ...common,
          period,
          view,
          tables: Object.fromEntries(
            tables.map((t) => [t.id, { ...htmlTable(t), downloads: downloadLinks(pagePath, {}, t.id) }]),
          ),
          allDownload: downloadHref(pagePath, {}, 'xlsx'),
          rateChart: view.shown ? await barChart(view.rateBars, 'Absence rate (%)') : null,
          daysChart: view.shown ? await barChart(view.daysBars, 'Days lost a year') : null,
          own: view.own.map((b) => ({
            ...b,
            removeHref: paths.organisation.removeBenchmark.build({
              org: organisation.slug,
              benchmarkId: b.id,
            }),
          })),
        });
      },
    );

    const benchmarkFormPage = (organisation: { slug: string }) => ({
      pageTitle: 'Add a benchmark',
      backLink: paths.organisation.benchmarks.build({ org: organisation.slug }),
      action: paths.organisation.newBenchmark.build({ org: organisation.slug }),
      measures: measureItems,
    });

    app.get(
      paths.organisation.newBenchmark.pattern,
      { config: { access: CONFIGURE } },
      async (request, reply) => {
        const organisation = organisationFor(request);
        return reply.render('management-information/views/new-benchmark.njk', {
          ...benchmarkFormPage(organisation),
          values: {},
        });
      },
    );

    app.post(
      paths.organisation.newBenchmark.pattern,
      { config: { access: CONFIGURE } },
      async (request, reply) => {
        const organisation = organisationFor(request);
        const body = formBody(request);
        const parsed = benchmarkForm.safeParse(body);
        if (!parsed.success) {
          return reply.status(400).render('management-information/views/new-benchmark.njk', {
            ...benchmarkFormPage(organisation),
            values: body,
            errors: errorSummary(parsed.error.issues, { measure: 'measure' }),
          });
        }
        const values = parsed.data;
        await services.database.scoped({ organisationIds: [organisation.id] }, async (db) => {
          const id = await benchmarksRepository(db, organisation.id).add(values, userIdOf(request) || null);
          await audit(db, request, {
            action: 'management-information.benchmark-added',
            subjectType: 'organisation-benchmark',
            subjectId: id,
            detail: {
              measure: values.measure,
              value: values.value,
              period: values.period,
              changed: changedFields(null, values),
            },
          });
        });
        request.session.set('flash', { title: `Benchmark added: ${values.name}` });
        return reply.redirect(paths.organisation.benchmarks.build({ org: organisation.slug }));
      },
    );

    app.post(
      paths.organisation.removeBenchmark.pattern,
      { config: { access: CONFIGURE } },
      async (request, reply) => {
        const organisation = organisationFor(request);
        const id = idParam(request, 'benchmarkId');
        const removed = await services.database.scoped({ organisationIds: [organisation.id] }, async (db) => {
          const found = await benchmarksRepository(db, organisation.id).remove(id);
          if (found) {
            await audit(db, request, {
              action: 'management-information.benchmark-removed',
              subjectType: 'organisation-benchmark',
              subjectId: id,
              detail: { measure: found.measure, value: found.value, period: found.period },
            });
          }
          return found;
        });
        if (!removed) throw notFound();
        request.session.set('flash', { title: `Benchmark removed: ${removed.name}` });
        return reply.redirect(paths.organisation.benchmarks.build({ org: organisation.slug }));
      },
    );

    app.get(
      paths.organisation.policyComparison.pattern,
      { config: { access: VIEW, audit: 'management-information.viewed' } },
      async (request, reply) => {
        const organisation = organisationFor(request);
        const audience = audienceOf(request, organisation);
        const rolling = rollingTwelveMonths(today());
        const read = readPeriodQuery(queryValues(request), policyComparisonQuery);
        const pagePath = paths.organisation.policyComparison.build({ org: organisation.slug });
        const common = {
          pageTitle: 'Policy comparison',
          organisation,
          audience,
          periodForm: read.periodForm,
          rolling,
          action: pagePath,
          subNavigation: managementInformationNavigation(organisation.slug, 'policy-comparison'),
        };
        if (!read.ok) {
          return reply.status(400).render('management-information/views/policy-comparison.njk', {
            ...common,
            errors: read.errors,
          });
        }
        const { query, period } = read;
        const figures = await policyComparisonFigures(services.database, organisation, {
          period,
          unitPath: null,
        });
        const view = policyComparisonView(figures, { audience, name: organisation.name });
        const tables = view.tables ? [view.tables.absence, view.tables.process] : [];
        if (query.format) {
          return download(request, reply, {
            page: 'policy-comparison',
            format: query.format,
            tableId: query.table,
            tables,
            fileStem: `policy-comparison-${organisation.slug}-${period.from}-to-${period.to}`,
            about: aboutLines(organisation, 'Policy comparison', period, audience, [
              [
                'Groups',
                'Each unit follows its own policy, else that of the nearest unit above it that sets one, else the organisation’s.',
              ],
              [
                'Process measures',
                'Formal stages started: first, second and final formal meetings arranged for a date in the period, by the person’s unit on that date, per 100 people employed in the period. Reviews held on time: welcome-back reviews due in the period held on or before the day they were due.',
              ],
            ]),
          });
        }
        const linkQuery = { from: query.from, to: query.to };
        const charts = await Promise.all(
          view.charts.map(async (chart) => ({
            ...chart,
            src: svgDataUrl(
              await barChartSvg({ rows: chart.rows, valueTitle: chart.valueTitle, width: 420 }),
            ),
          })),
        );
        return reply.render('management-information/views/policy-comparison.njk', {
          ...common,
          values: linkQuery,
          period,
          isRolling: period.from === rolling.from && period.to === rolling.to,
          view,
          tables: Object.fromEntries(
            tables.map((t) => [
              t.id,
              { ...htmlTable(t), downloads: downloadLinks(pagePath, linkQuery, t.id) },
            ]),
          ),
          allDownload: downloadHref(pagePath, linkQuery, 'xlsx'),
          charts,
        });
      },
    );

    app.get(
      paths.organisation.boardPack.pattern,
      { config: { access: VIEW, audit: 'management-information.viewed' } },
      async (request, reply) => {
        const loaded = await loadScorecardPage(services, request, reply, {
          pageTitle: 'Board pack',
          template: 'management-information/views/board-pack.njk',
          navigation: 'board-pack',
          path: (org) => paths.organisation.boardPack.build({ org }),
          unitChoices: directorateChoices,
        });
        if (!loaded.ok) return loaded.sent;
        const { organisation, audience, pagePath, common, query, month, period, figures: scorecard } = loaded;
        const unitPath = scorecard.unit?.path ?? null;
        const name = scorecard.unit?.name ?? organisation.name;
        const scorecardPath = paths.organisation.scorecard.build({ org: organisation.slug });
        const unitHref = (unitId: number) => `${scorecardPath}?unit=${unitId}&month=${month}`;
        const scorecardPart = scorecardView(scorecard, { audience, organisation, unitHref });
        const hotspotsPart = hotspotsView(
          await hotspotsFigures(services.database, organisation, { period, level: 'teams' }),
          { audience, organisation, unitHref },
        );
        const policyPart = policyComparisonView(
          await policyComparisonFigures(services.database, organisation, { period, unitPath }),
          { audience, name },
        );
        const benchmarksPart = benchmarksView(
          await benchmarkFigures(services.database, organisation, { period, unitPath }),
          { audience, name, organisationName: organisation.name },
        );
        const packTables = boardPackTables({
          scorecard: scorecardPart,
          hotspots: hotspotsOutsideTable(hotspotsPart, {
            levelName: HOTSPOT_LEVEL_NAMES.teams.one,
            unitPath,
          }),
          policy: policyPart,
          benchmarks: benchmarksPart,
        });
        const tableList = packTables ? boardPackTableList(packTables) : [];
        const fileStem = `board-pack-${organisation.slug}${scorecard.unit ? `-unit-${scorecard.unit.id}` : ''}-${month}`;
        if (query.format) {
          return download(request, reply, {
            page: 'board-pack',
            format: query.format,
            tableId: query.table,
            tables: tableList,
            fileStem,
            about: aboutLines(
              organisation,
              `Board pack: ${scorecard.unit?.path ?? organisation.name}, 12 months to ${monthName(month)}`,
              period,
              audience,
              [['Target', `${organisation.targetDaysPerFte} days lost per FTE over 12 months`]],
            ),
          });
        }
        const linkQuery = { unit: query.unit, month: query.month };
        const table = (t: DataTable | null) =>
          t ? { ...htmlTable(t), downloads: downloadLinks(pagePath, linkQuery, t.id) } : null;
        const policyDaysChart = policyPart.charts.find((c) => c.id === 'days-lost');
        return reply.render('management-information/views/board-pack.njk', {
          ...common,
          units: directorateChoices(scorecard.units, scorecard.unit),
          values: { month, unit: query.unit },
          name,
          unit: scorecard.unit,
          period,
          monthText: monthName(month),
          producedOn: today(),
          figuresExplained: {
            href: paths.organisation.figuresExplained.build({ org: organisation.slug }),
            url: `${services.config.publicUrl}${paths.organisation.figuresExplained.build({ org: organisation.slug })}`,
          },
          scorecard: scorecardPart,
          policy: policyPart,
          benchmarks: benchmarksPart,
          hotspotsShown: hotspotsPart.shown,
          tables: packTables
            ? {
                headline: table(packTables.headline),
                trend: table(packTables.trend),
                hotspots: table(packTables.hotspots),
                reasons: table(packTables.reasons),
                policy: table(packTables.policy),
                ourFigures: table(packTables.ourFigures),
                comparison: table(packTables.comparison),
                benchmarks: table(packTables.benchmarks),
              }
            : null,
          allDownload: downloadHref(pagePath, linkQuery, 'xlsx'),
          trendChart:
            packTables && scorecardPart.trendPoints.some((p) => p.value !== null)
              ? svgDataUrl(
                  await trendChartSvg({ points: scorecardPart.trendPoints, valueTitle: 'Absence rate (%)' }),
                )
              : null,
          trendDescription: `Line chart of the absence rate each month from ${monthName(period.from.slice(0, 7))} to ${monthName(month)}. The same figures are in the table “Sickness absence month by month” below it.`,
          policyChart: policyDaysChart
            ? {
                src: svgDataUrl(
                  await barChartSvg({
                    rows: policyDaysChart.rows,
                    valueTitle: policyDaysChart.valueTitle,
                    width: 420,
                  }),
                ),
                description: policyDaysChart.description,
              }
            : null,
          benchmarkChart: benchmarksPart.shown
            ? await barChart(benchmarksPart.rateBars, 'Absence rate (%)')
            : null,
        });
      },
    );
  };
}
