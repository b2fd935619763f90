/**
 * The person-centred workflow through the pages people use: a sickness ends, its welcome-back
 * review falls due for the line manager (on their task list and by email), the manager holds
 * it, the employee comments and confirms; an action plan is agreed and reviewed; the employee
 * keeps an adjustments passport and chooses to share it. Each record is visible to exactly the
 * people allowed. Runs on PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import { addDays } from '../../domain/dates.ts';
import { today } from '../../domain/today.ts';
import { HttpSession } from '../../testing/browser-session.ts';
import { assertEmail } from '../../testing/email-checks.ts';
import {
  createTestAccount,
  createTestOrganisation,
  createTestPeople,
  dateFields,
  personRow,
} from '../../testing/factories.ts';
import { openTestApp } from '../../testing/test-services.ts';
import { ukDate } from '../../web/nunjucks.ts';
import { people as peopleTable } from '../people/people-schema.ts';

const { services, app } = await openTestApp();

async function setUp() {
  const organisation = await createTestOrganisation(services);
  await createTestPeople(services, organisation.id, [
    personRow({ employeeNumber: 'M1', firstName: 'Grace', lastName: 'Adebayo', startDate: '2020-01-06' }),
    personRow({ employeeNumber: 'M2', firstName: 'Owen', lastName: 'Price', startDate: '2020-01-06' }),
    personRow({
      employeeNumber: 'E1',
      firstName: 'Pat',
      lastName: 'Kowalski',
      managerEmployeeNumber: 'M1',
      startDate: '2020-01-06',
    }),
  ]);
  const accounts = {
    manager: await createTestAccount(services, organisation.id, ['line_manager'], { employeeNumber: 'M1' }),
    otherManager: await createTestAccount(services, organisation.id, ['line_manager'], {
      employeeNumber: 'M2',
    }),
    employee: await createTestAccount(services, organisation.id, ['employee'], { employeeNumber: 'E1' }),
    hr: await createTestAccount(services, organisation.id, ['hr']),
    admin: await createTestAccount(services, organisation.id, ['organisation_admin']),
  };
  const ids = await services.database.scoped({ organisationIds: [organisation.id] }, (db) =>
    db.select({ id: peopleTable.id, employeeNumber: peopleTable.employeeNumber }).from(peopleTable),
  );
  const id = (n: string) => ids.find((p) => p.employeeNumber === n)!.id;
  const session = async (a: { email: string; password: string }) => {
    const signedIn = await new HttpSession(app).signIn(a.email, a.password);
    await signedIn.get('/'); // a page with a form, for the CSRF token, as a browser would have
    return signedIn;
  };
  return {
    o: organisation.slug,
    organisationId: organisation.id,
    employeeId: id('E1'),
    managerEmail: accounts.manager.email,
    employeeEmail: accounts.employee.email,
    manager: await session(accounts.manager),
    otherManager: await session(accounts.otherManager),
    employee: await session(accounts.employee),
    hr: await session(accounts.hr),
    admin: await session(accounts.admin),
  };
}

test('a sickness ends, the review falls due, the manager holds it and the employee confirms it', async () => {
  const s = await setUp();
  const firstDay = addDays(today(), -12);
  const lastDay = addDays(today(), -2);

  // HR keeps the support directory the review signposts from.
  const added = await s.hr.post(`/o/${s.o}/support-directory/new`, {
    kind: 'eap',
    name: 'Care First EAP',
    contact: '0800 174 319',
    description: 'Confidential counselling, day and night',
    active: 'yes',
  });
  assert.equal(added.statusCode, 302, added.$('.govuk-error-summary').text());
  const badService = await s.hr.post(`/o/${s.o}/support-directory/new`, {
    kind: 'psychic',
    name: '',
    active: 'maybe',
  });
  assert.equal(badService.statusCode, 400);
  assert.match(badService.$('.govuk-error-summary').text(), /Choose the kind of support/);
  assert.match(badService.$('.govuk-error-summary').text(), /Enter the name of the service/);

  // The employee reports sickness, then their return.
  const reported = await s.employee.post(`/o/${s.o}/my/absence/report-sickness`, {
    ...dateFields('startDate', firstDay),
    reasonCode: 'S12',
    workRelated: 'no',
    wentHome: 'no',
    certification: 'self',
  });
  assert.equal(reported.statusCode, 302, reported.$('.govuk-error-summary').text());
  const mine = await s.employee.get(`/o/${s.o}/my/absence`);
  const imBack = mine.$('a:contains("Tell us you are back")').attr('href');
  assert.ok(imBack);
  const back = await s.employee.post(imBack, {
    back: 'other',
    ...dateFields('returnDate', addDays(lastDay, 1)),
  });
  assert.equal(back.statusCode, 302, back.$('.govuk-error-summary').text());

  // The review is due for the line manager: on their task list, and by email.
  const home = await s.manager.get('/');
  const task = home.$('a:contains("Hold Pat Kowalski’s welcome-back review")');
  assert.equal(task.length, 1, home.$('main').text());
  const reviewUrl = task.attr('href')!;
  // The manager was told of the sickness when it was reported, and now of the review.
  const toManager = services.mailer.outbox.filter((m) => m.to === s.managerEmail);
  assert.match(toManager[0]?.subject ?? '', /^Pat Kowalski is off sick from /);
  const email = toManager.find((m) => /welcome-back/.test(m.subject));
  assert.ok(email, 'the manager is emailed');
  const health = /S12|musculoskeletal|back pain|reason|work-related/i;
  assertEmail(email, {
    names: 'Pat Kowalski',
    links: [`${services.config.publicUrl}${reviewUrl}`],
    never: health,
  });
  assert.match(email.text, /^Hello Grace,/);
  const [row] = await services.database.scoped({ organisationIds: [s.organisationId] }, (db) =>
    queryRows<{ due_date: string }>(
      db,
      sql`select due_date::text from welcome_back_reviews where person_id = ${s.employeeId}`,
    ),
  );
  assert.ok(row && row.due_date > lastDay, 'due working days after the last day off');
  // The person page lists it, with where it stands.
  const reviewOnPersonPage = async () => {
    const page = await s.manager.get(`/o/${s.o}/people/${s.employeeId}`);
    const link = page.$(`a[href="${reviewUrl}"]`);
    return { text: link.text(), status: link.parent().find('.govuk-tag').text().trim() };
  };
  assert.deepEqual(await reviewOnPersonPage(), { text: `Review due ${ukDate(row.due_date)}`, status: 'Due' });

  // Nobody outside the reporting line or HR sees it.
  assert.equal((await s.otherManager.get(reviewUrl)).statusCode, 404);
  assert.equal((await s.admin.get(reviewUrl)).statusCode, 403);
  assert.equal(
    (await s.hr.get('/o/' + s.o + '/welcome-back-reviews')).$('main').text().includes('Pat Kowalski'),
    true,
  );

  // The manager holds the review; an empty form says what is missing and saves nothing.
  const form = await s.manager.get(reviewUrl);
  assert.equal(form.statusCode, 200);
  const eap = form.$('input[name="supportOffered"]').attr('value');
  assert.ok(eap);
  const empty = await s.manager.post(reviewUrl, {});
  assert.equal(empty.statusCode, 400);
  const problems = empty.$('.govuk-error-summary').text();
  assert.match(problems, /Enter the date of the review/);
  assert.match(problems, /Enter how the person is/);
  assert.match(problems, /Say whether an action plan follows/);
  const held = await s.manager.post(reviewUrl, {
    ...dateFields('heldOn', today()),
    howTheyAre: 'Much better; some back pain when lifting',
    affectingWellbeing: 'Caring for a parent',
    supportOffered: [eap],
    supportNotes: 'Signposted to the EAP for carers’ support',
    adjustmentsDiscussed: 'No lifting for four weeks',
    actionPlanFollows: 'yes',
    ohReferralFollows: 'no',
    agreedNotes: 'Back on amended duties; review in four weeks',
  });
  assert.equal(held.statusCode, 302, held.$('.govuk-error-summary').text());
  const ready = services.mailer.outbox.findLast(
    (m) => m.to === s.employeeEmail && /welcome-back review/.test(m.subject),
  );
  const myReview = assertEmail(ready, { names: 'Pat Kowalski', links: [], never: health });
  assert.equal(myReview.subject, 'Pat Kowalski, your welcome-back review is ready to read');
  assert.match(myReview.text, /^Hello Pat Kowalski,/);
  assert.match(
    myReview.html,
    new RegExp(`href="${services.config.publicUrl}/o/${s.o}/my/welcome-back-reviews/\\d+"`),
  );

  // The employee reads it, comments and confirms; after that it cannot be changed.
  const employeeHome = await s.employee.get('/');
  const confirmLink = employeeHome.$('a:contains("Read and confirm your welcome-back review")').attr('href');
  assert.ok(confirmLink);
  const mineReview = await s.employee.get(confirmLink);
  assert.match(mineReview.$('main').text(), /Care First EAP/);
  const confirmed = await s.employee.post(confirmLink, {
    comments: 'Thank you for the support',
    confirm: 'yes',
  });
  assert.equal(confirmed.statusCode, 302);
  assert.equal((await reviewOnPersonPage()).status, 'Confirmed');
  const after = await s.manager.get(reviewUrl);
  assert.match(after.$('main').text(), /Thank you for the support/);
  assert.match(after.$('main').text(), /Confirmed/);
  const late = await s.manager.post(reviewUrl, {
    ...dateFields('heldOn', today()),
    howTheyAre: 'x',
    actionPlanFollows: 'no',
    ohReferralFollows: 'no',
    agreedNotes: 'x',
  });
  assert.equal(late.statusCode, 400);

  // Another employee cannot open someone else's review through their own pages.
  const reviewId = confirmLink.split('/').at(-1);
  assert.equal((await s.manager.get(`/o/${s.o}/my/welcome-back-reviews/${reviewId}`)).statusCode, 403);

  // Reads of someone else's review and every change are audited.
  const events = await queryRows<{ action: string }>(
    services.database.system,
    sql`select action from audit_events where organisation_id = ${s.organisationId} order by id`,
  );
  const actions = events.map((e) => e.action);
  for (const expected of [
    'welcome-back-review.viewed',
    'welcome-back-review.completed',
    'welcome-back-review.confirmed',
  ]) {
    assert.ok(actions.includes(expected), `${expected} in ${actions.join(', ')}`);
  }
});

test('an action plan is agreed, seen by the employee and reviewed; a passport is shared by choice', async () => {
  const s = await setUp();
  const newPlan = `/o/${s.o}/people/${s.employeeId}/action-plans/new`;
  const bad = await s.manager.post(newPlan, { goal1What: 'Walk at lunchtime' });
  assert.equal(bad.statusCode, 400);
  const problems = bad.$('.govuk-error-summary').text();
  assert.match(problems, /Goal 1: say how progress will be measured/);
  assert.match(problems, /Say what support the organisation commits to/);
  assert.match(problems, /Enter the date of the first review/);
  const created = await s.manager.post(newPlan, {
    goal1What: 'Walk at lunchtime',
    goal1Measure: 'Three days a week, noted in a diary',
    goal1Owner: 'Pat',
    ...dateFields('goal1By', addDays(today(), 60)),
    supportCommitted: 'A protected lunch break and a later start on Mondays',
    ...dateFields('nextReviewDate', addDays(today(), 5)),
  });
  assert.equal(created.statusCode, 302, created.$('.govuk-error-summary').text());
  const planUrl = created.headers.location as string;
  const planEmail = assertEmail(
    services.mailer.outbox.findLast((m) => m.to === s.employeeEmail && /action plan/.test(m.subject)),
    { names: 'Pat Kowalski', links: [] },
  );
  assert.equal(planEmail.subject, 'Pat Kowalski, your action plan is ready to read');
  assert.match(
    planEmail.html,
    new RegExp(`href="${services.config.publicUrl}/o/${s.o}/my/action-plans/\\d+"`),
  );
  assert.equal((await s.otherManager.get(planUrl)).statusCode, 404);
  const person = await s.manager.get(`/o/${s.o}/people/${s.employeeId}`);
  const listed = person.$(`a[href="${planUrl}"]`);
  assert.equal(listed.text(), `Action plan of ${ukDate(today())}`);
  assert.match(listed.parent().text(), new RegExp(`active, next review ${ukDate(addDays(today(), 5))}`));

  // The review falls due within a week: it is on the manager's list.
  const home = await s.manager.get('/');
  assert.equal(home.$('a:contains("Review Pat Kowalski’s action plan")').length, 1);

  const mine = await s.employee.get(`/o/${s.o}/my/attendance`);
  const myPlan = mine.$('a:contains("Action plan of")').attr('href');
  assert.ok(myPlan);
  assert.equal(
    (await s.employee.post(myPlan, { comments: 'Happy with this', agree: 'yes' })).statusCode,
    302,
  );
  assert.match((await s.manager.get(planUrl)).$('main').text(), /Happy with this/);

  const reviewed = await s.manager.post(`${planUrl}/review`, {
    ...dateFields('heldOn', today()),
    progress: 'Walking three days most weeks',
    outcome: 'goals_met',
  });
  assert.equal(reviewed.statusCode, 302, reviewed.$('.govuk-error-summary').text());
  assert.match((await s.manager.get(planUrl)).$('main').text(), /The goals are met/);

  // The passport belongs to the employee: their manager sees it only once shared.
  const request = await s.employee.post(`/o/${s.o}/my/adjustments-passport/adjustments/new`, {
    adjustment: 'A chair with lumbar support',
    reason: 'Sitting for long makes my back hurt',
  });
  assert.equal(request.statusCode, 302);
  const passportUrl = `/o/${s.o}/people/${s.employeeId}/adjustments-passport`;
  assert.doesNotMatch((await s.manager.get(passportUrl)).$('main').text(), /lumbar support/);
  assert.match((await s.hr.get(passportUrl)).$('main').text(), /lumbar support/);
  assert.equal(
    (await s.employee.post(`/o/${s.o}/my/adjustments-passport/sharing`, { share: 'yes' })).statusCode,
    302,
  );
  const shared = await s.manager.get(passportUrl);
  assert.match(shared.$('main').text(), /Sitting for long makes my back hurt/);
  const form = shared.$('form[action*="adjustments-passport/"]').attr('action');
  assert.ok(form);
  assert.equal((await s.manager.post(form, { status: 'agreed' })).statusCode, 302);
  assert.match((await s.employee.get(`/o/${s.o}/my/adjustments-passport`)).$('main').text(), /Agreed/);
  assert.equal((await s.otherManager.get(passportUrl)).statusCode, 404);
});
