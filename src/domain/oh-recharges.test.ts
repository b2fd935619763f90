import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  formatPence,
  isLateCancellation,
  nonAttendancePence,
  rechargeRows,
  rechargeStatement,
  type RechargeAppointment,
  type RechargeContract,
  type RechargeInput,
  type RechargeLine,
  type RechargeStatement,
} from './oh-recharges.ts';

const none = new Set<string>();

/** The ambulance trust's shape: £7,500 a year, nurse sessions at £60 rather than the catalogue's £75. */
const ambulance: RechargeContract = {
  reference: 'AMB-2027',
  startsOn: '2027-01-01',
  endsOn: '2027-12-31',
  annualFeeGbp: '7500.00',
  prices: new Map([['NURSE', '60.00']]),
  nonAttendancePct: '50',
  cancellationNoticeDays: 2,
};

const catalogue = new Map([
  ['NURSE', '75.00'],
  ['DOCTOR', '180.00'],
  ['PHYSIO', '55.50'],
  ['PRE-MED', '95.00'],
]);

function input(overrides: Partial<RechargeInput>): RechargeInput {
  return {
    client: 'ambulance-trust',
    contracts: [ambulance],
    catalogue,
    appointments: [],
    preEmployment: [],
    from: '2027-01-01',
    to: '2027-03-31',
    bankHolidays: none,
    ...overrides,
  };
}

/** An appointment cancelled at `cancelledAt`. */
function cancelled(
  caseReference: string,
  date: string,
  service: string,
  cancelledAt: string,
): RechargeAppointment {
  return { caseReference, date, service, status: 'cancelled', cancelledAt };
}

/** Lines as [kind, date, case, service, pence]. */
const briefly = (lines: readonly RechargeLine[]) =>
  lines.map((l) => [l.line, l.date, l.caseReference, l.service, l.pence]);

function statementOf(overrides: Partial<RechargeInput>): RechargeStatement {
  const result = rechargeStatement(input(overrides));
  assert.ok(result.ok, result.ok ? '' : JSON.stringify(result.problems));
  return result.statement;
}

test("the ambulance trust's £7,500 a year over a quarter is 90 days ÷ 365 of it", () => {
  const statement = statementOf({});
  // 7,500 × 90 ÷ 365 = 1,849.3150… → £1,849.32.
  assert.deepEqual(statement.lines, [
    {
      client: 'ambulance-trust',
      line: 'fee',
      date: '2027-01-01',
      caseReference: '',
      service: '',
      contractReference: 'AMB-2027',
      pence: 184932,
    },
  ]);
  assert.equal(statement.totalPence, 184932);
  // The next quarter has 91 days: 7,500 × 91 ÷ 365 = 1,869.8630… → £1,869.86.
  assert.equal(statementOf({ from: '2027-04-01', to: '2027-06-30' }).totalPence, 186986);
});

test('a fee counts only the days of the period within the contract, one line per contract', () => {
  const renewed: RechargeContract = {
    ...ambulance,
    reference: 'AMB-2027B',
    startsOn: '2027-02-15',
    endsOn: null,
    annualFeeGbp: '9125',
  };
  const ended: RechargeContract = { ...ambulance, endsOn: '2027-02-14' };
  const lines = statementOf({ contracts: [renewed, ended] }).lines;
  // 1 January to 14 February is 45 days: 7,500 × 45 ÷ 365 = 924.6575… → £924.66.
  // 15 February to 31 March is 45 days: 9,125 × 45 ÷ 365 = 1,125.00.
  assert.deepEqual(
    lines.map((l) => [l.contractReference, l.date, l.pence]),
    [
      ['AMB-2027', '2027-01-01', 92466],
      ['AMB-2027B', '2027-02-15', 112500],
    ],
  );
  // A contract that ended before the period has no line.
  const before: RechargeContract = {
    ...ambulance,
    reference: 'AMB-2026',
    startsOn: '2026-01-01',
    endsOn: '2026-12-31',
  };
  assert.deepEqual(
    statementOf({ contracts: [before, ambulance] }).lines.map((l) => l.contractReference),
    ['AMB-2027'],
  );
});

