/**
 * Every occupational health route, for every role, in the provider's organisation, its client's
 * and another OH service's: a case of the client's is reached by the provider's OH staff (a
 * clinical page by its clinicians only), by the client's HR and the employee's manager on the
 * referrer's pages, by the employee on their own; and by nobody else, who is told nothing (404).
 * Another OH service reaches none of it, through its own addresses or the provider's. Runs on
 * PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eq } from 'drizzle-orm';
import { addDays } from '../../domain/dates.ts';
import type { Role } from '../../domain/roles.ts';
import { today } from '../../domain/today.ts';
import { fill } from '../../testing/access-fixture.ts';
import { HttpSession } from '../../testing/browser-session.ts';
import {
  createTestAccount,
  createTestOrganisation,
  createTestPeople,
  personRow,
} from '../../testing/factories.ts';
import { insertReferral } from '../../testing/oh-referrals.ts';
import { openTestApp } from '../../testing/test-services.ts';
import { people } from '../people/people-schema.ts';
import { insertNote } from './notes-repository.ts';
import {
  ohAppointments,
  ohReportCorrections,
  ohReports,
  ohServiceClients,
  ohSessions,
} from './occupational-health-schema.ts';
import { ohPaths } from './occupational-health-paths.ts';
import { serviceScope } from './oh-service-scope-queries.ts';

const { services, app } = await openTestApp();
const db = services.database.system;

const provider = await createTestOrganisation(services, { name: 'Provider Police' });
const client = await createTestOrganisation(services, { name: 'Client Council' });
const rival = await createTestOrganisation(services, { name: 'Rival Health Trust' });
await db.insert(ohServiceClients).values([
  { providerOrganisationId: provider.id, clientOrganisationId: provider.id, servedFrom: '2025-01-01' },
  { providerOrganisationId: provider.id, clientOrganisationId: client.id, servedFrom: '2025-01-01' },
  { providerOrganisationId: rival.id, clientOrganisationId: rival.id, servedFrom: '2025-01-01' },
]);
await createTestPeople(services, client.id, [
  personRow({ employeeNumber: 'M1', firstName: 'Maria', lastName: 'Manager' }),
  personRow({ employeeNumber: 'E1', firstName: 'Zephyrine', lastName: 'Quill', managerEmployeeNumber: 'M1' }),
]);
const [employee] = await services.database.scoped({ organisationIds: [client.id] }, (scoped) =>
  scoped.select({ id: people.id }).from(people).where(eq(people.employeeNumber, 'E1')),
);
assert.ok(employee);

type Who =
  | 'provider admin'
  | 'provider clinician'
  | 'client hr'
  | 'client manager'
  | 'employee'
  | 'rival admin'
  | 'rival clinician';
const accountsOf: Record<Who, [number, Role[], string?]> = {
  'provider admin': [provider.id, ['oh_admin']],
  'provider clinician': [provider.id, ['oh_clinician']],
  'client hr': [client.id, ['hr']],
  'client manager': [client.id, ['line_manager', 'employee'], 'M1'],
  employee: [client.id, ['employee'], 'E1'],
  'rival admin': [rival.id, ['oh_admin']],
  'rival clinician': [rival.id, ['oh_clinician']],
};
const sessions = new Map<Who, HttpSession>();
const ids = new Map<Who, number>();
for (const [who, [organisationId, roles, employeeNumber]] of Object.entries(accountsOf) as [
  Who,
  [number, Role[], string?],
][]) {
  const account = await createTestAccount(
    services,
    organisationId,
    roles,
    employeeNumber ? { employeeNumber } : {},
  );
  ids.set(who, account.id);
  sessions.set(who, await new HttpSession(app).signIn(account.email, account.password));
}
const clinicianId = ids.get('provider clinician') ?? 0;

// The client's case, with an appointment booked in the provider's session, a note, and a report
// with the employee, who has asked for a correction.
const booked = addDays(today(), 30);
const referral = await insertReferral(services, {
  organisationId: client.id,
  providerOrganisationId: provider.id,
  personId: employee.id,
  personName: 'Zephyrine Quill',
  referredByUserId: ids.get('client hr') ?? 0,
  status: 'accepted',
  triagedOn: '2026-10-02',
  priority: 'routine',
  service: 'nurse',
});
const [session] = await db
  .insert(ohSessions)
  .values({
    organisationId: provider.id,
    clinicianUserId: clinicianId,
    heldOn: booked,
    startsAt: '09:00',
    slotMinutes: 45,
    slots: 4,
    placeKind: 'telephone',
  })
  .returning();
assert.ok(session);
const [appointment] = await db
  .insert(ohAppointments)
  .values({
    organisationId: client.id,
    referralId: referral.id,
    providerOrganisationId: provider.id,
    sessionId: session.id,
    slot: 1,
    clinicianUserId: clinicianId,
    heldOn: booked,
    startsAt: '09:00',
    minutes: 45,
    placeKind: 'telephone',
  })
  .returning();
assert.ok(appointment);
const [report] = await db
  .insert(ohReports)
  .values({
    organisationId: client.id,
    referralId: referral.id,
    authorUserId: clinicianId,
    outcome: 'fit_with_adjustments',
    adjustments: ['A later start on Mondays'],
    answers: [{ question: 'Is the employee fit for their role?', answer: 'Yes.' }],
    disabilityLikely: 'unlikely',
    employeeSeesFirst: true,
    status: 'with_employee',
    sentToEmployeeOn: '2026-10-12',
    reviewEndsOn: '2099-10-14',
  })
  .returning();
assert.ok(report);
const [correction] = await db
  .insert(ohReportCorrections)
  .values({ organisationId: client.id, reportId: report.id, request: 'It is Tuesdays, not Mondays.' })
  .returning();
assert.ok(correction);
const scope = await serviceScope(db, provider.id, today());
assert.ok(scope);
const noteId = await services.database.scoped(scope, (scoped) =>
  insertNote(scoped, services.ohNotesKey, {
    organisationId: client.id,
    referralId: referral.id,
    appointmentId: appointment.id,
    addendumTo: null,
    authorUserId: clinicianId,
    text: 'Seen by telephone: no red flags.',
  }),
);

const params = {
  personId: String(employee.id),
  referralId: String(referral.id),
  sessionId: String(session.id),
  appointmentId: String(appointment.id),
  noteId: String(noteId),
  reportId: String(report.id),
  correctionId: String(correction.id),
};
const addresses = (group: Record<string, { pattern: string }>) => Object.values(group).map((p) => p.pattern);
const serviceRoutes = addresses(ohPaths.service);
const referrerRoutes = addresses(ohPaths.referrer);
const ownRoutes = addresses(ohPaths.own);
const getRoutes = new Set(app.registeredRoutes.filter((r) => r.method === 'GET').map((r) => r.url));
const postRoutes = new Set(app.registeredRoutes.filter((r) => r.method === 'POST').map((r) => r.url));
const permissionOf = (url: string) => {
  const route =
    app.registeredRoutes.find((r) => r.url === url && r.method === 'GET') ??
    app.registeredRoutes.find((r) => r.url === url);
  return route?.access.kind === 'permission' ? route.access.permission : null;
};

/** What each person gets from a route at an organisation's address: allowed, or the refusal's status. */
async function statusOf(who: Who, method: 'GET' | 'POST', url: string, org: string): Promise<number> {
  const session = sessions.get(who);
  assert.ok(session);
  const address = fill(url, { ...params, org });
  const response = method === 'GET' ? await session.get(address) : await session.post(address, {});
  assert.ok(response.statusCode < 500, `${who}: ${method} ${address} answered ${response.statusCode}`);
  if (response.statusCode === 404 || response.statusCode === 403) return response.statusCode;
  if (method === 'GET' && who.startsWith('rival')) assert.doesNotMatch(response.body, /Zephyrine/);
  return 200;
}

