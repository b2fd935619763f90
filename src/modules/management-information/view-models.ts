/**
 * The management information pages' tables and charts, from the figures and the audience: plain
 * functions, tested without rendering. Small numbers are suppressed here, once, for the page and
 * its downloads alike (`small-numbers.ts`).
 */
import { MONTH_NAMES } from '../../domain/dates.ts';
import type { ReportRow } from '../../domain/absence-report.ts';
import { FUNNEL_POSITION_TEXT, funnelCurves, type FunnelPosition } from '../../domain/funnel-plot.ts';
import { TARGET_STATUS_TEXT, type TargetStatus } from '../../domain/scorecard.ts';
import {
  COMPLEMENT_COUNT,
  FEWER_THAN_5,
  groupWithheld,
  shownCount,
  SMALLEST_COUNT_SHOWN,
  withheldNote,
  type Audience,
} from '../../domain/small-numbers.ts';
import {
  suppressComplements,
  type HiddenBecause,
  type SuppressionCell,
  type SuppressionTotal,
} from '../../domain/secondary-suppression.ts';
import { reasonWords } from '../../domain/labels.ts';
import type { FunnelCurvePoint, FunnelPoint, TrendPoint } from '../../web/charts.ts';
import type { Cell, Column, DataTable, TableRow } from './data-table.ts';
import {
  HOTSPOT_LEVEL_NAMES,
  type HotspotsFigures,
  type MiOrganisation,
  type ScorecardFigures,
} from './mi-service.ts';

/** '2025-05' → 'May 2025'. */
export function monthName(month: string): string {
  return `${MONTH_NAMES[Number(month.slice(5, 7)) - 1] ?? month} ${month.slice(0, 4)}`;
}

/** The path of the unit above, if any: 'A > B > C' → 'A > B'. */
function parentPath(path: string): string | null {
  const levels = path.split(' > ');
  return levels.length > 1 ? levels.slice(0, -1).join(' > ') : null;
}

/** A row whose figures are withheld: its label, no figures, and why. */
function withheldRow(
  label: string,
  columns: number,
  href?: string | null,
  because: HiddenBecause = 'small',
): TableRow {
  return {
    cells: [label, ...Array<Cell>(columns - 1).fill(null)],
    note: withheldNote(because),
    href: href ?? null,
  };
}

/** A count as a cell shows it: the number, "fewer than 5", or why it is hidden to protect another. */
export function countShown(value: number, because: HiddenBecause | null): number | string {
  return because === 'small' ? FEWER_THAN_5 : because === 'complement' ? COMPLEMENT_COUNT : value;
}

/**
 * Secondary suppression of the rows of a table that add up to a total shown beside them (the
 * months of a period): which rows are hidden, and why. A row of nobody is hidden but needs no
 * protecting. Outside HR only.
 */
export function protectedRows(headcounts: readonly number[], audience: Audience): (HiddenBecause | null)[] {
  if (audience === 'full') return headcounts.map(() => null);
  const cells = new Map<string, SuppressionCell>(
    headcounts.map((h, i) => [String(i), { value: h, hidden: h < SMALLEST_COUNT_SHOWN, harmless: h === 0 }]),
  );
  cells.set('total', { value: headcounts.reduce((a, b) => a + b, 0), hidden: false });
  const hidden = suppressComplements(cells, [{ total: 'total', parts: headcounts.map((_, i) => String(i)) }]);
  return headcounts.map((_, i) => hidden.get(String(i)) ?? null);
}

/**
 * Counts that add up to totals, suppressed together: each count below 5 hidden, each count of a
 * hidden row hidden with it, and then as many more as it takes for none to be worked out by
 * subtraction (`suppressComplements`). Outside HR only; HR see every count.
 */