test('appointments are charged at the contract price, else the catalogue price; no-shows and late cancellations at the non-attendance %', () => {
  const statement = statementOf({
    contracts: [{ ...ambulance, annualFeeGbp: '0' }],
    appointments: [
      { caseReference: 'OH-0003', date: '2027-02-10', service: 'PHYSIO', status: 'attended' },
      { caseReference: 'OH-0001', date: '2027-01-12', service: 'NURSE', status: 'attended' },
      { caseReference: 'OH-0002', date: '2027-01-20', service: 'DOCTOR', status: 'did_not_attend' },
      // Cancelled on the Monday for the Thursday: 3 working days' notice, in time.
      cancelled('OH-0004', '2027-02-18', 'DOCTOR', '2027-02-15'),
      // Cancelled on the Wednesday for the Thursday: late.
      cancelled('OH-0005', '2027-02-25', 'NURSE', '2027-02-24T09:15:00Z'),
      { caseReference: 'OH-0006', date: '2027-03-30', service: 'NURSE', status: 'booked' },
      // Outside the period.
      { caseReference: 'OH-0007', date: '2027-04-01', service: 'NURSE', status: 'attended' },
    ],
  });
  assert.deepEqual(briefly(statement.lines), [
    ['fee', '2027-01-01', '', '', 0],
    ['appointment', '2027-01-12', 'OH-0001', 'NURSE', 6000],
    ['non_attendance', '2027-01-20', 'OH-0002', 'DOCTOR', 9000],
    ['appointment', '2027-02-10', 'OH-0003', 'PHYSIO', 5550],
    ['non_attendance', '2027-02-25', 'OH-0005', 'NURSE', 3000],
  ]);
  assert.equal(statement.totalPence, 6000 + 9000 + 5550 + 3000);
});

test('a cancellation one working day before, with two days’ notice, is late across a bank holiday', () => {
  // Friday 30 April 2027 for Tuesday 4 May; Monday 3 May is the Early May bank holiday.
  const mayDay = new Set(['2027-05-03']);
  assert.equal(isLateCancellation('2027-04-30', '2027-05-04', 2, mayDay), true);
  assert.equal(
    isLateCancellation('2027-04-30', '2027-05-04', 2, none),
    false,
    'two working days without the holiday',
  );
  assert.equal(
    isLateCancellation('2027-04-29', '2027-05-04', 2, mayDay),
    false,
    'from the Thursday: Friday and Tuesday',
  );
  // Half past midnight in the UK on 30 April is still 29 April in UTC: the UK day counts.
  assert.equal(isLateCancellation('2027-04-29T23:30:00Z', '2027-05-04', 2, mayDay), true);
  assert.equal(
    isLateCancellation('2027-04-29 23:30:00+00', '2027-05-04', 2, mayDay),
    true,
    'as PostgreSQL writes it',
  );
  assert.equal(
    isLateCancellation('2027-04-29 22:30:00+00', '2027-05-04', 2, mayDay),
    false,
    '11.30pm on the Thursday',
  );
  // On the day, or after it, is late; with no notice nothing is late.
  assert.equal(isLateCancellation('2027-05-04', '2027-05-04', 1, none), true);
  assert.equal(isLateCancellation('2027-05-04T10:00:00+01:00', '2027-05-04', 0, none), false);

  const appointment = cancelled('OH-0010', '2027-05-04', 'NURSE', '2027-04-30T16:45:00+01:00');
  const period = { from: '2027-04-01', to: '2027-06-30', appointments: [appointment] };
  const charged = statementOf({ ...period, bankHolidays: mayDay }).lines.filter((l) => l.line !== 'fee');
  assert.deepEqual(
    charged.map((l) => [l.line, l.pence]),
    [['non_attendance', 3000]],
  );
  assert.deepEqual(
    statementOf(period).lines.filter((l) => l.line !== 'fee'),
    [],
  );
});

