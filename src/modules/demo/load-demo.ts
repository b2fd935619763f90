import { and, eq, sql } from 'drizzle-orm';
import { people, sites } from '../../db/schema.ts';
import { csvFile } from '../../domain/csv-file.ts';
import { today } from '../../domain/today.ts';
import type { Services } from '../../services.ts';
import { hashPassword } from '../auth/passwords.ts';
import type { PersonRow } from '../people/people-csv.ts';
import { importPeople } from '../people/people-import.ts';
import { importAbsences } from '../absences/absences-import.ts';
import { shippedBankHolidays } from '../../reference/bank-holidays.ts';
import { demoAbsences } from './demo-absences.ts';
import { demoAttendanceCase } from './demo-attendance-case.ts';
import { demoPartnership, type DemoOrganisation, type DemoPerson } from './demo-partnership.ts';
import { isDemoRunning, markDemoLoaded } from './demo-setting.ts';

export async function hasAnyOrganisation(services: Services): Promise<boolean> {
  return (await services.organisations.list()).length > 0;
}

/**
 * Marks a demo loaded before loading it was recorded, known by its partnership admin's account,
 * so that it too is announced as a demonstration.
 */
export async function recogniseEarlierDemo(services: Services): Promise<void> {
  const db = services.database.system;
  if (await isDemoRunning(db)) return;
  const admin = demoPartnership()
    .organisations.flatMap((o) => o.accounts)
    .find((a) => a.roles.includes('partnership_admin'));
  const user = admin ? await services.users.findByEmail(admin.email) : null;
  if (user) await markDemoLoaded(db, today(new Date(user.createdAt)));
}

function toRow(person: DemoPerson, index: number): PersonRow {
  return {
    row: index + 2,
    employeeNumber: person.employeeNumber,
    firstName: person.firstName,
    lastName: person.lastName,
    unitPath: person.unitPath,
    startDate: person.startDate,
    endDate: person.endDate,
    email: person.email,
    jobTitle: person.jobTitle,
    staffGroup: person.staffGroup,
    managerEmployeeNumber: person.managerEmployeeNumber,
    weeklyHours: person.weeklyHours,
    pattern: { hours: person.hours, worksBankHolidays: person.worksBankHolidays },
    annualSalary: person.annualSalary,
  };
}

/** Loads the demo partnership: organisations, agreements, sites, people, absences and sign-ins. */
export async function loadDemo(services: Services) {
  const demo = demoPartnership();
  // Marked first, so that even a demo cut short by a crash is announced as one.
  await markDemoLoaded(services.database.system, today());
  const partnership = await services.organisations.ensurePartnership(
    demo.partnership.slug,
    demo.partnership.name,
  );
  let peopleCount = 0;
  let accountCount = 0;
  let absenceCount = 0;
  for (const org of demo.organisations) {
    const organisation = await services.organisations.create(partnership.id, {
      slug: org.slug,
      name: org.name,
      sector: org.sector,
      region: org.region,
      fullTimeHours: org.fullTimeHours,
      targetDaysPerFte: org.targetDaysPerFte,
      onCostRate: org.onCostRate,
      policyModel: org.policyModel,
      isLead: org.isLead,
      providesOccupationalHealth: org.providesOccupationalHealth,
    });
    if (org.agreement) {
      await services.organisations.addAgreement({
        organisationId: organisation.id,
        startDate: org.agreement.startDate,
        endDate: org.agreement.endDate,
        annualContributionGbp: org.agreement.annualContributionGbp,
        headcount: org.agreement.headcount,
        marketingContactName: org.agreement.marketingContact.name,
        marketingContactEmail: org.agreement.marketingContact.email,
        marketingContactPhone: org.agreement.marketingContact.phone,
      });
    }
    await services.database.scoped({ organisationIds: [organisation.id] }, async (db) => {
      if (org.sites.length > 0) {
        await db.insert(sites).values(org.sites.map((s) => ({ organisationId: organisation.id, ...s })));
      }
    });
    const result = await importPeople(services.database, organisation.id, org.people.map(toRow), {
      today: today(),
    });
    if (!result.ok) {
      throw new Error(
        `The demo people of ${org.slug} did not import: ${JSON.stringify(result.problems.slice(0, 3))}`,
      );
    }
    peopleCount += org.people.length;
    for (const unit of org.unitPolicies) {
      await services.database.scoped({ organisationIds: [organisation.id] }, (db) =>
        db.execute(sql`update units set policy_model = ${unit.policyModel}
                       where organisation_id = ${organisation.id} and path = ${unit.path}`),
      );
    }
    const holidays = new Set(
      shippedBankHolidays()
        .filter((h) => h.region === org.region)
        .map((h) => h.date),
    );
    const absences = await importAbsences(
      services.database,
      organisation.id,
      demoAbsences(org, today(), holidays),
      {},
    );
    if (!absences.ok) {
      throw new Error(
        `The demo absences of ${org.slug} did not import: ${JSON.stringify(absences.problems.slice(0, 3))}`,
      );
    }
    absenceCount += absences.summary.created;
    accountCount += await createAccounts(services, organisation.id, org);
    const manager = org.accounts.find((a) => a.roles.includes('line_manager'));
    if (manager?.employeeNumber) {
      const holders = new Set(org.accounts.map((a) => a.employeeNumber ?? ''));
      await services.database.scoped({ organisationIds: [organisation.id] }, (db) =>
        demoAttendanceCase(
          db,
          organisation,
          { employeeNumber: manager.employeeNumber ?? '', displayName: manager.displayName },
          holders,
          today(),
        ),
      );
    }
  }
  return {
    organisations: demo.organisations.length,
    people: peopleCount,
    absences: absenceCount,
    accounts: accountCount,
  };
}

async function createAccounts(
  services: Services,
  organisationId: number,
  org: DemoOrganisation,
): Promise<number> {
  for (const account of org.accounts) {
    const existing = await services.users.findByEmail(account.email);
    const user =
      existing ??
      (await services.users.create({
        email: account.email,
        displayName: account.displayName,
        passwordHash: await hashPassword(account.password),
      }));
    await services.users.grant(user.id, organisationId, account.roles);
    if (account.employeeNumber) {
      await services.database.scoped({ organisationIds: [organisationId] }, (db) =>
        db
          .update(people)
          .set({ userId: user.id })
          .where(
            and(
              eq(people.organisationId, organisationId),
              eq(people.employeeNumber, account.employeeNumber ?? ''),
            ),
          ),
      );
    }
  }
  return org.accounts.length;
}

/** The demo sign-ins as CSV: email,password,role,organisation (one line per role held). */
export function demoSignIns(): string {
  const rows: string[][] = [];
  for (const org of demoPartnership().organisations) {
    for (const account of org.accounts) {
      for (const role of account.roles) rows.push([account.email, account.password, role, org.slug]);
    }
  }
  return csvFile(['email', 'password', 'role', 'organisation'], rows);
}

/** The demo sign-ins as a table for people reading a terminal. */
export function demoSignInTable(): string {
  const lines: string[] = [];
  for (const org of demoPartnership().organisations) {
    for (const account of org.accounts) {
      lines.push(
        `  ${account.email.padEnd(38)} ${account.password.padEnd(30)} ${account.roles.join(', ')} (${org.slug})`,
      );
    }
  }
  return lines.join('\n');
}
