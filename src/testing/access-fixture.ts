/**
 * The records every route of the service can be asked about, for the tests that walk every
 * route: the access table and the audit of health reads.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { absences } from '../modules/absences/absences-schema.ts';
import { actionPlans } from '../modules/action-plans/action-plans-schema.ts';
import { apiKeys } from '../db/schema.ts';
import {
  attendanceCases,
  letters,
  stageMeetings,
} from '../modules/attendance-cases/attendance-cases-schema.ts';
import { organisationBenchmarks } from '../modules/management-information/management-information-schema.ts';
import { people } from '../modules/people/people-schema.ts';
import { sites, units } from '../modules/people/people-schema.ts';
import { supportServices } from '../modules/attendance-settings/attendance-settings-schema.ts';
import { staffInvitations } from '../modules/staff-invitations/staff-invitations-schema.ts';
import { welcomeBackReviews } from '../modules/welcome-back-reviews/welcome-back-reviews-schema.ts';
import { workplaceAdjustments } from '../modules/adjustments-passport/adjustments-passport-schema.ts';
import {
  ohAppointments,
  ohReferrals,
  ohReportCorrections,
  ohReports,
  ohServiceClients,
  ohSessions,
} from '../modules/occupational-health/occupational-health-schema.ts';
import { insertNote } from '../modules/occupational-health/notes-repository.ts';
import { serviceScope } from '../modules/occupational-health/oh-service-scope-queries.ts';
import type { App } from '../app.ts';
import { capabilities, permissionsOf } from '../capabilities.ts';
import { ROLES, type Role } from '../domain/roles.ts';
import type { Services } from '../services.ts';
import { hashApiKey } from '../web/access-control.ts';
import { API_SCOPES, type Access } from '../web/types.ts';
import { HttpSession } from './browser-session.ts';
import { createTestAccount, createTestOrganisation, createTestPeople, personRow } from './factories.ts';

/**
 * The words of the fixture's sealed clinical note: no page, answer, export or email may show them
 * to anyone but the OH service's clinicians.
 */
export const FIXTURE_NOTE_TEXT = 'Lumbar strain settling; advised graded return to lifting duties.';

/** One organisation with a record of every kind, and the addresses' parameters that name them. */
export interface Fixture {
  slug: string;
  organisationId: number;
  params: Record<string, string>;
  apiKey: Record<'all' | 'none', string>;
  /** The employee account of the person every record is about, to read their own. */
  owner: { id: number; email: string; password: string };
}

/**
 * Makes an organisation with two people (a manager and their report) and one of every record a
 * route names — absence, review, plan, adjustment, case, meeting, letter and the rest — all
 * about the manager, whose own employee account is `owner`; and API keys with every scope and
 * with none.
 */
