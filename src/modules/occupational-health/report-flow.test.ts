/**
 * The fitness-for-work report through the pages each role uses: the clinician writes and sends
 * it; the employee who asked to see it first asks for corrections (one made, one declined as
 * opinion) and releases it, or withholds it; the referrer and HR are told by a link carrying no
 * content, see only what they may, and add its adjustments to the passport and action plan once.
 * Runs on PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import { ukDate } from '../../domain/date-words.ts';
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
import { actionPlansRepository } from '../action-plans/action-plans-repository.ts';
import { adjustmentsPassportRepository } from '../adjustments-passport/adjustments-passport-repository.ts';
import { workingDaysAfter } from '../calendar/bank-holidays-service.ts';
import { people as peopleTable } from '../people/people-schema.ts';
import type { Viewer } from './case-sections.ts';
import { ohServiceClients, ohServiceSettings } from './occupational-health-schema.ts';
import { findReferral, insertReferral } from './referrals-repository.ts';

const { services, app } = await openTestApp();
const QUESTIONS = ['Is the employee fit for their role?', 'What adjustments would help?'];
const ADJUSTMENTS = ['A phased return over 4 weeks', 'No night shifts until the review'];

async function setUp() {
  const provider = await createTestOrganisation(services, { name: 'Northshire Police' });
  const client = await createTestOrganisation(services, { name: 'Northshire Council' });
  await createTestPeople(services, client.id, [
    personRow({ employeeNumber: 'M1', firstName: 'Grace', lastName: 'Adebayo' }),
    personRow({ employeeNumber: 'M2', firstName: 'Owen', lastName: 'Price' }),
    personRow({ employeeNumber: 'E1', firstName: 'Pat', lastName: 'Kowalski', managerEmployeeNumber: 'M1' }),
    personRow({ employeeNumber: 'E2', firstName: 'Sam', lastName: 'Okafor', managerEmployeeNumber: 'M1' }),
  ]);
  await services.database.system.insert(ohServiceClients).values({
    providerOrganisationId: provider.id,
    clientOrganisationId: client.id,
    servedFrom: '2025-01-01',
  });
  const accounts = {
    clinician: await createTestAccount(services, provider.id, ['oh_clinician']),
    ohAdmin: await createTestAccount(services, provider.id, ['oh_admin']),
    manager: await createTestAccount(services, client.id, ['line_manager'], { employeeNumber: 'M1' }),
    otherManager: await createTestAccount(services, client.id, ['line_manager'], { employeeNumber: 'M2' }),
    employee: await createTestAccount(services, client.id, ['employee'], { employeeNumber: 'E1' }),
    colleague: await createTestAccount(services, client.id, ['employee'], { employeeNumber: 'E2' }),
    hr: await createTestAccount(services, client.id, ['hr']),
  };
  const ids = await services.database.scoped({ organisationIds: [client.id] }, (db) =>
    db.select({ id: peopleTable.id, employeeNumber: peopleTable.employeeNumber }).from(peopleTable),
  );
  const session = async (a: { email: string; password: string }) => {
    const signedIn = await new HttpSession(app).signIn(a.email, a.password);
    await signedIn.get('/'); // a page with a form, for the CSRF token, as a browser would have
    return signedIn;
  };
  const sessions = {
    clinician: await session(accounts.clinician),
    ohAdmin: await session(accounts.ohAdmin),
    manager: await session(accounts.manager),
    otherManager: await session(accounts.otherManager),
    employee: await session(accounts.employee),
    colleague: await session(accounts.colleague),
    hr: await session(accounts.hr),
  };
  /** An accepted management referral of Pat Kowalski by their manager, or a self-referral. */
  const referral = (kind: 'management' | 'self' = 'management') =>
    services.database.scoped({ organisationIds: [client.id] }, (db) =>
      insertReferral(db, {
        organisationId: client.id,
        providerOrganisationId: provider.id,
        personId: ids.find((p) => p.employeeNumber === 'E1')!.id,
        kind,
        referredByUserId: kind === 'management' ? accounts.manager.id : accounts.employee.id,
        referrerRelation: kind === 'management' ? 'manager' : 'self',
        personName: 'Pat Kowalski',
        jobTitle: 'Care Worker',
        personEmail: accounts.employee.email,
        reason: 'Back pain affecting moving and handling',
        questions: kind === 'management' ? QUESTIONS : [],
        serviceAsked: kind === 'self' ? 'physio' : null,
        status: 'accepted',
        consentGivenOn: '2026-10-01',
        consentRecordedBy: 'employee',
        referredOn: '2026-10-01',
        triagedOn: '2026-10-02',
        priority: 'routine',
        service: kind === 'self' ? 'physio' : 'nurse',
      }),
    );
  return { provider, client, accounts, sessions, referral };
}

