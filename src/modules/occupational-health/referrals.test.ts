/**
 * Referrals to occupational health through the pages people use: the partnership admin marks
 * which organisations an OH service serves; a line manager or HR refers someone, and the referral
 * stays a draft until the employee consents (in self-service, or in a meeting the referrer
 * records); the employee may withdraw before triage, and the referrer is told only that; a
 * self-referral is never seen by the manager or HR. Runs on PGlite, and on PostgreSQL when
 * TEST_DATABASE_URL is set.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { and, eq } from 'drizzle-orm';
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
import { absences } from '../absences/absences-schema.ts';
import { people } from '../people/people-schema.ts';
import { caseSections, type SectionContext } from './case-sections.ts';
import { ohReferrals, ohServiceClients } from './occupational-health-schema.ts';

const { services, app } = await openTestApp();

const session = async (account: { email: string; password: string }) => {
  const signedIn = await new HttpSession(app).signIn(account.email, account.password);
  await signedIn.get('/'); // a page with a form, for the CSRF token, as a browser would have
  return signedIn;
};

/** A provider that serves itself, a client it will serve, and the client's people and accounts. */
async function setUp() {
  const provider = await createTestOrganisation(services, { name: 'Fellside Constabulary' });
  const client = await createTestOrganisation(services, { name: 'Fellside District Council' });
  await createTestPeople(services, client.id, [
    personRow({ employeeNumber: 'M1', firstName: 'Grace', lastName: 'Adebayo' }),
    personRow({ employeeNumber: 'M2', firstName: 'Owen', lastName: 'Price' }),
    personRow({
      employeeNumber: 'E1',
      firstName: 'Pat',
      lastName: 'Kowalski',
      jobTitle: 'Refuse Collector',
      email: 'pat.kowalski@fellside.example',
      managerEmployeeNumber: 'M1',
    }),
    personRow({ employeeNumber: 'E2', firstName: 'Aisha', lastName: 'Khan', managerEmployeeNumber: 'M2' }),
  ]);
  const accounts = {
    manager: await createTestAccount(services, client.id, ['line_manager'], { employeeNumber: 'M1' }),
    otherManager: await createTestAccount(services, client.id, ['line_manager'], { employeeNumber: 'M2' }),
    employee: await createTestAccount(services, client.id, ['employee'], { employeeNumber: 'E1' }),
    hr: await createTestAccount(services, client.id, ['hr']),
    admin: await createTestAccount(services, client.id, ['organisation_admin']),
    partnership: await createTestAccount(services, provider.id, ['partnership_admin']),
  };
  const ids = await services.database.scoped({ organisationIds: [client.id] }, (db) =>
    db
      .select({ id: people.id, number: people.employeeNumber })
      .from(people)
      .where(eq(people.organisationId, client.id)),
  );
  const id = (n: string) => ids.find((p) => p.number === n)?.id ?? 0;
  return {
    provider,
    client,
    o: client.slug,
    e1: id('E1'),
    e2: id('E2'),
    accounts,
    manager: await session(accounts.manager),
    otherManager: await session(accounts.otherManager),
    employee: await session(accounts.employee),
    hr: await session(accounts.hr),
    admin: await session(accounts.admin),
    partnership: await session(accounts.partnership),
  };
}

type Setup = Awaited<ReturnType<typeof setUp>>;

async function referralsOf(s: Setup) {
  return services.database.scoped({ organisationIds: [s.client.id] }, (db) =>
    db.select().from(ohReferrals).where(eq(ohReferrals.organisationId, s.client.id)).orderBy(ohReferrals.id),
  );
}

async function servingOf(organisationId: number) {
  return services.database.system
    .select()
    .from(ohServiceClients)
    .where(eq(ohServiceClients.clientOrganisationId, organisationId));
}

const errorSummary = (page: { $: (s: string) => { text(): string } }) =>
  page.$('.govuk-error-summary').text();

