/**
 * The OH service's casework pages, through HTTP: a provider's OH staff work the cases of their
 * own staff and of the organisations they serve, and nobody else's; the client's HR and managers
 * never reach the service's pages; triage, closing, the clinicians' professions and the settings
 * refuse bad input whole. Runs on PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { and, desc, eq } from 'drizzle-orm';
import { auditEvents } from '../../db/schema.ts';
import { addDays } from '../../domain/dates.ts';
import { today } from '../../domain/today.ts';
import { HttpSession } from '../../testing/browser-session.ts';
import { createTestAccount, createTestOrganisation } from '../../testing/factories.ts';
import { insertReferral } from '../../testing/oh-referrals.ts';
import { openTestApp } from '../../testing/test-services.ts';
import { visibleText as visibleLines } from '../../testing/visible-text.ts';
import {
  ohAppointments,
  ohClinicians,
  ohReferrals,
  ohReports,
  ohServiceClients,
  ohServiceSettings,
  ohSessions,
} from './occupational-health-schema.ts';
import { ohPaths } from './occupational-health-paths.ts';
import type { NewReferral } from './referrals-repository.ts';

const { services, app } = await openTestApp();
const visibleText = (body: string) => visibleLines(body).join('\n');
const TODAY = today();
const db = services.database.system;

async function setUp() {
  const provider = await createTestOrganisation(services, { name: 'Fellshire Police' });
  const client = await createTestOrganisation(services, { name: 'Fellshire Council' });
  const other = await createTestOrganisation(services, { name: 'Other Health Trust' });
  await db.insert(ohServiceClients).values([
    { providerOrganisationId: provider.id, clientOrganisationId: provider.id, servedFrom: '2025-01-01' },
    { providerOrganisationId: provider.id, clientOrganisationId: client.id, servedFrom: '2025-01-01' },
    { providerOrganisationId: other.id, clientOrganisationId: other.id, servedFrom: '2025-01-01' },
  ]);
  const account = async (organisationId: number, roles: Parameters<typeof createTestAccount>[2]) => {
    const made = await createTestAccount(services, organisationId, roles);
    return { ...made, session: await new HttpSession(app).signIn(made.email, made.password) };
  };
  const admin = await account(provider.id, ['oh_admin']);
  const clinician = await account(provider.id, ['oh_clinician']);
  const hr = await account(client.id, ['hr']);
  const manager = await account(client.id, ['line_manager']);
  const otherAdmin = await account(other.id, ['oh_admin']);
  const referral = (values: Partial<NewReferral> & { organisationId: number; personName: string }) =>
    insertReferral(services, { providerOrganisationId: provider.id, referredByUserId: hr.id, ...values });
  const clientCase = await referral({ organisationId: client.id, personName: 'Amelia Brown' });
  const ownCase = await referral({
    organisationId: provider.id,
    personName: 'Dylan Marsh',
    status: 'accepted',
    referredOn: TODAY,
    triagedOn: TODAY,
    priority: 'soon',
    service: 'physician',
    clinicianUserId: clinician.id,
  });
  const closedCase = await referral({
    organisationId: client.id,
    personName: 'Karen Costa',
    status: 'closed',
    closedOn: addDays(TODAY, -3),
    closeReason: 'Returned to full duties',
  });
  const draft = await referral({ organisationId: client.id, personName: 'Julie Akhtar', status: 'draft' });
  const othersCase = await referral({
    organisationId: other.id,
    providerOrganisationId: other.id,
    personName: 'Megan Iqbal',
  });
  return {
    referral,
    provider,
    client,
    other,
    admin,
    clinician,
    hr,
    manager,
    otherAdmin,
    clientCase,
    ownCase,
    closedCase,
    draft,
    othersCase,
    paths: {
      cases: ohPaths.service.cases.build({ org: provider.slug }),
      case: (referralId: number) => ohPaths.service.case.build({ org: provider.slug, referralId }),
      triage: (referralId: number) => ohPaths.service.triage.build({ org: provider.slug, referralId }),
      close: (referralId: number) => ohPaths.service.close.build({ org: provider.slug, referralId }),
      clinicians: ohPaths.service.clinicians.build({ org: provider.slug }),
      settings: ohPaths.service.settings.build({ org: provider.slug }),
    },
  };
}

/** An appointment of the case with the provider's clinician, in a session of its own. */
async function appointmentOf(
  s: Awaited<ReturnType<typeof setUp>>,
  referralId: number,
  heldOn: string,
  status: 'booked' | 'attended',
) {
  const [clinic] = await db
    .insert(ohSessions)
    .values({
      organisationId: s.provider.id,
      clinicianUserId: s.clinician.id,
      heldOn,
      startsAt: '09:00',
      slotMinutes: 45,
      slots: 4,
      placeKind: 'site',
      place: 'Police HQ',
    })
    .returning();
  const [appointment] = await db
    .insert(ohAppointments)
    .values({
      organisationId: s.provider.id,
      referralId,
      providerOrganisationId: s.provider.id,
      sessionId: clinic?.id ?? 0,
      slot: 1,
      clinicianUserId: s.clinician.id,
      heldOn,
      startsAt: '09:00',
      minutes: 45,
      placeKind: 'site',
      status,
    })
    .returning();
  assert.ok(appointment);
  return appointment;
}