type World = Awaited<ReturnType<typeof setUp>>;

const count = async (table: string, where = 'true') =>
  (
    await queryRows<{ n: number }>(
      services.database.system,
      sql.raw(`select count(*)::int as n from ${table} where ${where}`),
    )
  )[0]?.n;

async function reportOf(referralId: number) {
  const [row] = await queryRows<{
    id: number;
    status: string;
    review_ends_on: string | null;
    released_on: string | null;
    withheld_on: string | null;
    answers: { question: string; answer: string }[];
    adjustments_added_on: string | null;
  }>(services.database.system, sql`select * from oh_reports where referral_id = ${referralId}`);
  return row;
}

/**
 * The report's section on the page about the referral that the viewer uses (the OH service's
 * case page, the referrer's or the employee's page), in words; null when it is not shown.
 */
async function section(w: World, referralId: number, viewer: Viewer, clinician = false) {
  const [session, url] =
    viewer === 'service'
      ? [
          clinician ? w.sessions.clinician : w.sessions.ohAdmin,
          `/o/${w.provider.slug}/oh/cases/${referralId}`,
        ]
      : viewer === 'referrer'
        ? [w.sessions.manager, `/o/${w.client.slug}/oh-referrals/${referralId}`]
        : [w.sessions.employee, `/o/${w.client.slug}/my-occupational-health/referrals/${referralId}`];
  const page = await session.get(url);
  if (page.statusCode === 404) return null;
  assert.equal(page.statusCode, 200, url);
  const found = page.$('section[aria-labelledby="oh-report-heading"]');
  return found.length ? found.text().replace(/\s+/g, ' ') : null;
}

function goodReport(employeeSeesFirst: 'yes' | 'no') {
  return {
    outcome: 'fit_with_adjustments',
    adjustments: ADJUSTMENTS.join('\n'),
    'answer-0': 'Yes, with the adjustments below. They lift boxes daily.',
    'answer-1': 'A phased return and no night shifts.',
    disabilityLikely: 'unlikely',
    advice: 'Lower back strain, improving with physiotherapy.',
    ...dateFields('reviewOn', '2027-06-01'),
    employeeSeesFirst,
  };
}