/** The partnership admin marks the provider as serving itself and the client. */
async function serve(s: Setup) {
  await s.partnership.get('/partnership/occupational-health/new');
  for (const clientId of [s.provider.id, s.client.id]) {
    const saved = await s.partnership.post('/partnership/occupational-health/new', {
      provider: String(s.provider.id),
      client: String(clientId),
      ...dateFields('servedFrom', '2025-01-01'),
    });
    assert.equal(saved.statusCode, 302, errorSummary(saved));
  }
}

const GOOD_REFERRAL = {
  reason: 'Pat has had three spells of back pain since October and finds lifting bins hard.',
  questions: ['Is the employee fit for their role?', 'What adjustments would help?'],
  ownQuestions: 'Could Pat drive the vehicle instead of loading it?',
  jobDemands: 'Lifting and pulling bins for eight hours a day, early starts, outdoor work in all weathers.',
  includeAbsence: 'yes',
};

test('the partnership admin marks which organisations an OH service serves, and ends it', async () => {
  const s = await setUp();
  const list = await s.partnership.get('/partnership/occupational-health');
  assert.equal(list.statusCode, 200);
  assert.match(list.$('main').text(), /No organisation is served/);
  // Bad input: every problem listed, nothing written.
  await s.partnership.get('/partnership/occupational-health/new');
  const bad = await s.partnership.post('/partnership/occupational-health/new', {
    provider: 'zzz',
    client: '',
    'servedFrom-day': '31',
    'servedFrom-month': '2',
    'servedFrom-year': '2026',
  });
  assert.equal(bad.statusCode, 400);
  assert.match(errorSummary(bad), /Choose the organisation whose OH service it is/);
  assert.match(errorSummary(bad), /Choose the organisation it serves/);
  assert.match(errorSummary(bad), /must be a real date/);
  assert.deepEqual(await servingOf(s.client.id), []);

  await serve(s);
  const served = await s.partnership.get('/partnership/occupational-health');
  const table = served.$('main').text();
  assert.match(table, /Fellside Constabulary’s OH service/);
  assert.match(table, /Fellside Constabulary \(its own staff\)/);
  assert.match(table, /Fellside District Council/);
  assert.match(table, /1 January 2025/);

  // An organisation is served by one OH service at a time.
  await s.partnership.get('/partnership/occupational-health/new');
  const twice = await s.partnership.post('/partnership/occupational-health/new', {
    provider: String(s.client.id),
    client: String(s.client.id),
    ...dateFields('servedFrom', '2026-04-01'),
  });
  assert.equal(twice.statusCode, 400);
  assert.match(
    errorSummary(twice),
    /already served by Fellside Constabulary’s OH service from 1 January 2025/,
  );
  assert.equal((await servingOf(s.client.id)).length, 1);

  // Ending: the last day served, on or after the first.
  const endUrl = `/partnership/occupational-health/${s.client.slug}/end`;
  assert.equal((await s.partnership.get(endUrl)).statusCode, 200);
  const early = await s.partnership.post(endUrl, dateFields('servedUntil', '2024-12-31'));
  assert.equal(early.statusCode, 400);
  assert.match(errorSummary(early), /on or after 1 January 2025/);
  const empty = await s.partnership.post(endUrl, {});
  assert.equal(empty.statusCode, 400);
  assert.match(errorSummary(empty), /Enter the last day served/);
  assert.equal((await servingOf(s.client.id))[0]?.servedUntil, null);
  const ended = await s.partnership.post(endUrl, dateFields('servedUntil', '2027-03-31'));
  assert.equal(ended.statusCode, 302, errorSummary(ended));
  assert.equal((await servingOf(s.client.id))[0]?.servedUntil, '2027-03-31');
  // Nothing left to end.
  assert.equal((await s.partnership.get(endUrl)).statusCode, 404);

  // Nobody else sees these pages, nor learns they exist.
  for (const other of [s.hr, s.admin, s.employee]) {
    assert.equal((await other.get('/partnership/occupational-health')).statusCode, 404);
  }
});