export async function accessFixture(services: Services, name: string): Promise<Fixture> {
  const organisation = await createTestOrganisation(services, { name });
  const manager = personRow({ unitPath: ['Corporate Resources', 'Human Resources'] });
  await createTestPeople(services, organisation.id, [
    manager,
    personRow({ managerEmployeeNumber: manager.employeeNumber }),
  ]);
  const agreement = await services.organisations.addAgreement({
    organisationId: organisation.id,
    startDate: '2025-04-01',
    endDate: '2028-03-31',
    annualContributionGbp: 12_500,
    headcount: 2,
    marketingContactName: 'Rhian Evans',
    marketingContactEmail: 'rhian.evans@test.example',
  });
  const account = await createTestAccount(services, organisation.id, ['employee'], {
    employeeNumber: manager.employeeNumber,
  });
  const invitee = await services.users.create({
    email: `invitee.${randomBytes(4).toString('hex')}@test.example`,
    displayName: 'Invited person',
    passwordHash: account.passwordHash,
  });
  const invitation = await services.users.invite({
    organisationId: organisation.id,
    userId: invitee.id,
    email: invitee.email,
    roles: ['employee'],
    personId: null,
    invitedBy: account.id,
    expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
  });
  const keys = {
    all: `ww_${randomBytes(20).toString('hex')}`,
    none: `ww_${randomBytes(20).toString('hex')}`,
  };
  const ids = await services.database.scoped({ organisationIds: [organisation.id] }, async (db) => {
    const [person] = await db
      .select()
      .from(people)
      .where(
        and(eq(people.organisationId, organisation.id), eq(people.employeeNumber, manager.employeeNumber)),
      );
    const [unit] = await db.select().from(units).where(eq(units.organisationId, organisation.id)).limit(1);
    const [site] = await db
      .insert(sites)
      .values({
        organisationId: organisation.id,
        name: 'Town Hall',
        address: '1 Market Street',
        postcode: 'M1 1AA',
      })
      .returning();
    const [, key] = await db
      .insert(apiKeys)
      .values([
        {
          organisationId: organisation.id,
          name: 'All',
          prefix: keys.all.slice(0, 7),
          keyHash: hashApiKey(keys.all),
          scopes: [...API_SCOPES],
        },
        {
          organisationId: organisation.id,
          name: 'None',
          prefix: keys.none.slice(0, 7),
          keyHash: hashApiKey(keys.none),
          scopes: [],
        },
      ])
      .returning();
    const [absence] = await db
      .insert(absences)
      .values({
        organisationId: organisation.id,
        personId: person?.id ?? 0,
        type: 'sickness',
        startDate: '2025-03-03',
        endDate: '2025-03-07',
        reasonCode: 'S13',
      })
      .returning();
    const [service] = await db
      .insert(supportServices)
      .values({ organisationId: organisation.id, kind: 'eap', name: 'Employee Assistance Programme' })
      .returning();
    const [review] = await db
      .insert(welcomeBackReviews)
      .values({
        organisationId: organisation.id,
        personId: person?.id ?? 0,
        absenceId: absence?.id ?? 0,
        absenceEndDate: '2025-03-07',
        dueDate: '2025-03-12',
      })
      .returning();
    const [plan] = await db
      .insert(actionPlans)
      .values({
        organisationId: organisation.id,
        personId: person?.id ?? 0,
        goals: [
          {
            what: 'Walk at lunchtime',
            measure: 'Three days a week',
            owner: 'Themselves',
            byWhen: '2025-06-30',
          },
        ],
        supportCommitted: 'A later start on Mondays',
        nextReviewDate: '2025-04-30',
      })
      .returning();
    const [adjustment] = await db
      .insert(workplaceAdjustments)
      .values({
        organisationId: organisation.id,
        personId: person?.id ?? 0,
        adjustment: 'A chair with lumbar support',
        reason: 'My back hurts after an hour',
        status: 'requested',
      })
      .returning();
    const [attendanceCase] = await db
      .insert(attendanceCases)
      .values({ organisationId: organisation.id, personId: person?.id ?? 0, openedOn: '2025-04-01' })
      .returning();
    const [meeting] = await db
      .insert(stageMeetings)
      .values({
        organisationId: organisation.id,
        caseId: attendanceCase?.id ?? 0,
        stage: 'informal',
        meetingDate: '2025-04-10',
        noticeGivenOn: '2025-04-02',
        location: 'Room 1',
      })
      .returning();
    const [benchmark] = await db
      .insert(organisationBenchmarks)
      .values({
        organisationId: organisation.id,
        name: 'North West councils',
        measure: 'absence_rate_pct',
        value: 4.1,
        period: '2024-25',
        source: 'North West Employers',
      })
      .returning();
    const [letter] = await db
      .insert(letters)
      .values({
        organisationId: organisation.id,
        personId: person?.id ?? 0,
        meetingId: meeting?.id ?? 0,
        // An outcome letter: the meeting (not yet held) may still have its invitation issued,
        // so the routes that issue one can be reached.
        kind: 'outcome',
        issuedOn: '2025-04-02',
        subject: 'Outcome',
        body: 'Dear colleague',
      })
      .returning();
    const [staffInvitation] = await db
      .insert(staffInvitations)
      .values({
        organisationId: organisation.id,
        personId: person?.id ?? 0,
        email: `staff.${randomBytes(4).toString('hex')}@test.example`,
        requestKey: randomBytes(16).toString('base64url'),
        tokenHash: randomBytes(32).toString('hex'),
        invitedBy: account.id,
        sentAt: new Date(),
        expiresAt: new Date(Date.now() + 7 * 86_400_000),
      })
      .returning();
    // The organisation runs an OH service that serves itself, with a case accepted and booked.
    await db.insert(ohServiceClients).values({
      providerOrganisationId: organisation.id,
      clientOrganisationId: organisation.id,
      servedFrom: '2025-01-01',
    });
    const [referral] = await db
      .insert(ohReferrals)
      .values({
        organisationId: organisation.id,
        providerOrganisationId: organisation.id,
        personId: person?.id ?? 0,
        kind: 'management',
        referredByUserId: account.id,
        referrerRelation: 'hr',
        personName: 'Fixture person',
        jobTitle: 'Officer',
        reason: 'Back pain affecting lifting',
        questions: ['Is the employee fit for their role?'],
        status: 'accepted',
        consentGivenOn: '2025-04-01',
        consentRecordedBy: 'employee',
        referredOn: '2025-04-01',
        triagedOn: '2025-04-02',
        priority: 'routine',
        service: 'nurse',
      })
      .returning();
    const [ohSession] = await db
      .insert(ohSessions)
      .values({
        organisationId: organisation.id,
        clinicianUserId: account.id,
        heldOn: '2025-04-10',
        startsAt: '09:00',
        slotMinutes: 45,
        slots: 6,
        placeKind: 'site',
        place: 'Town Hall',
      })
      .returning();
    const [appointment] = await db
      .insert(ohAppointments)
      .values({
        organisationId: organisation.id,
        referralId: referral?.id ?? 0,
        providerOrganisationId: organisation.id,
        sessionId: ohSession?.id ?? 0,
        slot: 1,
        clinicianUserId: account.id,
        heldOn: '2025-04-10',
        startsAt: '09:00',
        minutes: 45,
        placeKind: 'site',
        place: 'Town Hall',
        bookedByUserId: account.id,
      })
      .returning();
    // The case's report, released with an adjustment, after a correction the clinician declined.
    const [ohReport] = await db
      .insert(ohReports)
      .values({
        organisationId: organisation.id,
        referralId: referral?.id ?? 0,
        authorUserId: account.id,
        outcome: 'fit_with_adjustments',
        adjustments: ['No lifting over 10kg for 6 weeks'],
        answers: [{ question: 'Is the employee fit for their role?', answer: 'Yes, with the adjustment.' }],
        disabilityLikely: 'unlikely',
        employeeSeesFirst: true,
        status: 'released',
        sentToEmployeeOn: '2025-04-14',
        reviewEndsOn: '2025-04-16',
        releasedOn: '2025-04-15',
      })
      .returning();
    const [correction] = await db
      .insert(ohReportCorrections)
      .values({
        organisationId: organisation.id,
        reportId: ohReport?.id ?? 0,
        request: 'The report says I lift boxes daily; it is weekly.',
        status: 'declined',
        answer: 'How often you lift is not what the advice turns on.',
        answeredAt: '2025-04-15T10:00:00Z',
        answeredByUserId: account.id,
      })
      .returning();
    // The key offered to the revoke route is the one without scopes, so revoking it leaves the API tests their key.
    return {
      referral,
      ohSession,
      appointment,
      ohReport,
      correction,
      person,
      unit,
      site,
      key,
      absence,
      service,
      review,
      plan,
      adjustment,
      attendanceCase,
      meeting,
      letter,
      benchmark,
      staffInvitation,
    };
  });
  assert.ok(ids.attendanceCase && ids.meeting && ids.letter && ids.benchmark);
  assert.ok(ids.person && ids.unit && ids.site && ids.key && ids.absence);
  assert.ok(ids.service && ids.review && ids.plan && ids.adjustment && ids.staffInvitation);
  assert.ok(ids.referral && ids.ohSession && ids.appointment && ids.ohReport && ids.correction);
  // A sealed clinical note on the case, written by the OH service (its own scope).
  const scope = await serviceScope(services.database.system, organisation.id, '2025-04-10');
  assert.ok(scope);
  const referral = ids.referral;
  const noteId = await services.database.scoped(scope, (db) =>
    insertNote(db, services.ohNotesKey, {
      organisationId: organisation.id,
      referralId: referral.id,
      appointmentId: ids.appointment?.id ?? null,
      addendumTo: null,
      authorUserId: account.id,
      text: FIXTURE_NOTE_TEXT,
    }),
  );
  return {
    slug: organisation.slug,
    organisationId: organisation.id,
    params: {
      org: organisation.slug,
      personId: String(ids.person.id),
      unitId: String(ids.unit.id),
      siteId: String(ids.site.id),
      userId: String(account.id),
      keyId: String(ids.key.id),
      agreementId: String(agreement.id),
      absenceId: String(ids.absence.id),
      serviceId: String(ids.service.id),
      reviewId: String(ids.review.id),
      planId: String(ids.plan.id),
      adjustmentId: String(ids.adjustment.id),
      caseId: String(ids.attendanceCase.id),
      meetingId: String(ids.meeting.id),
      letterId: String(ids.letter.id),
      benchmarkId: String(ids.benchmark.id),
      invitationId: String(invitation.id),
      staffInvitationId: String(ids.staffInvitation.id),
      referralId: String(ids.referral.id),
      sessionId: String(ids.ohSession.id),
      appointmentId: String(ids.appointment.id),
      noteId: String(noteId),
      reportId: String(ids.ohReport.id),
      correctionId: String(ids.correction.id),
      kind: 'invitation',
      employeeNumber: manager.employeeNumber,
      '*': 'stylesheets/application.css',
    },
    apiKey: keys,
    owner: { id: account.id, email: account.email, password: account.password },
  };
}