test('the clinician writes the report; the employee has it corrected and releases it; the manager adds its adjustments once', async () => {
  const w = await setUp();
  const { sessions: s } = w;
  const referral = await w.referral();
  const reportUrl = `/o/${w.provider.slug}/oh/cases/${referral.id}/report`;

  // The clinician's form asks each of the referrer's questions; OH admin may not write reports.
  const form = await s.clinician.get(reportUrl);
  assert.equal(form.statusCode, 200);
  for (const q of QUESTIONS) assert.ok(form.$(`label:contains("${q}")`).length, q);
  assert.equal((await s.ohAdmin.get(reportUrl)).statusCode, 403);
  assert.equal((await s.manager.get(reportUrl.replace(w.provider.slug, w.client.slug))).statusCode, 403);

  // Bad input: every problem listed, nothing written.
  const empty = await s.clinician.post(reportUrl, {});
  assert.equal(empty.statusCode, 400);
  const problems = empty.$('.govuk-error-summary').text();
  for (const words of [
    /Choose the outcome/,
    /disability provisions/,
    /asked to see the report/,
    /Answer the question “Is the employee fit for their role\?”/,
    /Answer the question “What adjustments would help\?”/,
  ]) {
    assert.match(problems, words);
  }
  const unfit = await s.clinician.post(reportUrl, {
    ...goodReport('yes'),
    outcome: 'temporarily_unfit',
    ...dateFields('reviewOn', '2020-01-01'),
  });
  assert.equal(unfit.statusCode, 400);
  assert.match(unfit.$('.govuk-error-summary').text(), /likely to be able to return/);
  assert.match(unfit.$('.govuk-error-summary').text(), /review date must be in the future/);
  const noAdjustments = await s.clinician.post(reportUrl, { ...goodReport('yes'), adjustments: ' \n ' });
  assert.match(noAdjustments.$('.govuk-error-summary').text(), /Enter the adjustments you recommend/);
  assert.equal(await count('oh_reports'), 0);

  // A draft, seen by nobody but the service.
  const saved = await s.clinician.post(reportUrl, goodReport('yes'));
  assert.equal(saved.statusCode, 302, saved.$('.govuk-error-summary').text());
  assert.equal((await reportOf(referral.id))?.status, 'draft');
  const draftId = (await reportOf(referral.id))!.id;
  assert.equal(
    (await s.employee.get(`/o/${w.client.slug}/my-occupational-health/reports/${draftId}`)).statusCode,
    404,
  );
  assert.equal(await section(w, referral.id, 'referrer'), null, 'the referrer knows of no draft');
  assert.match((await section(w, referral.id, 'service', false)) ?? '', /Draft/);
  assert.doesNotMatch(
    (await section(w, referral.id, 'service', false)) ?? '',
    /phased return/,
    'OH admin: status only',
  );

  // Sending: the employee asked to see it first, so it goes to them for the review window.
  const sendUrl = `${reportUrl}/send`;
  await services.database.system
    .insert(ohServiceSettings)
    .values({ organisationId: w.provider.id, reportReviewWorkingDays: 3 });
  const sendPage = await s.clinician.get(sendUrl);
  assert.equal(sendPage.statusCode, 200);
  assert.equal(sendPage.$('#reviewDays').val(), '3', 'the service’s window is offered');
  for (const days of ['2', 'a week', '99', '']) {
    const bad = await s.clinician.post(sendUrl, { reviewDays: days });
    assert.equal(bad.statusCode, 400, days);
    assert.ok(bad.$('.govuk-error-summary').text().includes('working days'), days);
  }
  assert.equal((await reportOf(referral.id))?.status, 'draft', 'nothing sent');
  const sent = await s.clinician.post(sendUrl, { reviewDays: '5' });
  assert.equal(sent.statusCode, 302, sent.$('.govuk-error-summary').text());
  const withEmployee = await reportOf(referral.id);
  const reviewEnds = await workingDaysAfter(services.database.system, 'england-and-wales', today(), 5);
  assert.equal(withEmployee?.status, 'with_employee');
  assert.equal(withEmployee?.review_ends_on, reviewEnds);
  assert.equal(
    (await s.clinician.post(reportUrl, goodReport('no'))).statusCode,
    400,
    'a sent report is not rewritten',
  );

  const ownUrl = `/o/${w.client.slug}/my-occupational-health/reports/${draftId}`;
  const toEmployee = services.mailer.outbox.findLast((m) => m.to === w.accounts.employee.email);
  assertEmail(toEmployee, {
    names: 'Pat Kowalski',
    links: [`${services.config.publicUrl}${ownUrl}`],
    never: /phased return|night shifts|back strain/i,
  });
  assert.ok(
    !services.mailer.outbox.some((m) => m.to === w.accounts.manager.email),
    'the manager is not told yet',
  );
  const referrerSees = (await section(w, referral.id, 'referrer')) ?? '';
  assert.ok(referrerSees.includes(`with the employee for review until ${ukDate(reviewEnds)}`), referrerSees);
  assert.doesNotMatch(referrerSees, /phased return/);

  // The employee reads it, addressed as "you"; nobody else can through self-service.
  const mine = await s.employee.get(ownUrl);
  assert.equal(mine.statusCode, 200);
  assert.match(mine.$('main').text(), /You asked to see this report/);
  assert.match(mine.$('main').text(), /A phased return over 4 weeks/);
  assert.equal((await s.colleague.get(ownUrl)).statusCode, 404);
  assert.equal((await s.manager.get(ownUrl)).statusCode, 403);

  // Corrections: an empty request is refused; one of fact is corrected, one of opinion declined.
  const correctionsUrl = `${ownUrl}/corrections`;
  const emptyAsk = await s.employee.post(correctionsUrl, { request: '  ' });
  assert.equal(emptyAsk.statusCode, 400);
  assert.match(emptyAsk.$('.govuk-error-summary').text(), /Say which facts are wrong/);
  assert.equal(await count('oh_report_corrections'), 0);
  assert.equal(
    (await s.employee.post(correctionsUrl, { request: 'I lift boxes weekly, not daily.' })).statusCode,
    302,
  );
  assert.equal(
    (await s.employee.post(correctionsUrl, { request: 'I think I am fit without adjustments.' })).statusCode,
    302,
  );
  const [fact, opinion] = await queryRows<{ id: number }>(
    services.database.system,
    sql`select id from oh_report_corrections where report_id = ${draftId} order by id`,
  );
  assert.ok(fact && opinion);
  const factUrl = `${reportUrl}/corrections/${fact.id}`;
  const opinionUrl = `${reportUrl}/corrections/${opinion.id}`;
  assertEmail(
    services.mailer.outbox.findLast((m) => m.to === w.accounts.clinician.email),
    {
      names: 'Pat Kowalski',
      links: [`${services.config.publicUrl}${opinionUrl}`],
      never: /weekly|fit without/i,
    },
  );
  assert.match((await section(w, referral.id, 'service', true)) ?? '', /Answer the correction asked on/);
  assert.equal((await s.ohAdmin.get(factUrl)).statusCode, 403);
  const factPage = await s.clinician.get(factUrl);
  assert.equal(factPage.statusCode, 200);
  assert.match(factPage.$('main').text(), /I lift boxes weekly/);
  const unanswered = await s.clinician.post(factUrl, {});
  assert.equal(unanswered.statusCode, 400);
  assert.match(unanswered.$('.govuk-error-summary').text(), /Choose whether you correct the facts/);
  assert.match(unanswered.$('.govuk-error-summary').text(), /Say what you changed/);
  const unchanged = await s.clinician.post(factUrl, {
    decision: 'corrected',
    answer: 'Corrected how often you lift.',
    'answer-0': goodReport('yes')['answer-0'],
    'answer-1': goodReport('yes')['answer-1'],
    advice: goodReport('yes').advice,
  });
  assert.equal(unchanged.statusCode, 400);
  assert.match(unchanged.$('.govuk-error-summary').text(), /Change the facts/);
  assert.equal(await count('oh_report_versions'), 0);
  assert.equal(await count('oh_report_corrections', `status = 'open'`), 2);
  const corrected = await s.clinician.post(factUrl, {
    decision: 'corrected',
    answer: 'Corrected how often you lift.',
    'answer-0': 'Yes, with the adjustments below. They lift boxes weekly.',
    'answer-1': goodReport('yes')['answer-1'],
    advice: goodReport('yes').advice,
  });
  assert.equal(corrected.statusCode, 302, corrected.$('.govuk-error-summary').text());
  const declined = await s.clinician.post(opinionUrl, {
    decision: 'declined',
    answer: 'Whether adjustments are needed is my clinical opinion.',
  });
  assert.equal(declined.statusCode, 302, declined.$('.govuk-error-summary').text());
  assert.equal(
    (await s.clinician.post(opinionUrl, { decision: 'declined', answer: 'Again' })).statusCode,
    400,
  );
  const amended = await reportOf(referral.id);
  assert.equal(amended?.answers[0]?.answer, 'Yes, with the adjustments below. They lift boxes weekly.');
  const versions = await queryRows<{
    why: string;
    before: { answers: { answer: string }[]; outcome: string };
  }>(services.database.system, sql`select why, before from oh_report_versions where report_id = ${draftId}`);
  assert.equal(versions.length, 1, 'the declined correction changed nothing');
  assert.equal(versions[0]?.why, 'Corrected how often you lift.');
  assert.match(versions[0]?.before.answers[0]?.answer ?? '', /daily/);
  const history = await s.clinician.get(reportUrl);
  assert.match(history.$('main').text(), /Earlier versions/);
  assert.match(history.$('main').text(), /They lift boxes daily/);
  assert.match(history.$('main').text(), /Not changed: a matter of clinical opinion/);
  const answeredMine = await s.employee.get(ownUrl);
  assert.match(answeredMine.$('main').text(), /Whether adjustments are needed is my clinical opinion/);
  assert.match(answeredMine.$('main').text(), /weekly/);

  // The employee releases it: the referrer and HR are emailed a link, with nothing of the report.
  assert.equal((await s.employee.post(`${ownUrl}/release`, {})).statusCode, 302);
  assert.equal((await reportOf(referral.id))?.status, 'released');
  assert.equal((await s.employee.post(`${ownUrl}/withhold`, {})).statusCode, 400, 'released is final');
  const referralLink = `${services.config.publicUrl}/o/${w.client.slug}/oh-referrals/${referral.id}`;
  for (const to of [w.accounts.manager.email, w.accounts.hr.email]) {
    assertEmail(
      services.mailer.outbox.findLast((m) => m.to === to),
      {
        names: 'Pat Kowalski',
        links: [referralLink],
        never: /phased return|night shifts|back strain|weekly/i,
      },
    );
  }
  assert.ok(!services.mailer.outbox.some((m) => m.to === w.accounts.otherManager.email));
  const released = (await section(w, referral.id, 'referrer')) ?? '';
  assert.match(released, /A phased return over 4 weeks/);
  assert.match(released, /Add these adjustments/);
  assert.match((await section(w, referral.id, 'employee')) ?? '', /Your report was released on/);

  // Adding the adjustments: not for a manager outside the reporting line; once, for the manager.
  const addUrl = `/o/${w.client.slug}/oh-referrals/${referral.id}/adjustments`;
  assert.equal((await s.otherManager.post(addUrl, {})).statusCode, 404);
  assert.equal((await s.employee.post(addUrl, {})).statusCode, 403);
  const personId = (await findReferralAs(w, referral.id)).personId;
  const added = await s.manager.post(addUrl, {});
  assert.equal(added.statusCode, 302);
  assert.equal(added.headers.location, `/o/${w.client.slug}/oh-referrals/${referral.id}`);
  const again = await s.hr.post(addUrl, {});
  assert.equal(again.statusCode, 302);
  const { passport, plans } = await services.database.scoped(
    { organisationIds: [w.client.id] },
    async (db) => ({
      passport: await adjustmentsPassportRepository(db, w.client.id).adjustments(personId),
      plans: await actionPlansRepository(db, w.client.id).forPerson(personId),
    }),
  );
  assert.deepEqual(
    passport.map((a) => a.adjustment),
    ADJUSTMENTS,
    'added to the passport once',
  );
  assert.ok(passport.every((a) => a.status === 'requested' && /occupational health/.test(a.reason)));
  assert.equal(plans.length, 1);
  assert.deepEqual(
    plans[0]?.goals.map((g) => g.what),
    ADJUSTMENTS,
    'and to the action plan once',
  );
  assert.equal((await reportOf(referral.id))?.adjustments_added_on, today());
  assert.match((await section(w, referral.id, 'referrer')) ?? '', /were added to their adjustments passport/);
});

