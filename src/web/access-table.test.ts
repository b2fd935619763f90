/**
 * The access table: for two organisations, every route × every role × own or other
 * organisation gives the expected allow or deny. A route missing from the table fails.
 *
 * A refusal reveals nothing: what the person may not know exists (another organisation's
 * pages; partnership pages, to those without partnership permissions) is not found (404), and
 * only a page of their own organisation beyond their roles is forbidden (403). No refusal
 * shows another organisation's name.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { capabilities, permissionsOf } from '../capabilities.ts';
import { ROLES, type Role } from '../domain/roles.ts';
import { accessFixture, fill } from '../testing/access-fixture.ts';
import { HttpSession } from '../testing/browser-session.ts';
import { createTestAccount, createTestPeople, personRow } from '../testing/factories.ts';
import { openTestApp } from '../testing/test-services.ts';
import type { ApiScope } from './types.ts';

const permissions = permissionsOf(capabilities);

type Who = 'everyone' | 'signed-in' | readonly Role[];
interface Expectation {
  /** Who may use the route in their own organisation. */
  allow: Who;
  /** Whether a permitted role may also reach another organisation's version of the route. */
  acrossOrganisations?: boolean;
}

const ADMIN: Role[] = ['organisation_admin'];
const PEOPLE: Role[] = ['hr', 'organisation_admin'];
const PARTNERSHIP: Expectation = { allow: ['partnership_admin'], acrossOrganisations: true };