const OUTSIDERS_OF_THE_PROVIDER: Who[] = [
  'client hr',
  'client manager',
  'employee',
  'rival admin',
  'rival clinician',
];
const OUTSIDERS_OF_THE_CLIENT: Who[] = [
  'provider admin',
  'provider clinician',
  'rival admin',
  'rival clinician',
];

test('the provider’s OH staff reach the client’s case on the service’s pages, and nobody else does', async () => {
  for (const url of serviceRoutes) {
    const permission = permissionOf(url);
    for (const method of ['GET', 'POST'] as const) {
      if (!(method === 'GET' ? getRoutes : postRoutes).has(url)) continue;
      // The provider's own staff, on GET only (a POST would change the case).
      if (method === 'GET') {
        const admin = await statusOf('provider admin', method, url, provider.slug);
        assert.equal(admin, permission === 'oh.clinical' ? 403 : 200, `OH admin: GET ${url}`);
        const clinician = await statusOf('provider clinician', method, url, provider.slug);
        assert.equal(clinician, permission === 'oh.administer' ? 403 : 200, `clinician: GET ${url}`);
      }
      // Nobody outside the provider reaches its service's pages.
      for (const who of OUTSIDERS_OF_THE_PROVIDER)
        assert.equal(await statusOf(who, method, url, provider.slug), 404, `${who}: ${method} ${url}`);
      // Another OH service's staff, through their own addresses, find nothing of the case.
      if (/:(referralId|appointmentId|noteId|correctionId|sessionId)/.test(url))
        for (const who of ['rival admin', 'rival clinician'] as const) {
          const status = await statusOf(who, method, url, rival.slug);
          assert.ok(
            status === 404 || status === 403,
            `${who}: ${method} ${url} at their own service: ${status}`,
          );
        }
    }
  }
});

test('on the client’s side, HR, the manager and the employee reach their pages, and no OH service does', async () => {
  const expected: Record<'referrer' | 'own', Partial<Record<Who, number>>> = {
    referrer: { 'client hr': 200, 'client manager': 200, employee: 403 },
    own: { 'client hr': 403, 'client manager': 200, employee: 200 },
  };
  for (const [group, urls] of [
    ['referrer', referrerRoutes],
    ['own', ownRoutes],
  ] as const) {
    for (const url of urls) {
      for (const method of ['GET', 'POST'] as const) {
        if (!(method === 'GET' ? getRoutes : postRoutes).has(url)) continue;
        for (const who of OUTSIDERS_OF_THE_CLIENT)
          assert.equal(await statusOf(who, method, url, client.slug), 404, `${who}: ${method} ${url}`);
        if (method !== 'GET') continue;
        for (const [who, status] of Object.entries(expected[group]) as [Who, number][]) {
          // The manager's own pages are about their own referrals: the employee's are not theirs.
          const got = await statusOf(who, method, url, client.slug);
          if (group === 'own' && who === 'client manager' && /:(referralId|reportId)/.test(url))
            assert.equal(got, 404, `${who}: GET ${url}`);
          else assert.equal(got, status, `${who}: GET ${url}`);
        }
      }
    }
  }
});
