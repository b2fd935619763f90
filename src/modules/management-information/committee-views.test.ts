/**
 * The view models of the benchmarks, policy comparison and board pack pages, without rendering:
 * which rows and cells each audience sees, how benchmarks are paired with our figures, and which
 * hotspots the board pack lists.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NATIONAL_BENCHMARKS } from '../../reference/national-benchmarks.ts';
import type { BenchmarkFigures } from './benchmarks.ts';
import { benchmarksView } from './benchmarks-view.ts';
import { boardPackTableList, boardPackTables, hotspotsOutsideTable } from './board-pack-view.ts';
import type { PolicyComparisonFigures, PolicyGroup } from './policy-comparison.ts';
import { policyComparisonView, RATE_NOT_SHOWN } from './policy-comparison-view.ts';
import type { HotspotsView, ScorecardView } from './view-models.ts';
import { sampleRow } from '../../testing/report-assertions.ts';

const row = sampleRow;

const PERIOD = { from: '2025-05-01', to: '2026-04-30' };

function policies(
  overrides: { trigger?: Partial<PolicyGroup>; inUse?: PolicyComparisonFigures['inUse'] } = {},
) {
  const personCentred: PolicyGroup = {
    policy: 'person_centred',
    row: row('person_centred', { daysLostPerFte: 8, absenceRatePct: 3.2 }),
    headcount: 40,
    formalStages: 2,
    reviewsDue: 30,
    reviewsOnTime: 24,
    startsAt: [],
  };
  const trigger: PolicyGroup = {
    policy: 'trigger_based',
    row: row('trigger_based', { daysLostPerFte: 11, absenceRatePct: 4.4 }),
    headcount: 20,
    formalStages: 6,
    reviewsDue: 10,
    reviewsOnTime: 5,
    startsAt: ['Place'],
    ...overrides.trigger,
  };
  const figures: PolicyComparisonFigures = {
    period: PERIOD,
    unitPath: null,
    organisationPolicy: 'person_centred',
    groups: [personCentred, trigger],
    total: {
      row: row('TOTAL', { daysLostPerFte: 9, absenceRatePct: 3.6 }),
      headcount: 60,
      formalStages: 8,
      reviewsDue: 40,
      reviewsOnTime: 29,
    },
    inUse: overrides.inUse ?? ['person_centred', 'trigger_based'],
  };
  return figures;
}

test('HR see every policy’s counts and the rates made from them', () => {
  const view = policyComparisonView(policies(), { audience: 'full', name: 'Merrowby Council' });
  assert.equal(view.compared, true);
  const process = view.tables?.process;
  assert.ok(process);
  assert.deepEqual(
    process.rows.map((r) => r.cells),
    [
      ['Person-centred policy', 40, 2, 5, 30, 24, 80],
      ['Trigger-based policy', 20, 6, 30, 10, 5, 50],
      ['All of Merrowby Council', 60, 8, (100 * 8) / 60, 40, 29, 72.5],
    ],
  );
  assert.deepEqual(
    view.charts.map((c) => c.id),
    ['days-lost', 'absence-rate', 'formal-stages', 'reviews-on-time'],
  );
  assert.deepEqual(view.charts[0]?.rows, [
    { label: 'Person-centred policy', value: 8 },
    { label: 'Trigger-based policy', value: 11 },
  ]);
  assert.match(view.charts[0]?.description ?? '', /Person-centred policy 8\.00; Trigger-based policy 11\.00/);
});

test('outside HR, a count below 5 and the rate made from it are not shown, nor a group of fewer than 5 people', () => {
  const view = policyComparisonView(policies(), { audience: 'suppressed', name: 'Merrowby Council' });
  const [pc, tb] = view.tables?.process.rows ?? [];
  assert.deepEqual(pc?.cells, ['Person-centred policy', 40, 'fewer than 5', RATE_NOT_SHOWN, 30, 24, 80]);
  // 8 formal stages in all less the trigger-based policy's 6 would give the 2 away: the 6 are
  // hidden too, and the rate made from them.
  const protect = 'not shown, so a small number cannot be worked out';
  assert.deepEqual(tb?.cells, ['Trigger-based policy', 20, protect, protect, 10, 5, 50]);
  assert.deepEqual(view.tables?.process.rows[2]?.cells.slice(0, 3), ['All of Merrowby Council', 60, 8]);
  // The formal stages chart has no policy left to show, so it is not drawn.
  assert.deepEqual(
    view.charts.map((c) => c.id),
    ['days-lost', 'absence-rate', 'reviews-on-time'],
  );

  const small = policyComparisonView(policies({ trigger: { headcount: 4 } }), {
    audience: 'suppressed',
    name: 'Merrowby Council',
  });
  const trigger = small.tables?.absence.rows[1];
  assert.equal(trigger?.note, 'Not shown: fewer than 5 people');
  assert.ok(trigger?.cells.slice(1).every((c) => c === null));
  // The whole less the person-centred policy would give the trigger-based group away.
  const personCentred = small.tables?.absence.rows[0];
  assert.equal(personCentred?.note, 'Not shown, so a small group cannot be worked out');
  assert.ok(personCentred?.cells.slice(1).every((c) => c === null));
  assert.equal(small.charts.length, 0, 'nothing to set the person-centred policy beside');
  const hr = policyComparisonView(policies({ trigger: { headcount: 4 } }), {
    audience: 'full',
    name: 'Merrowby',
  });
  assert.equal(hr.tables?.absence.rows[1]?.cells[1], 4);
});

test('with one policy in use there is one row, that policy’s, and no charts', () => {
  const view = policyComparisonView(policies({ inUse: ['person_centred'] }), {
    audience: 'full',
    name: 'Merrowby Council',
  });
  assert.equal(view.compared, false);
  assert.equal(view.only?.policy, 'person_centred');
  assert.deepEqual(
    view.tables?.absence.rows.map((r) => r.cells[0]),
    ['Person-centred policy'],
  );
  assert.equal(view.tables?.absence.rows[0]?.cells[1], 60, 'the whole, which is that policy’s');
  assert.equal(view.charts.length, 0);
  assert.deepEqual(
    view.groups.map((g) => g.policy),
    ['person_centred'],
  );
});

test('no reviews due reads as such rather than as 0%', () => {
  const view = policyComparisonView(policies({ trigger: { reviewsDue: 0, reviewsOnTime: 0 } }), {
    audience: 'full',
    name: 'Merrowby',
  });
  assert.equal(view.tables?.process.rows[1]?.cells[6], 'no reviews due');
});

function benchmarkFigures(overrides: Partial<BenchmarkFigures> = {}): BenchmarkFigures {
  return {
    period: PERIOD,
    unitPath: null,
    hours: row('TOTAL', { absenceRatePct: 3.5, daysLostPerFte: 8.8 }),
    calendar: row('TOTAL', { absenceRatePct: 4.25, daysLostPerFte: 15.5 }),
    headcount: 60,
    national: NATIONAL_BENCHMARKS.filter((b) => ['nhs-england-2025-01', 'cipd-2023-all'].includes(b.id)),
    own: [
      {
        id: 7,
        name: 'North West councils',
        measure: 'absence_rate_pct',
        value: 4.1,
        period: '2024-25',
        source: 'North West Employers',
      },
    ],
    ...overrides,
  };
}

test('each benchmark is set beside our figure counted the same way, with its source and a note', () => {
  const view = benchmarksView(benchmarkFigures(), {
    audience: 'suppressed',
    name: 'Merrowby Council',
    organisationName: 'Merrowby Council',
  });
  assert.ok(view.tables);
  const rows = view.tables.comparison.rows;
  assert.deepEqual(
    rows.map((r) => [r.cells[0], r.cells[2], (r.cells[3] as { value: number }).value]),
    [
      ['NHS England sickness absence rate (January 2025)', 'Absence rate, calendar-day method (%)', 4.25],
      ['Average days lost per employee, all sectors (2023)', 'Days lost per FTE', 8.8],
      ['North West councils (2024-25)', 'Absence rate, hours method (%)', 3.5],
    ],
  );
  assert.ok(Math.abs((rows[0]?.cells[4] as { value: number }).value - (4.25 - 5.7)) < 1e-9);
  assert.match(rows[1]?.note ?? '', /not per FTE/);
  const sources = view.tables.benchmarks.rows;
  assert.equal(sources[0]?.cells[5], 'NHS England, NHS Sickness Absence Rates, January 2025');
  assert.equal(sources[0]?.cells[6], 'Calendar-day method: FTE days lost over FTE days available');
  assert.equal(sources[2]?.cells[4], 'Added by Merrowby Council');
  assert.deepEqual(view.rateBars, [
    { label: 'Ours, hours method', value: 3.5 },
    { label: 'Ours, calendar-day method', value: 4.25 },
    { label: 'NHS England (January 2025)', value: 5.7 },
    { label: 'North West councils (2024-25)', value: 4.1 },
  ]);
  assert.deepEqual(
    view.daysBars.map((b) => b.value),
    [8.8, 7.8],
  );
  assert.deepEqual(view.own[0], {
    id: 7,
    name: 'North West councils',
    measure: 'Absence rate (% of working time lost to sickness)',
    value: '4.1%',
    period: '2024-25',
    source: 'North West Employers',
  });
});

test('a unit of fewer than 5 people shows no benchmark figures outside HR, but still lists its own benchmarks', () => {
  const view = benchmarksView(benchmarkFigures({ headcount: 3 }), {
    audience: 'suppressed',
    name: 'Parks',
    organisationName: 'Merrowby Council',
  });
  assert.equal(view.shown, false);
  assert.equal(view.tables, null);
  assert.equal(view.own.length, 1);
  assert.equal(
    benchmarksView(benchmarkFigures({ headcount: 3 }), {
      audience: 'full',
      name: 'Parks',
      organisationName: 'M',
    }).shown,
    true,
  );
});

const emptyLists = (): HotspotsView['lists'] => ({
  'above-998': [],
  'above-95': [],
  'below-95': [],
  'below-998': [],
});

test('the board pack lists the hotspots outside their limits, highest first, within the unit chosen', () => {
  const lists = emptyLists();
  lists['above-95'].push({ label: 'Place > Waste', href: '#', trendHref: null, ratePct: 6.1, limitPct: 5.2 });
  lists['above-998'].push({ label: 'Care > South', href: '#', trendHref: null, ratePct: 9.5, limitPct: 6.3 });
  lists['below-95'].push({ label: 'Care > North', href: '#', trendHref: null, ratePct: 1.1, limitPct: 2.2 });
  const view: HotspotsView = {
    shown: true,
    centrePct: 4,
    phi: 1,
    table: null,
    points: [],
    curves: [],
    lists,
    withoutHours: 0,
    withheld: 0,
    withheldToProtect: 0,
  };
  const all = hotspotsOutsideTable(view, { levelName: 'team', unitPath: null });
  assert.deepEqual(
    all.rows.map((r) => r.cells),
    [
      ['Care > South', 9.5, 6.3, 'Higher than expected (99.8%)'],
      ['Place > Waste', 6.1, 5.2, 'Higher than expected (95%)'],
      ['Care > North', 1.1, 2.2, 'Lower than expected (95%)'],
    ],
  );
  assert.equal(all.columns[0]?.header, 'Team');
  const care = hotspotsOutsideTable(view, { levelName: 'team', unitPath: 'Care' });
  assert.deepEqual(
    care.rows.map((r) => r.cells[0]),
    ['Care > South', 'Care > North'],
  );
});

test('the board pack’s tables are the pages’ own, and none when the scorecard is withheld', () => {
  const table = (id: string) => ({ id, caption: id, sheetName: id, columns: [], rows: [] });
  const scorecard: ScorecardView = {
    shown: true,
    withheldBecause: null,
    key: null,
    tables: {
      headline: table('headline'),
      terms: table('short-and-long-term'),
      reasons: table('reasons'),
      trend: table('trend'),
      units: null,
    },
    trendPoints: [],
  };
  const policy = policyComparisonView(policies(), { audience: 'full', name: 'M' });
  const benchmarks = benchmarksView(benchmarkFigures(), {
    audience: 'full',
    name: 'M',
    organisationName: 'M',
  });
  const tables = boardPackTables({ scorecard, hotspots: table('hotspots'), policy, benchmarks });
  assert.ok(tables);
  assert.equal(tables.policy, policy.tables?.headline);
  assert.deepEqual(
    boardPackTableList(tables).map((t) => t.id),
    [
      'headline',
      'trend',
      'hotspots',
      'reasons',
      'policy-comparison',
      'our-figures',
      'comparison',
      'benchmarks',
    ],
  );
  assert.equal(
    boardPackTables({
      scorecard: { ...scorecard, shown: false, tables: null },
      hotspots: table('hotspots'),
      policy,
      benchmarks,
    }),
    null,
  );
});