const EXPECTED: Record<string, Expectation | { api: ApiScope }> = {
  'GET /health': { allow: 'everyone' },
  'GET /ready': { allow: 'everyone' },
  'GET /assets/*': { allow: 'everyone' },
  'GET /sign-in': { allow: 'everyone' },
  'POST /sign-in': { allow: 'everyone' },
  'POST /sign-out': { allow: 'signed-in' },
  'GET /forgot-password': { allow: 'everyone' },
  'POST /forgot-password': { allow: 'everyone' },
  'GET /reset-password': { allow: 'everyone' },
  'POST /reset-password': { allow: 'everyone' },
  'GET /account': { allow: 'signed-in' },
  'GET /account/change-password': { allow: 'signed-in' },
  'POST /account/change-password': { allow: 'signed-in' },
  'POST /account/sign-out-everywhere': { allow: 'signed-in' },
  'GET /sign-in/single-sign-on': { allow: 'everyone' },
  'POST /sign-in/single-sign-on': { allow: 'everyone' },
  'GET /sign-in/single-sign-on/callback': { allow: 'everyone' },
  // Public, but the fixture organisations have no single sign-on: not found.
  'GET /o/:org/sign-in/single-sign-on': { allow: [] },
  'GET /o/:org/single-sign-on': { allow: ADMIN },
  'POST /o/:org/single-sign-on': { allow: ADMIN },
  // The second step of signing in, once a password is right: open to anyone, asks nothing of them.
  'GET /sign-in/code': { allow: 'everyone' },
  'POST /sign-in/code': { allow: 'everyone' },
  'GET /account/authenticator': { allow: 'signed-in' },
  'POST /account/authenticator': { allow: 'signed-in' },
  // Only with an authenticator app set up: here, the roles that require one.
  'POST /account/authenticator/recovery-codes': {
    allow: ['hr', 'oh_clinician', 'oh_admin', 'organisation_admin', 'partnership_admin'],
  },
  'GET /': { allow: 'signed-in' },
  'GET /invitations': { allow: 'signed-in' },
  // Only one's own invitations: the fixture invitation is someone else's.
  'POST /invitations/:invitationId/accept': { allow: [] },
  'POST /invitations/:invitationId/decline': { allow: [] },
  'GET /accessibility': { allow: 'everyone' },
  'GET /privacy': { allow: 'everyone' },
  'GET /partnership/organisations': PARTNERSHIP,
  'GET /partnership/organisations/new': PARTNERSHIP,
  'POST /partnership/organisations/new': PARTNERSHIP,
  'GET /partnership/organisations/:org': PARTNERSHIP,
  'GET /partnership/organisations/:org/edit': PARTNERSHIP,
  'POST /partnership/organisations/:org/edit': PARTNERSHIP,
  'GET /partnership/organisations/:org/agreements/new': PARTNERSHIP,
  'POST /partnership/organisations/:org/agreements/new': PARTNERSHIP,
  'GET /partnership/organisations/:org/agreements/:agreementId/edit': PARTNERSHIP,
  'POST /partnership/organisations/:org/agreements/:agreementId/edit': PARTNERSHIP,
  'GET /o/:org/units': { allow: ADMIN },
  'GET /o/:org/units/new': { allow: ADMIN },
  'POST /o/:org/units/new': { allow: ADMIN },
  'GET /o/:org/units/:unitId': { allow: ADMIN },
  'GET /o/:org/units/:unitId/edit': { allow: ADMIN },
  'POST /o/:org/units/:unitId/edit': { allow: ADMIN },
  'GET /o/:org/sites': { allow: ADMIN },
  'GET /o/:org/sites/new': { allow: ADMIN },
  'POST /o/:org/sites/new': { allow: ADMIN },
  'GET /o/:org/sites/:siteId/edit': { allow: ADMIN },
  'POST /o/:org/sites/:siteId/edit': { allow: ADMIN },
  'GET /o/:org/people': { allow: PEOPLE },
  'GET /o/:org/people/new': { allow: PEOPLE },
  'POST /o/:org/people/new': { allow: PEOPLE },
  // Line managers see only their reporting line: the fixture person is not in it.
  'GET /o/:org/people/:personId': { allow: PEOPLE },
  'GET /o/:org/my/absence': { allow: ['employee'] },
  'GET /o/:org/my/absence/report-sickness': { allow: ['employee'] },
  'POST /o/:org/my/absence/report-sickness': { allow: ['employee'] },
  // Only one's own absences: the fixture absence belongs to someone else.
  'GET /o/:org/my/absence/:absenceId/return': { allow: [] },
  'POST /o/:org/my/absence/:absenceId/return': { allow: [] },
  'GET /o/:org/team': { allow: ['line_manager'] },
  'GET /o/:org/people/:personId/absences/new': { allow: ['hr'] },
  'POST /o/:org/people/:personId/absences/new': { allow: ['hr'] },
  'GET /o/:org/people/:personId/absences/:absenceId': { allow: ['hr'] },
  'GET /o/:org/people/:personId/absences/:absenceId/edit': { allow: ['hr'] },
  'POST /o/:org/people/:personId/absences/:absenceId/edit': { allow: ['hr'] },
  'GET /o/:org/absences-import': { allow: ['hr'] },
  'GET /o/:org/absences-import/absences-template.csv': { allow: ['hr'] },
  'POST /o/:org/absences-import': { allow: ['hr'] },
  'POST /o/:org/absences-import/confirm': { allow: ['hr'] },
  'GET /o/:org/people/:personId/edit': { allow: PEOPLE },
  'POST /o/:org/people/:personId/edit': { allow: PEOPLE },
  'GET /o/:org/people/:personId/employment/new': { allow: PEOPLE },
  'POST /o/:org/people/:personId/employment/new': { allow: PEOPLE },
  'GET /o/:org/people-import': { allow: PEOPLE },
  'GET /o/:org/people-import/people-template.csv': { allow: PEOPLE },
  'POST /o/:org/people-import': { allow: PEOPLE },
  'POST /o/:org/people-import/confirm': { allow: PEOPLE },
  'GET /o/:org/accounts': { allow: ADMIN },
  'GET /o/:org/accounts/new': { allow: ADMIN },
  'POST /o/:org/accounts/new': { allow: ADMIN },
  'GET /o/:org/accounts/:userId': { allow: ADMIN },
  'POST /o/:org/accounts/:userId/authenticator/reset': { allow: ADMIN },
  'POST /o/:org/accounts/:userId': { allow: ADMIN },
  'POST /o/:org/accounts/:userId/roles': { allow: ADMIN },
  'POST /o/:org/invitations/:invitationId/withdraw': { allow: ADMIN },
  'GET /o/:org/staff-invitations': { allow: ADMIN },
  'GET /o/:org/staff-invitations/new': { allow: ADMIN },
  'POST /o/:org/staff-invitations/new': { allow: ADMIN },
  'GET /o/:org/staff-invitations/new/people': { allow: ADMIN },
  'POST /o/:org/staff-invitations/new/people': { allow: ADMIN },
  'POST /o/:org/staff-invitations/send': { allow: ADMIN },
  'GET /o/:org/staff-invitations/progress': { allow: ADMIN },
  'POST /o/:org/staff-invitations/:staffInvitationId/resend': { allow: ADMIN },
  'POST /o/:org/staff-invitations/:staffInvitationId/revoke': { allow: ADMIN },
  'POST /o/:org/staff-invitations/revoke-expired': { allow: ADMIN },
  // Anyone with an invitation's link; the table's requests have no link's token, so nobody gets in.
  'GET /o/:org/join': { allow: [] },
  'POST /o/:org/join': { allow: [] },
  'GET /o/:org/api-keys': { allow: ADMIN },
  'GET /o/:org/api-keys/new': { allow: ADMIN },
  'POST /o/:org/api-keys/new': { allow: ADMIN },
  'POST /o/:org/api-keys/:keyId/revoke': { allow: ADMIN },
  'GET /o/:org/reports/absence': { allow: ['hr'] },
  'GET /o/:org/reports/absence/download': { allow: ['hr'] },
  'GET /o/:org/reports/how-figures-are-worked-out': { allow: ['hr', 'line_manager'] },
  'GET /o/:org/management-information': { allow: ['hr', 'line_manager'] },
  'GET /o/:org/management-information/scorecard': { allow: ['hr', 'line_manager'] },
  'GET /o/:org/management-information/hotspots': { allow: ['hr', 'line_manager'] },
  // A line manager may see it, but the fixture's team is two people, too few to show: not found.
  'GET /o/:org/management-information/hotspots/funnel-plot.svg': { allow: ['hr'] },
  'GET /o/:org/management-information/trends': { allow: ['hr', 'line_manager'] },
  'GET /o/:org/management-information/reasons': { allow: ['hr', 'line_manager'] },
  'GET /o/:org/management-information/cost': { allow: ['hr', 'line_manager'] },
  'GET /o/:org/management-information/benchmarks': { allow: ['hr', 'line_manager'] },
  'GET /o/:org/management-information/benchmarks/new': { allow: ['hr'] },
  'POST /o/:org/management-information/benchmarks/new': { allow: ['hr'] },
  'POST /o/:org/management-information/benchmarks/:benchmarkId/remove': { allow: ['hr'] },
  'GET /o/:org/management-information/policy-comparison': { allow: ['hr', 'line_manager'] },
  'GET /o/:org/management-information/board-pack': { allow: ['hr', 'line_manager'] },
  'GET /o/:org/attendance-settings': { allow: ['hr'] },
  'POST /o/:org/attendance-settings': { allow: ['hr'] },
  'GET /o/:org/support-directory': { allow: ['hr'] },
  'GET /o/:org/support-directory/new': { allow: ['hr'] },
  'POST /o/:org/support-directory/new': { allow: ['hr'] },
  'GET /o/:org/support-directory/:serviceId/edit': { allow: ['hr'] },
  'POST /o/:org/support-directory/:serviceId/edit': { allow: ['hr'] },
  'GET /o/:org/letter-templates': { allow: ['hr'] },
  'GET /o/:org/letter-templates/:kind': { allow: ['hr'] },
  'POST /o/:org/letter-templates/:kind': { allow: ['hr'] },
  'GET /o/:org/welcome-back-reviews': { allow: ['hr'] },
  'GET /o/:org/attendance-triggers': { allow: ['hr'] },
  'GET /o/:org/attendance-triggers/:personId/talk': { allow: ['hr'] },
  'POST /o/:org/attendance-triggers/:personId/talk': { allow: ['hr'] },
  // Casework: HR for everyone; line managers only for their reporting line, which the fixture person is not in.
  'GET /o/:org/people/:personId/welcome-back-reviews/:reviewId': { allow: ['hr'] },
  'POST /o/:org/people/:personId/welcome-back-reviews/:reviewId': { allow: ['hr'] },
  'GET /o/:org/people/:personId/action-plans/new': { allow: ['hr'] },
  'POST /o/:org/people/:personId/action-plans/new': { allow: ['hr'] },
  'GET /o/:org/people/:personId/action-plans/:planId': { allow: ['hr'] },
  'GET /o/:org/people/:personId/action-plans/:planId/review': { allow: ['hr'] },
  'POST /o/:org/people/:personId/action-plans/:planId/review': { allow: ['hr'] },
  'GET /o/:org/people/:personId/adjustments-passport': { allow: ['hr'] },
  'POST /o/:org/people/:personId/adjustments-passport/:adjustmentId': { allow: ['hr'] },
  'GET /o/:org/attendance-cases': { allow: ['hr'] },
  'GET /o/:org/people/:personId/attendance-cases/new': { allow: ['hr'] },
  'POST /o/:org/people/:personId/attendance-cases/new': { allow: ['hr'] },
  'GET /o/:org/people/:personId/attendance-cases/:caseId': { allow: ['hr'] },
  'GET /o/:org/people/:personId/attendance-cases/:caseId/close': { allow: ['hr'] },
  'POST /o/:org/people/:personId/attendance-cases/:caseId/close': { allow: ['hr'] },
  'GET /o/:org/people/:personId/attendance-cases/:caseId/meetings/new': { allow: ['hr'] },
  'POST /o/:org/people/:personId/attendance-cases/:caseId/meetings/new': { allow: ['hr'] },
  'GET /o/:org/people/:personId/attendance-cases/:caseId/meetings/:meetingId': { allow: ['hr'] },
  'POST /o/:org/people/:personId/attendance-cases/:caseId/meetings/:meetingId': { allow: ['hr'] },
  'POST /o/:org/people/:personId/attendance-cases/:caseId/meetings/:meetingId/letters/:kind': {
    allow: ['hr'],
  },
  'GET /o/:org/people/:personId/attendance-cases/:caseId/meetings/:meetingId/letters/:kind/new': {
    allow: ['hr'],
  },
  'POST /o/:org/people/:personId/attendance-cases/:caseId/meetings/:meetingId/letters/:kind/new': {
    allow: ['hr'],
  },
  'GET /o/:org/people/:personId/letters/:letterId': { allow: ['hr'] },
  'GET /o/:org/people/:personId/letters/:letterId/download': { allow: ['hr'] },
  'GET /o/:org/people/:personId/dying-to-work': { allow: ['hr'] },
  'POST /o/:org/people/:personId/dying-to-work': { allow: ['hr'] },
  // One's own records only: the fixture review and plan belong to someone else.
  'GET /o/:org/my/welcome-back-reviews/:reviewId': { allow: [] },
  'POST /o/:org/my/welcome-back-reviews/:reviewId': { allow: [] },
  'GET /o/:org/my/action-plans/:planId': { allow: [] },
  'POST /o/:org/my/action-plans/:planId': { allow: [] },
  'GET /o/:org/my/letters/:letterId': { allow: [] },
  'GET /o/:org/my/letters/:letterId/download': { allow: [] },
  'GET /o/:org/my/adjustments-passport': { allow: ['employee'] },
  'POST /o/:org/my/adjustments-passport': { allow: ['employee'] },
  'GET /o/:org/my/adjustments-passport/adjustments/new': { allow: ['employee'] },
  'POST /o/:org/my/adjustments-passport/adjustments/new': { allow: ['employee'] },
  'POST /o/:org/my/adjustments-passport/sharing': { allow: ['employee'] },
  'GET /o/:org/my/attendance': { allow: ['employee'] },
  // Occupational health: referrals and consent
  'GET /partnership/occupational-health': PARTNERSHIP,
  'GET /partnership/occupational-health/new': PARTNERSHIP,
  'POST /partnership/occupational-health/new': PARTNERSHIP,
  'GET /partnership/occupational-health/:org/end': PARTNERSHIP,
  'POST /partnership/occupational-health/:org/end': PARTNERSHIP,
  // Referring someone is casework: HR for everyone; line managers only for their reporting line.
  'GET /o/:org/people/:personId/oh-referrals/new': { allow: ['hr'] },
  'POST /o/:org/people/:personId/oh-referrals/new': { allow: ['hr'] },
  'GET /o/:org/oh-referrals': { allow: ['hr', 'line_manager'] },
  // A line manager sees the referrals they made or about their reporting line: not the fixture's.
  'GET /o/:org/oh-referrals/:referralId': { allow: ['hr'] },
  'POST /o/:org/oh-referrals/:referralId/consent': { allow: ['hr'] },
  'GET /o/:org/my-occupational-health': { allow: ['employee'] },
  'GET /o/:org/my-occupational-health/self-referral': { allow: ['employee'] },
  'POST /o/:org/my-occupational-health/self-referral': { allow: ['employee'] },
  // One's own referrals only: the fixture referral is about someone else.
  'GET /o/:org/my-occupational-health/referrals/:referralId': { allow: [] },
  'POST /o/:org/my-occupational-health/referrals/:referralId/consent': { allow: [] },
  'POST /o/:org/my-occupational-health/referrals/:referralId/withdraw': { allow: [] },
  // Occupational health: the service's casework (the fixture organisation serves itself)
  'GET /o/:org/oh/cases': { allow: ['oh_admin', 'oh_clinician'] },
  'GET /o/:org/oh/cases/:referralId': { allow: ['oh_admin', 'oh_clinician'] },
  'GET /o/:org/oh/cases/:referralId/triage': { allow: ['oh_admin', 'oh_clinician'] },
  'POST /o/:org/oh/cases/:referralId/triage': { allow: ['oh_admin', 'oh_clinician'] },
  'GET /o/:org/oh/cases/:referralId/close': { allow: ['oh_admin', 'oh_clinician'] },
  'POST /o/:org/oh/cases/:referralId/close': { allow: ['oh_admin', 'oh_clinician'] },
  'GET /o/:org/oh/clinicians': { allow: ['oh_admin', 'oh_clinician'] },
  'POST /o/:org/oh/clinicians': { allow: ['oh_admin'] },
  'GET /o/:org/oh/settings': { allow: ['oh_admin'] },
  'POST /o/:org/oh/settings': { allow: ['oh_admin'] },
  // Occupational health: clinical notes. The OH service's clinicians only (the fixture
  // organisation serves itself); OH admin, HR, managers and admins are refused.
  'GET /o/:org/oh/cases/:referralId/notes/new': { allow: ['oh_clinician'] },
  'POST /o/:org/oh/cases/:referralId/notes/new': { allow: ['oh_clinician'] },
  'GET /o/:org/oh/cases/:referralId/notes/:noteId': { allow: ['oh_clinician'] },
  'GET /o/:org/oh/cases/:referralId/notes/:noteId/addenda': { allow: ['oh_clinician'] },
  'POST /o/:org/oh/cases/:referralId/notes/:noteId/addenda': { allow: ['oh_clinician'] },
  // Occupational health: the fitness-for-work report
  // Clinicians of the OH service the organisation runs (it serves itself).
  'GET /o/:org/oh/cases/:referralId/report': { allow: ['oh_clinician'] },
  'POST /o/:org/oh/cases/:referralId/report': { allow: ['oh_clinician'] },
  'GET /o/:org/oh/cases/:referralId/report/send': { allow: ['oh_clinician'] },
  'POST /o/:org/oh/cases/:referralId/report/send': { allow: ['oh_clinician'] },
  'GET /o/:org/oh/cases/:referralId/report/corrections/:correctionId': { allow: ['oh_clinician'] },
  'POST /o/:org/oh/cases/:referralId/report/corrections/:correctionId': { allow: ['oh_clinician'] },
  // One's own report only: the fixture report is about someone else.
  'GET /o/:org/my-occupational-health/reports/:reportId': { allow: [] },
  'POST /o/:org/my-occupational-health/reports/:reportId/release': { allow: [] },
  'POST /o/:org/my-occupational-health/reports/:reportId/withhold': { allow: [] },
  'POST /o/:org/my-occupational-health/reports/:reportId/corrections': { allow: [] },
  // HR for everyone; line managers only for their reporting line, which the fixture person is not in.
  'POST /o/:org/oh-referrals/:referralId/adjustments': { allow: ['hr'] },
  'GET /api/openapi.json': { allow: 'everyone' },
  'GET /api/v1/reports/absence': { api: 'reports:read' },
  'GET /api/v1/management-information/scorecard': { api: 'reports:read' },
  'GET /api/v1/management-information/trends': { api: 'reports:read' },
  'GET /api/v1/management-information/hotspots': { api: 'reports:read' },
  'GET /api/v1/management-information/reasons': { api: 'reports:read' },
  'GET /api/v1/management-information/cost': { api: 'reports:read' },
  'GET /api/v1/organisation': { api: 'organisation:read' },
  'GET /api/v1/units': { api: 'organisation:read' },
  'GET /api/v1/people': { api: 'people:read' },
  'GET /api/v1/people/:employeeNumber': { api: 'people:read' },
  'POST /api/v1/people': { api: 'people:write' },
  // Occupational health: appointments (the OH service's staff, in the organisation that runs it)
  'GET /o/:org/oh/sessions': { allow: ['oh_admin', 'oh_clinician'] },
  'GET /o/:org/oh/sessions/new': { allow: ['oh_admin', 'oh_clinician'] },
  'POST /o/:org/oh/sessions/new': { allow: ['oh_admin', 'oh_clinician'] },
  'GET /o/:org/oh/cases/:referralId/appointments/new': { allow: ['oh_admin', 'oh_clinician'] },
  'POST /o/:org/oh/cases/:referralId/appointments/new': { allow: ['oh_admin', 'oh_clinician'] },
  'GET /o/:org/oh/appointments/:appointmentId': { allow: ['oh_admin', 'oh_clinician'] },
  'GET /o/:org/oh/appointments/:appointmentId/cancel': { allow: ['oh_admin', 'oh_clinician'] },
  'POST /o/:org/oh/appointments/:appointmentId/cancel': { allow: ['oh_admin', 'oh_clinician'] },
  'GET /o/:org/oh/appointments/:appointmentId/rebook': { allow: ['oh_admin', 'oh_clinician'] },
  'POST /o/:org/oh/appointments/:appointmentId/rebook': { allow: ['oh_admin', 'oh_clinician'] },
  'POST /o/:org/oh/appointments/:appointmentId/attendance': { allow: ['oh_admin', 'oh_clinician'] },
  'GET /o/:org/oh/clinic-list': { allow: ['oh_admin', 'oh_clinician'] },
};

