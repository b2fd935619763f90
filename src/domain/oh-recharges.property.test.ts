/**
 * The recharge statement against a plain, day-by-day reading of SPEC §6.1 in whole pence, on
 * random contracts (with gaps, renewals and open ends), prices, appointments, cancellations,
 * pre-employment assessments and bank holidays.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { rechargeStatement, type RechargeAppointmentStatus, type RechargeInput } from './oh-recharges.ts';

const DAY_MS = 86_400_000;
const BASE = Date.UTC(2027, 0, 1);
/** The date `n` days after 1 January 2027. */
const day = (n: number) => new Date(BASE + n * DAY_MS).toISOString().slice(0, 10);

/** Pence as pounds, sometimes whole pounds without decimals, sometimes with a trailing zero. */
const pounds = (pence: number, style: number) =>
  style === 0 && pence % 100 === 0
    ? String(pence / 100)
    : `${Math.floor(pence / 100)}.${String(pence % 100).padStart(2, '0')}${style === 2 ? '0' : ''}`;
/** Hundredths of a per cent as a percentage, e.g. 6250 → "62.50". */
const percentage = (hundredths: number) =>
  `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;

/** n ÷ d for whole numbers n ≥ 0, d > 0, rounded half up. */
function roundHalfUp(n: number, d: number): number {
  const remainder = n % d;
  return (n - remainder) / d + (2 * remainder >= d ? 1 : 0);
}

const SERVICES = ['A', 'B', 'C'] as const;

interface Contract {
  reference: string;
  start: number;
  end: number | null;
  feePence: number;
  prices: Partial<Record<string, number>>;
  pctHundredths: number;
  notice: number;
}
interface Appointment {
  caseReference: string;
  date: number;
  service: string;
  status: RechargeAppointmentStatus;
  cancelled: number;
  preEmployment: boolean;
}
interface Assessment {
  caseReference: string;
  service: string;
  completed: number;
}
interface Scenario {
  contracts: Contract[];
  catalogue: Partial<Record<string, number>>;
  appointments: Appointment[];
  assessments: Assessment[];
  from: number;
  to: number;
  holidays: number[];
  style: number;
}

const prices = fc.record(
  {
    A: fc.integer({ min: 0, max: 50_000 }),
    B: fc.integer({ min: 0, max: 50_000 }),
    C: fc.integer({ min: 0, max: 50_000 }),
  },
  { requiredKeys: [] },
);

const contractShape = fc.record({
  gap: fc.oneof(
    { arbitrary: fc.constant(0), weight: 3 },
    { arbitrary: fc.integer({ min: 1, max: 40 }), weight: 1 },
  ),
  length: fc.oneof(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 100, max: 400 })),
  openEnded: fc.boolean(),
  feePence: fc.integer({ min: 0, max: 5_000_000 }),
  prices,
  pctHundredths: fc.integer({ min: 0, max: 10_000 }),
  notice: fc.integer({ min: 0, max: 5 }),
});

const scenario: fc.Arbitrary<Scenario> = fc
  .record({
    first: fc.integer({ min: 0, max: 20 }),
    shapes: fc.array(contractShape, { minLength: 1, maxLength: 3 }),
    overlap: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
    catalogue: fc.record(
      {
        A: fc.integer({ min: 0, max: 50_000 }),
        B: fc.integer({ min: 0, max: 50_000 }),
        C: fc.integer({ min: 0, max: 50_000 }),
      },
      { requiredKeys: ['A', 'B'] },
    ),
    from: fc.integer({ min: 0, max: 200 }),
    length: fc.integer({ min: 0, max: 200 }),
    appointments: fc.array(
      fc.record({
        /** Days after the period's first. */
        date: fc.integer({ min: -10, max: 210 }),
        service: fc.constantFrom(...SERVICES),
        status: fc.constantFrom<RechargeAppointmentStatus>(
          'booked',
          'attended',
          'did_not_attend',
          'cancelled',
        ),
        before: fc.integer({ min: -1, max: 12 }),
        /** A bank holiday this many days before the appointment, to fall within its notice. */
        holiday: fc.option(fc.integer({ min: 0, max: 6 })),
        preEmployment: fc.boolean(),
      }),
      { maxLength: 12 },
    ),
    assessments: fc.array(
      fc.record({ service: fc.constantFrom(...SERVICES), completed: fc.integer({ min: -10, max: 210 }) }),
      { maxLength: 4 },
    ),
    holidays: fc.array(fc.integer({ min: -25, max: 215 }), { maxLength: 40 }),
    style: fc.integer({ min: 0, max: 2 }),
  })
  .map((s) => {
    let start = s.first;
    const contracts = s.shapes.map((shape, i): Contract => {
      start += shape.gap;
      const last = i === s.shapes.length - 1;
      const contract = {
        reference: `C${i}`,
        start,
        end: last && shape.openEnded ? null : start + shape.length - 1,
        feePence: shape.feePence,
        prices: shape.prices,
        pctHundredths: shape.pctHundredths,
        notice: shape.notice,
      };
      // Now and then a contract overlaps the one before it, which the statement must refuse.
      start += s.overlap && i === 0 ? Math.ceil(shape.length / 2) : shape.length;
      return contract;
    });
    return {
      contracts,
      catalogue: s.catalogue,
      appointments: s.appointments.map((a, i) => ({
        caseReference: `OH-${String(i).padStart(4, '0')}`,
        date: s.from + a.date,
        service: a.service,
        status: a.status,
        cancelled: s.from + a.date - a.before,
        preEmployment: a.preEmployment,
      })),
      assessments: s.assessments.map((a, i) => ({
        caseReference: `PE-${String(i).padStart(4, '0')}`,
        service: a.service,
        completed: s.from + a.completed,
      })),
      from: s.from,
      to: s.from + s.length,
      holidays: [
        ...s.holidays.map((h) => s.from + h),
        ...s.appointments.flatMap((a) => (a.holiday === null ? [] : [s.from + a.date - a.holiday])),
      ],
      style: s.style,
    };
  });

function asInput(s: Scenario): RechargeInput {
  const priceMap = (p: Partial<Record<string, number>>) =>
    new Map(
      Object.entries(p).flatMap(([code, pence]) =>
        pence === undefined ? [] : [[code, pounds(pence, s.style)]],
      ),
    );
  return {
    client: 'client',
    contracts: s.contracts.map((c) => ({
      reference: c.reference,
      startsOn: day(c.start),
      endsOn: c.end === null ? null : day(c.end),
      annualFeeGbp: pounds(c.feePence, s.style),
      prices: priceMap(c.prices),
      nonAttendancePct: percentage(c.pctHundredths),
      cancellationNoticeDays: c.notice,
    })),
    catalogue: priceMap(s.catalogue),
    appointments: s.appointments.map((a) => ({
      caseReference: a.caseReference,
      date: day(a.date),
      service: a.service,
      status: a.status,
      cancelledAt: a.status === 'cancelled' ? day(a.cancelled) : null,
      preEmployment: a.preEmployment,
    })),
    preEmployment: s.assessments.map((a) => ({
      caseReference: a.caseReference,
      service: a.service,
      completedOn: day(a.completed),
    })),
    from: day(s.from),
    to: day(s.to),
    bankHolidays: new Set(s.holidays.map(day)),
  };
}

/** SPEC §6.1 read plainly: the lines as "kind date case service pence", or the references with problems. */
function reference(s: Scenario): { lines: string[] } | { problems: string[] } {
  const holidays = new Set(s.holidays);
  const isWorkingDay = (n: number) => {
    const weekday = new Date(BASE + n * DAY_MS).getUTCDay();
    return weekday >= 1 && weekday <= 5 && !holidays.has(n);
  };
  const inForce = (c: Contract, n: number) => c.start <= n && (c.end === null || n <= c.end);
  const inPeriod = (n: number) => s.from <= n && n <= s.to;

  const lines: string[] = [];
  const problems: string[] = [];
  for (const c of s.contracts) {
    let days = 0;
    let first = -1;
    for (let n = s.from; n <= s.to; n++) {
      if (!inForce(c, n)) continue;
      if (days === 0) first = n;
      days += 1;
    }
    if (days > 0) lines.push(`fee ${day(first)} - - ${roundHalfUp(c.feePence * days, 365)}`);
  }
  const contractAndPrice = (caseReference: string, n: number, service: string) => {
    const contracts = s.contracts.filter((c) => inForce(c, n));
    const contract = contracts.length === 1 ? contracts[0] : undefined;
    const price = contract ? (contract.prices[service] ?? s.catalogue[service]) : undefined;
    if (!contract || price === undefined) {
      problems.push(caseReference);
      return undefined;
    }
    return { contract, price };
  };
  for (const a of s.appointments) {
    if (a.preEmployment || a.status === 'booked' || !inPeriod(a.date)) continue;
    const found = contractAndPrice(a.caseReference, a.date, a.service);
    if (!found) continue;
    const { contract, price } = found;
    const prefix = `${day(a.date)} ${a.caseReference} ${a.service}`;
    const nonAttendance = `non_attendance ${prefix} ${roundHalfUp(price * contract.pctHundredths, 10_000)}`;
    if (a.status === 'attended') lines.push(`appointment ${prefix} ${price}`);
    if (a.status === 'did_not_attend') lines.push(nonAttendance);
    if (a.status === 'cancelled') {
      let notice = 0;
      for (let n = a.cancelled + 1; n <= a.date; n++) if (isWorkingDay(n)) notice += 1;
      if (notice < contract.notice) lines.push(nonAttendance);
    }
  }
  for (const a of s.assessments) {
    if (!inPeriod(a.completed)) continue;
    const found = contractAndPrice(a.caseReference, a.completed, a.service);
    if (found)
      lines.push(`pre_employment ${day(a.completed)} ${a.caseReference} ${a.service} ${found.price}`);
  }
  return problems.length > 0 ? { problems } : { lines };
}

test('the statement equals a plain reading of SPEC §6.1 in whole pence, on random contracts and appointments', () => {
  fc.assert(
    fc.property(scenario, (s) => {
      const expected = reference(s);
      const result = rechargeStatement(asInput(s));
      if ('problems' in expected) {
        assert.equal(result.ok, false, 'no statement when a charge has no single contract or no price');
        if (!result.ok)
          assert.deepEqual(result.problems.map((p) => p.caseReference).sort(), [...expected.problems].sort());
        return;
      }
      assert.ok(result.ok, result.ok ? '' : JSON.stringify(result.problems));
      const { lines, totalPence } = result.statement;
      const actual = lines.map(
        (l) => `${l.line} ${l.date} ${l.caseReference || '-'} ${l.service || '-'} ${l.pence}`,
      );
      assert.deepEqual([...actual].sort(), [...expected.lines].sort());
      assert.equal(
        totalPence,
        lines.reduce((sum, l) => sum + l.pence, 0),
        'the total is the sum of the rounded lines',
      );
      // Fee lines first, then the charges by day.
      const keys = lines.map((l) => `${l.line === 'fee' ? 0 : 1} ${l.date}`);
      assert.deepEqual(keys, [...keys].sort(), 'lines in a stable order');
      // The same statement whatever order the appointments arrive in.
      const reversed = rechargeStatement({
        ...asInput(s),
        appointments: [...asInput(s).appointments].reverse(),
      });
      assert.deepEqual(reversed.ok && reversed.statement.lines, lines);
    }),
    { numRuns: 500, seed: 20261207 },
  );
});
