import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { assessUnit } from '../../domain/funnel-plot.ts';
import { suppressHierarchy } from '../../domain/secondary-suppression.ts';
import type { HotspotsFigures, ScorecardFigures, UnitRef } from './mi-service.ts';
import { hotspotsView, monthName, scorecardView } from './view-models.ts';
import { sampleRow } from '../../testing/report-assertions.ts';

const row = sampleRow;

const unit = (id: number, path: string): UnitRef => ({
  id,
  path,
  name: path.split(' > ').at(-1) ?? path,
  depth: path.split(' > ').length,
  leaf: true,
});

/** The suppression of an organisation whose teams (leaves) have these headcounts, nobody directly in a unit above them. */
function suppressionOf(teams: readonly { path: string; headcount: number }[]) {
  const paths = new Set(
    teams.flatMap((t) => t.path.split(' > ').map((_, i, all) => all.slice(0, i + 1).join(' > '))),
  );
  const within = (path: string) =>
    teams
      .filter((t) => t.path === path || t.path.startsWith(`${path} > `))
      .reduce((a, t) => a + t.headcount, 0);
  const units = [...paths].map((path) => ({
    path,
    headcount: within(path),
    directHeadcount: teams.find((t) => t.path === path)?.headcount ?? 0,
  }));
  return suppressHierarchy(
    units,
    teams.reduce((a, t) => a + t.headcount, 0),
    5,
  );
}

test('months are named in full', () => {
  assert.equal(monthName('2025-05'), 'May 2025');
  assert.equal(monthName('2026-12'), 'December 2026');
});

function hotspots(): HotspotsFigures {
  const p = 0.04;
  const figures = (
    path: string,
    id: number,
    headcount: number,
    hoursAvailable: number,
    hoursLost: number,
  ) => ({
    unit: unit(id, path),
    row: row(path, {
      hoursAvailable,
      hoursLost,
      absenceRatePct: hoursAvailable ? (100 * hoursLost) / hoursAvailable : 0,
    }),
    headcount,
    assessment: assessUnit({ hoursAvailable, hoursLost }, p, 37),
  });
  const units = [
    figures('Place > Waste', 2, 20, 14_800, 1_036), // 7%: far above
    figures('Place > Parks', 3, 3, 3_700, 370), // three people
    figures('Place > Libraries', 5, 8, 7_400, 296), // the smallest beside Parks
    figures('Adult Social Care > Home Care', 1, 7, 7_400, 296), // 4%: as expected
    figures('Place > Closed Depot', 4, 0, 0, 0), // nobody in the period
  ];
  return {
    period: { from: '2025-05-01', to: '2026-04-30' },
    level: 'teams',
    total: row('TOTAL', { hoursAvailable: 47_400, hoursLost: 1_896, absenceRatePct: 4 }),
    headcount: 38,
    p,
    phi: 1,
    units,
    suppression: suppressionOf(units.map((u) => ({ path: u.unit.path, headcount: u.headcount }))),
  };
}

