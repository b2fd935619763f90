import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  consentDateProblem,
  mayGiveConsent,
  mayWithdrawConsent,
  referralProgress,
  referrerMaySee,
  workingDaysOff,
  type ProgressFacts,
} from './oh-referrals.ts';

describe('consent to a referral', () => {
  it('may be given only to a management referral waiting for it', () => {
    assert.equal(mayGiveConsent({ kind: 'management', status: 'draft' }), true);
    for (const status of ['submitted', 'accepted', 'rejected', 'withdrawn', 'closed']) {
      assert.equal(mayGiveConsent({ kind: 'management', status }), false, status);
    }
    assert.equal(mayGiveConsent({ kind: 'self', status: 'draft' }), false);
  });

  it('may be withdrawn until OH has triaged the referral, and not after', () => {
    assert.equal(mayWithdrawConsent({ kind: 'management', status: 'draft' }), true);
    assert.equal(mayWithdrawConsent({ kind: 'management', status: 'submitted' }), true);
    assert.equal(mayWithdrawConsent({ kind: 'self', status: 'submitted' }), true);
    for (const status of ['accepted', 'rejected', 'withdrawn', 'closed']) {
      assert.equal(mayWithdrawConsent({ kind: 'management', status }), false, status);
    }
  });

  it('given in a meeting, is dated between the referral’s writing and today', () => {
    assert.equal(consentDateProblem('2026-12-03', '2026-12-01', '2026-12-07'), null);
    assert.equal(consentDateProblem('2026-12-01', '2026-12-01', '2026-12-07'), null);
    assert.equal(consentDateProblem('2026-12-07', '2026-12-01', '2026-12-07'), null);
    assert.match(consentDateProblem('2026-12-08', '2026-12-01', '2026-12-07') ?? '', /today or in the past/);
    assert.match(
      consentDateProblem('2026-11-30', '2026-12-01', '2026-12-07') ?? '',
      /on or after 1 December 2026/,
    );
  });
});

describe('who may see a referral', () => {
  const management = { kind: 'management', referredByUserId: 7 };
  it('never shows a self-referral to a manager or HR', () => {
    const self = { kind: 'self', referredByUserId: 7 };
    assert.equal(referrerMaySee(self, { userId: 1, relation: 'hr' }), false);
    assert.equal(referrerMaySee(self, { userId: 1, relation: 'manager' }), false);
    assert.equal(referrerMaySee(self, { userId: 7, relation: null }), false);
  });

  it('shows a management referral to HR, the reporting line, and the one who made it', () => {
    assert.equal(referrerMaySee(management, { userId: 1, relation: 'hr' }), true);
    assert.equal(referrerMaySee(management, { userId: 1, relation: 'manager' }), true);
    assert.equal(referrerMaySee(management, { userId: 7, relation: null }), true);
    assert.equal(referrerMaySee(management, { userId: 8, relation: null }), false);
  });
});

describe('a referral’s progress', () => {
  const base: ProgressFacts = {
    status: 'submitted',
    referredOn: '2026-11-02',
    triagedOn: null,
    rejectionReason: null,
    consentWithdrawnOn: null,
    closedOn: null,
    appointmentOn: null,
    report: null,
  };
  const texts = (facts: ProgressFacts, toEmployee = false) =>
    referralProgress(facts, toEmployee).map((s) => s.text);

  it('waits for consent as a draft, speaking to the employee on their page', () => {
    assert.deepEqual(texts({ ...base, status: 'draft', referredOn: null }), [
      'Waiting for the employee’s consent',
    ]);
    assert.deepEqual(texts({ ...base, status: 'draft', referredOn: null }, true), [
      'Waiting for your consent',
    ]);
  });

  it('goes from sent to triaged, to an appointment, to the report released', () => {
    assert.deepEqual(texts(base), [
      'Sent to occupational health on 2 November 2026',
      'Waiting to be triaged',
    ]);
    const accepted = { ...base, status: 'accepted', triagedOn: '2026-11-04' };
    assert.deepEqual(texts(accepted), [
      'Sent to occupational health on 2 November 2026',
      'Accepted on 4 November 2026',
      'Waiting for an appointment',
    ]);
    const booked = { ...accepted, appointmentOn: '2026-11-12' };
    assert.deepEqual(texts(booked).slice(2), ['Appointment on 12 November 2026', 'Report not yet released']);
    const released = {
      ...booked,
      report: { status: 'released', releasedOn: '2026-11-20', withheldOn: null },
    };
    assert.deepEqual(texts(released).slice(3), ['Report released on 20 November 2026']);
    assert.ok(referralProgress(released).every((s) => s.done));
  });

  it('says only that a report was withheld, and never that one is waiting with the employee', () => {
    const booked = { ...base, status: 'accepted', triagedOn: '2026-11-04', appointmentOn: '2026-11-12' };
    const withheld = {
      ...booked,
      report: { status: 'withheld', releasedOn: null, withheldOn: '2026-11-22' },
    };
    assert.equal(texts(withheld).at(-1), 'Report withheld by the employee on 22 November 2026');
    assert.equal(texts(withheld, true).at(-1), 'Report withheld by you on 22 November 2026');
    const reading = { ...booked, report: { status: 'with_employee', releasedOn: null, withheldOn: null } };
    assert.equal(texts(reading).at(-1), 'Report not yet released');
  });

  it('gives the reason a referral was not accepted, and ends with a withdrawal or closing', () => {
    const rejected = {
      ...base,
      status: 'rejected',
      triagedOn: '2026-11-03',
      rejectionReason: 'Please refer to the employee assistance programme',
    };
    assert.deepEqual(texts(rejected).slice(1), [
      'Not accepted on 3 November 2026: Please refer to the employee assistance programme',
    ]);
    assert.deepEqual(texts({ ...base, status: 'withdrawn', consentWithdrawnOn: '2026-11-03' }), [
      'Sent to occupational health on 2 November 2026',
      'Consent withdrawn on 3 November 2026',
    ]);
    const closed = { ...base, status: 'closed', triagedOn: '2026-11-04', closedOn: '2026-12-01' };
    assert.deepEqual(texts(closed).slice(1), ['Accepted on 4 November 2026', 'Closed on 1 December 2026']);
  });
});

describe('the working days of an absence', () => {
  it('counts Monday to Friday less bank holidays, an open absence to today', () => {
    // Monday 21 to Sunday 27 December 2026, with Christmas Day on the Friday.
    assert.equal(workingDaysOff('2026-12-21', '2026-12-27', '2027-01-10', new Set(['2026-12-25'])), 4);
    assert.equal(workingDaysOff('2026-12-21', '2026-12-27', '2027-01-10', new Set()), 5);
    assert.equal(workingDaysOff('2026-12-21', null, '2026-12-23', new Set()), 3);
    assert.equal(workingDaysOff('2026-12-26', '2026-12-27', '2027-01-10', new Set()), 0);
    assert.equal(workingDaysOff('2026-12-21', null, '2026-12-20', new Set()), 0);
  });
});
