/**
 * An audit event says who did what to which record, and which fields changed: never the words.
 * A passport's "about me", an adjustment's reason and an action plan's goals are health data,
 * and stay in their own records. Runs on PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { and, eq, inArray } from 'drizzle-orm';
import { auditEvents } from '../db/schema.ts';
import { people } from '../modules/people/people-schema.ts';
import { addDays } from '../domain/dates.ts';
import { today } from '../domain/today.ts';
import { HttpSession } from '../testing/browser-session.ts';
import {
  createTestAccount,
  createTestOrganisation,
  createTestPeople,
  dateFields,
  personRow,
} from '../testing/factories.ts';
import { openTestApp } from '../testing/test-services.ts';
import { changedFields, TEXT_WITHHELD, withoutFreeText } from './audit.ts';
import { paths } from './paths.ts';

const { services, app } = await openTestApp();

const WORDS = {
  aboutMe: 'I have type 1 diabetes and PTSD after an assault at work',
  adjustment: 'A quiet room to check my blood sugar',
  reason: 'My hypos come on without warning when I am stressed',
  goal: 'Attend the trauma counselling sessions every Tuesday',
  support: 'Paid time off for counselling appointments',
};

async function eventsOf(organisationId: number, actions: string[]) {
  return services.database.system
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.organisationId, organisationId), inArray(auditEvents.action, actions)));
}

function assertNoWords(detail: unknown) {
  const text = JSON.stringify(detail);
  for (const words of Object.values(WORDS)) {
    for (const word of ['diabetes', 'PTSD', 'blood sugar', 'hypos', 'counselling', words]) {
      assert.ok(!text.includes(word), `${text} keeps "${word}"`);
    }
  }
}

test('saving a passport, asking for an adjustment and agreeing a plan record which fields changed, not the words', async () => {
  const organisation = await createTestOrganisation(services);
  const person = personRow();
  await createTestPeople(services, organisation.id, [person]);
  const employeeAccount = await createTestAccount(services, organisation.id, ['employee'], {
    employeeNumber: person.employeeNumber,
  });
  const hrAccount = await createTestAccount(services, organisation.id, ['hr']);
  const employee = await new HttpSession(app).signIn(employeeAccount.email, employeeAccount.password);
  const hr = await new HttpSession(app).signIn(hrAccount.email, hrAccount.password);
  const org = organisation.slug;

  await employee.get(paths.organisation.myAdjustmentsPassport.build({ org }));
  const saved = await employee.post(paths.organisation.myAdjustmentsPassport.build({ org }), {
    aboutMe: WORDS.aboutMe,
    ...dateFields('reviewDate', addDays(today(), 90)),
  });
  assert.equal(saved.statusCode, 302, saved.body.slice(0, 500));
  await employee.get(paths.organisation.myNewAdjustment.build({ org }));
  const asked = await employee.post(paths.organisation.myNewAdjustment.build({ org }), {
    adjustment: WORDS.adjustment,
    reason: WORDS.reason,
  });
  assert.equal(asked.statusCode, 302, asked.body.slice(0, 500));

  const [found] = await services.database.system
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.organisationId, organisation.id), eq(people.employeeNumber, person.employeeNumber)));
  const personId = found?.id ?? 0;
  const planForm = paths.organisation.newActionPlan.build({ org, personId });
  await hr.get(planForm);
  const agreed = await hr.post(planForm, {
    goal1What: WORDS.goal,
    goal1Measure: 'Sessions attended',
    goal1Owner: 'Themselves',
    ...dateFields('goal1By', addDays(today(), 60)),
    supportCommitted: WORDS.support,
    ...dateFields('nextReviewDate', addDays(today(), 30)),
  });
  assert.equal(agreed.statusCode, 302, agreed.body.slice(0, 500));

  const events = await eventsOf(organisation.id, [
    'adjustments-passport.changed',
    'workplace-adjustment.requested',
    'action-plan.agreed',
  ]);
  assert.equal(events.length, 3);
  for (const event of events) assertNoWords(event.detail);
  const detail = (action: string) => events.find((e) => e.action === action)?.detail;
  assert.deepEqual(detail('adjustments-passport.changed'), {
    changed: ['aboutMe', 'reviewDate'],
    reviewDate: addDays(today(), 90),
  });
  assert.deepEqual(detail('workplace-adjustment.requested'), { personId, changed: ['adjustment', 'reason'] });
  assert.deepEqual(detail('action-plan.agreed'), {
    personId,
    changed: ['goals', 'supportCommitted', 'nextReviewDate'],
  });

  // Saving the passport again with only the date changed says just that.
  await employee.get(paths.organisation.myAdjustmentsPassport.build({ org }));
  await employee.post(paths.organisation.myAdjustmentsPassport.build({ org }), {
    aboutMe: WORDS.aboutMe,
    ...dateFields('reviewDate', addDays(today(), 120)),
  });
  const again = (await eventsOf(organisation.id, ['adjustments-passport.changed'])).map((e) => e.detail);
  assert.deepEqual(again.at(-1), { changed: ['reviewDate'], reviewDate: addDays(today(), 120) });
});

test('the names of the fields that changed, and any text withheld however it reaches an event', () => {
  assert.deepEqual(changedFields({ a: 'x', b: '', c: 1 }, { a: 'x', b: null, c: 2 }), ['c']);
  assert.deepEqual(changedFields(null, { a: 'words', b: '', c: [], d: 0 }), ['a', 'd']);
  assert.deepEqual(
    withoutFreeText({
      personId: 12,
      on: '2026-11-11',
      status: 'agreed',
      shared: true,
      notes: WORDS.reason,
      goals: [{ what: WORDS.goal, byWhen: '2027-01-31' }],
    }),
    {
      personId: 12,
      on: '2026-11-11',
      status: 'agreed',
      shared: true,
      notes: TEXT_WITHHELD,
      goals: [{ what: TEXT_WITHHELD, byWhen: '2027-01-31' }],
    },
  );
});
