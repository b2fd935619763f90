/**
 * The management information pages' figures through the API (`/api/v1/management-information/…`,
 * scope `reports:read`): the scorecard, trends, hotspots, reasons and cost. Each endpoint calls
 * the page's own service (`mi-service.ts`, `trends-service.ts`, `reasons-service.ts`,
 * `cost-service.ts`) and writes its figures out as JSON numbers, so the API and the pages cannot
 * differ. API clients are HR-level systems: nothing is suppressed.
 */
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { ReportRow } from '../../domain/absence-report.ts';
import { DATE_YEARS_TEXT, isRealDate } from '../../domain/dates.ts';
import { FUNNEL_POSITIONS, Z_95, Z_998 } from '../../domain/funnel-plot.ts';
import {
  defaultReportPeriod,
  MANAGEMENT_INFORMATION_PERIOD_RULES,
  periodParameterProblemText,
  reportPeriodProblems,
} from '../../domain/report-period-rules.ts';
import { lastFullMonth, TARGET_STATUSES, twelveMonthsTo, type Period } from '../../domain/scorecard.ts';
import { today } from '../../domain/today.ts';
import { INTERVALS, sharePct } from '../../domain/trends.ts';
import type { Services } from '../../services.ts';
import { esrReasonDescription } from '../../reference/esr-sickness-reasons.ts';
import { notFound } from '../../web/access-control.ts';
import { paths } from '../../web/paths.ts';
import { costFigures, type CostLine } from '../management-information/cost-service.ts';
import {
  HOTSPOT_LEVELS,
  hotspotsFigures,
  scorecardFigures,
  type MiOrganisation,
  type UnitRef,
} from '../management-information/mi-service.ts';
import { reasonsFigures } from '../management-information/reasons-service.ts';
import {
  DEFAULT_TREND_YEARS,
  TREND_GROUPINGS,
  TREND_YEARS,
  trendsFigures,
  type TrendYears,
} from '../management-information/trends-service.ts';
import type { Endpoint } from './routes.ts';
import { parseRecordId } from '../../web/record-ids.ts';

// ------------------------------------------------------------------ query parameters

const date = (name: string) =>
  z
    .string({ error: `${name} must be a date in the form YYYY-MM-DD` })
    .refine(
      isRealDate,
      `${name} must be a real date in the form YYYY-MM-DD ${DATE_YEARS_TEXT}, like 2025-04-01`,
    )
    .meta({ format: 'date', example: '2026-04-01' });

const unitParameter = z
  .string()
  .refine(
    (v) => parseRecordId(v) !== null,
    'unit must be the id of one of the organisation’s units (GET /api/v1/units)',
  )
  .optional()
  .meta({
    description:
      'A unit id (GET /api/v1/units): that unit and every unit within it. The organisation when left out.',
  });

type PeriodInput = { from?: string | undefined; to?: string | undefined };

/**
 * The problems with a period given as `from` and `to`: both or neither (neither for the last
 * 12 months), then the management information's rules for a period, as its pages have them.
 */
function periodProblems(q: PeriodInput): { path: 'from' | 'to'; message: string }[] {
  if ((q.from === undefined) !== (q.to === undefined)) {
    return [
      {
        path: 'to',
        message: 'from and to must be given together, or neither for the rolling 12 months',
      },
    ];
  }
  if (!q.from || !q.to) return [];
  return reportPeriodProblems({ from: q.from, to: q.to }, MANAGEMENT_INFORMATION_PERIOD_RULES, today()).map(
    (problem) => ({ path: problem.end, message: periodParameterProblemText(problem) }),
  );
}

