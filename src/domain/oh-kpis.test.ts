import assert from 'node:assert/strict';
import { test } from 'node:test';
import { plainDecimal } from '../modules/absence-report/report-format.ts';
import {
  isWaiting,
  median,
  OH_KPI_COLUMNS,
  ohKpiCells,
  ohKpis,
  type OhKpiAppointment,
  type OhKpiCase,
  type OhKpiInput,
} from './oh-kpis.ts';

// 25 and 28 December 2026 are bank holidays (Christmas Day on a Friday, Boxing Day moved to Monday).
const HOLIDAYS = new Set(['2026-12-25', '2026-12-28']);
const SLA = { triageDays: 2, firstAppointmentDays: 10, reportDays: 5 };

function referral(fields: Partial<OhKpiCase> & Pick<OhKpiCase, 'referredOn'>): OhKpiCase {
  return {
    client: 'ambulance-trust',
    service: 'nurse',
    kind: 'management',
    triagedOn: null,
    firstAttendedOn: null,
    reportSentOn: null,
    ended: false,
    sla: SLA,
    ...fields,
  };
}

const CASES: OhKpiCase[] = [
  // A: triage Mon 2 → Wed 4 Nov = 2; first appointment Mon 16 Nov = 10; report Fri 20 Nov = 4.
  referral({
    referredOn: '2026-11-02',
    triagedOn: '2026-11-04',
    firstAttendedOn: '2026-11-16',
    reportSentOn: '2026-11-20',
  }),
  // B: Thursday 24 December to Tuesday 29 December is 1 working day (a weekend and two bank
  // holidays between); no appointment yet, so waiting.
  referral({ referredOn: '2026-12-24', triagedOn: '2026-12-29', kind: 'self' }),
  // C: triage Tue 3 → Mon 9 Nov = 4 (over 2); first appointment Fri 27 Nov = 18 (over 10);
  // report Tue 1 Dec = 2.
  referral({
    client: 'housing',
    service: 'physician',
    referredOn: '2026-11-03',
    triagedOn: '2026-11-09',
    firstAttendedOn: '2026-11-27',
    reportSentOn: '2026-12-01',
  }),
  // D: waiting for triage.
  referral({ referredOn: '2026-12-07' }),
  // E: triaged next day and rejected: no further spans, not waiting.
  referral({
    client: 'housing',
    service: 'physician',
    referredOn: '2026-11-11',
    triagedOn: '2026-11-12',
    ended: true,
  }),
  // Not in the KPIs: a pre-employment assessment, and a referral before the period.
  referral({ kind: 'pre_employment', referredOn: '2026-11-05' }),
  referral({ referredOn: '2026-10-30', triagedOn: '2026-11-20' }),
];

function appointment(
  fields: Partial<OhKpiAppointment> & Pick<OhKpiAppointment, 'date' | 'status'>,
): OhKpiAppointment {
  return { client: 'ambulance-trust', service: 'nurse', kind: 'management', ...fields };
}

const APPOINTMENTS: OhKpiAppointment[] = [
  appointment({ date: '2026-11-16', status: 'attended' }),
  appointment({ client: 'housing', service: 'physician', date: '2026-11-10', status: 'did_not_attend' }),
  appointment({ client: 'housing', service: 'physician', date: '2026-11-27', status: 'attended' }),
  appointment({ client: 'housing', service: 'physician', date: '2026-11-20', status: 'cancelled' }),
  // Not counted: a pre-employment assessment's, and one before the period.
  appointment({ kind: 'pre_employment', date: '2026-11-18', status: 'did_not_attend' }),
  appointment({ date: '2026-10-29', status: 'did_not_attend' }),
];

function input(groupBy: OhKpiInput['groupBy']): OhKpiInput {
  return {
    from: '2026-11-01',
    to: '2026-12-31',
    groupBy,
    cases: CASES,
    appointments: APPOINTMENTS,
    bankHolidays: HOLIDAYS,
  };
}

const TOTAL = {
  group: 'TOTAL',
  referrals: 5,
  // Triage spans 2, 1, 4, 1: sorted 1, 1, 2, 4, so the mean of 1 and 2; 3 of 4 within 2 days.
  triageMedianDays: 1.5,
  triageWithinTargetPct: 75,
  // First appointment 10 and 18: median 14; 1 of 2 within 10 days.
  firstAppointmentMedianDays: 14,
  firstAppointmentWithinTargetPct: 50,
  reportMedianDays: 3,
  reportWithinTargetPct: 100,
  // 1 did not attend of 3 attended or not.
  dnaRatePct: 100 / 3,
  waiting: 2,
};