async function findReferralAs(w: World, referralId: number) {
  return services.database.scoped(
    { organisationIds: [w.client.id] },
    async (db) => (await findReferral(db, referralId))!,
  );
}

test('a withheld report tells the referrer only that; a report the employee did not ask to see goes straight to the referrer', async () => {
  const w = await setUp();
  const { sessions: s } = w;

  const withheld = await w.referral();
  const reportUrl = `/o/${w.provider.slug}/oh/cases/${withheld.id}/report`;
  assert.equal((await s.clinician.post(reportUrl, goodReport('yes'))).statusCode, 302);
  assert.equal((await s.clinician.post(`${reportUrl}/send`, { reviewDays: '2' })).statusCode, 302);
  const reportId = (await reportOf(withheld.id))!.id;
  const sentMail = services.mailer.outbox.length;
  assert.equal(
    (await s.employee.post(`/o/${w.client.slug}/my-occupational-health/reports/${reportId}/withhold`, {}))
      .statusCode,
    302,
  );
  const after = await reportOf(withheld.id);
  assert.equal(after?.status, 'withheld');
  assert.equal(after?.withheld_on, today());
  assert.equal(services.mailer.outbox.length, sentMail, 'nobody is emailed the report');
  const referrerSees = (await section(w, withheld.id, 'referrer')) ?? '';
  assert.match(referrerSees, /The employee withheld the report/);
  assert.doesNotMatch(referrerSees, /phased return|back strain|Outcome/);
  assert.equal(
    (await s.hr.post(`/o/${w.client.slug}/oh-referrals/${withheld.id}/adjustments`, {})).statusCode,
    404,
  );
  assert.match(
    (await s.employee.get(`/o/${w.client.slug}/my-occupational-health/reports/${reportId}`)).$('main').text(),
    /You withheld this report on/,
  );

  const direct = await w.referral();
  const directUrl = `/o/${w.provider.slug}/oh/cases/${direct.id}/report`;
  assert.equal((await s.clinician.post(directUrl, goodReport('no'))).statusCode, 302);
  assert.equal((await s.clinician.post(`${directUrl}/send`, {})).statusCode, 302);
  const released = await reportOf(direct.id);
  assert.equal(released?.status, 'released');
  assert.equal(released?.released_on, today());
  assert.ok(services.mailer.outbox.slice(sentMail).some((m) => m.to === w.accounts.manager.email));
  assert.match((await section(w, direct.id, 'referrer')) ?? '', /A phased return over 4 weeks/);
});

test('a self-referral’s report is never shown to the manager or HR', async () => {
  const w = await setUp();
  const { sessions: s } = w;
  const own = await w.referral('self');
  const reportUrl = `/o/${w.provider.slug}/oh/cases/${own.id}/report`;
  const sentMail = services.mailer.outbox.length;
  assert.equal(
    (await s.clinician.post(reportUrl, { ...goodReport('no'), 'answer-0': '', 'answer-1': '' })).statusCode,
    302,
  );
  assert.equal((await s.clinician.post(`${reportUrl}/send`, {})).statusCode, 302);
  assert.equal((await reportOf(own.id))?.status, 'released');
  assert.equal(await section(w, own.id, 'referrer'), null);
  assert.ok(!services.mailer.outbox.slice(sentMail).some((m) => m.to !== w.accounts.employee.email));
  assert.equal(
    (await s.hr.post(`/o/${w.client.slug}/oh-referrals/${own.id}/adjustments`, {})).statusCode,
    404,
  );
  assert.match((await section(w, own.id, 'employee')) ?? '', /Read your report/);
});