/** A period given as `from` and `to`, both or neither (the rolling 12 months), and other parameters. */
function periodParameters<T extends z.ZodRawShape>(shape: T) {
  return z
    .object({
      from: date('from').optional().meta({
        description: 'The first day of the period; with to. The rolling 12 months when both are left out.',
      }),
      to: date('to').optional().meta({
        description: 'The last day of the period, today or earlier; with from. At most 10 years from from.',
      }),
      ...shape,
    })
    .superRefine((q, context) => {
      for (const problem of periodProblems(q as PeriodInput)) {
        context.addIssue({ code: 'custom', message: problem.message, path: [problem.path] });
      }
    });
}

export const scorecardQuerySchema = z.object({
  unit: unitParameter,
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month must be a month in the form YYYY-MM, like 2026-03')
    .refine((v) => v >= '2000-01', 'month must be January 2000 or later')
    .optional()
    .meta({
      description:
        'The last of the 12 months (YYYY-MM), no later than the last full month; the last full month when left out.',
    }),
});

export const trendsQuerySchema = z.object({
  years: z
    .enum(TREND_YEARS.map((y) => String(y)) as [string, ...string[]], { error: 'years must be 1, 2, 3 or 5' })
    .default(String(DEFAULT_TREND_YEARS))
    .meta({ description: 'How many years of months, ending with the last full month.' }),
  by: z
    .enum(TREND_GROUPINGS, { error: `by must be one of ${TREND_GROUPINGS.join(', ')}` })
    .default('none')
    .meta({
      description:
        'none: one line; unit: one line per unit one level down (the directorates, or the services of the unit given); staff-group: one line per staff group. The organisation’s (or unit’s) own line always comes first.',
    }),
  unit: unitParameter,
});

export const hotspotsQuerySchema = periodParameters({
  level: z
    .enum(HOTSPOT_LEVELS, { error: `level must be one of ${HOTSPOT_LEVELS.join(', ')}` })
    .default('teams')
    .meta({
      description: 'teams (units with none below them), services (level 2) or directorates (level 1).',
    }),
});

export const reasonsQuerySchema = periodParameters({
  unit: unitParameter,
  interval: z
    .enum(INTERVALS, { error: `interval must be one of ${INTERVALS.join(', ')}` })
    .default('quarter')
    .meta({ description: 'The top reasons’ shares over time: quarter by quarter or month by month.' }),
});

export const costQuerySchema = periodParameters({ unit: unitParameter });

// ------------------------------------------------------------------ responses

const figures = {
  averageFte: z.number(),
  hoursAvailable: z.number(),
  hoursLost: z.number(),
  fteDaysLost: z.number(),
  daysLostPerFte: z.number(),
  absenceRatePct: z.number(),
  episodes: z.number().int(),
  shortTermEpisodes: z.number().int(),
  longTermEpisodes: z.number().int(),
  costGbp: z.number(),
};
const figuresSchema = z.object(figures);
const periodSchema = z.object({ from: z.string(), to: z.string() });
const unitRefSchema = z.object({ id: z.number().int(), path: z.string() });
const definitionsSchema = z
  .record(z.string(), z.string())
  .meta({ description: 'What each figure is (Wellwork’s specification, section 6).' });

export const miScorecardSchema = z.object({
  organisation: z.string(),
  period: periodSchema,
  unit: unitRefSchema.nullable(),
  targetDaysPerFte: z.number(),
  status: z.enum(TARGET_STATUSES),
  headcount: z.number().int(),
  total: figuresSchema,
  shortTerm: z.object({ episodes: z.number().int(), fteDaysLost: z.number(), daysLostPerFte: z.number() }),
  longTerm: z.object({ episodes: z.number().int(), fteDaysLost: z.number(), daysLostPerFte: z.number() }),
  topReasons: z.array(z.string()),
  reasons: z.array(z.object({ code: z.string(), description: z.string(), sharePct: z.number(), ...figures })),
  months: z.array(z.object({ month: z.string(), headcount: z.number().int(), ...figures })),
  units: z.array(
    unitRefSchema.extend({
      name: z.string(),
      headcount: z.number().int(),
      status: z.enum(TARGET_STATUSES),
      ...figures,
    }),
  ),
  direct: z.object({ headcount: z.number().int(), ...figures }).nullable(),
  definitions: definitionsSchema,
});

