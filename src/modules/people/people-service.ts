import { weekOfHours } from '../../domain/absence-report.ts';
import type { Db } from '../../db/database.ts';
import type { Services } from '../../services.ts';
import type { FieldError } from '../../web/forms.ts';
import { paths } from '../../web/paths.ts';
import type { OrganisationContext, Principal } from '../../web/types.ts';
import type { EmploymentTerms, PersonDetails } from './people-forms.ts';
import { peopleRepository } from './people-repository.ts';
import { personAccountsRepository } from './person-accounts-repository.ts';

/** Links a user account to the person it belongs to in an organisation. */
export async function linkAccountToPerson(
  services: Services,
  organisationId: number,
  employeeNumber: string,
  userId: number,
): Promise<boolean> {
  return services.database.scoped({ organisationIds: [organisationId] }, (db) =>
    personAccountsRepository(db, organisationId).linkByEmployeeNumber(employeeNumber, userId),
  );
}

/** The organisation's units, for a select list, in path order. */
export async function unitOptions(db: Db, organisationId: number) {
  const units = await peopleRepository(db, organisationId).unitsInPathOrder();
  return units.map(({ id, path }) => ({ id, path }));
}

/**
 * The organisation's staff groups, past and present, for a select list: published for the
 * reports, which offer them as a filter.
 */
export async function staffGroupOptions(db: Db, organisationId: number): Promise<string[]> {
  return peopleRepository(db, organisationId).staffGroups();
}

/** One person who may be chosen as a line manager: by name and employee number. */
export interface ManagerOption {
  employeeNumber: string;
  text: string;
}

/**
 * The choices for a line manager on a date: those who manage someone already, then everyone
 * else employed, each in name order. `except` leaves out the person being edited.
 */
export async function managerOptions(
  db: Db,
  organisationId: number,
  onDate: string,
  except: number | null = null,
): Promise<{ managers: ManagerOption[]; others: ManagerOption[] }> {
  const rows = (await peopleRepository(db, organisationId).employedOn(onDate)).filter((r) => r.id !== except);
  const option = (r: (typeof rows)[number]) => ({
    employeeNumber: r.employee_number,
    text: `${r.first_name} ${r.last_name} (${r.employee_number})`,
  });
  return {
    managers: rows.filter((r) => r.manages).map(option),
    others: rows.filter((r) => !r.manages).map(option),
  };
}

/** What the employment-terms form offers: units, staff groups and line managers. */
export async function employmentChoices(
  db: Db,
  organisationId: number,
  onDate: string,
  personId: number | null,
) {
  return {
    units: await unitOptions(db, organisationId),
    staffGroups: await staffGroupOptions(db, organisationId),
    managerChoices: await managerOptions(db, organisationId, onDate, personId),
  };
}

const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

function patternText(hours: readonly number[]): string {
  const worked = hours.map((h, i) => (h > 0 ? `${DAY_NAMES[i]} ${h}` : null)).filter(Boolean);
  return worked.length > 0 ? worked.join(', ') : 'No hours';
}

/** Everything the person page shows: details, current terms and employment history. */
export async function personPage(db: Db, organisation: OrganisationContext, personId: number) {
  const repository = peopleRepository(db, organisation.id);
  const person = await repository.find(personId);
  if (!person) return null;
  const history = await repository.history(personId);
  const current = history[0] ?? null;
  const personLink = (id: number | null) =>
    id === null ? null : paths.organisation.person.build({ org: organisation.slug, personId: id });
  const fte = (weekly: number) => Math.round((weekly / organisation.fullTimeHours) * 100) / 100;
  return {
    person,
    /** The employment terms as on record, newest first. */
    terms: history,
    name: `${person.firstName} ${person.lastName}`,
    current: current
      ? {
          unitPath: current.unitPath,
          managerName: current.managerName,
          managerHref: personLink(current.managerId),
          staffGroup: current.spell.staffGroup,
          weeklyHours: current.spell.weeklyHours,
          fte: fte(current.spell.weeklyHours),
          pattern: patternText(weekOfHours(current.spell)),
          worksBankHolidays: current.spell.worksBankHolidays,
          annualSalary: current.spell.annualSalary,
          siteName: current.siteName,
        }
      : null,
    currentTermsForm: current
      ? {
          unitId: String(current.spell.unitId),
          managerEmployeeNumber: current.managerEmployeeNumber ?? '',
          staffGroup: current.spell.staffGroup ?? '',
          weeklyHours: String(current.spell.weeklyHours),
          hoursMon: String(current.spell.hoursMon),
          hoursTue: String(current.spell.hoursTue),
          hoursWed: String(current.spell.hoursWed),
          hoursThu: String(current.spell.hoursThu),
          hoursFri: String(current.spell.hoursFri),
          hoursSat: String(current.spell.hoursSat),
          hoursSun: String(current.spell.hoursSun),
          worksBankHolidays: String(current.spell.worksBankHolidays),
          annualSalary: current.spell.annualSalary === null ? '' : String(current.spell.annualSalary),
        }
      : {},
    history: history.map((h) => ({
      effectiveFrom: h.spell.effectiveFrom,
      unitPath: h.unitPath,
      managerName: h.managerName,
      staffGroup: h.spell.staffGroup,
      weeklyHours: h.spell.weeklyHours,
      pattern: patternText(weekOfHours(h.spell)),
      worksBankHolidays: h.spell.worksBankHolidays,
      annualSalary: h.spell.annualSalary,
    })),
    links: {
      edit: paths.organisation.editPerson.build({ org: organisation.slug, personId }),
      employmentChange: paths.organisation.newEmploymentChange.build({ org: organisation.slug, personId }),
      people: paths.organisation.people.build({ org: organisation.slug }),
    },
  };
}

