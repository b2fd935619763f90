import type { Services } from '../../services.ts';
import { noteContext } from '../occupational-health/notes-repository.ts';
import {
  insertDemoCasework,
  insertDemoService,
  reserveIds,
  type CaseworkTable,
} from '../occupational-health/demo-casework-repository.ts';
import { peopleRepository } from '../people/people-repository.ts';
import type { DemoAbsence } from './demo-absences.ts';
import {
  DEMO_REVIEW_WORKING_DAYS,
  demoCasework,
  PROFESSION_OF_POST,
  type CaseworkOrganisation,
} from './demo-occupational-health.ts';
import type { DemoOrganisation } from './demo-partnership.ts';

/** The organisations the police force's OH service serves, itself first, with a year's cases of each. */
export const DEMO_OH_CASES: Readonly<Record<string, number>> = {
  'fellshire-police': 45,
  'merrowby-council': 90,
  'merrowby-nhs': 85,
  'riverside-homes': 30,
};

export interface LoadedOrganisation {
  id: number;
  org: DemoOrganisation;
  absences: readonly DemoAbsence[];
}

/**
 * The police force's OH service and a year of its casework, for organisations already loaded
 * with their people, absences and sign-ins. Clinical notes are sealed with the OH notes key for
 * their ids, which are reserved before anything is written.
 */
export async function loadDemoOccupationalHealth(
  services: Services,
  loaded: readonly LoadedOrganisation[],
  asOf: string,
  holidays: ReadonlySet<string>,
): Promise<{ referrals: number; appointments: number; notes: number; reports: number }> {
  const provider = loaded.find((l) => l.org.providesOccupationalHealth);
  if (!provider) throw new Error('The demo has no organisation that provides occupational health');
  const served = loaded.filter((l) => DEMO_OH_CASES[l.org.slug] !== undefined);
  const userIds = async (org: DemoOrganisation) => {
    const ids = new Map<string, number>();
    for (const account of org.accounts) {
      const user = await services.users.findByEmail(account.email);
      if (user && account.employeeNumber) ids.set(account.employeeNumber, user.id);
    }
    return ids;
  };
  const organisations: CaseworkOrganisation[] = [];
  for (const l of served) {
    const people = await services.database.scoped({ organisationIds: [l.id] }, (db) =>
      peopleRepository(db, l.id).byEmployeeNumbers(l.org.people.map((p) => p.employeeNumber)),
    );
    organisations.push({
      organisationId: l.id,
      org: l.org,
      absences: l.absences,
      personIds: new Map(people.map((p) => [p.employeeNumber, p.id])),
      userIds: await userIds(l.org),
      cases: DEMO_OH_CASES[l.org.slug] ?? 0,
    });
  }
  const providerUsers = await userIds(provider.org);
  const clinicians = provider.org.accounts.flatMap((account) => {
    const person = provider.org.people.find((p) => p.employeeNumber === account.employeeNumber);
    const profession = person ? PROFESSION_OF_POST[person.jobTitle] : undefined;
    const userId = providerUsers.get(account.employeeNumber ?? '');
    return account.roles.includes('oh_clinician') && profession && userId !== undefined
      ? [{ userId, profession }]
      : [];
  });
  const admin = provider.org.accounts.find((a) => a.roles.includes('oh_admin'));
  const adminUserId = providerUsers.get(admin?.employeeNumber ?? '');
  if (adminUserId === undefined) throw new Error('The demo OH service has no admin');

  const plan = demoCasework({
    asOf,
    holidays,
    providerId: provider.id,
    sites: provider.org.sites,
    organisations,
    clinicians,
    adminUserId,
  });

  const scope = { organisationIds: [provider.id], ohOrganisationIds: served.map((l) => l.id) };
  await services.database.scoped(scope, async (db) => {
    await insertDemoService(db, {
      clients: served.map((l) => ({
        providerOrganisationId: provider.id,
        clientOrganisationId: l.id,
        servedFrom: plan.servedFrom,
      })),
      settings: { organisationId: provider.id, reportReviewWorkingDays: DEMO_REVIEW_WORKING_DAYS },
      clinicians: clinicians.map((c) => ({
        organisationId: provider.id,
        userId: c.userId,
        profession: c.profession,
      })),
    });
    const reserve = async (table: CaseworkTable, count: number) => {
      const ids = await reserveIds(db, table, count);
      return (index: number) => {
        const id = ids[index];
        if (id === undefined) throw new Error(`No id reserved for ${table} ${index}`);
        return id;
      };
    };
    const referral = await reserve('oh_referrals', plan.referrals.length);
    const session = await reserve('oh_sessions', plan.sessions.length);
    const appointment = await reserve('oh_appointments', plan.appointments.length);
    const note = await reserve('oh_notes', plan.notes.length);
    const report = await reserve('oh_reports', plan.reports.length);
    const version = await reserve('oh_report_versions', plan.versions.length);
    const correction = await reserve('oh_report_corrections', plan.corrections.length);
    const { sealer, id: keyId } = services.ohNotesKey;
    await insertDemoCasework(db, {
      referrals: plan.referrals.map((r) => ({ ...r, id: referral(r.id) })),
      sessions: plan.sessions.map((s) => ({ ...s, id: session(s.id) })),
      appointments: plan.appointments.map((a) => ({
        ...a,
        id: appointment(a.id),
        referralId: referral(a.referralId),
        sessionId: session(a.sessionId),
        rebookedAsId:
          a.rebookedAsId === null || a.rebookedAsId === undefined ? null : appointment(a.rebookedAsId),
      })),
      notes: plan.notes.map(({ text, ...n }) => {
        const id = note(n.id);
        const referralId = referral(n.referralId);
        return {
          ...n,
          id,
          referralId,
          appointmentId:
            n.appointmentId === null || n.appointmentId === undefined ? null : appointment(n.appointmentId),
          addendumTo: n.addendumTo === null || n.addendumTo === undefined ? null : note(n.addendumTo),
          sealedText: sealer.seal(text, noteContext({ organisationId: n.organisationId, referralId, id })),
          keyId,
        };
      }),
      reports: plan.reports.map((r) => ({ ...r, id: report(r.id), referralId: referral(r.referralId) })),
      versions: plan.versions.map((v) => ({ ...v, id: version(v.id), reportId: report(v.reportId) })),
      corrections: plan.corrections.map((c) => ({
        ...c,
        id: correction(c.id),
        reportId: report(c.reportId),
      })),
    });
  });
  return {
    referrals: plan.referrals.length,
    appointments: plan.appointments.length,
    notes: plan.notes.length,
    reports: plan.reports.length,
  };
}
