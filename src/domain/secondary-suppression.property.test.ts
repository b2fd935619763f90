/**
 * Secondary suppression against plain references, on random hierarchies of units and random
 * tables with row and column totals: nothing small is shown, no hidden figure can be worked out
 * by subtraction (a solver that fills in every total with one unknown, and for hierarchies an
 * exact linear-algebra check), and nothing is hidden when nothing is small.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  revealingTotals,
  suppressComplements,
  suppressHierarchy,
  type HierarchyUnit,
  type SuppressionCell,
  type SuppressionTotal,
} from './secondary-suppression.ts';

const THRESHOLD = 5;

/**
 * The plain solver: starting from the shown figures (and those that may be known without harm),
 * fill in any total with exactly one figure unknown, again and again. Returns what it worked out.
 */
function workedOut(
  cells: ReadonlyMap<string, SuppressionCell>,
  totals: readonly SuppressionTotal[],
  hidden: ReadonlySet<string>,
): Set<string> {
  const known = new Set([...cells.keys()].filter((k) => !hidden.has(k) || cells.get(k)?.harmless));
  const found = new Set<string>();
  let progress = true;
  while (progress) {
    progress = false;
    for (const { total, parts } of totals) {
      const unknown = [total, ...parts].filter((k) => !known.has(k));
      if (unknown.length === 1 && parts.length > 0) {
        known.add(unknown[0]!);
        found.add(unknown[0]!);
        progress = true;
      }
    }
  }
  return found;
}

/**
 * Whether a hidden figure is fixed by the totals, whatever the others: its unit vector lies in
 * the row space of the totals restricted to the unknowns (Gaussian elimination).
 */
function determined(
  unknowns: readonly string[],
  totals: readonly SuppressionTotal[],
  target: string,
): boolean {
  const index = new Map(unknowns.map((k, i) => [k, i]));
  const rows = totals
    .map(({ total, parts }) => {
      const row = Array<number>(unknowns.length).fill(0);
      const t = index.get(total);
      if (t !== undefined) row[t] = (row[t] ?? 0) + 1;
      for (const p of parts) {
        const i = index.get(p);
        if (i !== undefined) row[i] = (row[i] ?? 0) - 1;
      }
      return row;
    })
    .filter((row) => row.some((v) => v !== 0));
  const rank = (matrix: number[][]) => {
    const m = matrix.map((r) => [...r]);
    let r = 0;
    for (let c = 0; c < unknowns.length && r < m.length; c++) {
      const pivot = m.findIndex((row, i) => i >= r && Math.abs(row[c] ?? 0) > 1e-9);
      if (pivot === -1) continue;
      [m[r], m[pivot]] = [m[pivot]!, m[r]!];
      const pr = m[r]!;
      for (let i = 0; i < m.length; i++) {
        if (i === r) continue;
        const row = m[i]!;
        const f = (row[c] ?? 0) / (pr[c] ?? 1);
        if (f !== 0) for (let j = 0; j < row.length; j++) row[j] = (row[j] ?? 0) - f * (pr[j] ?? 0);
      }
      r += 1;
    }
    return r;
  };
  const unit = Array<number>(unknowns.length).fill(0);
  unit[index.get(target)!] = 1;
  return rank([...rows, unit]) === rank(rows);
}

/** A random tree of units: each unit's people are its own plus its children's. */
const hierarchy: fc.Arbitrary<{ units: HierarchyUnit[]; organisation: number }> = fc
  .array(fc.tuple(fc.nat({ max: 12 }), fc.integer({ min: 0, max: 30 })), { minLength: 1, maxLength: 18 })
  .map((specs) => {
    // Unit i's parent is a unit before it (or none), so the list is a forest in order.
    const paths: string[] = [];
    const direct: number[] = [];
    specs.forEach(([parentPick, people], i) => {
      const parent = i === 0 || parentPick % (i + 1) === i ? null : (paths[parentPick % (i + 1)] ?? null);
      paths.push(parent === null ? `U${i}` : `${parent} > U${i}`);
      direct.push(people);
    });
    const units = paths.map((path, i) => {
      const within = paths
        .map((p, j) => (p === path || p.startsWith(`${path} > `) ? (direct[j] ?? 0) : 0))
        .reduce((a, b) => a + b, 0);
      return { path, headcount: within, directHeadcount: direct[i] ?? 0 };
    });
    const organisation = units.filter((u) => !u.path.includes(' > ')).reduce((a, u) => a + u.headcount, 0);
    return { units, organisation };
  });

/** The same hierarchy as cells and totals, as a page shows it: each unit, its own people, and the organisation. */
function hierarchyAsTotals(units: readonly HierarchyUnit[], organisation: number) {
  const cells = new Map<string, SuppressionCell>();
  const cell = (value: number): SuppressionCell => ({
    value,
    hidden: value < THRESHOLD,
    harmless: value === 0,
  });
  cells.set('organisation', cell(organisation));
  const totals: SuppressionTotal[] = [];
  const top = units.filter((u) => !u.path.includes(' > ')).map((u) => u.path);
  totals.push({ total: 'organisation', parts: top });
  for (const unit of units) {
    cells.set(unit.path, cell(unit.headcount));
    const children = units
      .filter(
        (u) => u.path.startsWith(`${unit.path} > `) && !u.path.slice(unit.path.length + 3).includes(' > '),
      )
      .map((u) => u.path);
    if (children.length > 0) {
      cells.set(`${unit.path} itself`, cell(unit.directHeadcount));
      totals.push({ total: unit.path, parts: [...children, `${unit.path} itself`] });
    }
  }
  return { cells, totals };
}