const limitsSchema = z.object({
  lower95Pct: z.number(),
  upper95Pct: z.number(),
  lower998Pct: z.number(),
  upper998Pct: z.number(),
});
export const miHotspotsSchema = z.object({
  organisation: z.string(),
  period: periodSchema,
  level: z.enum(HOTSPOT_LEVELS),
  centreRatePct: z.number(),
  headcount: z.number().int(),
  total: figuresSchema,
  units: z.array(
    unitRefSchema.extend({
      name: z.string(),
      headcount: z.number().int(),
      ...figures,
      limits: limitsSchema.nullable(),
      position: z.enum(FUNNEL_POSITIONS).nullable(),
    }),
  ),
  definitions: definitionsSchema,
});

export const miTrendsSchema = z.object({
  organisation: z.string(),
  period: periodSchema,
  reportPeriod: periodSchema,
  years: z.number().int(),
  by: z.enum(TREND_GROUPINGS),
  unit: unitRefSchema.nullable(),
  ungrouped: z.boolean(),
  lines: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      total: z.boolean(),
      unit: unitRefSchema.nullable(),
      staffGroup: z.string().nullable(),
      months: z.array(
        z.object({
          month: z.string(),
          current: figuresSchema.nullable(),
          lastYear: figuresSchema.nullable(),
          change: z.object({ absenceRatePct: z.number(), daysLostPerFte: z.number() }).nullable(),
        }),
      ),
    }),
  ),
  definitions: definitionsSchema,
});

const shareSchema = z.object({ fteDaysLost: z.number(), sharePct: z.number() });
export const miReasonsSchema = z.object({
  organisation: z.string(),
  period: periodSchema,
  unit: unitRefSchema.nullable(),
  interval: z.enum(INTERVALS),
  total: figuresSchema,
  reasons: z.array(z.object({ code: z.string(), description: z.string(), sharePct: z.number(), ...figures })),
  top: z.array(z.string()),
  overTime: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      from: z.string(),
      to: z.string(),
      fteDaysLost: z.number(),
      reasons: z.array(shareSchema.extend({ code: z.string() })),
      other: shareSchema,
    }),
  ),
  definitions: definitionsSchema,
});

const costFiguresSchema = z.object({ ...figures, costPerFte: z.number() });
export const miCostSchema = z.object({
  organisation: z.string(),
  period: periodSchema,
  unit: unitRefSchema.nullable(),
  onCostRate: z.number(),
  total: costFiguresSchema,
  units: z.array(unitRefSchema.extend({ name: z.string(), ...costFiguresSchema.shape })),
  direct: costFiguresSchema.nullable(),
  months: z.array(costFiguresSchema.extend({ month: z.string() })),
  peopleWithoutSalary: z.number().int(),
  definitions: definitionsSchema,
});

const DEFINITIONS = {
  averageFte:
    'The sum over each calendar day of the period of the FTE (weekly hours / full-time weekly hours) of everyone employed that day, divided by the number of days.',
  hoursAvailable:
    'Scheduled hours of everyone employed, by their weekly pattern, less bank holidays they do not work.',
  hoursLost: 'Scheduled hours on days of sickness absence (the hours stated on a first day cut short).',
  fteDaysLost: 'Hours lost / (full-time weekly hours / 5).',
  daysLostPerFte: 'FTE days lost / average FTE.',
  absenceRatePct: '100 × hours lost / hours available.',
  episodes:
    'Sickness episodes starting in the period, in the group of their start date; long term when 28 calendar days or more (an open one, to the end of the report’s period, in every row, month rows too), otherwise short term.',
  costGbp:
    'Hours lost × annual salary / (365 / 7) / weekly hours, plus the organisation’s on-cost rate. Hours of people with no salary recorded add no cost.',
} as const;

// ------------------------------------------------------------------ writing the figures out