/** A route's address with its parameters filled in from a fixture. */
export function fill(url: string, params: Record<string, string>): string {
  return url
    .replace(/:([A-Za-z]+)/g, (_, name: string) => params[name] ?? 'missing')
    .replace('*', params['*'] ?? '');
}

/** Who a walk over every route asks as: a session per role, and the fixture's own employee. */
export type Asker = Role | 'owner';

/** A signed-in session for every role in the fixture's organisation, and one as its `owner`. */
export async function sessionsFor(
  app: App,
  services: Services,
  fixture: Fixture,
): Promise<Map<Asker, HttpSession>> {
  const sessions = new Map<Asker, HttpSession>();
  for (const role of ROLES) {
    const person = personRow({ managerEmployeeNumber: null });
    await createTestPeople(services, fixture.organisationId, [person]);
    const account = await createTestAccount(services, fixture.organisationId, [role], {
      employeeNumber: person.employeeNumber,
    });
    sessions.set(role, await new HttpSession(app).signIn(account.email, account.password));
  }
  sessions.set('owner', await new HttpSession(app).signIn(fixture.owner.email, fixture.owner.password));
  return sessions;
}

/**
 * Who may use a route and see the fixture's records through it: its owner for their own
 * records, a partnership admin for the partnership, HR where HR may, else the first role allowed.
 */
