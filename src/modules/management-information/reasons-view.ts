/**
 * The reasons page's tables and charts, from the figures and the audience: a plain function,
 * tested without rendering. Outside HR, a group of fewer than 5 people shows no figures and
 * episode counts below 5 show as "fewer than 5".
 */
import type { HiddenBecause, SuppressionTotal } from '../../domain/secondary-suppression.ts';
import { groupWithheld, type Audience } from '../../domain/small-numbers.ts';
import { reasonWords } from '../../domain/labels.ts';
import type { BarChartRow, LineSeries } from '../../web/charts.ts';
import type { DataTable } from './data-table.ts';
import type { ReasonsFigures } from './reasons-service.ts';
import { protectedCounts } from './view-models.ts';

/** 'S10' → 'S10 Anxiety/stress/depression/other psychiatric illnesses'. */
export const reasonName = reasonWords;

export interface ReasonsView {
  shown: boolean;
  /** Why the figures are withheld: a small group, or to protect one beside it; null when shown. */
  withheldBecause: HiddenBecause | null;
  reasons: DataTable | null;
  overTime: DataTable | null;
  /** The share of FTE days lost by reason, for the bar chart. */
  bars: BarChartRow[];
  /** The top reasons' shares over time, for the line chart. */
  series: LineSeries[];
}

export function reasonsView(
  figures: ReasonsFigures,
  options: { audience: Audience; scopeName: string },
): ReasonsView {
  const { audience } = options;
  const own =
    figures.headcount !== null && groupWithheld(figures.headcount, audience)
      ? 'small'
      : audience === 'full'
        ? null
        : figures.hidden;
  if (own) {
    return { shown: false, withheldBecause: own, reasons: null, overTime: null, bars: [], series: [] };
  }
  const { total } = figures;
  // The episode counts are a table with totals both ways: each reason's episodes are its short
  // and long-term ones, and each column adds up to the row of all reasons. Suppressed together.
  const episodes = new Map<string, { value: number }>();
  const totals: SuppressionTotal[] = [];
  const kinds = ['episodes', 'shortTermEpisodes', 'longTermEpisodes'] as const;
  const rowsOf = [
    ...figures.reasons.map((r, i) => ({ key: String(i), row: r.row })),
    { key: 'all', row: total },
  ];
  for (const { key, row } of rowsOf) {
    for (const kind of kinds) episodes.set(`${key}:${kind}`, { value: row[kind] });
    totals.push({ total: `${key}:episodes`, parts: [`${key}:shortTermEpisodes`, `${key}:longTermEpisodes`] });
  }
  for (const kind of kinds) {
    totals.push({ total: `all:${kind}`, parts: figures.reasons.map((_, i) => `${i}:${kind}`) });
  }
  const shown = protectedCounts(episodes, totals, audience);
  const reasons: DataTable = {
    id: 'reasons',
    caption: `Sickness by reason in ${options.scopeName}, most FTE days lost first`,
    sheetName: 'By reason',
    columns: [
      { header: 'Reason', kind: 'text' },
      { header: 'FTE days lost', kind: 'decimal' },
      { header: 'Share of FTE days lost (%)', kind: 'percent' },
      { header: 'Days lost per FTE', kind: 'decimal' },
      { header: 'Episodes started', kind: 'count' },
      { header: 'Short-term episodes (under 28 days)', kind: 'count' },
      { header: 'Long-term episodes (28 days or more)', kind: 'count' },
    ],
    rows: [
      ...figures.reasons.map((r, i) => ({
        cells: [
          reasonName(r.code),
          r.row.fteDaysLost,
          r.sharePct,
          r.row.daysLostPerFte,
          shown(`${i}:episodes`),
          shown(`${i}:shortTermEpisodes`),
          shown(`${i}:longTermEpisodes`),
        ],
      })),
      {
        cells: [
          'All reasons',
          total.fteDaysLost,
          total.fteDaysLost > 0 ? 100 : 0,
          total.daysLostPerFte,
          shown('all:episodes'),
          shown('all:shortTermEpisodes'),
          shown('all:longTermEpisodes'),
        ],
        total: true,
      },
    ],
  };

  const intervalName = figures.interval === 'quarter' ? 'Quarter' : 'Month';
  const overTime: DataTable | null =
    figures.top.length === 0
      ? null
      : {
          id: 'over-time',
          caption: `Share of FTE days lost by the top ${figures.top.length === 1 ? 'reason' : `${figures.top.length} reasons`}, ${figures.interval} by ${figures.interval}`,
          sheetName: `By ${figures.interval}`,
          columns: [
            { header: intervalName, kind: 'text' },
            { header: 'FTE days lost, all reasons', kind: 'decimal' },
            ...figures.top.map((code) => ({ header: `${reasonName(code)} (%)`, kind: 'percent' as const })),
            { header: 'All other reasons (%)', kind: 'percent' },
          ],
          rows: figures.overTime.map((interval) => ({
            cells: [
              interval.label,
              interval.fteDaysLost,
              ...interval.reasons.map((r) => r.sharePct),
              interval.other.sharePct,
            ],
          })),
        };

  return {
    shown: true,
    withheldBecause: null,
    reasons,
    overTime,
    bars: figures.reasons.map((r) => ({ label: reasonName(r.code), value: r.sharePct })),
    series: figures.top.map((code, i) => ({
      name: reasonName(code),
      points: figures.overTime.map((interval) => ({
        label: interval.label,
        value: interval.reasons[i]?.sharePct ?? null,
      })),
    })),
  };
}