test('a manager’s referral stays a draft until the employee consents, and the manager is told only that consent was withdrawn', async () => {
  const s = await setUp();
  const newUrl = `/o/${s.o}/people/${s.e1}/oh-referrals/new`;

  // With no OH service serving the organisation, a referral is refused, and nothing is written.
  const unserved = await s.manager.get(newUrl);
  assert.equal(unserved.statusCode, 200);
  assert.match(unserved.$('main').text(), /No occupational health service serves your organisation/);
  const refused = await s.manager.post(newUrl, GOOD_REFERRAL);
  assert.equal(refused.statusCode, 400);
  assert.match(errorSummary(refused), /No occupational health service serves your organisation/);
  assert.deepEqual(await referralsOf(s), []);

  await serve(s);
  await services.database.scoped({ organisationIds: [s.client.id] }, (db) =>
    db.insert(absences).values({
      organisationId: s.client.id,
      personId: s.e1,
      type: 'sickness',
      // Monday to Friday, four weeks ago.
      startDate: '2026-10-05',
      endDate: '2026-10-09',
      reasonCode: 'S11',
    }),
  );

  // The form is linked from the person's page, and offers the absence history from their record.
  const personPage = await s.manager.get(`/o/${s.o}/people/${s.e1}`);
  assert.equal(personPage.$('a:contains("Refer to occupational health")').attr('href'), newUrl);
  const form = await s.manager.get(newUrl);
  assert.equal(form.statusCode, 200);
  assert.match(form.$('h1').text(), /Refer Pat Kowalski to occupational health/);
  assert.match(form.$('main').text(), /5 October 2026/);
  assert.equal(form.$('input[name="questions"]').length, 4);
  // Only HR and the person's reporting line may refer them.
  assert.equal((await s.otherManager.get(newUrl)).statusCode, 404);
  assert.equal((await s.admin.get(newUrl)).statusCode, 403);

  // Bad input: every problem, nothing written.
  const empty = await s.manager.post(newUrl, {});
  assert.equal(empty.statusCode, 400);
  for (const problem of [
    /Say why you are referring them/,
    /Choose at least one question/,
    /Describe the demands of their job/,
    /Say whether to include their absence history/,
  ]) {
    assert.match(errorSummary(empty), problem);
  }
  const madeUp = await s.manager.post(newUrl, { ...GOOD_REFERRAL, questions: 'Is Pat malingering?' });
  assert.equal(madeUp.statusCode, 400);
  assert.match(errorSummary(madeUp), /Choose questions from the list/);
  assert.equal(madeUp.$('#reason').text().trim(), GOOD_REFERRAL.reason, 'the answers are kept');
  assert.deepEqual(await referralsOf(s), []);

  const saved = await s.manager.post(newUrl, GOOD_REFERRAL);
  assert.equal(saved.statusCode, 302, errorSummary(saved));
  const referralUrl = String(saved.headers.location);
  const [draft] = await referralsOf(s);
  assert.ok(draft);
  assert.equal(referralUrl, `/o/${s.o}/oh-referrals/${draft.id}`);
  assert.equal(draft.status, 'draft');
  assert.equal(draft.kind, 'management');
  assert.equal(draft.referrerRelation, 'manager');
  assert.equal(draft.providerOrganisationId, s.provider.id);
  assert.equal(draft.referredOn, null);
  assert.equal(draft.personName, 'Pat Kowalski');
  assert.equal(draft.jobTitle, 'Refuse Collector');
  assert.equal(draft.personEmail, s.accounts.employee.email);
  assert.deepEqual(draft.questions, [
    'Is the employee fit for their role?',
    'What adjustments would help?',
    'Could Pat drive the vehicle instead of loading it?',
  ]);
  assert.deepEqual(draft.absenceHistory, [
    { startDate: '2026-10-05', endDate: '2026-10-09', reason: 'Back problems', workingDays: 5 },
  ]);

  // The employee is asked for consent by email, which says nothing of why.
  const ask = services.mailer.outbox.findLast((m) => m.to === s.accounts.employee.email);
  const link = `${services.config.publicUrl}/o/${s.o}/my-occupational-health/referrals/${draft.id}`;
  assertEmail(ask, { names: 'Pat Kowalski', links: [link], never: /back pain|lifting/i });

  // The parts of the service add their sections to the page, told who is looking.
  const asked: Pick<SectionContext, 'viewer' | 'clinician' | 'organisationSlug'>[] = [];
  caseSections.push({
    template: 'occupational-health/views/_progress.njk',
    load: async ({ viewer, clinician, organisationSlug, referral }) => {
      if (referral.id === draft.id) asked.push({ viewer, clinician, organisationSlug });
      return null;
    },
  });
  const waiting = await s.manager.get(referralUrl);
  assert.equal(waiting.statusCode, 200);
  assert.match(waiting.$('main').text(), /Waiting for the employee’s consent/);
  await s.employee.get(`/o/${s.o}/my-occupational-health/referrals/${draft.id}`);
  caseSections.pop();
  assert.deepEqual(asked, [
    { viewer: 'referrer', clinician: false, organisationSlug: s.o },
    { viewer: 'employee', clinician: false, organisationSlug: s.o },
  ]);

  // The employee reads the whole referral, then consents: it is linked from their own pages.
  const home = await s.employee.get('/');
  assert.equal(
    home.$('a:contains("My occupational health")').attr('href'),
    `/o/${s.o}/my-occupational-health`,
  );
  const attendance = await s.employee.get(`/o/${s.o}/my/attendance`);
  assert.equal(
    attendance.$('a:contains("My occupational health")').attr('href'),
    `/o/${s.o}/my-occupational-health`,
  );
  const mine = await s.employee.get(`/o/${s.o}/my-occupational-health`);
  assert.match(mine.$('main').text(), /Read it and give your consent/);
  const own = await s.employee.get(`/o/${s.o}/my-occupational-health/referrals/${draft.id}`);
  assert.equal(own.statusCode, 200);
  const text = own.$('main').text();
  for (const words of [
    GOOD_REFERRAL.reason,
    GOOD_REFERRAL.jobDemands,
    GOOD_REFERRAL.ownQuestions,
    'Back problems',
  ]) {
    assert.ok(text.includes(words), words);
  }
  assert.match(text, /Waiting for your consent/);
  const unconfirmed = await s.employee.post(
    `/o/${s.o}/my-occupational-health/referrals/${draft.id}/consent`,
    {},
  );
  assert.equal(unconfirmed.statusCode, 400);
  assert.match(errorSummary(unconfirmed), /Confirm that you have read the referral/);
  assert.equal((await referralsOf(s))[0]?.status, 'draft');
  const consented = await s.employee.post(`/o/${s.o}/my-occupational-health/referrals/${draft.id}/consent`, {
    confirmed: 'yes',
  });
  assert.equal(consented.statusCode, 302, errorSummary(consented));
  const [submitted] = await referralsOf(s);
  assert.equal(submitted?.status, 'submitted');
  assert.equal(submitted?.consentRecordedBy, 'employee');
  assert.equal(submitted?.consentGivenOn, today());
  assert.equal(submitted?.referredOn, today());
  const again = await s.employee.post(`/o/${s.o}/my-occupational-health/referrals/${draft.id}/consent`, {
    confirmed: 'yes',
  });
  assert.equal(again.statusCode, 400);
  assert.match(errorSummary(again), /not waiting for your consent/);

  const progress = await s.manager.get(referralUrl);
  assert.match(progress.$('main').text(), new RegExp(`Sent to occupational health on ${ukDate(today())}`));
  assert.match(progress.$('main').text(), /Waiting to be triaged/);

  // The employee withdraws before triage: the manager is emailed that, and not why.
  const withdrawn = await s.employee.post(
    `/o/${s.o}/my-occupational-health/referrals/${draft.id}/withdraw`,
    {},
  );
  assert.equal(withdrawn.statusCode, 302, errorSummary(withdrawn));
  const [after] = await referralsOf(s);
  assert.equal(after?.status, 'withdrawn');
  assert.equal(after?.consentWithdrawnOn, today());
  const told = services.mailer.outbox.findLast((m) => m.to === s.accounts.manager.email);
  assertEmail(told, {
    names: 'Pat Kowalski',
    links: [`${services.config.publicUrl}${referralUrl}`],
    never: /back pain|lifting|bins/i,
  });
  assert.match(told?.subject ?? '', /withdrawn consent/);
  assert.match((await s.manager.get(referralUrl)).$('main').text(), /Consent withdrawn on/);
  const twice = await s.employee.post(`/o/${s.o}/my-occupational-health/referrals/${draft.id}/withdraw`, {});
  assert.equal(twice.statusCode, 400);
});