test('in random hierarchies, nothing small is shown and no hidden unit can be worked out', () => {
  fc.assert(
    fc.property(hierarchy, ({ units, organisation }) => {
      const suppression = suppressHierarchy(units, organisation, THRESHOLD);
      const { cells, totals } = hierarchyAsTotals(units, organisation);
      const hidden = new Set<string>();
      if (suppression.unit(null)) hidden.add('organisation');
      for (const unit of units) {
        if (suppression.unit(unit.path)) hidden.add(unit.path);
        if (cells.has(`${unit.path} itself`) && suppression.direct(unit.path))
          hidden.add(`${unit.path} itself`);
      }
      // (a) Nothing below the threshold is shown.
      for (const [key, cell] of cells) {
        if (cell.value < THRESHOLD) assert.ok(hidden.has(key), `${key} (${cell.value}) is shown`);
      }
      // (b) No total shows with exactly one of its figures hidden, and the solver works out nothing to protect.
      assert.deepEqual(revealingTotals(cells, totals, hidden), []);
      const found = [...workedOut(cells, totals, hidden)].filter((k) => !cells.get(k)?.harmless);
      assert.deepEqual(found, [], `worked out: ${found.join(', ')}`);
      // And not by any combination of totals either.
      const unknowns = [...hidden].filter((k) => !cells.get(k)?.harmless);
      for (const key of unknowns)
        assert.equal(determined(unknowns, totals, key), false, `${key} is determined`);
      // Whatever is hidden as a complement was shown before: the small ones are hidden as small.
      for (const key of hidden) {
        const because =
          key === 'organisation'
            ? suppression.unit(null)
            : (suppression.unit(key) ?? suppression.direct(key.replace(/ itself$/, '')));
        assert.equal(because, (cells.get(key)?.value ?? 0) < THRESHOLD ? 'small' : 'complement', key);
      }
    }),
    { numRuns: 500, seed: 20261207 },
  );
});

test('with no small group, nothing is hidden (what HR and large groups see is unchanged)', () => {
  fc.assert(
    fc.property(hierarchy, ({ units, organisation }) => {
      const large = units.map((u) => ({
        ...u,
        headcount: u.headcount + 100,
        directHeadcount: u.directHeadcount + 100,
      }));
      const suppression = suppressHierarchy(large, organisation + 1000, THRESHOLD);
      assert.equal(suppression.unit(null), null);
      for (const unit of large) {
        assert.equal(suppression.unit(unit.path), null);
        assert.equal(suppression.direct(unit.path), null);
      }
    }),
    { numRuns: 200, seed: 7 },
  );
});

/** A random table of counts with a total for each row, each column, and the whole. */
const table = fc
  .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }))
  .chain(([rows, columns]) =>
    fc.array(fc.array(fc.integer({ min: 0, max: 25 }), { minLength: columns, maxLength: columns }), {
      minLength: rows,
      maxLength: rows,
    }),
  );

test('in random tables with row and column totals, nothing small is shown and the solver works out nothing', () => {
  fc.assert(
    fc.property(table, (values) => {
      const cells = new Map<string, SuppressionCell>();
      const totals: SuppressionTotal[] = [];
      const put = (key: string, value: number) => cells.set(key, { value, hidden: value < THRESHOLD });
      const columns = values[0]?.length ?? 0;
      values.forEach((row, r) => {
        row.forEach((v, c) => put(`${r},${c}`, v));
        put(
          `${r},T`,
          row.reduce((a, b) => a + b, 0),
        );
        totals.push({ total: `${r},T`, parts: row.map((_, c) => `${r},${c}`) });
      });
      for (let c = 0; c < columns; c++) {
        put(
          `T,${c}`,
          values.reduce((a, row) => a + (row[c] ?? 0), 0),
        );
        totals.push({ total: `T,${c}`, parts: values.map((_, r) => `${r},${c}`) });
      }
      put(
        'T,T',
        values.flat().reduce((a, b) => a + b, 0),
      );
      totals.push({ total: 'T,T', parts: values.map((_, r) => `${r},T`) });
      totals.push({ total: 'T,T', parts: Array.from({ length: columns }, (_, c) => `T,${c}`) });

      const hidden = new Set(suppressComplements(cells, totals).keys());
      for (const [key, cell] of cells) {
        if (cell.value < THRESHOLD) assert.ok(hidden.has(key), `${key} (${cell.value}) is shown`);
      }
      assert.deepEqual(revealingTotals(cells, totals, hidden), []);
      assert.deepEqual([...workedOut(cells, totals, hidden)], []);
    }),
    { numRuns: 500, seed: 42 },
  );
});

test('a unit of 3 hides its smallest sibling too, and the unit above shows', () => {
  const suppression = suppressHierarchy(
    [
      { path: 'Place', headcount: 23, directHeadcount: 0 },
      { path: 'Place > Parks', headcount: 3, directHeadcount: 3 },
      { path: 'Place > Libraries', headcount: 8, directHeadcount: 8 },
      { path: 'Place > Roads', headcount: 12, directHeadcount: 12 },
    ],
    23,
    THRESHOLD,
  );
  assert.equal(suppression.unit(null), null);
  assert.equal(suppression.unit('Place'), null);
  assert.equal(suppression.unit('Place > Parks'), 'small');
  assert.equal(suppression.unit('Place > Libraries'), 'complement');
  assert.equal(suppression.unit('Place > Roads'), null);
  assert.equal(suppression.direct('Place'), 'small', 'nobody directly in Place: hidden, harmless');
});
