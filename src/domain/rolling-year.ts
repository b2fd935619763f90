/**
 * A person's rolling 12 months to a date: the absence report (SPEC §6) for them alone, over the
 * 365 days that end on the date. Pure: the caller gives their record and the region's bank
 * holidays.
 */
import {
  absenceReport,
  weekOfHours,
  type ReportEmployee,
  type ReportSickness,
  type WeekdayHours,
} from './absence-report.ts';
import { addDays } from './dates.ts';

/** A person's record as their page has already read it, enough for their rolling 12 months. */
export interface PersonRecordForReport {
  person: { id: number; startDate: string; endDate: string | null };
  /** Their employment terms, in any order, with each unit's path. */
  spells: readonly {
    spell: WeekdayHours & {
      effectiveFrom: string;
      unitId: number;
      staffGroup: string | null;
      weeklyHours: number;
      worksBankHolidays: boolean;
      annualSalary: number | null;
    };
    unitPath: string;
  }[];
  /** Their absences of every kind. */
  absences: readonly {
    type: string;
    startDate: string;
    endDate: string | null;
    reasonCode: string | null;
    firstDayHours: number | null;
  }[];
}
/** What the organisation's report needs of it. */
export interface OrganisationForRollingYear {
  slug: string;
  fullTimeHours: number;
  onCostRate: number;
}

export interface RollingYear {
  from: string;
  to: string;
  episodes: number;
  fteDaysLost: number;
  hoursLost: number;
}

/** The first day of the rolling 12 months that end on `to`. */
export function rollingYearFrom(to: string): string {
  return addDays(to, -364);
}

/** The rolling 12 months from the report's inputs for the one person. */
export function rollingYearFromInputs(
  organisation: OrganisationForRollingYear,
  to: string,
  inputs: { employees: ReportEmployee[]; sicknesses: ReportSickness[]; bankHolidays: string[] },
): RollingYear {
  const from = rollingYearFrom(to);
  const total = absenceReport({
    organisationSlug: organisation.slug,
    fullTimeHours: organisation.fullTimeHours,
    onCostRate: organisation.onCostRate,
    ...inputs,
    from,
    to,
    groupBy: 'organisation',
    method: 'hours',
  }).at(-1);
  return {
    from,
    to,
    episodes: total?.episodes ?? 0,
    fteDaysLost: total?.fteDaysLost ?? 0,
    hoursLost: total?.hoursLost ?? 0,
  };
}

/** The rolling 12 months from the person's record as a page has read it. */
export function rollingYearOf(
  organisation: OrganisationForRollingYear,
  to: string,
  record: PersonRecordForReport,
  bankHolidays: string[],
): RollingYear {
  const personId = record.person.id;
  return rollingYearFromInputs(organisation, to, {
    employees: [
      {
        personId,
        startDate: record.person.startDate,
        endDate: record.person.endDate,
        spells: record.spells
          .filter(({ spell }) => spell.effectiveFrom <= to)
          .map(({ spell, unitPath }) => ({
            from: spell.effectiveFrom,
            unitId: spell.unitId,
            unitPath,
            staffGroup: spell.staffGroup,
            weeklyHours: spell.weeklyHours,
            hours: weekOfHours(spell),
            worksBankHolidays: spell.worksBankHolidays,
            annualSalary: spell.annualSalary,
          })),
      },
    ],
    sicknesses: record.absences
      .filter((a) => a.type === 'sickness')
      .map((a) => ({
        personId,
        startDate: a.startDate,
        endDate: a.endDate,
        reasonCode: a.reasonCode ?? 'S99',
        firstDayHours: a.firstDayHours,
      })),
    bankHolidays,
  });
}