test('HR records consent given in a meeting; each referrer sees only their referrals', async () => {
  const s = await setUp();
  await serve(s);
  const hrSaved = await s.hr.post(`/o/${s.o}/people/${s.e2}/oh-referrals/new`, {
    ...GOOD_REFERRAL,
    questions: 'When is a return likely?',
    ownQuestions: '',
    includeAbsence: 'no',
  });
  assert.equal(hrSaved.statusCode, 302, errorSummary(hrSaved));
  const referralUrl = String(hrSaved.headers.location);
  const [draft] = await referralsOf(s);
  assert.ok(draft);
  assert.equal(draft.referrerRelation, 'hr');
  assert.deepEqual(draft.absenceHistory, []);
  const consentUrl = `${referralUrl}/consent`;

  const page = await s.hr.get(referralUrl);
  assert.equal(page.statusCode, 200);
  assert.match(page.$('main').text(), /Record consent given in a meeting/);
  const empty = await s.hr.post(consentUrl, {});
  assert.equal(empty.statusCode, 400);
  assert.match(errorSummary(empty), /Enter the date of the meeting/);
  assert.match(errorSummary(empty), /Confirm that Aisha Khan read the whole referral/);
  const future = await s.hr.post(consentUrl, {
    ...dateFields('consentGivenOn', addDays(today(), 1)),
    confirmed: 'yes',
  });
  assert.equal(future.statusCode, 400);
  assert.match(errorSummary(future), /today or in the past/);
  const before = await s.hr.post(consentUrl, {
    ...dateFields('consentGivenOn', addDays(today(), -3)),
    confirmed: 'yes',
  });
  assert.equal(before.statusCode, 400);
  assert.match(errorSummary(before), /on or after .* when the referral was written/);
  assert.equal((await referralsOf(s))[0]?.status, 'draft');

  const recorded = await s.hr.post(consentUrl, {
    ...dateFields('consentGivenOn', today()),
    confirmed: 'yes',
  });
  assert.equal(recorded.statusCode, 302, errorSummary(recorded));
  const [submitted] = await referralsOf(s);
  assert.equal(submitted?.status, 'submitted');
  assert.equal(submitted?.consentRecordedBy, 'referrer');
  assert.equal(submitted?.consentGivenOn, today());
  assert.equal(submitted?.referredOn, today());
  assert.equal(
    (await s.hr.post(consentUrl, { ...dateFields('consentGivenOn', today()), confirmed: 'yes' })).statusCode,
    400,
  );

  // A manager's referral of someone in their line.
  const managerSaved = await s.manager.post(`/o/${s.o}/people/${s.e1}/oh-referrals/new`, GOOD_REFERRAL);
  assert.equal(managerSaved.statusCode, 302, errorSummary(managerSaved));

  // HR sees every management referral; each manager those of their reporting line.
  const names = async (who: HttpSession) => {
    const list = await who.get(`/o/${s.o}/oh-referrals`);
    return list
      .$('tbody a')
      .map((_, a) => list.$(a).text().trim())
      .get();
  };
  assert.deepEqual((await names(s.hr)).sort(), ['Aisha Khan', 'Pat Kowalski']);
  assert.deepEqual(await names(s.manager), ['Pat Kowalski']);
  assert.deepEqual(await names(s.otherManager), ['Aisha Khan']);
  assert.equal((await s.otherManager.get(referralUrl)).statusCode, 200);
  assert.equal((await s.manager.get(referralUrl)).statusCode, 404);
  assert.equal(
    (await s.manager.post(consentUrl, { ...dateFields('consentGivenOn', today()), confirmed: 'yes' }))
      .statusCode,
    404,
  );
  assert.equal((await s.admin.get(referralUrl)).statusCode, 403);
  // The employee reaches only their own referrals.
  assert.equal(
    (await s.employee.get(`/o/${s.o}/my-occupational-health/referrals/${draft.id}`)).statusCode,
    404,
  );
  assert.equal(
    (await s.employee.post(`/o/${s.o}/my-occupational-health/referrals/${draft.id}/withdraw`, {})).statusCode,
    404,
  );
  assert.equal((await referralsOf(s)).find((r) => r.id === draft.id)?.status, 'submitted');
});