function figuresOf(row: ReportRow) {
  return {
    averageFte: row.averageFte,
    hoursAvailable: row.hoursAvailable,
    hoursLost: row.hoursLost,
    fteDaysLost: row.fteDaysLost,
    daysLostPerFte: row.daysLostPerFte,
    absenceRatePct: row.absenceRatePct,
    episodes: row.episodes,
    shortTermEpisodes: row.shortTermEpisodes,
    longTermEpisodes: row.longTermEpisodes,
    costGbp: row.costGbp,
  };
}

const unitRef = (unit: UnitRef | null) => (unit ? { id: unit.id, path: unit.path } : null);
const costOf = (line: CostLine) => ({ ...figuresOf(line.row), costPerFte: line.costPerFte });

/** A 400 naming the parameter and what is wrong with it, as a bad query string gets. */
function badParameter(reply: FastifyReply, path: string, message: string) {
  return reply.status(400).send({ error: 'The request is not valid', problems: [{ path, message }] });
}
const UNKNOWN_UNIT = 'unit must be the id of one of the organisation’s units (GET /api/v1/units)';

function periodOf(q: { from?: string | undefined; to?: string | undefined }): Period {
  return q.from && q.to ? { from: q.from, to: q.to } : defaultReportPeriod(today());
}

const DESCRIPTION =
  'The same figures as the page of the same name, as numbers. API clients are HR-level systems: small numbers are not suppressed (the pages suppress them for people outside HR).';