test('hotspots outside HR: a unit of fewer than 5 people is neither listed nor plotted, and has no figures', () => {
  const view = hotspotsView(hotspots(), {
    audience: 'suppressed',
    organisation: { name: 'Merrowby Council', fullTimeHours: 37 },
    unitHref: (id) => `/scorecard?unit=${id}`,
  });
  assert.equal(view.shown, true);
  assert.deepEqual(
    view.table?.rows.map((r) => r.cells[0]),
    [
      'Adult Social Care > Home Care',
      'Place > Libraries',
      'Place > Parks',
      'Place > Waste',
      'All of Merrowby Council',
    ],
    'in the order of their names, the nobody-there depot left out',
  );
  const parks = view.table?.rows[2];
  assert.deepEqual(parks?.cells.slice(1), Array(9).fill(null));
  assert.equal(parks?.note, 'Not shown: fewer than 5 people');
  // Place's total less Waste would give Parks away: Libraries, the smallest beside it, is hidden too.
  const libraries = view.table?.rows[1];
  assert.deepEqual(libraries?.cells.slice(1), Array(9).fill(null));
  assert.equal(libraries?.note, 'Not shown, so a small group cannot be worked out');
  assert.deepEqual(
    view.points.map((p) => p.label),
    ['Adult Social Care > Home Care', 'Place > Waste'],
  );
  assert.deepEqual(
    view.lists['above-998'].map((i) => [i.label, i.href]),
    [['Place > Waste', '/scorecard?unit=2']],
  );
  assert.equal(
    view.lists['above-95'].length + view.lists['below-95'].length + view.lists['below-998'].length,
    0,
  );
  assert.equal(view.withheld, 1);
  assert.equal(view.withheldToProtect, 1);
  assert.equal(view.withoutHours, 1);
  assert.equal(view.centrePct, 4);
  // 7,400 hours is 1,000 days: the 95% limits are 4% ± 1.96 × √(0.04 × 0.96 / 1000).
  const homeCare = view.table?.rows[0]?.cells ?? [];
  assert.ok(Math.abs((homeCare[6] as number) - 5.214567577370646) < 1e-9);
  assert.equal(homeCare[9], 'As expected');
});

test('hotspots for HR: every unit, small ones too', () => {
  const view = hotspotsView(hotspots(), {
    audience: 'full',
    organisation: { name: 'Merrowby Council', fullTimeHours: 37 },
    unitHref: (id) => `/scorecard?unit=${id}`,
  });
  assert.equal(view.table?.rows[1]?.cells[1], 8);
  assert.equal(view.table?.rows[2]?.cells[1], 3);
  assert.equal(view.points.length, 4);
  assert.equal(view.withheld, 0);
  assert.equal(view.withheldToProtect, 0);
});

function scorecard(headcount: number): ScorecardFigures {
  const total = row('TOTAL');
  return {
    period: { from: '2025-05-01', to: '2026-04-30' },
    unit: null,
    total,
    headcount,
    status: 'on-target',
    longTerm: row('TOTAL', { fteDaysLost: 40, daysLostPerFte: 4, episodes: 2 }),
    reasons: [
      row('S10', { fteDaysLost: 60, daysLostPerFte: 6, episodes: 3 }),
      row('S13', { fteDaysLost: 40, daysLostPerFte: 4, episodes: 9 }),
      total,
    ],
    top: [
      row('S10', { fteDaysLost: 60, daysLostPerFte: 6, episodes: 3 }),
      row('S13', { fteDaysLost: 40, daysLostPerFte: 4, episodes: 9 }),
    ],
    months: [
      { month: '2025-05', row: row('2025-05', { absenceRatePct: 3.5 }), headcount },
      { month: '2025-06', row: row('2025-06', { absenceRatePct: 4.5 }), headcount: 4 },
    ],
    children: [],
    direct: null,
    units: [],
    suppression: suppressHierarchy([], headcount, 5),
  };
}

test('the scorecard outside HR: small counts as "fewer than 5", and what would give them away hidden too', () => {
  const view = scorecardView(scorecard(12), {
    audience: 'suppressed',
    organisation: { name: 'Merrowby Council', targetDaysPerFte: 10 },
    unitHref: (id) => `/scorecard?unit=${id}`,
  });
  assert.equal(view.shown, true);
  const terms = view.tables?.terms.rows ?? [];
  // 12 episodes less 10 short-term would give the 2 long-term away: the 10 are hidden too.
  assert.deepEqual(
    terms.map((r) => r.cells[1]),
    ['not shown, so a small number cannot be worked out', 'fewer than 5', 12],
  );
  assert.deepEqual(
    terms.map((r) => r.cells[2]),
    [60, 40, 100],
    'short-term days are the rest',
  );
  assert.deepEqual(
    view.tables?.reasons.rows.map((r) => [r.cells[0], r.cells[4]]),
    [
      ['S10 Anxiety/stress/depression/other psychiatric illnesses', 'fewer than 5'],
      ['S13 Cold, Cough, Flu - Influenza', 'not shown, so a small number cannot be worked out'],
      ['All reasons', 12],
    ],
  );
  // The months add up to the period shown above them: with June hidden, May is hidden too, in
  // the table and the chart alike.
  assert.deepEqual(
    view.trendPoints.map((p) => p.value),
    [null, null],
  );
  assert.equal(view.tables?.trend.rows[1]?.note, 'Not shown: fewer than 5 people');
  assert.equal(view.tables?.trend.rows[0]?.note, 'Not shown, so a small group cannot be worked out');
  assert.equal(view.tables?.units, null, 'no units below');
});