test('medians of whole days: the middle value, or the mean of the two middle values', () => {
  assert.equal(median([]), null);
  assert.equal(median([7]), 7);
  assert.equal(median([9, 1, 4]), 4);
  assert.equal(median([10, 1, 3, 2]), 2.5);
});

test('a case waits until its report goes, unless it ended first', () => {
  assert.equal(isWaiting({ ended: false, reportSentOn: null }), true);
  assert.equal(isWaiting({ ended: false, reportSentOn: '2026-11-20' }), false);
  assert.equal(isWaiting({ ended: true, reportSentOn: null }), false);
});

test('by client: each client’s referrals, spans against its SLA, DNA rate and waiting, then TOTAL', () => {
  assert.deepEqual(ohKpis(input('client')), [
    {
      group: 'ambulance-trust',
      referrals: 3,
      triageMedianDays: 1.5,
      triageWithinTargetPct: 100,
      firstAppointmentMedianDays: 10,
      firstAppointmentWithinTargetPct: 100,
      reportMedianDays: 4,
      reportWithinTargetPct: 100,
      dnaRatePct: 0,
      waiting: 2,
    },
    {
      group: 'housing',
      referrals: 2,
      triageMedianDays: 2.5,
      triageWithinTargetPct: 50,
      firstAppointmentMedianDays: 18,
      firstAppointmentWithinTargetPct: 0,
      reportMedianDays: 2,
      reportWithinTargetPct: 100,
      dnaRatePct: 50,
      waiting: 0,
    },
    TOTAL,
  ]);
});

test('by service, the groups are the services, in the order of their codes', () => {
  assert.deepEqual(
    ohKpis(input('service')).map((r) => [r.group, r.referrals, r.waiting]),
    [
      ['nurse', 3, 2],
      ['physician', 2, 0],
      ['TOTAL', 5, 2],
    ],
  );
});

test('by month: cases in the month referred, appointments in the month dated; no appointments, no DNA rate', () => {
  const rows = ohKpis(input('month'));
  assert.deepEqual(rows, [
    {
      group: '2026-11',
      referrals: 3,
      triageMedianDays: 2,
      triageWithinTargetPct: 200 / 3,
      firstAppointmentMedianDays: 14,
      firstAppointmentWithinTargetPct: 50,
      reportMedianDays: 3,
      reportWithinTargetPct: 100,
      dnaRatePct: 100 / 3,
      waiting: 0,
    },
    {
      group: '2026-12',
      referrals: 2,
      triageMedianDays: 1,
      triageWithinTargetPct: 100,
      firstAppointmentMedianDays: null,
      firstAppointmentWithinTargetPct: null,
      reportMedianDays: null,
      reportWithinTargetPct: null,
      dnaRatePct: null,
      waiting: 2,
    },
    TOTAL,
  ]);
  // SPEC §7: plain decimals, at least two places where not whole; empty where there is no figure.
  assert.deepEqual(ohKpiCells(rows, plainDecimal), [
    ['2026-11', '3', '2', '66.666667', '14', '50', '3', '100', '33.333333', '0'],
    ['2026-12', '2', '1', '100', '', '', '', '', '', '2'],
    ['TOTAL', '5', '1.50', '75', '14', '50', '3', '100', '33.333333', '2'],
  ]);
  assert.equal(OH_KPI_COLUMNS.length, rows[0] ? Object.keys(rows[0]).length : 0);
});

test('every month of the period has its row, even with nothing in it', () => {
  const rows = ohKpis({
    ...input('month'),
    from: '2026-10-15',
    to: '2027-01-10',
    cases: [],
    appointments: [],
  });
  assert.deepEqual(
    rows.map((r) => r.group),
    ['2026-10', '2026-11', '2026-12', '2027-01', 'TOTAL'],
  );
  assert.deepEqual(ohKpiCells(rows.slice(-1), plainDecimal), [
    ['TOTAL', '0', '', '', '', '', '', '', '', '0'],
  ]);
});

test('each case is measured against its own contract’s targets', () => {
  const strict = { triageDays: 1, firstAppointmentDays: 5, reportDays: 3 };
  const [row] = ohKpis({ ...input('client'), cases: [{ ...CASES[0]!, sla: strict }], appointments: [] });
  assert.equal(row?.triageWithinTargetPct, 0, '2 days against 1');
  assert.equal(row?.firstAppointmentWithinTargetPct, 0, '10 days against 5');
  assert.equal(row?.reportWithinTargetPct, 0, '4 days against 3');
});
