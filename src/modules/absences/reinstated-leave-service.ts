/**
 * The annual leave given back to a person because they were sick during it, in working days,
 * for their page and for HR's and their managers' view of them.
 */
import { weekOfHours, type WeekdayHours } from '../../domain/absence-report.ts';
import {
  type RecordedAbsence,
  reinstatedLeaveDays,
  reinstatedLeaveInWords,
  type WorkingTime,
} from '../../domain/reinstated-leave.ts';
import type { Db } from '../../db/database.ts';
import { bankHolidayDatesBetween } from '../calendar/bank-holidays-repository.ts';
import { peopleRepository } from '../people/people-repository.ts';
import { absencesRepository } from './absences-repository.ts';

/** A person's record as their page has already read it: enough to judge sickness during leave. */
export interface PersonRecordForLeave {
  person: { startDate: string; endDate: string | null };
  /** Their employment terms, in any order. */
  spells: readonly { spell: WeekdayHours & { effectiveFrom: string; worksBankHolidays: boolean } }[];
  /** Their absences; those of other kinds than annual leave and sickness are passed over. */
  absences: readonly RecordedAbsence[];
}

function workingTime(record: PersonRecordForLeave): WorkingTime {
  return {
    startDate: record.person.startDate,
    endDate: record.person.endDate,
    spells: record.spells.map(({ spell }) => ({
      from: spell.effectiveFrom,
      hours: weekOfHours(spell),
      worksBankHolidays: spell.worksBankHolidays,
    })),
  };
}

/**
 * 'Annual leave reinstated: 2 working days (21 and 22 August 2025)' for the leave a person has
 * been given back up to a date, or null when there is none. From the record a page has already
 * read, when it gives one (then only the bank holidays are read), or else from the database.
 */
export async function reinstatedLeaveFor(
  db: Db,
  organisation: { id: number; region: string },
  personId: number,
  through: string,
  record: PersonRecordForLeave | null = null,
): Promise<string | null> {
  const known = record ?? (await recordOf(db, organisation.id, personId));
  if (!known) return null;
  const leave = known.absences.filter((a) => a.type === 'annual_leave' && a.startDate <= through);
  const sickness = known.absences.filter((a) => a.type === 'sickness' && a.startDate <= through);
  if (leave.length === 0 || sickness.length === 0) return null;
  const from = leave.reduce((earliest, a) => (a.startDate < earliest ? a.startDate : earliest), through);
  const bankHolidays = await bankHolidayDatesBetween(db, organisation.region, from, through);
  return reinstatedLeaveInWords(
    reinstatedLeaveDays(workingTime(known), leave, sickness, bankHolidays, through),
  );
}

async function recordOf(
  db: Db,
  organisationId: number,
  personId: number,
): Promise<PersonRecordForLeave | null> {
  const people = peopleRepository(db, organisationId);
  const person = await people.find(personId);
  if (!person) return null;
  return {
    person,
    spells: await people.history(personId),
    absences: await absencesRepository(db, organisationId).annualLeaveAndSickness(personId),
  };
}
