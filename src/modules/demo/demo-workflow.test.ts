import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addDays } from '../../domain/dates.ts';
import { shippedBankHolidays } from '../../reference/bank-holidays.ts';
import { demoAbsences } from './demo-absences.ts';
import { demoPartnership } from './demo-partnership.ts';
import { DEMO_OVERDUE_REVIEWS, demoCasePlans, demoReviewOutcomes } from './demo-workflow.ts';

const AS_OF = '2026-11-23';
const demo = demoPartnership();

test('most reviews already due are held on time, a few late, and a handful of recent ones left overdue', () => {
  const reviews = Array.from({ length: 400 }, (_, i) => ({
    id: i + 1,
    dueDate: addDays(AS_OF, 20 - i),
    employed: i % 50 !== 0,
  }));
  const { held, overdue } = demoReviewOutcomes('merrowby-council', reviews, AS_OF);
  assert.ok(overdue.length >= DEMO_OVERDUE_REVIEWS.fewest && overdue.length <= DEMO_OVERDUE_REVIEWS.most);
  const byId = new Map(reviews.map((r) => [r.id, r]));
  for (const id of overdue) {
    const review = byId.get(id)!;
    assert.ok(review.employed && review.dueDate < AS_OF && review.dueDate >= addDays(AS_OF, -28));
  }
  const pastDue = reviews.filter((r) => r.dueDate < AS_OF);
  assert.equal(held.length + overdue.length, pastDue.length, 'nothing not yet due is held');
  const onTime = held.filter((h) => h.record.heldOn <= byId.get(h.id)!.dueDate).length;
  assert.ok(onTime / held.length > 0.85 && onTime < held.length, `${onTime} of ${held.length} on time`);
  assert.ok(held.every((h) => h.record.heldOn < AS_OF && h.record.howTheyAre !== ''));
  assert.deepEqual(
    demoReviewOutcomes('merrowby-council', reviews, AS_OF),
    { held, overdue },
    'the same every time',
  );
});

for (const org of demo.organisations) {
  test(`${org.slug}: attendance cases at every stage, in the units on each policy`, () => {
    const holidays = new Set(
      shippedBankHolidays()
        .filter((h) => h.region === org.region)
        .map((h) => h.date),
    );
    const plans = demoCasePlans(org, demoAbsences(org, AS_OF, holidays), AS_OF);
    const meetings = plans.flatMap((p) => p.meetings);
    for (const stage of ['informal', 'first_formal', 'second_formal', 'final_formal']) {
      assert.ok(
        meetings.some((m) => m.stage === stage),
        stage,
      );
    }
    assert.ok(
      plans.some((p) => p.closed !== null),
      'a case closed',
    );
    assert.ok(
      meetings.some((m) => m.record === null && m.meetingDate > AS_OF),
      'a meeting to come',
    );
    assert.ok(
      meetings.filter((m) => m.record === null).every((m) => m.meetingDate > AS_OF),
      'every past meeting held',
    );
    for (const plan of plans) {
      assert.equal(plan.meetings[0]?.stage, 'informal', 'every case begins with an informal meeting');
      const dates = plan.meetings.map((m) => m.meetingDate);
      assert.deepEqual(dates, [...dates].sort(), 'stages in order');
      assert.ok(plan.meetings.every((m) => m.noticeGivenOn < m.meetingDate));
    }
    const holders = new Set(org.accounts.map((a) => a.employeeNumber));
    assert.ok(
      plans.every((p) => !holders.has(p.employeeNumber)),
      'never someone with a demo sign-in',
    );
    assert.equal(new Set(plans.map((p) => p.employeeNumber)).size, plans.length, 'one case each');
    if (org.unitPolicies.length > 0) {
      const policyOf = (employeeNumber: string) => {
        const path = org.people.find((p) => p.employeeNumber === employeeNumber)!.unitPath.join(' > ');
        return org.unitPolicies.some((u) => path === u.path || path.startsWith(`${u.path} > `));
      };
      assert.ok(
        plans.some((p) => policyOf(p.employeeNumber)) && plans.some((p) => !policyOf(p.employeeNumber)),
        'both policies',
      );
    }
  });
}
