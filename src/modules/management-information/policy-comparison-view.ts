/**
 * The policy comparison's tables and charts, from the figures and the audience: plain
 * functions, tested without rendering. Small numbers are suppressed here for the page and its
 * downloads alike; a rate worked out from a count that is suppressed is not shown either, since
 * with the number of people beside it, it would give the count away.
 */
import { percentOf, perHundred } from '../../domain/policy-comparison.ts';
import type { SuppressionTotal } from '../../domain/secondary-suppression.ts';
import {
  COMPLEMENT_COUNT,
  FEWER_THAN_5,
  groupWithheld,
  withheldNote,
  type Audience,
} from '../../domain/small-numbers.ts';
import type { BarChartRow } from '../../web/charts.ts';
import type { PolicyModel } from '../attendance-triggers/triggered-people.ts';
import { POLICY_MODELS } from '../partnership/organisation-settings.ts';
import type { Cell, Column, DataTable, TableRow } from './data-table.ts';
import type { PolicyComparisonFigures, PolicyMeasures } from './policy-comparison.ts';
import { protectedCounts, protectedRows } from './view-models.ts';

/** The policies' short names, for tables and charts. */
export const POLICY_NAMES: Record<PolicyModel, string> = {
  person_centred: 'Person-centred policy',
  trigger_based: 'Trigger-based policy',
};

/** A rate withheld because the count it comes from is small (one withheld to protect another reads as the count does). */
export const RATE_NOT_SHOWN = 'not shown (fewer than 5)';

export interface PolicyChart {
  id: string;
  valueTitle: string;
  rows: BarChartRow[];
  description: string;
}

export interface PolicyComparisonView {
  /** False when the figures are withheld altogether (fewer than 5 people, outside HR). */
  shown: boolean;
  /** Whether both policies are in use, so there is a comparison to make. */
  compared: boolean;
  /** The policy in use when there is only one. */
  only: { policy: PolicyModel; name: string; description: string } | null;
  /** Each policy shown, with where it takes effect. */
  groups: { policy: PolicyModel; name: string; description: string; startsAt: string[] }[];
  tables: { absence: DataTable; process: DataTable; headline: DataTable } | null;
  charts: PolicyChart[];
}

interface Shown {
  label: string;
  measures: PolicyMeasures;
  total: boolean;
  /** The row's key among the counts suppressed together. */
  key: string;
}

/** The counts of a policy's row, suppressed together across the policies and their total. */
const COUNTED = ['headcount', 'episodes', 'formalStages', 'reviewsDue', 'reviewsOnTime'] as const;
type Counted = (typeof COUNTED)[number];
const countOf = (m: PolicyMeasures, field: Counted) => (field === 'episodes' ? m.row.episodes : m[field]);