/** The employees named in a caseload page's table, in name order. */
const namesIn = (page: Awaited<ReturnType<HttpSession['get']>>) =>
  page
    .$('tbody td:first-child a')
    .map((_, a) => page.$(a).text())
    .get()
    .sort();

const referralRow = async (id: number) => {
  const [row] = await db.select().from(ohReferrals).where(eq(ohReferrals.id, id));
  assert.ok(row);
  return row;
};

test('the caseload shows every case of every organisation served, and no one else’s', async () => {
  const s = await setUp();
  for (const who of [s.admin, s.clinician]) {
    const page = await who.session.get(s.paths.cases);
    assert.equal(page.statusCode, 200);
    assert.deepEqual(namesIn(page), ['Amelia Brown', 'Dylan Marsh'], 'open cases of the client and its own');
    const text = visibleText(page.body);
    assert.match(text, /Fellshire Council/);
    assert.match(text, /To triage/);
    assert.match(text, /waiting \d+ working days/);
    assert.doesNotMatch(text, /Megan Iqbal|Julie Akhtar/, 'no other service’s case, and no draft');
  }
  const { session } = s.admin;
  const all = await session.get(`${s.paths.cases}?status=all`);
  assert.deepEqual(namesIn(all), ['Amelia Brown', 'Dylan Marsh', 'Karen Costa'], 'closed cases too');
  const byName = await session.get(`${s.paths.cases}?status=all&name=cost`);
  assert.deepEqual(namesIn(byName), ['Karen Costa'], 'a closed case found by name');
  const byClient = await session.get(`${s.paths.cases}?client=${s.provider.id}`);
  assert.deepEqual(namesIn(byClient), ['Dylan Marsh']);
  const byClinician = await session.get(`${s.paths.cases}?clinician=${s.clinician.id}`);
  assert.deepEqual(namesIn(byClinician), ['Dylan Marsh']);
  const byService = await session.get(`${s.paths.cases}?service=physician`);
  assert.deepEqual(namesIn(byService), ['Dylan Marsh']);
  const toTriage = await session.get(`${s.paths.cases}?status=to_triage`);
  assert.deepEqual(namesIn(toTriage), ['Amelia Brown']);
  const waited = await session.get(`${s.paths.cases}?waiting=10`);
  assert.deepEqual(namesIn(waited), ['Amelia Brown'], 'referred 30 days ago, not today');

  const bad = await session.get(`${s.paths.cases}?status=lost&client=${s.other.id}&waiting=3`);
  assert.equal(bad.statusCode, 400);
  const summary = bad.$('.govuk-error-summary').text();
  assert.match(summary, /Choose a status from the list/);
  assert.match(summary, /Choose an organisation from the list/);
  assert.match(summary, /Choose how long cases have waited/);
});

