import { csvFile } from '../imports/write-csv.ts';
import { today } from '../../domain/today.ts';
import type { Services } from '../../services.ts';
import { hashPassword } from '../auth/passwords.ts';
import type { PersonRow } from '../people/people-csv.ts';
import { importPeople } from '../people/people-import.ts';
import { importAbsences } from '../absences/absences-import.ts';
import { shippedBankHolidays } from '../../reference/bank-holidays.ts';
import type { Db } from '../../db/database.ts';
import { outcomeInWords, STAGE_NAMES } from '../../domain/attendance-stages.ts';
import { addDays } from '../../domain/dates.ts';
import { DEFAULT_TEMPLATES, fillTemplate, type LetterKind } from '../../domain/letters.ts';
import { timeOfDay, ukDate } from '../../domain/date-words.ts';
import { absencesRepository } from '../absences/absences-repository.ts';
import { attendanceCasesRepository } from '../attendance-cases/attendance-cases-repository.ts';
import { peopleRepository } from '../people/people-repository.ts';
import { personAccountsRepository } from '../people/person-accounts-repository.ts';
import { structureRepository } from '../people/structure-repository.ts';
import {
  ensureWelcomeBackReviews,
  welcomeBackReviewsRepository,
} from '../welcome-back-reviews/welcome-back-reviews-repository.ts';
import { demoAbsences, type DemoAbsence } from './demo-absences.ts';
import { DEMO_REVIEW_HISTORY_DAYS, demoCasePlans, demoReviewOutcomes } from './demo-workflow.ts';
import { demoAttendanceCase } from './demo-attendance-case.ts';
import { demoPartnership, type DemoOrganisation, type DemoPerson } from './demo-partnership.ts';
import { isDemoRunning, markDemoLoaded } from '../../db/demo-setting.ts';
import { loadDemoOccupationalHealth, type LoadedOrganisation } from './load-demo-occupational-health.ts';

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

/**
 * Loads the demo partnership: organisations, agreements, sites, people, absences and sign-ins,
 * then a year of the police force's occupational health casework for the people loaded.
 */
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
  const loaded: LoadedOrganisation[] = [];
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
        await structureRepository(db, organisation.id).addSites(org.sites);
      }
    });
    const result = await importPeople(services, organisation.id, org.people.map(toRow), {
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
        structureRepository(db, organisation.id).setPolicyModelAt(unit.path, unit.policyModel),
      );
    }
    const holidays = new Set(
      shippedBankHolidays()
        .filter((h) => h.region === org.region)
        .map((h) => h.date),
    );
    const demoRows = demoAbsences(org, today(), holidays);
    const absences = await importAbsences(services, organisation.id, demoRows, {});
    if (!absences.ok) {
      throw new Error(
        `The demo absences of ${org.slug} did not import: ${JSON.stringify(absences.problems.slice(0, 3))}`,
      );
    }
    absenceCount += absences.summary.created;
    loaded.push({ id: organisation.id, org, absences: demoRows });
    await services.database.scoped({ organisationIds: [organisation.id] }, (db) =>
      demoWorkflow(db, organisation, org, demoRows, today()),
    );
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
  const provider = demo.organisations.find((o) => o.providesOccupationalHealth);
  const occupationalHealth = await loadDemoOccupationalHealth(
    services,
    loaded,
    today(),
    new Set(
      shippedBankHolidays()
        .filter((h) => h.region === provider?.region)
        .map((h) => h.date),
    ),
  );
  return {
    organisations: demo.organisations.length,
    people: peopleCount,
    absences: absenceCount,
    accounts: accountCount,
    occupationalHealthCases: occupationalHealth.referrals,
  };
}

/**
 * What the demo's records say happened, recorded: how each sickness was certified, a year of
 * welcome-back reviews (most held on time, a handful overdue) and attendance cases at each stage.
 */