export function protectedCounts(
  counts: ReadonlyMap<string, { value: number; rowHidden?: boolean; harmless?: boolean }>,
  totals: readonly SuppressionTotal[],
  audience: Audience,
): (key: string) => number | string {
  if (audience === 'full') return (key) => counts.get(key)?.value ?? 0;
  const cells = new Map<string, SuppressionCell>();
  for (const [key, { value, rowHidden, harmless }] of counts) {
    cells.set(key, {
      value,
      hidden: (rowHidden ?? false) || value < SMALLEST_COUNT_SHOWN,
      harmless: (rowHidden ?? false) && (harmless ?? false),
    });
  }
  const hidden = suppressComplements(cells, totals);
  return (key) => {
    const value = counts.get(key)?.value ?? 0;
    const because = hidden.get(key) ?? null;
    // A count of a row hidden as a whole shows as its row does; a small one as "fewer than 5".
    return countShown(value, because === null ? null : value < SMALLEST_COUNT_SHOWN ? 'small' : 'complement');
  };
}

const share = (part: number, whole: number) => (whole > 0 ? (100 * part) / whole : 0);

export interface KeyFigures {
  daysLostPerFte: number;
  target: number;
  status: TargetStatus;
  statusText: string;
  absenceRatePct: number;
  costGbp: number;
}

export interface ScorecardView {
  /** False when the figures are withheld altogether (fewer than 5 people, outside HR). */
  shown: boolean;
  /** Why the figures are withheld: a small group, or to protect one beside it; null when shown. */
  withheldBecause: HiddenBecause | null;
  key: KeyFigures | null;
  tables: {
    headline: DataTable;
    terms: DataTable;
    reasons: DataTable;
    trend: DataTable;
    units: DataTable | null;
  } | null;
  trendPoints: TrendPoint[];
}