test('only the service’s staff reach its pages, and only the cases it holds', async () => {
  const s = await setUp();
  // The client's HR and managers: the provider's pages are another organisation's.
  for (const who of [s.hr, s.manager]) {
    for (const url of [s.paths.cases, s.paths.case(s.clientCase.id), s.paths.triage(s.clientCase.id)]) {
      assert.equal((await who.session.get(url)).statusCode, 404, url);
    }
    // In their own organisation, which runs no OH service, the pages are beyond their roles.
    const own = await who.session.get(ohPaths.service.cases.build({ org: s.client.slug }));
    assert.equal(own.statusCode, 403);
  }
  // Another service's staff: not the provider's pages, and not the case through their own.
  assert.equal((await s.otherAdmin.session.get(s.paths.case(s.clientCase.id))).statusCode, 404);
  for (const referralId of [s.clientCase.id, s.ownCase.id]) {
    const url = ohPaths.service.case.build({ org: s.other.slug, referralId });
    assert.equal((await s.otherAdmin.session.get(url)).statusCode, 404);
    const triage = ohPaths.service.triage.build({ org: s.other.slug, referralId });
    await s.otherAdmin.session.get(ohPaths.service.cases.build({ org: s.other.slug }));
    assert.equal(
      (await s.otherAdmin.session.post(triage, { decision: 'reject', rejectionReason: 'x' })).statusCode,
      404,
    );
  }
  assert.equal((await referralRow(s.clientCase.id)).status, 'submitted');
  // The provider's staff: a draft never reached them, and another service's case is not found.
  assert.equal((await s.admin.session.get(s.paths.case(s.draft.id))).statusCode, 404);
  assert.equal((await s.admin.session.get(s.paths.case(s.othersCase.id))).statusCode, 404);
  // An organisation that runs no OH service has no service pages, even for an OH admin.
  const stray = await createTestAccount(services, s.client.id, ['oh_admin']);
  const straySession = await new HttpSession(app).signIn(stray.email, stray.password);
  assert.equal((await straySession.get(ohPaths.service.cases.build({ org: s.client.slug }))).statusCode, 404);
});

test('a provider’s OH staff read a client organisation’s case: the referral as given, and its timeline', async () => {
  const s = await setUp();
  for (const who of [s.admin, s.clinician]) {
    const page = await who.session.get(s.paths.case(s.clientCase.id));
    assert.equal(page.statusCode, 200);
    const text = visibleText(page.body);
    for (const expected of [
      'Amelia Brown',
      'Fellshire Council',
      'Recurrent back pain affecting lifting',
      'What adjustments would help?',
      'Lifting bins, walking 10 miles a day',
      'Management referral',
      'recorded by the employee, in self-service',
      'Referred to OH',
      'Consent given',
      'To triage',
    ])
      assert.ok(text.includes(expected), `${expected} in the page`);
    assert.equal(page.$(`a[href="${s.paths.triage(s.clientCase.id)}"]`).length, 1);
  }
  // Once the employee withdraws consent, what the referral said is no longer the service's.
  const withdrawn = await s.referral({
    organisationId: s.client.id,
    personName: 'Rhian Evans',
    status: 'withdrawn',
    consentWithdrawnOn: TODAY,
  });
  const gone = visibleText((await s.admin.session.get(s.paths.case(withdrawn.id))).body);
  assert.match(gone, /Consent withdrawn/);
  assert.doesNotMatch(gone, /Recurrent back pain|Lifting bins/);
  // The read is audited.
  const [event] = await db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.userId, s.clinician.id), eq(auditEvents.action, 'oh-case.viewed')))
    .orderBy(desc(auditEvents.id))
    .limit(1);
  assert.ok(event);
});

test('triage accepts or rejects a submitted referral, and refuses bad input whole', async () => {
  const s = await setUp();
  const { session } = s.clinician;
  const url = s.paths.triage(s.clientCase.id);
  const form = await session.get(url);
  assert.equal(form.statusCode, 200);
  for (const [body, message] of [
    [{}, /Choose whether to accept or reject/],
    [{ decision: 'reject', rejectionReason: ' ' }, /Say why the referral is rejected/],
    [{ decision: 'accept', priority: 'urgent', service: 'external' }, /Name the external provider/],
    [{ decision: 'accept', priority: 'whenever', service: 'nurse' }, /Choose a priority/],
    [
      { decision: 'accept', priority: 'soon', service: 'nurse', clinician: String(s.hr.id) },
      /Choose a clinician of the service/,
    ],
  ] as const) {
    const response = await session.post(url, body);
    assert.equal(response.statusCode, 400, JSON.stringify(body));
    assert.match(response.$('.govuk-error-summary').text(), message);
    assert.equal((await referralRow(s.clientCase.id)).status, 'submitted', 'nothing written');
  }
  const accepted = await session.post(url, {
    decision: 'accept',
    priority: 'urgent',
    service: 'external',
    externalProvider: 'Lakeland Physiotherapy Ltd',
    clinician: String(s.clinician.id),
  });
  assert.equal(accepted.statusCode, 302);
  const row = await referralRow(s.clientCase.id);
  assert.equal(row.status, 'accepted');
  assert.equal(row.priority, 'urgent');
  assert.equal(row.service, 'external');
  assert.equal(row.externalProvider, 'Lakeland Physiotherapy Ltd');
  assert.equal(row.clinicianUserId, s.clinician.id);
  assert.equal(row.triagedOn, TODAY);
  assert.equal(row.triagedByUserId, s.clinician.id);
  const page = visibleText((await session.get(s.paths.case(s.clientCase.id))).body);
  assert.match(page, /Referred out/);
  assert.match(page, /Accepted at triage/);
  assert.match(page, /Lakeland Physiotherapy Ltd/);
  // Referred out, the case stays open, no longer waiting on the service.
  assert.ok(namesIn(await session.get(s.paths.cases)).includes('Amelia Brown'));
  assert.ok(!namesIn(await session.get(`${s.paths.cases}?waiting=5`)).includes('Amelia Brown'));

  // Triaged once: the form is gone, and a second triage changes nothing.
  assert.equal((await session.get(url)).statusCode, 302);
  await session.get(s.paths.case(s.clientCase.id));
  const again = await session.post(url, { decision: 'reject', rejectionReason: 'Not for OH' });
  assert.equal(again.statusCode, 302);
  assert.equal((await referralRow(s.clientCase.id)).status, 'accepted');

  // OH admin rejects with a reason the referrer will see.
  const another = await s.referral({ organisationId: s.client.id, personName: 'Sam Jones' });
  const rejectUrl = s.paths.triage(another.id);
  await s.admin.session.get(rejectUrl);
  const rejected = await s.admin.session.post(rejectUrl, {
    decision: 'reject',
    rejectionReason: 'A matter for the line manager, not OH',
  });
  assert.equal(rejected.statusCode, 302);
  const rejectedRow = await referralRow(another.id);
  assert.equal(rejectedRow.status, 'rejected');
  assert.equal(rejectedRow.rejectionReason, 'A matter for the line manager, not OH');
  assert.equal(rejectedRow.priority, null);
});