test('the scorecard of fewer than 5 people shows nothing outside HR, and everything to HR', () => {
  const options = {
    organisation: { name: 'Tiny Parish Council', targetDaysPerFte: 10 },
    unitHref: (id: number) => `/scorecard?unit=${id}`,
  };
  assert.equal(scorecardView(scorecard(3), { ...options, audience: 'suppressed' }).shown, false);
  const full = scorecardView(scorecard(3), { ...options, audience: 'full' });
  assert.equal(full.shown, true);
  assert.equal(full.tables?.terms.rows[1]?.cells[1], 2);
});

test('the scorecard’s units, for random units: outside HR nothing small shows and no hidden unit or count is the total less the rest; HR see every figure', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.integer({ min: 0, max: 15 }), fc.integer({ min: 0, max: 12 })), {
        minLength: 1,
        maxLength: 6,
      }),
      (drawn) => {
        // Nobody in a unit, no episodes in it.
        const specs = drawn.map(([people, episodes]) => [people, people === 0 ? 0 : episodes] as const);
        const children = specs.map(([people, episodes], i) => ({
          unit: { ...unit(10 + i, `D${i}`), depth: 1 },
          row: row(`D${i}`, { episodes }),
          headcount: people,
          status: 'on-target' as const,
        }));
        const headcount = specs.reduce((a, [p]) => a + p, 0);
        const episodes = specs.reduce((a, [, e]) => a + e, 0);
        const figures: ScorecardFigures = {
          ...scorecard(headcount),
          total: row('TOTAL', { episodes, shortTermEpisodes: episodes, longTermEpisodes: 0 }),
          children,
          suppression: suppressHierarchy(
            children.map((c) => ({
              path: c.unit.path,
              headcount: c.headcount,
              directHeadcount: c.headcount,
            })),
            headcount,
            5,
          ),
        };
        const options = { organisation: { name: 'Merrowby', targetDaysPerFte: 10 }, unitHref: () => '#' };
        const hr = scorecardView(figures, { ...options, audience: 'full' });
        assert.deepEqual(
          hr.tables?.units?.rows.map((r) => [r.cells[1], r.cells[7], r.note ?? null]),
          [...specs.map(([p, e]) => [p, e, null]), [headcount, episodes, null]],
        );
        const manager = scorecardView(figures, { ...options, audience: 'suppressed' });
        if (!manager.shown) {
          assert.ok(headcount < 5);
          return;
        }
        const rows = manager.tables?.units?.rows ?? [];
        for (const column of [1, 3, 7]) {
          const cells = rows.map((r) => r.cells[column]);
          // A group with nobody in it may be worked out without harm; any other hidden figure may not.
          const harmless = [...specs.map(([p]) => p === 0), false];
          const secrets = cells.filter((c, i) => typeof c !== 'number' && !harmless[i]).length;
          assert.notEqual(secrets, 1, `column ${column}: one hidden figure is the total less the rest`);
          cells.slice(0, -1).forEach((c, i) => {
            if (column !== 3 && typeof c === 'number') assert.ok(c >= 5, `${c} shown`);
            if ((specs[i]?.[0] ?? 0) < 5) assert.equal(c, null, 'a unit of fewer than 5 shows nothing');
          });
        }
      },
    ),
    { numRuns: 300, seed: 1207 },
  );
});