test('a self-referral goes to OH at once, and the manager and HR never see it', async () => {
  const s = await setUp();
  const url = `/o/${s.o}/my-occupational-health/self-referral`;
  const unserved = await s.employee.get(url);
  assert.match(unserved.$('main').text(), /no occupational health service yet/);
  await serve(s);
  const form = await s.employee.get(url);
  assert.equal(form.statusCode, 200);
  assert.match(form.$('main').text(), /Your line manager and HR are not told/);
  const bad = await s.employee.post(url, { service: 'acupuncture', reason: '' });
  assert.equal(bad.statusCode, 400);
  assert.match(errorSummary(bad), /Choose physiotherapy or counselling/);
  assert.match(errorSummary(bad), /Say what you would like help with/);
  assert.deepEqual(await referralsOf(s), []);

  const sent = await s.employee.post(url, {
    service: 'counsellor',
    reason: 'I have not been sleeping since my father died.',
  });
  assert.equal(sent.statusCode, 302, errorSummary(sent));
  const [self] = await referralsOf(s);
  assert.ok(self);
  assert.equal(self.kind, 'self');
  assert.equal(self.status, 'submitted');
  assert.equal(self.serviceAsked, 'counsellor');
  assert.equal(self.referrerRelation, 'self');
  assert.equal(self.consentRecordedBy, 'employee');
  assert.equal(self.referredOn, today());

  const mine = await s.employee.get(`/o/${s.o}/my-occupational-health`);
  assert.match(mine.$('main').text(), /Self-referral to counselling/);
  const own = await s.employee.get(String(sent.headers.location));
  assert.equal(own.statusCode, 200);
  assert.match(own.$('main').text(), /I have not been sleeping/);

  for (const referrer of [s.manager, s.hr]) {
    const list = await referrer.get(`/o/${s.o}/oh-referrals`);
    assert.equal(list.statusCode, 200);
    assert.doesNotMatch(list.$('main').text(), /Pat Kowalski/);
    assert.equal((await referrer.get(`/o/${s.o}/oh-referrals/${self.id}`)).statusCode, 404);
  }
  // Nobody in the organisation was emailed about it.
  assert.equal(
    services.mailer.outbox.filter((m) => m.to === s.accounts.manager.email || m.to === s.accounts.hr.email)
      .length,
    0,
  );

  // Once OH has triaged it, consent can no longer be withdrawn here.
  await services.database.scoped({ organisationIds: [s.client.id] }, (db) =>
    db
      .update(ohReferrals)
      .set({ status: 'accepted', triagedOn: today() })
      .where(and(eq(ohReferrals.organisationId, s.client.id), eq(ohReferrals.id, self.id))),
  );
  const late = await s.employee.post(`/o/${s.o}/my-occupational-health/referrals/${self.id}/withdraw`, {});
  assert.equal(late.statusCode, 400);
  assert.match(errorSummary(late), /already taken up this referral/);
  assert.equal((await referralsOf(s))[0]?.status, 'accepted');
});