async function demoWorkflow(
  db: Db,
  organisation: { id: number; name: string },
  org: DemoOrganisation,
  rows: readonly DemoAbsence[],
  asOf: string,
): Promise<void> {
  const people = await peopleRepository(db, organisation.id).byEmployeeNumbers(
    org.people.map((p) => p.employeeNumber),
  );
  const idOf = new Map(people.map((p) => [p.employeeNumber, p.id]));
  const certificates = rows.flatMap((row) => {
    const personId = idOf.get(row.employeeNumber);
    return row.certificate && personId !== undefined
      ? [{ personId, startDate: row.startDate, ...row.certificate }]
      : [];
  });
  const absences = absencesRepository(db, organisation.id);
  for (let i = 0; i < certificates.length; i += 1000) {
    await absences.certifyWithHistory(certificates.slice(i, i + 1000), {
      userId: null,
      reason: 'Certificate received',
    });
  }

  await ensureWelcomeBackReviews(db, organisation.id, asOf, {
    endedFrom: addDays(asOf, -DEMO_REVIEW_HISTORY_DAYS),
  });
  const reviews = welcomeBackReviewsRepository(db, organisation.id);
  const open = await reviews.list({ open: true, limit: 100_000 });
  const employed = new Set(
    (await reviews.list({ open: true, employedOn: asOf, limit: 100_000 })).map((v) => v.id),
  );
  const { held } = demoReviewOutcomes(
    org.slug,
    open.map((v) => ({ id: v.id, dueDate: v.due_date, employed: employed.has(v.id) })),
    asOf,
  );
  for (let i = 0; i < held.length; i += 1000) await reviews.completeMany(held.slice(i, i + 1000));

  const cases = attendanceCasesRepository(db, organisation.id);
  for (const plan of demoCasePlans(org, rows, asOf)) {
    const personId = idOf.get(plan.employeeNumber);
    const person = org.people.find((p) => p.employeeNumber === plan.employeeNumber);
    if (personId === undefined || !person) continue;
    const caseId = await cases.open(personId, plan.openedOn, null);
    for (const meeting of plan.meetings) {
      const meetingId = await cases.arrangeMeeting({
        caseId,
        stage: meeting.stage,
        meetingDate: meeting.meetingDate,
        location: meeting.location,
        noticeGivenOn: meeting.noticeGivenOn,
        overrideReason: null,
        createdByUserId: null,
      });
      const values = {
        personName: `${person.firstName} ${person.lastName}`,
        organisationName: organisation.name,
        stage: STAGE_NAMES[meeting.stage],
        location: meeting.location,
        noticeDate: ukDate(meeting.noticeGivenOn),
        meetingDate: ukDate(meeting.meetingDate),
        meetingTime: timeOfDay(...(meeting.meetingTime.split(':').map(Number) as [number, number])),
        senderName: 'Human Resources',
      };
      const letters: [LetterKind, string][] = [['invitation', meeting.noticeGivenOn]];
      if (meeting.record) {
        await cases.recordMeeting(meetingId, meeting.record, null);
        letters.push(['outcome', addDays(meeting.meetingDate, 1)]);
      }
      for (const [kind, issuedOn] of letters) {
        const letter = fillTemplate(DEFAULT_TEMPLATES[kind], {
          ...values,
          outcome: meeting.record?.outcome
            ? outcomeInWords(meeting.record.outcome, meeting.record.reviewDate)
            : null,
          rationale: meeting.record?.rationale ?? null,
          reviewDate: meeting.record?.reviewDate ? ukDate(meeting.record.reviewDate) : null,
        });
        const invitation = kind === 'invitation';
        await cases.issueLetter({
          personId,
          meetingId,
          kind,
          issuedOn,
          ...letter,
          meetingDate: invitation ? meeting.meetingDate : null,
          meetingTime: invitation ? meeting.meetingTime : null,
          meetingPlace: invitation ? meeting.location : null,
          issuedByUserId: null,
        });
      }
    }
    if (plan.closed) await cases.close(caseId, plan.closed.on, plan.closed.reason);
  }
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
        personAccountsRepository(db, organisationId).assignByEmployeeNumber(
          account.employeeNumber ?? '',
          user.id,
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