export async function updatePersonDetails(
  db: Db,
  organisationId: number,
  personId: number,
  details: PersonDetails,
): Promise<FieldError[]> {
  const repository = peopleRepository(db, organisationId);
  const history = await repository.history(personId);
  const first = history.at(-1);
  if (first && first.spell.effectiveFrom < details.startDate && history.length > 1) {
    return [
      { text: 'The start date cannot be after a recorded change of employment', href: '#startDate-day' },
    ];
  }
  await repository.updatePerson(personId, {
    firstName: details.firstName,
    lastName: details.lastName,
    email: details.email,
    jobTitle: details.jobTitle,
    startDate: details.startDate,
    endDate: details.endDate,
  });
  if (first && first.spell.effectiveFrom !== details.startDate && history.length === 1) {
    await repository.updateSpell(first.spell.id, { effectiveFrom: details.startDate });
  }
  return [];
}

/**
 * Records new employment terms from a date. A change on the same date as an existing one
 * replaces it; a change before the person started is refused.
 */
export async function changeEmployment(
  db: Db,
  organisationId: number,
  personId: number,
  terms: EmploymentTerms,
): Promise<FieldError[]> {
  const repository = peopleRepository(db, organisationId);
  const person = await repository.find(personId);
  if (!person || !terms.effectiveFrom)
    return [{ text: 'Enter the date the change takes effect', href: '#effectiveFrom-day' }];
  if (terms.effectiveFrom < person.startDate) {
    return [{ text: 'The change cannot take effect before the person started', href: '#effectiveFrom-day' }];
  }
  if (person.endDate && terms.effectiveFrom > person.endDate) {
    return [{ text: 'The change cannot take effect after the person left', href: '#effectiveFrom-day' }];
  }
  let managerPersonId: number | null = null;
  if (terms.managerEmployeeNumber) {
    const [manager] = await repository.byEmployeeNumbers([terms.managerEmployeeNumber]);
    if (!manager) {
      return [
        {
          text: `There is no one with employee number ${terms.managerEmployeeNumber} here`,
          href: '#managerEmployeeNumber',
        },
      ];
    }
    if (manager.id === personId)
      return [{ text: 'A person cannot be their own line manager', href: '#managerEmployeeNumber' }];
    managerPersonId = manager.id;
  }
  const [mon, tue, wed, thu, fri, sat, sun] = terms.pattern.hours;
  const values = {
    unitId: terms.unitId,
    managerPersonId,
    staffGroup: terms.staffGroup,
    weeklyHours: terms.weeklyHours,
    hoursMon: mon,
    hoursTue: tue,
    hoursWed: wed,
    hoursThu: thu,
    hoursFri: fri,
    hoursSat: sat,
    hoursSun: sun,
    worksBankHolidays: terms.pattern.worksBankHolidays,
    annualSalary: terms.annualSalary,
  };
  const history = await repository.history(personId);
  const sameDay = history.find((h) => h.spell.effectiveFrom === terms.effectiveFrom);
  if (sameDay) await repository.updateSpell(sameDay.spell.id, values);
  else
    await repository.insertSpells([
      { organisationId, personId, effectiveFrom: terms.effectiveFrom, ...values },
    ]);
  return [];
}

/**
 * Whether the signed-in person may see someone's record: HR and organisation admins see
 * everyone in their organisation, line managers their reporting line (direct and indirect),
 * and everyone themselves.
 */
export async function maySeePerson(
  db: Db,
  principal: Principal,
  organisationId: number,
  personId: number,
  onDate: string,
): Promise<'organisation' | 'reporting-line' | 'self' | false> {
  const roles = principal.grants.filter((g) => g.organisationId === organisationId).map((g) => g.role);
  if (roles.includes('hr') || roles.includes('organisation_admin')) return 'organisation';
  const own = principal.personIds.get(organisationId);
  if (own === personId) return 'self';
  if (own !== undefined && roles.includes('line_manager')) {
    if (await peopleRepository(db, organisationId).isInReportingLine(own, personId, onDate))
      return 'reporting-line';
  }
  return false;
}