const DENIED = new Set([401, 403, 404]);
/** The other organisation's name, which no refusal may show. */
const OTHER_NAME = 'Other NHS Trust';

test('every route is in the access table and gives the expected allow or deny for every role and organisation', async (t) => {
  const { services, app } = await openTestApp();
  const own = await accessFixture(services, 'Own Borough Council');
  const other = await accessFixture(services, OTHER_NAME);

  const routes = app.registeredRoutes.map((r) => `${r.method} ${r.url}`);
  const missing = routes.filter((r) => !(r in EXPECTED));
  assert.deepEqual(missing, [], 'routes without an entry in the access table');

  const sessions = new Map<Role | 'nobody', HttpSession>();
  sessions.set('nobody', new HttpSession(app));
  const accounts = new Map<Role, { email: string; password: string }>();
  for (const role of ROLES) {
    const person = personRow({ managerEmployeeNumber: null });
    await createTestPeople(services, own.organisationId, [person]);
    const account = await createTestAccount(services, own.organisationId, [role], {
      employeeNumber: person.employeeNumber,
    });
    accounts.set(role, account);
    sessions.set(role, await new HttpSession(app).signIn(account.email, account.password));
  }

  // Signing out ends the sessions, so those routes go last, each followed by signing in again.
  const signsOut = (url: string) => url === '/sign-out' || url === '/account/sign-out-everywhere';
  const ordered = [...app.registeredRoutes].sort((a, b) => Number(signsOut(a.url)) - Number(signsOut(b.url)));
  for (const route of ordered) {
    const key = `${route.method} ${route.url}`;
    const expected = EXPECTED[key];
    assert.ok(expected);
    await t.test(key, async () => {
      if ('api' in expected) {
        for (const [label, apiKey, ok] of [
          ['key with the scope', own.apiKey.all, true],
          ['key without scopes', own.apiKey.none, false],
          ['no key', '', false],
        ] as const) {
          const response = await app.inject({
            method: route.method as 'GET' | 'POST',
            url: fill(route.url, own.params),
            headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {},
            ...(route.method === 'POST' ? { payload: { people: [] } } : {}),
          });
          assert.equal(!DENIED.has(response.statusCode), ok, `${label}: ${response.statusCode}`);
        }
        if (route.url.includes(':employeeNumber')) {
          const response = await app.inject({
            method: 'GET',
            url: fill(route.url, other.params),
            headers: { authorization: `Bearer ${own.apiKey.all}` },
          });
          assert.equal(
            response.statusCode,
            404,
            "another organisation's person through this organisation's key",
          );
        }
        return;
      }
      const usesOrganisation = route.url.includes(':org');
      for (const [who, session] of sessions) {
        const permitted: boolean =
          expected.allow === 'everyone' ||
          (expected.allow === 'signed-in' && who !== 'nobody') ||
          (Array.isArray(expected.allow) && who !== 'nobody' && expected.allow.includes(who));
        for (const fixtureFor of usesOrganisation ? [own, other] : [own]) {
          const url = fill(route.url, fixtureFor.params);
          // A page with a form first, for the CSRF token, as a browser would have.
          if (route.method === 'POST') await session.get(who === 'nobody' ? '/sign-in' : '/');
          const response = route.method === 'GET' ? await session.get(url) : await session.post(url, {});
          assert.ok(response.statusCode < 500, `${who}: ${response.statusCode} ${url}`);
          const reachable =
            !DENIED.has(response.statusCode) &&
            !(response.statusCode === 302 && String(response.headers.location).startsWith('/sign-in?'));
          const shouldReach: boolean =
            fixtureFor === own ? permitted : permitted && expected.acrossOrganisations === true;
          assert.equal(
            reachable,
            shouldReach,
            `${who} ${fixtureFor === own ? 'own' : 'other'} organisation: ${response.statusCode} ${url}`,
          );
          if (shouldReach || who === 'nobody') continue;
          const { access } = route;
          const permission = access.kind === 'permission' ? access.permission : null;
          if (permission?.startsWith('partnership.') && !permissions.rolesOf(permission).includes(who)) {
            assert.equal(response.statusCode, 404, `${who}: partnership pages must not reveal they exist`);
          } else if (fixtureFor === other && !expected.acrossOrganisations) {
            assert.equal(
              response.statusCode,
              404,
              `${who}: another organisation's page must not reveal it exists`,
            );
          } else if (
            fixtureFor === own &&
            permission &&
            !permissions.allows(
              [{ organisationId: own.organisationId, role: who }],
              permission,
              own.organisationId,
            )
          ) {
            assert.equal(
              response.statusCode,
              403,
              `${who}: a page of their own organisation beyond their roles`,
            );
          }
          assert.ok(
            !response.body.includes(OTHER_NAME),
            `${who}: a refusal must not name another organisation (${response.statusCode} ${url})`,
          );
        }
      }
    });
    if (signsOut(route.url)) {
      for (const [role, account] of accounts) {
        sessions.set(role, await new HttpSession(app).signIn(account.email, account.password));
      }
    }
  }
});