const permissions = permissionsOf(capabilities);

export function askerFor(access: Access): Asker | 'api' | 'anyone' {
  switch (access.kind) {
    case 'public':
      return 'anyone';
    case 'signed-in':
      return 'hr';
    case 'api':
      return 'api';
    case 'permission': {
      if (access.permission.endsWith('.self-service')) return 'owner';
      const roles: readonly Role[] = permissions.rolesOf(access.permission);
      return roles.includes('hr') ? 'hr' : (roles[0] ?? 'hr');
    }
    default: {
      const unknown: never = access;
      throw new Error(`Unknown access ${JSON.stringify(unknown)}`);
    }
  }
}

/** A GET of a route with the fixture's records, as someone who may use it. */
export async function getAsAllowed(
  app: App,
  route: { url: string; access: Access },
  fixture: Fixture,
  sessions: Map<Asker, HttpSession>,
): Promise<{ statusCode: number; headers: Record<string, unknown>; body: string }> {
  const url = fill(route.url, fixture.params);
  const asker = askerFor(route.access);
  if (asker === 'api' || asker === 'anyone') {
    const headers: Record<string, string> =
      asker === 'api' ? { authorization: `Bearer ${fixture.apiKey.all}` } : {};
    const response = await app.inject({ method: 'GET', url, headers });
    return { statusCode: response.statusCode, headers: response.headers, body: response.body };
  }
  const session = sessions.get(asker);
  assert.ok(session, asker);
  return session.get(url);
}
