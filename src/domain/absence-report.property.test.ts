/**
 * The report engine against an obviously-correct day-by-day computation of SPEC §6, on random
 * workforces: patterns, bank holidays, joiners and leavers, moves between units, open
 * absences, partial first days, every grouping and both methods.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { absenceReport } from './absence-report.ts';
import { absenceFigures } from '../testing/reference-figures.ts';
import { asFigureInput, scenario } from '../testing/report-scenarios.ts';

test('the report equals the day-by-day computation of SPEC §6 on random workforces', () => {
  fc.assert(
    fc.property(scenario, (input) => {
      const expected = absenceFigures(asFigureInput(input));
      const actual = absenceReport(input);
      assert.deepEqual(
        actual.map((r) => r.group),
        expected.map((r) => r.group),
        'the same groups in the same order',
      );
      actual.forEach((row, i) => {
        const want = expected[i];
        assert.ok(want);
        for (const [field, value] of Object.entries(want)) {
          if (field === 'group') continue;
          const got = row[field as keyof typeof row] as number;
          assert.ok(Math.abs(got - (value as number)) < 1e-6, `${row.group} ${field}: ${got} ≠ ${value}`);
        }
      });
    }),
    { numRuns: 300, seed: 20261123 },
  );
});