test('a case closes with a reason, not while an appointment is booked, and stays searchable', async () => {
  const s = await setUp();
  const { session } = s.admin;
  const url = s.paths.close(s.ownCase.id);
  assert.equal((await session.get(url)).statusCode, 200);
  const empty = await session.post(url, { closeReason: '' });
  assert.equal(empty.statusCode, 400);
  assert.match(empty.$('.govuk-error-summary').text(), /Say why the case is closing/);
  assert.equal((await referralRow(s.ownCase.id)).status, 'accepted');

  const appointment = await appointmentOf(s, s.ownCase.id, addDays(TODAY, 7), 'booked');
  const booked = await session.post(url, { closeReason: 'No longer needed' });
  assert.equal(booked.statusCode, 400);
  assert.match(booked.$('.govuk-error-summary').text(), /An appointment is still booked/);
  assert.equal((await referralRow(s.ownCase.id)).status, 'accepted');
  assert.match(visibleText((await session.get(`${s.paths.cases}?status=booked`)).body), /Dylan Marsh/);

  await db
    .update(ohAppointments)
    .set({ status: 'cancelled', cancelledBy: 'employee', cancelledAt: new Date().toISOString() })
    .where(eq(ohAppointments.id, appointment.id));
  await session.get(url);
  const closed = await session.post(url, { closeReason: 'The employee left the force' });
  assert.equal(closed.statusCode, 302);
  const row = await referralRow(s.ownCase.id);
  assert.equal(row.status, 'closed');
  assert.equal(row.closedOn, TODAY);
  assert.equal(row.closeReason, 'The employee left the force');
  const text = visibleText((await session.get(s.paths.case(s.ownCase.id))).body);
  assert.match(text, /Case closed/);
  assert.match(text, /Appointment cancelled/);
  assert.doesNotMatch(visibleText((await session.get(s.paths.cases)).body), /Dylan Marsh/);
  assert.match(
    visibleText((await session.get(`${s.paths.cases}?status=closed&name=marsh`)).body),
    /Dylan Marsh/,
  );
  // Closed once: the form is gone.
  assert.equal((await session.get(url)).statusCode, 302);
});