test('each line is rounded to the penny, half up, exactly; the total adds the rounded lines', () => {
  // £10.01 × 50% = 500.5p → 501p (binary floating point makes it 500.4999…).
  assert.equal(nonAttendancePence('10.01', '50'), 501);
  // £1.15 × 50% = 57.5p → 58p.
  assert.equal(nonAttendancePence('1.15', '50'), 58);
  // £25.25 × 50% = 1,262.5p → 1,263p (half up, not to even).
  assert.equal(nonAttendancePence('25.25', '50'), 1263);
  // £0.99 × 62.5% = 61.875p → 62p; £0.99 × 12.5% = 12.375p → 12p.
  assert.equal(nonAttendancePence('0.99', '62.5'), 62);
  assert.equal(nonAttendancePence('0.99', '12.5'), 12);

  const statement = statementOf({
    contracts: [{ ...ambulance, annualFeeGbp: '0', prices: new Map([['NURSE', '10.01']]) }],
    appointments: [
      { caseReference: 'OH-0020', date: '2027-01-05', service: 'NURSE', status: 'did_not_attend' },
      { caseReference: 'OH-0021', date: '2027-01-06', service: 'NURSE', status: 'did_not_attend' },
    ],
  });
  // Each 500.5p rounds to 501p: 1,002p, not round(1,001p).
  assert.equal(statement.totalPence, 1002);
});

test('an appointment is charged under the contract in force on its day', () => {
  const first: RechargeContract = { ...ambulance, endsOn: '2027-01-31', annualFeeGbp: '0' };
  const second: RechargeContract = {
    ...ambulance,
    reference: 'AMB-2027B',
    startsOn: '2027-02-01',
    annualFeeGbp: '0',
    prices: new Map(),
    nonAttendancePct: '100',
    cancellationNoticeDays: 5,
  };
  const lines = statementOf({
    contracts: [first, second],
    appointments: [
      { caseReference: 'OH-0030', date: '2027-01-31', service: 'NURSE', status: 'did_not_attend' },
      { caseReference: 'OH-0031', date: '2027-02-01', service: 'NURSE', status: 'did_not_attend' },
      // Three working days' notice: in time under the first contract, late under the second.
      cancelled('OH-0032', '2027-01-29', 'NURSE', '2027-01-26'),
      cancelled('OH-0033', '2027-02-05', 'NURSE', '2027-02-02'),
    ],
  }).lines.filter((l) => l.line !== 'fee');
  assert.deepEqual(
    lines.map((l) => [l.caseReference, l.contractReference, l.pence]),
    [
      ['OH-0030', 'AMB-2027', 3000],
      ['OH-0031', 'AMB-2027B', 7500],
      ['OH-0033', 'AMB-2027B', 7500],
    ],
  );
});

test('pre-employment assessments are charged once, when completed, and their appointments not at all', () => {
  const connexions: RechargeContract = {
    reference: 'CNX-1',
    startsOn: '2026-10-01',
    endsOn: '2027-09-30',
    annualFeeGbp: '0',
    prices: new Map([['PRE-MED', '85.00']]),
    nonAttendancePct: '100',
    cancellationNoticeDays: 2,
  };
  const doctor = { service: 'DOCTOR', preEmployment: true } as const;
  const statement = statementOf({
    client: 'connexions',
    contracts: [connexions],
    appointments: [
      { ...doctor, caseReference: 'PE-0001', date: '2027-01-14', status: 'attended' },
      { ...doctor, caseReference: 'PE-0002', date: '2027-01-15', status: 'did_not_attend' },
    ],
    preEmployment: [
      { caseReference: 'PE-0001', service: 'PRE-MED', completedOn: '2027-01-20' },
      { caseReference: 'PE-0003', service: 'PRE-MED', completedOn: '2027-03-31' },
      { caseReference: 'PE-0004', service: 'DOCTOR', completedOn: '2027-03-02' },
      { caseReference: 'PE-0005', service: 'PRE-MED', completedOn: '2027-04-01' },
    ],
  });
  assert.deepEqual(briefly(statement.lines), [
    ['fee', '2027-01-01', '', '', 0],
    ['pre_employment', '2027-01-20', 'PE-0001', 'PRE-MED', 8500],
    ['pre_employment', '2027-03-02', 'PE-0004', 'DOCTOR', 18000],
    ['pre_employment', '2027-03-31', 'PE-0003', 'PRE-MED', 8500],
  ]);
});