/** The management information endpoints, for the API's list. */
export function managementInformationEndpoints(services: Services): Endpoint[] {
  async function organisationOf(organisationId: number): Promise<MiOrganisation> {
    const organisation = await services.organisations.findById(organisationId);
    if (!organisation) throw notFound();
    return organisation;
  }

  return [
    {
      method: 'GET',
      path: paths.api.miScorecard.pattern,
      scope: 'reports:read',
      audit: 'management-information.viewed',
      summary: 'The scorecard: 12 months against the target, for the organisation or a unit',
      description: `${DESCRIPTION} The units are those one level down, each with everything within it.`,
      query: scorecardQuerySchema,
      response: miScorecardSchema,
      handler: async ({ organisationId, query, reply }) => {
        const q = query as z.infer<typeof scorecardQuerySchema>;
        const latest = lastFullMonth(today());
        if (q.month && q.month > latest) {
          return badParameter(reply, 'month', `month must be a month that is over: ${latest} or earlier`);
        }
        const organisation = await organisationOf(organisationId);
        const period = twelveMonthsTo(q.month ?? latest);
        const found = await scorecardFigures(services.database, organisation, {
          period,
          unitId: q.unit === undefined ? null : Number(q.unit),
        });
        if (!found) return badParameter(reply, 'unit', UNKNOWN_UNIT);
        const { total, longTerm } = found;
        return {
          organisation: organisation.slug,
          period,
          unit: unitRef(found.unit),
          targetDaysPerFte: organisation.targetDaysPerFte,
          status: found.status,
          headcount: found.headcount,
          total: figuresOf(total),
          shortTerm: {
            episodes: total.shortTermEpisodes,
            fteDaysLost: total.fteDaysLost - longTerm.fteDaysLost,
            daysLostPerFte: total.daysLostPerFte - longTerm.daysLostPerFte,
          },
          longTerm: {
            episodes: total.longTermEpisodes,
            fteDaysLost: longTerm.fteDaysLost,
            daysLostPerFte: longTerm.daysLostPerFte,
          },
          topReasons: found.top.map((r) => r.group),
          reasons: found.reasons
            .filter((r) => r.group !== 'TOTAL')
            .map((r) => ({
              code: r.group,
              description: esrReasonDescription(r.group) ?? 'Unknown reason',
              sharePct: sharePct(r.fteDaysLost, total.fteDaysLost),
              ...figuresOf(r),
            })),
          months: found.months.map((m) => ({ month: m.month, headcount: m.headcount, ...figuresOf(m.row) })),
          units: found.children.map((c) => ({
            id: c.unit.id,
            path: c.unit.path,
            name: c.unit.name,
            headcount: c.headcount,
            status: c.status,
            ...figuresOf(c.row),
          })),
          direct: found.direct ? { headcount: found.direct.headcount, ...figuresOf(found.direct.row) } : null,
          definitions: {
            ...DEFINITIONS,
            status: `Days lost per FTE over the 12 months against the target: on-target at or below it, within-10-percent up to 1.1 × the target, otherwise above-target.`,
            shortTerm: 'The whole less the long-term episodes’ days: days of episodes under 28 days.',
            headcount: 'People employed at any time in the period (in the unit or below it).',
          },
        };
      },
    },
    {
      method: 'GET',
      path: paths.api.miTrends.pattern,
      scope: 'reports:read',
      audit: 'management-information.viewed',
      summary: 'Trends: month by month over 1 to 5 years, each month beside the same month a year before',
      description: `${DESCRIPTION} The months end with the last full month.`,
      query: trendsQuerySchema,
      response: miTrendsSchema,
      handler: async ({ organisationId, query, reply }) => {
        const q = query as z.infer<typeof trendsQuerySchema>;
        const organisation = await organisationOf(organisationId);
        const years = Number(q.years) as TrendYears;
        const found = await trendsFigures(services.database, organisation, {
          endMonth: lastFullMonth(today()),
          years,
          by: q.by,
          unitId: q.unit === undefined ? null : Number(q.unit),
          headcounts: false,
        });
        if (!found) return badParameter(reply, 'unit', UNKNOWN_UNIT);
        return {
          organisation: organisation.slug,
          period: found.period,
          reportPeriod: found.reportPeriod,
          years,
          by: found.by,
          unit: unitRef(found.unit),
          ungrouped: found.ungrouped,
          lines: found.lines.map((line) => ({
            key: line.key,
            label: line.label,
            total: line.total,
            unit: unitRef(line.unit),
            staffGroup: line.staffGroup,
            months: line.months.map((m) => ({
              month: m.month,
              current: m.current ? figuresOf(m.current) : null,
              lastYear: m.lastYear ? figuresOf(m.lastYear) : null,
              change: m.change,
            })),
          })),
          definitions: {
            ...DEFINITIONS,
            daysLostPerFte: 'FTE days lost in the month / the month’s own average FTE.',
            lastYear: 'The same month a year before.',
            change:
              'This month less the same month a year before: percentage points for absenceRatePct, days for daysLostPerFte.',
            ungrouped:
              'Whether some hours are in no group’s line (people in the unit itself, or with no staff group): they count in the first line only.',
          },
        };
      },
    },
    {
      method: 'GET',
      path: paths.api.miHotspots.pattern,
      scope: 'reports:read',
      audit: 'management-information.viewed',
      summary:
        'Hotspots: each unit at a level against funnel-plot control limits around the organisation’s rate',
      description: `${DESCRIPTION} Units with no hours available in the period have no limits and no position.`,
      query: hotspotsQuerySchema,
      response: miHotspotsSchema,
      handler: async ({ organisationId, query }) => {
        const q = query as z.infer<typeof hotspotsQuerySchema>;
        const organisation = await organisationOf(organisationId);
        const period = periodOf(q);
        const found = await hotspotsFigures(services.database, organisation, { period, level: q.level });
        return {
          organisation: organisation.slug,
          period,
          level: found.level,
          centreRatePct: 100 * found.p,
          headcount: found.headcount,
          total: figuresOf(found.total),
          units: found.units.map((u) => ({
            id: u.unit.id,
            path: u.unit.path,
            name: u.unit.name,
            headcount: u.headcount,
            ...figuresOf(u.row),
            limits: u.assessment
              ? {
                  lower95Pct: 100 * u.assessment.limits.lower95,
                  upper95Pct: 100 * u.assessment.limits.upper95,
                  lower998Pct: 100 * u.assessment.limits.lower998,
                  upper998Pct: 100 * u.assessment.limits.upper998,
                }
              : null,
            position: u.assessment?.position ?? null,
          })),
          definitions: {
            ...DEFINITIONS,
            limits: `The organisation’s rate p ± z × √(p(1 − p)/n), n the unit’s hours available in standard days of ${organisation.fullTimeHours / 5} hours; z = ${Z_95} (95%) and ${Z_998} (99.8%); as percentages.`,
            position: 'Where the unit’s absence rate lies against its limits; on a limit counts as within.',
          },
        };
      },
    },
    {
      method: 'GET',
      path: paths.api.miReasons.pattern,
      scope: 'reports:read',
      audit: 'management-information.viewed',
      summary: 'Reasons: each sickness reason’s share of the FTE days lost, and the top reasons over time',
      description: `${DESCRIPTION} Reasons are NHS ESR sickness absence reason codes.`,
      query: reasonsQuerySchema,
      response: miReasonsSchema,
      handler: async ({ organisationId, query, reply }) => {
        const q = query as z.infer<typeof reasonsQuerySchema>;
        const organisation = await organisationOf(organisationId);
        const found = await reasonsFigures(services.database, organisation, {
          period: periodOf(q),
          unitId: q.unit === undefined ? null : Number(q.unit),
          interval: q.interval,
          headcount: false,
        });
        if (!found) return badParameter(reply, 'unit', UNKNOWN_UNIT);
        return {
          organisation: organisation.slug,
          period: found.period,
          unit: unitRef(found.unit),
          interval: found.interval,
          total: figuresOf(found.total),
          reasons: found.reasons.map((r) => ({
            code: r.code,
            description: r.description,
            sharePct: r.sharePct,
            ...figuresOf(r.row),
          })),
          top: found.top,
          overTime: found.overTime,
          definitions: {
            ...DEFINITIONS,
            sharePct:
              'The reason’s FTE days lost / the FTE days lost to every reason, in the same group and period.',
            daysLostPerFte:
              'The reason’s FTE days lost / the average FTE of everyone, so that the reasons add up to the total.',
          },
        };
      },
    },
    {
      method: 'GET',
      path: paths.api.miCost.pattern,
      scope: 'reports:read',
      audit: 'management-information.viewed',
      summary: 'Cost of absence: by unit one level down and by month, with cost per FTE',
      description: DESCRIPTION,
      query: costQuerySchema,
      response: miCostSchema,
      handler: async ({ organisationId, query, reply }) => {
        const q = query as z.infer<typeof costQuerySchema>;
        const organisation = await organisationOf(organisationId);
        const found = await costFigures(services.database, organisation, {
          period: periodOf(q),
          unitId: q.unit === undefined ? null : Number(q.unit),
          headcounts: false,
          withoutSalary: true,
        });
        if (!found) return badParameter(reply, 'unit', UNKNOWN_UNIT);
        return {
          organisation: organisation.slug,
          period: found.period,
          unit: unitRef(found.unit),
          onCostRate: found.onCostRate,
          total: costOf(found.total),
          units: found.children.map((c) => ({
            id: c.unit.id,
            path: c.unit.path,
            name: c.unit.name,
            ...costOf(c),
          })),
          direct: found.direct ? costOf(found.direct) : null,
          months: found.months.map((m) => ({ month: m.month, ...costOf(m) })),
          peopleWithoutSalary: found.peopleWithoutSalary ?? 0,
          definitions: {
            ...DEFINITIONS,
            costPerFte: 'costGbp / averageFte.',
            onCostRate: 'The organisation’s on-cost rate, as a fraction (0.28 is 28%).',
            peopleWithoutSalary:
              'People employed in the period (in the unit) with no salary recorded for some or all of it: their hours add no cost.',
          },
        };
      },
    },
  ];
}