test('every route about one person that a line manager may use names the person and the rule of who may reach them', async () => {
  const { app, services } = await openTestApp();
  // A line manager's permissions reach only their reporting line: the route must say whose
  // records it is about, and the access check applies the rule before the handler.
  const aboutOnePerson = app.registeredRoutes.filter(
    (r) =>
      r.access.kind === 'permission' &&
      r.url.includes(':personId') &&
      services.permissions.rolesOf(r.access.permission).includes('line_manager'),
  );
  assert.ok(aboutOnePerson.length >= 30, `${aboutOnePerson.length} routes about one person`);
  assert.deepEqual(
    aboutOnePerson.filter((r) => !r.record).map((r) => `${r.method} ${r.url}`),
    [],
    'routes that reach one person’s records without naming the rule of who may',
  );
  // Casework is the casework rule's, whatever module holds it.
  const casework = app.registeredRoutes.filter(
    (r) => r.access.kind === 'permission' && r.access.permission === 'attendance.casework',
  );
  assert.ok(casework.length >= 25);
  assert.deepEqual(
    casework.filter((r) => r.record !== 'casework').map((r) => `${r.method} ${r.url}`),
    [],
  );
  // Every read of them is audited, as the route declares.
  assert.deepEqual(
    aboutOnePerson.filter((r) => r.method === 'GET' && !r.audit).map((r) => r.url),
    [],
  );
});