test('OH admin records the clinicians’ professions and the review window; clinicians only read them', async () => {
  const s = await setUp();
  const list = await s.clinician.session.get(s.paths.clinicians);
  assert.equal(list.statusCode, 200);
  assert.match(visibleText(list.body), /Not recorded/);
  assert.equal(list.$('select').length, 0, 'a clinician has no form');
  assert.equal((await s.clinician.session.post(s.paths.clinicians, {})).statusCode, 403);
  assert.equal((await s.clinician.session.get(s.paths.settings)).statusCode, 403);

  const field = `profession-${s.clinician.id}`;
  await s.admin.session.get(s.paths.clinicians);
  const bad = await s.admin.session.post(s.paths.clinicians, { [field]: 'surgeon' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.$('.govuk-error-summary').text(), /profession from the list/);
  const professions = () =>
    db.select().from(ohClinicians).where(eq(ohClinicians.organisationId, s.provider.id));
  assert.deepEqual(await professions(), []);
  assert.equal(
    (await s.admin.session.post(s.paths.clinicians, { [field]: 'physiotherapist' })).statusCode,
    302,
  );
  assert.deepEqual(
    (await professions()).map((p) => [p.userId, p.profession]),
    [[s.clinician.id, 'physiotherapist']],
  );
  assert.match(visibleText((await s.clinician.session.get(s.paths.clinicians)).body), /Physiotherapist/);

  const settings = await s.admin.session.get(s.paths.settings);
  assert.equal(settings.$('#reviewWorkingDays').val(), '2', 'two working days unless set');
  const setting = () =>
    db.select().from(ohServiceSettings).where(eq(ohServiceSettings.organisationId, s.provider.id));
  for (const value of ['', '0', '21', 'two']) {
    const response = await s.admin.session.post(s.paths.settings, { reviewWorkingDays: value });
    assert.equal(response.statusCode, 400, value);
    assert.match(response.$('.govuk-error-summary').text(), /whole number of working days, from 1 to 20/);
  }
  assert.deepEqual(await setting(), []);
  assert.equal((await s.admin.session.post(s.paths.settings, { reviewWorkingDays: '5' })).statusCode, 302);
  assert.equal((await setting())[0]?.reportReviewWorkingDays, 5);
  assert.equal((await s.admin.session.get(s.paths.settings)).$('#reviewWorkingDays').val(), '5');
});

test('the home page gives OH staff their tasks: to triage, to book, reports due, awaiting the employee', async () => {
  const s = await setUp();
  const tasks = async (session: HttpSession) => visibleText((await session.get('/')).body);
  const admin = await tasks(s.admin.session);
  assert.match(admin, /1 referral to triage/);
  assert.match(admin, /1 case to book/);
  assert.doesNotMatch(admin, /\d+ reports? (due|awaiting)/);
  const clinician = await tasks(s.clinician.session);
  assert.match(clinician, /1 referral to triage/);
  assert.doesNotMatch(clinician, /to book/);
  // The triage link opens the caseload showing just those.
  const home = await s.admin.session.get('/');
  const href = home
    .$('a')
    .filter((_, a) => home.$(a).text().includes('to triage'))
    .attr('href');
  assert.ok(href);
  assert.deepEqual(namesIn(await s.admin.session.get(href)), ['Amelia Brown']);
  // The other service's admin sees only their own service's.
  assert.match(await tasks(s.otherAdmin.session), /1 referral to triage/);

  // The clinician's own case attended, with no report yet; a client's case whose report the
  // employee is reviewing, with the clinician too.
  await appointmentOf(s, s.ownCase.id, addDays(TODAY, -1), 'attended');
  await db
    .update(ohReferrals)
    .set({ status: 'accepted', triagedOn: TODAY, service: 'nurse', clinicianUserId: s.clinician.id })
    .where(eq(ohReferrals.id, s.clientCase.id));
  await db.insert(ohReports).values({
    organisationId: s.client.id,
    referralId: s.clientCase.id,
    authorUserId: s.clinician.id,
    outcome: 'fit',
    disabilityLikely: 'unlikely',
    employeeSeesFirst: true,
    status: 'with_employee',
    sentToEmployeeOn: TODAY,
    reviewEndsOn: addDays(TODAY, 2),
  });
  for (const session of [s.admin.session, s.clinician.session]) {
    const text = await tasks(session);
    assert.match(text, /1 report due/);
    assert.match(text, /1 report awaiting the employee/);
    assert.doesNotMatch(text, /to triage|to book/);
  }
  assert.deepEqual(namesIn(await s.admin.session.get(`${s.paths.cases}?status=report_due`)), ['Dylan Marsh']);
  const reviewing = await s.clinician.session.get(s.paths.case(s.clientCase.id));
  assert.match(visibleText(reviewing.body), /Report with the employee/);
  assert.match(visibleText(reviewing.body), /Report sent to the employee/);
  // Another clinician has none of them as their own.
  const colleague = await createTestAccount(services, s.provider.id, ['oh_clinician']);
  const colleagueSession = await new HttpSession(app).signIn(colleague.email, colleague.password);
  const colleagues = await tasks(colleagueSession);
  assert.doesNotMatch(colleagues, /\d+ reports? (due|awaiting)/);
  assert.match(colleagues, /none of your cases has a report due/);
});