/** The scorecard's tables and its trend chart's points. */
export function scorecardView(
  figures: ScorecardFigures,
  options: {
    audience: Audience;
    organisation: Pick<MiOrganisation, 'name' | 'targetDaysPerFte'>;
    /** The scorecard's address for a unit. */
    unitHref: (unitId: number) => string;
  },
): ScorecardView {
  const { audience, organisation } = options;
  const count = (n: number) => shownCount(n, audience);
  const target = organisation.targetDaysPerFte;
  const { total, longTerm } = figures;
  const name = figures.unit?.name ?? organisation.name;
  /** Why a unit's figures are hidden outside HR: the same on every page (`unitSuppression`). */
  const unitHidden = (path: string | null): HiddenBecause | null =>
    audience === 'full' ? null : figures.suppression.unit(path);
  const own = groupWithheld(figures.headcount, audience) ? 'small' : unitHidden(figures.unit?.path ?? null);
  if (own) {
    return { shown: false, withheldBecause: own, key: null, tables: null, trendPoints: [] };
  }
  const childHidden = figures.children.map((child) => unitHidden(child.unit.path));
  const directHidden =
    figures.direct && figures.unit
      ? audience === 'full'
        ? null
        : figures.suppression.direct(figures.unit.path)
      : null;
  // The months add up to the period: a month hidden is not to be worked out from the rest.
  const monthHidden = protectedRows(
    figures.months.map((m) => m.headcount),
    audience,
  );

  // Every count of episodes on the page adds up to the period's: by unit, by term, by reason and
  // by month. They are suppressed together, so none can be worked out from the total shown.
  const topCodes = new Set(figures.top.map((r) => r.group));
  const others = figures.reasons.filter((r) => r.group !== 'TOTAL' && !topCodes.has(r.group));
  const othersEpisodes = others.reduce((sum, r) => sum + r.episodes, 0);
  const episodes = new Map<string, { value: number; rowHidden?: boolean; harmless?: boolean }>([
    ['total', { value: total.episodes }],
    ['short', { value: total.shortTermEpisodes }],
    ['long', { value: total.longTermEpisodes }],
    ['others', { value: othersEpisodes }],
  ]);
  const episodeTotals: SuppressionTotal[] = [{ total: 'total', parts: ['short', 'long'] }];
  figures.top.forEach((r, i) => episodes.set(`reason-${i}`, { value: r.episodes }));
  episodeTotals.push({
    total: 'total',
    parts: [...figures.top.map((_, i) => `reason-${i}`), ...(others.length > 0 ? ['others'] : [])],
  });
  figures.months.forEach((m, i) =>
    episodes.set(`month-${i}`, {
      value: m.row.episodes,
      rowHidden: monthHidden[i] !== null,
      harmless: m.headcount === 0,
    }),
  );
  if (figures.months.length > 0) {
    episodeTotals.push({ total: 'total', parts: figures.months.map((_, i) => `month-${i}`) });
  }
  // A unit with nobody in it has no episodes: hidden with its row, but nothing to protect.
  figures.children.forEach((child, i) =>
    episodes.set(`unit-${i}`, {
      value: child.row.episodes,
      rowHidden: childHidden[i] !== null,
      harmless: child.headcount === 0,
    }),
  );
  if (figures.direct) {
    episodes.set('direct', {
      value: figures.direct.row.episodes,
      rowHidden: directHidden !== null,
      harmless: figures.direct.headcount === 0,
    });
  }
  if (figures.children.length > 0) {
    episodeTotals.push({
      total: 'total',
      parts: [...figures.children.map((_, i) => `unit-${i}`), ...(figures.direct ? ['direct'] : [])],
    });
  }
  const episodesShown = protectedCounts(episodes, episodeTotals, audience);

  const decimal = (value: number) => ({ value, kind: 'decimal' as const });
  const headline: DataTable = {
    id: 'headline',
    caption: `Headline figures for ${name}`,
    sheetName: 'Headline figures',
    columns: [
      { header: 'Measure', kind: 'text' },
      { header: 'Figure', kind: 'decimal' },
    ],
    rows: [
      { cells: ['Days lost per FTE', decimal(total.daysLostPerFte)] },
      { cells: ['Target days lost per FTE', decimal(target)] },
      { cells: ['Against target', TARGET_STATUS_TEXT[figures.status]] },
      { cells: ['Absence rate (%)', { value: total.absenceRatePct, kind: 'percent' }] },
      { cells: ['FTE days lost', decimal(total.fteDaysLost)] },
      { cells: ['Average FTE', decimal(total.averageFte)] },
      { cells: ['People employed in the period', countCell(count(figures.headcount))] },
      { cells: ['Sickness episodes started', countCell(episodesShown('total'))] },
      { cells: ['Cost of absence (£)', { value: total.costGbp, kind: 'money' }] },
    ],
  };

  const shortDays = total.fteDaysLost - longTerm.fteDaysLost;
  const terms: DataTable = {
    id: 'short-and-long-term',
    caption: 'Short-term and long-term sickness',
    sheetName: 'Short and long term',
    columns: [
      { header: 'Term', kind: 'text' },
      { header: 'Episodes started', kind: 'count' },
      { header: 'FTE days lost', kind: 'decimal' },
      { header: 'Share of FTE days lost (%)', kind: 'percent' },
      { header: 'Days lost per FTE', kind: 'decimal' },
    ],
    rows: [
      {
        cells: [
          'Short term (under 28 days)',
          episodesShown('short'),
          shortDays,
          share(shortDays, total.fteDaysLost),
          total.daysLostPerFte - longTerm.daysLostPerFte,
        ],
      },
      {
        cells: [
          'Long term (28 days or more)',
          episodesShown('long'),
          longTerm.fteDaysLost,
          share(longTerm.fteDaysLost, total.fteDaysLost),
          longTerm.daysLostPerFte,
        ],
      },
      {
        cells: [
          'All sickness',
          episodesShown('total'),
          total.fteDaysLost,
          total.fteDaysLost > 0 ? 100 : 0,
          total.daysLostPerFte,
        ],
        total: true,
      },
    ],
  };

  const reasonColumns: Column[] = [
    { header: 'Reason', kind: 'text' },
    { header: 'FTE days lost', kind: 'decimal' },
    { header: 'Share of FTE days lost (%)', kind: 'percent' },
    { header: 'Days lost per FTE', kind: 'decimal' },
    { header: 'Episodes started', kind: 'count' },
  ];
  const reasonRow = (
    label: string,
    row: Pick<ReportRow, 'fteDaysLost' | 'daysLostPerFte'>,
    episodesKey: string,
  ) => [
    label,
    row.fteDaysLost,
    share(row.fteDaysLost, total.fteDaysLost),
    row.daysLostPerFte,
    episodesShown(episodesKey),
  ];
  const othersSum = others.reduce(
    (sum, r) => ({
      fteDaysLost: sum.fteDaysLost + r.fteDaysLost,
      daysLostPerFte: sum.daysLostPerFte + r.daysLostPerFte,
      episodes: sum.episodes + r.episodes,
    }),
    { fteDaysLost: 0, daysLostPerFte: 0, episodes: 0 },
  );
  const reasons: DataTable = {
    id: 'reasons',
    caption: `Top ${figures.top.length === 1 ? 'reason' : `${figures.top.length} reasons`} for sickness, by FTE days lost`,
    sheetName: 'Top reasons',
    columns: reasonColumns,
    rows: [
      ...figures.top.map((r, i) => ({
        cells: reasonRow(reasonWords(r.group), r, `reason-${i}`),
      })),
      ...(others.length > 0 ? [{ cells: reasonRow('All other reasons', othersSum, 'others') }] : []),
      { cells: reasonRow('All reasons', total, 'total'), total: true },
    ],
  };

  const trendColumns: Column[] = [
    { header: 'Month', kind: 'text' },
    { header: 'People', kind: 'count' },
    { header: 'Average FTE', kind: 'decimal' },
    { header: 'FTE days lost', kind: 'decimal' },
    { header: 'Days lost per FTE', kind: 'decimal' },
    { header: 'Absence rate (%)', kind: 'percent' },
    { header: 'Episodes started', kind: 'count' },
  ];
  const trend: DataTable = {
    id: 'trend',
    caption: 'Sickness absence month by month',
    sheetName: 'Month by month',
    columns: trendColumns,
    rows: figures.months.map(({ month, row, headcount }, i) => {
      const hidden = monthHidden[i];
      return hidden
        ? withheldRow(monthName(month), trendColumns.length, null, hidden)
        : {
            cells: [
              monthName(month),
              count(headcount),
              row.averageFte,
              row.fteDaysLost,
              row.daysLostPerFte,
              row.absenceRatePct,
              episodesShown(`month-${i}`),
            ],
          };
    }),
  };
  const trendPoints = figures.months.map(({ month, row }, i) => ({
    label: monthName(month).replace(/^(\w{3})\w*/, '$1'),
    value: monthHidden[i] ? null : row.absenceRatePct,
  }));

  const unitColumns: Column[] = [
    { header: 'Unit', kind: 'text' },
    { header: 'People', kind: 'count' },
    { header: 'Average FTE', kind: 'decimal' },
    { header: 'FTE days lost', kind: 'decimal' },
    { header: 'Days lost per FTE', kind: 'decimal' },
    { header: 'Against target', kind: 'text' },
    { header: 'Absence rate (%)', kind: 'percent' },
    { header: 'Episodes started', kind: 'count' },
    { header: 'Cost (£)', kind: 'money' },
  ];
  const unitCells = (
    label: string,
    row: ReportRow,
    headcount: number,
    status: TargetStatus | null,
    episodesKey: string,
  ): Cell[] => [
    label,
    count(headcount),
    row.averageFte,
    row.fteDaysLost,
    row.daysLostPerFte,
    status ? TARGET_STATUS_TEXT[status] : '',
    row.absenceRatePct,
    episodesShown(episodesKey),
    row.costGbp,
  ];
  const level = figures.unit === null ? 'directorate' : figures.unit.depth === 1 ? 'service' : 'team';
  const units: DataTable | null =
    figures.children.length === 0
      ? null
      : {
          id: 'units',
          caption: `${name} by ${level}`,
          sheetName: `By ${level}`,
          columns: unitColumns,
          rows: [
            ...figures.children.map((child, i) => {
              const hidden = childHidden[i];
              return hidden
                ? withheldRow(child.unit.name, unitColumns.length, options.unitHref(child.unit.id), hidden)
                : {
                    cells: unitCells(child.unit.name, child.row, child.headcount, child.status, `unit-${i}`),
                    href: options.unitHref(child.unit.id),
                  };
            }),
            ...(figures.direct
              ? [
                  directHidden
                    ? withheldRow(`${name} itself, not in a ${level}`, unitColumns.length, null, directHidden)
                    : {
                        cells: unitCells(
                          `${name} itself, not in a ${level}`,
                          figures.direct.row,
                          figures.direct.headcount,
                          null,
                          'direct',
                        ),
                      },
                ]
              : []),
            {
              cells: unitCells(`All of ${name}`, total, figures.headcount, figures.status, 'total'),
              total: true,
            },
          ],
        };

  return {
    shown: true,
    withheldBecause: null,
    key: {
      daysLostPerFte: total.daysLostPerFte,
      target,
      status: figures.status,
      statusText: TARGET_STATUS_TEXT[figures.status],
      absenceRatePct: total.absenceRatePct,
      costGbp: total.costGbp,
    },
    tables: { headline, terms, reasons, trend, units },
    trendPoints,
  };
}