/** The policy comparison: absence, the attendance process and a headline table for the board pack. */
export function policyComparisonView(
  figures: PolicyComparisonFigures,
  options: { audience: Audience; name: string },
): PolicyComparisonView {
  const { audience } = options;
  const compared = figures.inUse.length > 1;
  const onlyPolicy = compared ? null : (figures.inUse[0] ?? figures.organisationPolicy);
  const groups = figures.groups
    .filter((g) => compared || g.policy === onlyPolicy)
    .map((g) => ({
      policy: g.policy,
      name: POLICY_NAMES[g.policy],
      description: POLICY_MODELS[g.policy],
      startsAt: g.startsAt,
    }));
  const only = onlyPolicy
    ? { policy: onlyPolicy, name: POLICY_NAMES[onlyPolicy], description: POLICY_MODELS[onlyPolicy] }
    : null;
  if (groupWithheld(figures.total.headcount, audience)) {
    return { shown: false, compared, only, groups, tables: null, charts: [] };
  }

  const shown: Shown[] = compared
    ? [
        ...figures.groups.map((g, i) => ({
          label: POLICY_NAMES[g.policy],
          measures: g,
          total: false,
          key: String(i),
        })),
        { label: `All of ${options.name}`, measures: figures.total, total: true, key: 'total' },
      ]
    : [
        {
          label: POLICY_NAMES[onlyPolicy ?? figures.organisationPolicy],
          measures: figures.total,
          total: false,
          key: 'total',
        },
      ];

  // The policies add up to the whole: a policy's group hidden is not to be worked out from the
  // whole less the other, nor is any count below 5 (`protectedCounts`).
  const groupHidden = compared
    ? protectedRows(
        figures.groups.map((g) => g.headcount),
        audience,
      )
    : [];
  const hiddenOf = (row: Shown) => (row.total ? null : (groupHidden[Number(row.key)] ?? null));
  const counts = new Map<string, { value: number; rowHidden?: boolean }>();
  const countTotals: SuppressionTotal[] = [];
  for (const row of shown) {
    for (const field of COUNTED) {
      counts.set(`${row.key}:${field}`, {
        value: countOf(row.measures, field),
        rowHidden: hiddenOf(row) !== null,
      });
    }
  }
  if (compared) {
    for (const field of COUNTED) {
      countTotals.push({ total: `total:${field}`, parts: figures.groups.map((_, i) => `${i}:${field}`) });
    }
  }
  const shownCountOf = protectedCounts(counts, countTotals, audience);

  /** A rate from a count: withheld with the count, blank when there is nothing to divide by. */
  const rate = (part: string, value: number | null, none: string): Cell => {
    const shownPart = shownCountOf(part);
    if (shownPart === FEWER_THAN_5) return RATE_NOT_SHOWN;
    if (typeof shownPart === 'string') return COMPLEMENT_COUNT;
    return value === null ? none : value;
  };

  const table = (
    id: string,
    caption: string,
    sheetName: string,
    columns: Column[],
    cells: (m: PolicyMeasures, count: (field: Counted) => Cell) => Cell[],
  ): DataTable => ({
    id,
    caption,
    sheetName,
    columns,
    rows: shown.map((row): TableRow => {
      const { label, measures, total } = row;
      const hidden = groupWithheld(measures.headcount, audience) ? 'small' : hiddenOf(row);
      return hidden
        ? {
            cells: [label, ...Array<Cell>(columns.length - 1).fill(null)],
            note: withheldNote(hidden),
            total,
          }
        : { cells: [label, ...cells(measures, (field) => shownCountOf(`${row.key}:${field}`))], total };
    }),
  });

  const keyOf = (m: PolicyMeasures) => shown.find((r) => r.measures === m)?.key ?? 'total';
  const formalRate = (m: PolicyMeasures) =>
    rate(`${keyOf(m)}:formalStages`, perHundred(m.formalStages, m.headcount), 'no people');
  const onTimeRate = (m: PolicyMeasures) =>
    rate(`${keyOf(m)}:reviewsOnTime`, percentOf(m.reviewsOnTime, m.reviewsDue), 'no reviews due');

  const absence = table(
    'absence',
    'Sickness absence by attendance policy',
    'Absence by policy',
    [
      { header: 'Policy', kind: 'text' },
      { header: 'People', kind: 'count' },
      { header: 'Average FTE', kind: 'decimal' },
      { header: 'FTE days lost', kind: 'decimal' },
      { header: 'Days lost per FTE', kind: 'decimal' },
      { header: 'Absence rate (%)', kind: 'percent' },
      { header: 'Episodes started', kind: 'count' },
    ],
    (m, count) => [
      count('headcount'),
      m.row.averageFte,
      m.row.fteDaysLost,
      m.row.daysLostPerFte,
      m.row.absenceRatePct,
      count('episodes'),
    ],
  );
  const process = table(
    'process',
    'Formal stages and welcome-back reviews by attendance policy',
    'Process by policy',
    [
      { header: 'Policy', kind: 'text' },
      { header: 'People', kind: 'count' },
      { header: 'Formal stages started', kind: 'count' },
      { header: 'Formal stages per 100 people', kind: 'decimal' },
      { header: 'Welcome-back reviews due', kind: 'count' },
      { header: 'Held on time', kind: 'count' },
      { header: 'Held on time (%)', kind: 'percent' },
    ],
    (m, count) => [
      count('headcount'),
      count('formalStages'),
      formalRate(m),
      count('reviewsDue'),
      count('reviewsOnTime'),
      onTimeRate(m),
    ],
  );
  const headline = table(
    'policy-comparison',
    compared ? 'The two attendance policies compared' : 'The attendance policy in use',
    'Policy comparison',
    [
      { header: 'Policy', kind: 'text' },
      { header: 'People', kind: 'count' },
      { header: 'Days lost per FTE', kind: 'decimal' },
      { header: 'Absence rate (%)', kind: 'percent' },
      { header: 'Formal stages per 100 people', kind: 'decimal' },
      { header: 'Reviews held on time (%)', kind: 'percent' },
    ],
    (m, count) => [
      count('headcount'),
      m.row.daysLostPerFte,
      m.row.absenceRatePct,
      formalRate(m),
      onTimeRate(m),
    ],
  );

  const charts: PolicyChart[] = [];
  if (compared) {
    const visible = figures.groups.filter((g, i) => !groupWithheld(g.headcount, audience) && !groupHidden[i]);
    const chart = (id: string, valueTitle: string, value: (m: PolicyMeasures) => Cell) => {
      const rows = visible.flatMap((g) => {
        const v = value(g);
        return typeof v === 'number' ? [{ label: POLICY_NAMES[g.policy], value: v }] : [];
      });
      // Two bars at least, and not all of them nothing: a chart of zeros says nothing the table does not.
      if (rows.length < 2 || rows.every((r) => r.value === 0)) return;
      const percent = valueTitle.endsWith('(%)');
      const figuresText = rows.map((r) => `${r.label} ${r.value.toFixed(2)}${percent ? '%' : ''}`).join('; ');
      charts.push({
        id,
        valueTitle,
        rows,
        description: `Bar chart of ${valueTitle.replace(/ \(%\)$/, '').toLowerCase()} by attendance policy: ${figuresText}.`,
      });
    };
    chart('days-lost', 'Days lost per FTE', (m) => m.row.daysLostPerFte);
    chart('absence-rate', 'Absence rate (%)', (m) => m.row.absenceRatePct);
    chart('formal-stages', 'Formal stages per 100 people', formalRate);
    chart('reviews-on-time', 'Reviews held on time (%)', onTimeRate);
  }
  return { shown: true, compared, only, groups, tables: { absence, process, headline }, charts };
}
