/**
 * The trends, reasons and cost pages' view models, without rendering: what HR and a line manager
 * see of the same figures, and how a table row reads.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ReportRow } from '../../domain/absence-report.ts';
import { suppressHierarchy } from '../../domain/secondary-suppression.ts';
import { yearOnYear } from '../../domain/trends.ts';
import { htmlTable } from './data-table.ts';
import type { CostFigures } from './cost-service.ts';
import { costView } from './cost-view.ts';
import type { UnitRef } from './mi-service.ts';
import type { ReasonsFigures } from './reasons-service.ts';
import { reasonName, reasonsView } from './reasons-view.ts';
import type { TrendsFigures } from './trends-service.ts';
import { NOT_SHOWN, trendsView } from './trends-view.ts';

function row(group: string, overrides: Partial<ReportRow> = {}): ReportRow {
  return {
    group,
    averageFte: 10,
    hoursAvailable: 1_500,
    hoursLost: 60,
    fteDaysLost: 8.1,
    fteDaysAvailable: 300,
    daysLostPerFte: 0.81,
    absenceRatePct: 4,
    episodes: 3,
    shortTermEpisodes: 2,
    longTermEpisodes: 1,
    costGbp: 1_200,
    ...overrides,
  };
}

const unit = (id: number, path: string): UnitRef => ({
  id,
  path,
  name: path.split(' > ').at(-1) ?? path,
  depth: path.split(' > ').length,
  leaf: true,
});

function trends(headcounts: Record<string, number> | null): TrendsFigures {
  const rows = [
    row('2024-01', { absenceRatePct: 5, daysLostPerFte: 1 }),
    row('2024-02', { absenceRatePct: 4.5, daysLostPerFte: 0.9 }),
    row('2025-01', { absenceRatePct: 4, daysLostPerFte: 0.8 }),
    row('2025-02', { absenceRatePct: 4.75, daysLostPerFte: 0.95 }),
  ];
  return {
    period: { from: '2025-01-01', to: '2025-02-28' },
    reportPeriod: { from: '2024-01-01', to: '2025-02-28' },
    months: ['2025-01', '2025-02'],
    years: 1,
    by: 'none',
    unit: null,
    lines: [
      {
        key: 'total',
        label: 'All of Merrowby Council',
        unit: null,
        staffGroup: null,
        total: true,
        months: yearOnYear(['2025-01', '2025-02'], rows, '2024-01'),
        headcount: headcounts ? { period: 12, byMonth: new Map(Object.entries(headcounts)) } : null,
      },
    ],
    recordsFrom: '2024-01',
    ungrouped: false,
    units: [],
    suppression: null,
  };
}

test('a trend row shows the month beside the same month a year before, and the change', () => {
  const view = trendsView(trends(null), { audience: 'full' });
  assert.ok(view.shown);
  const [table] = view.tables;
  assert.ok(table);
  assert.deepEqual(table.rows[0]?.cells.slice(0, 7), ['January 2025', 4, 5, -1, 0.8, 1, 0.8 - 1]);
  const html = htmlTable(table);
  assert.deepEqual(
    html.rows[1]?.cells.slice(0, 3).map((c) => c.text),
    ['4.75', '4.50', '0.25'],
  );
  // One line: the chart's second line is the same months a year before.
  assert.deepEqual(
    view.rateSeries.map((s) => [s.name, s.points.map((p) => p.value)]),
    [
      ['All of Merrowby Council', [4, 4.75]],
      ['The same month a year before', [5, 4.5]],
    ],
  );
  assert.equal(view.rateSeries[0]?.points[0]?.label, 'Jan 2025');
});

test('outside HR, a month of fewer than 5 people is withheld, and so is it as the month a year before', () => {
  // January 2025 had 4 people; February 2024 had 3; the rest 6 or more.
  const headcounts = { '2024-01': 6, '2024-02': 3, '2025-01': 4, '2025-02': 7 };
  const manager = trendsView(trends(headcounts), { audience: 'suppressed' });
  const [table] = manager.tables;
  assert.ok(table);
  assert.deepEqual(table.rows[0]?.cells.slice(1), Array(9).fill(null));
  assert.equal(table.rows[0]?.note, 'Not shown: fewer than 5 people');
  assert.deepEqual(table.rows[1]?.cells.slice(0, 4), ['February 2025', 4.75, NOT_SHOWN, NOT_SHOWN]);
  assert.equal(table.rows[1]?.cells[9], 'fewer than 5', 'three episodes');
  assert.deepEqual(
    manager.rateSeries.map((s) => s.points.map((p) => p.value)),
    [
      [null, 4.75],
      [5, null],
    ],
  );
  // HR see all of it.
  const hr = trendsView(trends(headcounts), { audience: 'full' });
  assert.equal(hr.tables[0]?.rows[1]?.cells[2], 4.5);
  assert.equal(hr.tables[0]?.rows[1]?.cells[9], 3);
  // A line of fewer than 5 people in the months shown is not shown at all.
  const small = trends(headcounts);
  const [line] = small.lines;
  assert.ok(line?.headcount);
  small.lines = [{ ...line, headcount: { ...line.headcount, period: 4 } }];
  assert.equal(trendsView(small, { audience: 'suppressed' }).shown, false);
  assert.equal(trendsView(small, { audience: 'full' }).shown, true);
});

test('outside HR, a month hidden in one unit’s line hides the same month of the smallest line beside it', () => {
  const base = trends(null);
  const [totalLine] = base.lines;
  assert.ok(totalLine);
  const counted = (byMonth: Record<string, number>, period: number) => ({
    period,
    byMonth: new Map(Object.entries(byMonth)),
  });
  const figures: TrendsFigures = {
    ...base,
    by: 'unit',
    lines: [
      {
        ...totalLine,
        headcount: counted({ '2024-01': 30, '2024-02': 30, '2025-01': 21, '2025-02': 30 }, 31),
      },
      {
        ...totalLine,
        key: 'unit-1',
        label: 'Care',
        unit: unit(1, 'Care'),
        total: false,
        headcount: counted({ '2024-01': 12, '2024-02': 12, '2025-01': 3, '2025-02': 12 }, 13),
      },
      {
        ...totalLine,
        key: 'unit-2',
        label: 'Place',
        unit: unit(2, 'Place'),
        total: false,
        headcount: counted({ '2024-01': 8, '2024-02': 8, '2025-01': 8, '2025-02': 8 }, 8),
      },
      {
        ...totalLine,
        key: 'unit-3',
        label: 'Resources',
        unit: unit(3, 'Resources'),
        total: false,
        headcount: counted({ '2024-01': 10, '2024-02': 10, '2025-01': 10, '2025-02': 10 }, 10),
      },
    ],
    suppression: suppressHierarchy(
      [
        { path: 'Care', headcount: 13, directHeadcount: 13 },
        { path: 'Place', headcount: 8, directHeadcount: 8 },
        { path: 'Resources', headcount: 10, directHeadcount: 10 },
      ],
      31,
      5,
    ),
  };
  const manager = trendsView(figures, { audience: 'suppressed' });
  const byLine = new Map(manager.lines.map((l) => [l.label, l.table]));
  assert.equal(byLine.get('Care')?.rows[0]?.note, 'Not shown: fewer than 5 people');
  // January less Care would be the total less Place and Resources: Place, the smaller, goes too.
  assert.equal(byLine.get('Place')?.rows[0]?.note, 'Not shown, so a small group cannot be worked out');
  assert.deepEqual(byLine.get('Place')?.rows[0]?.cells.slice(1), Array(9).fill(null));
  assert.equal(byLine.get('Resources')?.rows[0]?.cells[1], 4, 'Resources is shown');
  assert.equal(byLine.get('Place')?.rows[1]?.cells[1], 4.75, 'February is shown');
  const placeSeries = manager.rateSeries.find((s) => s.name === 'Place');
  assert.deepEqual(
    placeSeries?.points.map((p) => p.value),
    [null, 4.75],
    'the chart agrees with the table',
  );
  const hr = trendsView(figures, { audience: 'full' });
  assert.equal(hr.lines.find((l) => l.label === 'Place')?.table.rows[0]?.cells[1], 4);
  assert.equal(hr.lines.find((l) => l.label === 'Care')?.table.rows[0]?.cells[1], 4);
});

function reasons(headcount: number | null): ReasonsFigures {
  const total = row('TOTAL', { fteDaysLost: 40, episodes: 9, shortTermEpisodes: 7, longTermEpisodes: 2 });
  return {
    period: { from: '2025-01-01', to: '2025-06-30' },
    unit: null,
    interval: 'quarter',
    total,
    reasons: [
      {
        code: 'S10',
        description: 'Anxiety/stress/depression/other psychiatric illnesses',
        row: row('S10', { fteDaysLost: 30, episodes: 6, shortTermEpisodes: 4, longTermEpisodes: 2 }),
        sharePct: 75,
      },
      {
        code: 'S13',
        description: 'Cold, Cough, Flu - Influenza',
        row: row('S13', { fteDaysLost: 10, episodes: 3, shortTermEpisodes: 3, longTermEpisodes: 0 }),
        sharePct: 25,
      },
    ],
    top: ['S10', 'S13'],
    overTime: [
      {
        key: '2025-Q1',
        label: 'Jan to Mar 2025',
        from: '2025-01-01',
        to: '2025-03-31',
        fteDaysLost: 16,
        reasons: [
          { code: 'S10', fteDaysLost: 12, sharePct: 75 },
          { code: 'S13', fteDaysLost: 4, sharePct: 25 },
        ],
        other: { fteDaysLost: 0, sharePct: 0 },
      },
    ],
    headcount,
    hidden: null,
    units: [],
  };
}

test('reasons by share of days lost, with short and long-term episodes; small counts hidden outside HR', () => {
  const hr = reasonsView(reasons(null), { audience: 'full', scopeName: 'Merrowby Council' });
  assert.deepEqual(
    hr.reasons?.rows.map((r) => r.cells),
    [
      [reasonName('S10'), 30, 75, 0.81, 6, 4, 2],
      ['S13 Cold, Cough, Flu - Influenza', 10, 25, 0.81, 3, 3, 0],
      ['All reasons', 40, 100, 0.81, 9, 7, 2],
    ],
  );
  assert.deepEqual(hr.overTime?.rows[0]?.cells, ['Jan to Mar 2025', 16, 75, 25, 0]);
  assert.deepEqual(
    hr.overTime?.columns.map((c) => c.header),
    [
      'Quarter',
      'FTE days lost, all reasons',
      'S10 Anxiety/stress/depression/other psychiatric illnesses (%)',
      'S13 Cold, Cough, Flu - Influenza (%)',
      'All other reasons (%)',
    ],
  );
  const manager = reasonsView(reasons(12), { audience: 'suppressed', scopeName: 'Merrowby Council' });
  assert.deepEqual(manager.reasons?.rows[1]?.cells.slice(4), [
    'fewer than 5',
    'fewer than 5',
    'fewer than 5',
  ]);
  // 9 episodes in all less S10's 6 would give S13's 3 away, and 7 short-term less S10's 4 the
  // 3 of S13: so S10's episodes and all short-term ones are hidden too.
  const protect = 'not shown, so a small number cannot be worked out';
  assert.deepEqual(manager.reasons?.rows[0]?.cells.slice(4), [protect, 'fewer than 5', 'fewer than 5']);
  assert.deepEqual(manager.reasons?.rows[2]?.cells.slice(4), [9, protect, 'fewer than 5']);
  assert.equal(manager.reasons?.rows[1]?.cells[2], 25, 'shares are not counts: shown');
  assert.deepEqual(
    hr.reasons?.rows.map((r) => r.cells.slice(4)),
    [
      [6, 4, 2],
      [3, 3, 0],
      [9, 7, 2],
    ],
    'HR see every count',
  );
  assert.equal(reasonsView(reasons(4), { audience: 'suppressed', scopeName: 'x' }).shown, false);
});

function cost(headcounts: boolean): CostFigures {
  const line = (r: ReportRow, headcount: number) => ({
    row: r,
    costPerFte: r.costGbp / r.averageFte,
    headcount: headcounts ? headcount : null,
  });
  return {
    period: { from: '2025-01-01', to: '2025-02-28' },
    unit: null,
    onCostRate: 0.28,
    total: line(row('TOTAL', { costGbp: 3_000, averageFte: 12 }), 14),
    children: [
      { unit: unit(1, 'Adult Social Care'), ...line(row('Adult Social Care', { costGbp: 2_500 }), 11) },
      { unit: unit(2, 'Resources'), ...line(row('Resources', { costGbp: 500, averageFte: 2 }), 3) },
    ],
    direct: null,
    months: [
      { month: '2025-01', ...line(row('2025-01', { costGbp: 1_000 }), 13) },
      { month: '2025-02', ...line(row('2025-02', { costGbp: 2_000 }), 4) },
    ],
    peopleWithoutSalary: headcounts ? null : 2,
    units: [],
    suppression: headcounts
      ? suppressHierarchy(
          [
            { path: 'Adult Social Care', headcount: 11, directHeadcount: 11 },
            { path: 'Resources', headcount: 3, directHeadcount: 3 },
          ],
          14,
          5,
        )
      : null,
  };
}

test('the cost by unit and by month, with cost per FTE; small groups and the unsalaried count hidden outside HR', () => {
  const unitHref = (id: number) => `/cost?unit=${id}`;
  const hr = costView(cost(false), { audience: 'full', scopeName: 'Merrowby Council', unitHref });
  assert.deepEqual(
    { ...hr.key, onCostPct: Math.round(hr.key?.onCostPct ?? 0) },
    {
      costGbp: 3_000,
      costPerFte: 250,
      hoursLost: 60,
      onCostPct: 28,
    },
  );
  assert.deepEqual(
    hr.units?.rows.map((r) => r.cells[0]),
    ['Adult Social Care', 'Resources', 'All of Merrowby Council'],
  );
  assert.deepEqual(hr.units?.rows[1]?.cells, ['Resources', 60, 8.1, 2, 500, 250]);
  assert.equal(hr.units?.rows[1]?.href, '/cost?unit=2');
  assert.equal(hr.units?.caption, 'Cost of absence in Merrowby Council by directorate');
  assert.equal(hr.peopleWithoutSalary, 2);
  assert.deepEqual(
    hr.points.map((p) => [p.label, p.value]),
    [
      ['Jan 2025', 1_000],
      ['Feb 2025', 2_000],
    ],
  );

  const manager = costView(cost(true), { audience: 'suppressed', scopeName: 'Merrowby Council', unitHref });
  assert.equal(manager.units?.rows[1]?.note, 'Not shown: fewer than 5 people');
  assert.deepEqual(manager.units?.rows[1]?.cells.slice(1), [null, null, null, null, null]);
  // The whole council less Adult Social Care would give Resources away: it is hidden too, in the
  // table and the chart alike; so is January, which with February hidden is the period less it.
  assert.equal(manager.units?.rows[0]?.note, 'Not shown, so a small group cannot be worked out');
  assert.deepEqual(manager.units?.rows[0]?.cells.slice(1), [null, null, null, null, null]);
  assert.deepEqual(manager.units?.rows[2]?.cells.slice(1), [60, 8.1, 12, 3_000, 250]);
  assert.deepEqual(manager.bars, []);
  assert.equal(manager.months?.rows[1]?.note, 'Not shown: fewer than 5 people');
  assert.equal(manager.months?.rows[0]?.note, 'Not shown, so a small group cannot be worked out');
  assert.deepEqual(
    manager.points.map((p) => p.value),
    [null, null],
  );
  assert.equal(manager.peopleWithoutSalary, null);
});