/** A count cell of the headline table, whose column is mixed. */
function countCell(value: number | string): Cell {
  return typeof value === 'number' ? { value, kind: 'count' } : value;
}

export interface HotspotListItem {
  label: string;
  href: string;
  /** The unit's trend, month by month, when the page links to it. */
  trendHref: string | null;
  ratePct: number;
  limitPct: number;
}

export interface HotspotsView {
  shown: boolean;
  centrePct: number;
  /** The over-dispersion factor the limits are widened by (1 when they are not). */
  phi: number;
  table: DataTable | null;
  points: FunnelPoint[];
  curves: FunnelCurvePoint[];
  lists: Record<Exclude<FunnelPosition, 'within'>, HotspotListItem[]>;
  /** Units at the level with no hours available in the period, left out. */
  withoutHours: number;
  /** Units whose figures are withheld (fewer than 5 people, outside HR). */
  withheld: number;
  /** Units whose figures are withheld so that a small one cannot be worked out (outside HR). */
  withheldToProtect: number;
}

/** The hotspots page: every unit's figures and limits, the funnel plot's points, and who lies outside. */
export function hotspotsView(
  figures: HotspotsFigures,
  options: {
    audience: Audience;
    organisation: Pick<MiOrganisation, 'name' | 'fullTimeHours'>;
    unitHref: (unitId: number) => string;
    /** The trends page's address for a unit. */
    trendHref?: (unitId: number) => string;
  },
): HotspotsView {
  const { audience } = options;
  const lists: HotspotsView['lists'] = { 'above-998': [], 'above-95': [], 'below-95': [], 'below-998': [] };
  const centrePct = 100 * figures.p;
  if (groupWithheld(figures.headcount, audience)) {
    return {
      shown: false,
      centrePct,
      phi: figures.phi,
      table: null,
      points: [],
      curves: [],
      lists,
      withoutHours: 0,
      withheld: 0,
      withheldToProtect: 0,
    };
  }
  const count = (n: number) => shownCount(n, audience);
  const columns: Column[] = [
    { header: HOTSPOT_LEVEL_NAMES[figures.level].one.replace(/^./, (c) => c.toUpperCase()), kind: 'text' },
    { header: 'People', kind: 'count' },
    { header: 'Hours available', kind: 'decimal' },
    { header: 'Hours lost', kind: 'decimal' },
    { header: 'Absence rate (%)', kind: 'percent' },
    { header: '95% lower limit (%)', kind: 'percent' },
    { header: '95% upper limit (%)', kind: 'percent' },
    { header: '99.8% lower limit (%)', kind: 'percent' },
    { header: '99.8% upper limit (%)', kind: 'percent' },
    { header: 'Compared with the organisation', kind: 'text' },
  ];
  const rows: TableRow[] = [];
  const points: FunnelPoint[] = [];
  let withoutHours = 0;
  let withheld = 0;
  let withheldToProtect = 0;
  const sorted = [...figures.units].sort((a, b) =>
    a.unit.path < b.unit.path ? -1 : a.unit.path > b.unit.path ? 1 : 0,
  );
  for (const { unit, row, headcount, assessment } of sorted) {
    if (!assessment) {
      withoutHours += 1;
      continue;
    }
    const href = options.unitHref(unit.id);
    // Hidden as on every other page (`unitSuppression`): the small, and those that would give them away.
    const hidden = groupWithheld(headcount, audience)
      ? 'small'
      : audience === 'full'
        ? null
        : figures.suppression.unit(unit.path);
    if (hidden) {
      if (hidden === 'small') withheld += 1;
      else withheldToProtect += 1;
      rows.push({
        ...withheldRow(unit.path, columns.length, href, hidden),
        label: { text: unit.name, hint: parentPath(unit.path) },
      });
      continue;
    }
    const { limits, position } = assessment;
    rows.push({
      href,
      label: { text: unit.name, hint: parentPath(unit.path) },
      cells: [
        unit.path,
        count(headcount),
        row.hoursAvailable,
        row.hoursLost,
        row.absenceRatePct,
        100 * limits.lower95,
        100 * limits.upper95,
        100 * limits.lower998,
        100 * limits.upper998,
        FUNNEL_POSITION_TEXT[position],
      ],
    });
    points.push({
      label: unit.path,
      hoursAvailable: row.hoursAvailable,
      ratePct: row.absenceRatePct,
      position,
    });
    if (position !== 'within') {
      const limit = {
        'above-998': limits.upper998,
        'above-95': limits.upper95,
        'below-95': limits.lower95,
        'below-998': limits.lower998,
      }[position];
      lists[position].push({
        label: unit.path,
        href,
        trendHref: options.trendHref ? options.trendHref(unit.id) : null,
        ratePct: row.absenceRatePct,
        limitPct: 100 * limit,
      });
    }
  }
  rows.push({
    cells: [
      `All of ${options.organisation.name}`,
      count(figures.headcount),
      figures.total.hoursAvailable,
      figures.total.hoursLost,
      figures.total.absenceRatePct,
      null,
      null,
      null,
      null,
      'The centre line',
    ],
    total: true,
  });
  const hours = points.map((p) => p.hoursAvailable);
  const curves =
    hours.length > 0
      ? funnelCurves(
          figures.p,
          options.organisation.fullTimeHours,
          Math.min(...hours) * 0.8,
          Math.max(...hours) * 1.05,
          80,
          figures.phi,
        )
      : [];
  return {
    shown: true,
    centrePct,
    phi: figures.phi,
    table: {
      id: 'units',
      caption: `Absence rate of every ${HOTSPOT_LEVEL_NAMES[figures.level].one}, with its control limits`,
      sheetName: `Hotspots by ${HOTSPOT_LEVEL_NAMES[figures.level].one}`,
      columns,
      rows,
    },
    points,
    curves,
    lists,
    withoutHours,
    withheld,
    withheldToProtect,
  };
}