test('a charge with no contract in force, or no price, is a problem the caller reports, with no statement', () => {
  const result = rechargeStatement(
    input({
      contracts: [{ ...ambulance, startsOn: '2027-02-01' }],
      appointments: [
        { caseReference: 'OH-0040', date: '2027-01-18', service: 'NURSE', status: 'attended' },
        { caseReference: 'OH-0041', date: '2027-02-18', service: 'MYSTERY', status: 'did_not_attend' },
        { caseReference: 'OH-0042', date: '2027-02-19', service: 'NURSE', status: 'cancelled' },
      ],
      preEmployment: [{ caseReference: 'PE-0040', service: 'PRE-MED', completedOn: '2027-01-29' }],
    }),
  );
  assert.equal(result.ok, false);
  assert.deepEqual(result.ok ? [] : result.problems, [
    {
      caseReference: 'OH-0040',
      date: '2027-01-18',
      service: 'NURSE',
      message: 'No contract with ambulance-trust is in force on 2027-01-18.',
    },
    {
      caseReference: 'OH-0041',
      date: '2027-02-18',
      service: 'MYSTERY',
      message: 'Neither contract AMB-2027 nor the catalogue prices MYSTERY.',
    },
    {
      caseReference: 'OH-0042',
      date: '2027-02-19',
      service: 'NURSE',
      message: 'A cancelled appointment has no date of cancelling.',
    },
    {
      caseReference: 'PE-0040',
      date: '2027-01-29',
      service: 'PRE-MED',
      message: 'No contract with ambulance-trust is in force on 2027-01-29.',
    },
  ]);
  const overlapping = rechargeStatement(
    input({
      contracts: [ambulance, { ...ambulance, reference: 'AMB-X', startsOn: '2027-03-01' }],
      appointments: [{ caseReference: 'OH-0043', date: '2027-03-02', service: 'NURSE', status: 'attended' }],
    }),
  );
  assert.deepEqual(overlapping.ok ? [] : overlapping.problems.map((p) => p.message), [
    'More than one contract with ambulance-trust is in force on 2027-03-02: AMB-2027, AMB-X.',
  ]);
  assert.throws(
    () => rechargeStatement(input({ contracts: [{ ...ambulance, annualFeeGbp: '£7,500' }] })),
    RangeError,
  );
});

test('the oh-recharges rows: SPEC §7 columns, each client’s lines then its TOTAL, clients in order', () => {
  const ambulanceStatement = statementOf({
    appointments: [
      { caseReference: 'OH-0050', date: '2027-02-03', service: 'NURSE', status: 'did_not_attend' },
    ],
  });
  const connexions: RechargeStatement = {
    client: 'connexions',
    from: '2027-01-01',
    to: '2027-03-31',
    lines: [],
    totalPence: 0,
  };
  assert.deepEqual(rechargeRows([connexions, ambulanceStatement]), [
    {
      client: 'ambulance-trust',
      line: 'fee',
      date: '2027-01-01',
      case_reference: '',
      service: '',
      amount_gbp: '1849.32',
    },
    {
      client: 'ambulance-trust',
      line: 'non_attendance',
      date: '2027-02-03',
      case_reference: 'OH-0050',
      service: 'NURSE',
      amount_gbp: '30.00',
    },
    {
      client: 'ambulance-trust',
      line: 'TOTAL',
      date: '',
      case_reference: '',
      service: '',
      amount_gbp: '1879.32',
    },
    { client: 'connexions', line: 'TOTAL', date: '', case_reference: '', service: '', amount_gbp: '0.00' },
  ]);
  assert.equal(formatPence(5), '0.05');
  assert.equal(formatPence(123456789), '1234567.89');
  assert.equal(formatPence(-250), '-2.50');
});
