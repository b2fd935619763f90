/**
 * The KPIs against a plain reading of SPEC §6.1 written out here, on random cases, appointments
 * and bank holidays: every grouping, cases waiting or ended at every step, periods of any length.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { ohKpis, type OhKpiAppointment, type OhKpiCase, type OhKpiInput, type OhKpiRow } from './oh-kpis.ts';

const DAY = 86_400_000;
const BASE = Date.UTC(2026, 9, 1); // 1 October 2026
const date = (offset: number) => new Date(BASE + offset * DAY).toISOString().slice(0, 10);

/** Counts, one calendar day at a time, the weekdays after `a` up to and including `b` that are no holiday. */
function span(a: string, b: string, holidays: ReadonlySet<string>): number {
  let n = 0;
  for (let t = Date.parse(a) + DAY; t <= Date.parse(b); t += DAY) {
    const weekday = new Date(t).getUTCDay();
    if (weekday !== 0 && weekday !== 6 && !holidays.has(new Date(t).toISOString().slice(0, 10))) n++;
  }
  return n;
}

function middle(values: number[]): number | null {
  const s = [...values].sort((x, y) => x - y);
  if (s.length === 0) return null;
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

function reference(input: OhKpiInput): OhKpiRow[] {
  const { from, to, bankHolidays: h } = input;
  const keyOf = (x: { client: string; service: string }, d: string) =>
    input.groupBy === 'client' ? x.client : input.groupBy === 'service' ? x.service : d.slice(0, 7);
  const cases = input.cases.filter(
    (c) => c.kind !== 'pre_employment' && c.referredOn >= from && c.referredOn <= to,
  );
  const appointments = input.appointments.filter(
    (a) => a.kind !== 'pre_employment' && a.date >= from && a.date <= to,
  );
  let keys: string[];
  if (input.groupBy === 'month') {
    keys = [];
    for (let t = Date.parse(from); t <= Date.parse(to); t += DAY)
      keys.push(new Date(t).toISOString().slice(0, 7));
  } else {
    keys = [...cases.map((c) => keyOf(c, c.referredOn)), ...appointments.map((a) => keyOf(a, a.date))];
  }
  keys = [...new Set(keys)].sort();
  const row = (group: string, cs: OhKpiCase[], as: OhKpiAppointment[]): OhKpiRow => {
    const measure = (
      start: (c: OhKpiCase) => string | null,
      end: (c: OhKpiCase) => string | null,
      target: (c: OhKpiCase) => number,
    ) => {
      const measured = cs.filter((c) => start(c) !== null && end(c) !== null);
      const days = measured.map((c) => span(start(c)!, end(c)!, h));
      const within = measured.filter((c, i) => days[i]! <= target(c)).length;
      return { median: middle(days), pct: measured.length ? (within * 100) / measured.length : null };
    };
    const triage = measure(
      (c) => c.referredOn,
      (c) => c.triagedOn,
      (c) => c.sla.triageDays,
    );
    const first = measure(
      (c) => c.referredOn,
      (c) => c.firstAttendedOn,
      (c) => c.sla.firstAppointmentDays,
    );
    const report = measure(
      (c) => c.firstAttendedOn,
      (c) => c.reportSentOn,
      (c) => c.sla.reportDays,
    );
    const dna = as.filter((a) => a.status === 'did_not_attend').length;
    const seen = as.filter((a) => a.status === 'attended').length;
    return {
      group,
      referrals: cs.length,
      triageMedianDays: triage.median,
      triageWithinTargetPct: triage.pct,
      firstAppointmentMedianDays: first.median,
      firstAppointmentWithinTargetPct: first.pct,
      reportMedianDays: report.median,
      reportWithinTargetPct: report.pct,
      dnaRatePct: dna + seen ? (dna * 100) / (dna + seen) : null,
      waiting: cs.filter((c) => !c.ended && c.reportSentOn === null).length,
    };
  };
  return [
    ...keys.map((k) =>
      row(
        k,
        cases.filter((c) => keyOf(c, c.referredOn) === k),
        appointments.filter((a) => keyOf(a, a.date) === k),
      ),
    ),
    row('TOTAL', cases, appointments),
  ];
}

const kind = fc.constantFrom('management' as const, 'self' as const, 'pre_employment' as const);
const client = fc.constantFrom('ambulance-trust', 'housing', 'connexions');
const service = fc.constantFrom('nurse', 'physician', 'physio');

/** A case: each later date, where there is one, on or after the one it follows. */
const kpiCase: fc.Arbitrary<OhKpiCase> = fc
  .record({
    client,
    service,
    kind,
    referred: fc.integer({ min: 0, max: 150 }),
    toTriage: fc.option(fc.integer({ min: 0, max: 25 })),
    toFirst: fc.option(fc.integer({ min: 0, max: 60 })),
    toReport: fc.option(fc.integer({ min: 0, max: 30 })),
    ended: fc.boolean(),
    sla: fc.record({
      triageDays: fc.integer({ min: 0, max: 10 }),
      firstAppointmentDays: fc.integer({ min: 0, max: 30 }),
      reportDays: fc.integer({ min: 0, max: 15 }),
    }),
  })
  .map((r) => {
    const first = r.toFirst === null ? null : r.referred + r.toFirst;
    return {
      client: r.client,
      service: r.service,
      kind: r.kind,
      referredOn: date(r.referred),
      triagedOn: r.toTriage === null ? null : date(r.referred + r.toTriage),
      firstAttendedOn: first === null ? null : date(first),
      reportSentOn: first === null || r.toReport === null ? null : date(first + r.toReport),
      ended: r.ended,
      sla: r.sla,
    };
  });

const kpiAppointment: fc.Arbitrary<OhKpiAppointment> = fc.record({
  client,
  service,
  kind,
  date: fc.integer({ min: 0, max: 200 }).map(date),
  status: fc.constantFrom('attended' as const, 'did_not_attend' as const, 'cancelled' as const),
});

const scenario: fc.Arbitrary<OhKpiInput> = fc
  .record({
    start: fc.integer({ min: 0, max: 120 }),
    length: fc.integer({ min: 0, max: 100 }),
    groupBy: fc.constantFrom('client' as const, 'month' as const, 'service' as const),
    cases: fc.array(kpiCase, { maxLength: 40 }),
    appointments: fc.array(kpiAppointment, { maxLength: 40 }),
    holidays: fc.array(fc.integer({ min: 0, max: 250 }).map(date), { maxLength: 15 }),
  })
  .map((s) => ({
    from: date(s.start),
    to: date(s.start + s.length),
    groupBy: s.groupBy,
    cases: s.cases,
    appointments: s.appointments,
    bankHolidays: new Set(s.holidays),
  }));

test('the KPIs equal a plain reading of SPEC §6.1 on random cases', () => {
  fc.assert(
    fc.property(scenario, (input) => {
      const actual = ohKpis(input);
      const expected = reference(input);
      assert.equal(actual.length, expected.length, 'the same number of rows');
      actual.forEach((row, i) => {
        const want = expected[i]!;
        assert.equal(row.group, want.group, 'the same groups in the same order');
        for (const [field, value] of Object.entries(want)) {
          const got = row[field as keyof OhKpiRow];
          if (typeof value === 'number' && typeof got === 'number') {
            assert.ok(Math.abs(got - value) < 1e-9, `${row.group} ${field}: ${got} ≠ ${value}`);
          } else {
            assert.equal(got, value, `${row.group} ${field}`);
          }
        }
      });
    }),
    { numRuns: 300, seed: 20261207 },
  );
});
