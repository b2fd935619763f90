import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { withoutUnknownLines } from '../../domain/letters.ts';
import { queryRows, type Db } from '../../db/database.ts';
import { attendanceCases, dyingToWork, letters, stageMeetings } from './attendance-cases-schema.ts';
import { STAGES, type MeetingRecord, type Stage } from '../../domain/attendance-stages.ts';
import { intArray, textArray } from '../../db/array-parameters.ts';
import type { LetterKind } from '../../domain/letters.ts';
import { employmentTermsOf, peopleOf, unitsOf } from '../people/people-sources-queries.ts';

export type AttendanceCase = typeof attendanceCases.$inferSelect;
export type StageMeeting = typeof stageMeetings.$inferSelect;
export type Letter = typeof letters.$inferSelect;
export type DyingToWorkRecord = typeof dyingToWork.$inferSelect;

/** The columns HR's list of cases sorts by, each with its first order. */
export const CASE_SORTS = {
  opened: 'desc',
  name: 'asc',
  unit: 'asc',
  manager: 'asc',
  stage: 'desc',
} as const;
export type CaseSort = keyof typeof CASE_SORTS;

/** A case on HR's list: the person, their unit today and the latest meeting. */
export interface CaseListRow {
  id: number;
  person_id: number;
  first_name: string;
  last_name: string;
  opened_on: string;
  closed_on: string | null;
  unit_id: number | null;
  unit_path: string | null;
  /** The person's line manager today (in the paged list only). */
  manager_name?: string | null;
  stage: Stage | null;
  meeting_date: string | null;
  held_on: string | null;
  outcome: string | null;
  review_date: string | null;
  dying_to_work: boolean;
}

/** A meeting with the person it concerns, for task lists and reminders. */
export interface MeetingDueRow {
  id: number;
  case_id: number;
  person_id: number;
  first_name: string;
  last_name: string;
  stage: Stage;
  meeting_date: string;
}

/** The only code that queries attendance cases, their stage meetings, letters and Dying to Work records. */
export function attendanceCasesRepository(db: Db, organisationId: number) {
  const caseIn = eq(attendanceCases.organisationId, organisationId);
  const meetingIn = eq(stageMeetings.organisationId, organisationId);
  return {
    async find(caseId: number): Promise<AttendanceCase | null> {
      const [row] = await db
        .select()
        .from(attendanceCases)
        .where(and(caseIn, eq(attendanceCases.id, caseId)));
      return row ?? null;
    },

    async openCaseOf(personId: number): Promise<AttendanceCase | null> {
      const [row] = await db
        .select()
        .from(attendanceCases)
        .where(and(caseIn, eq(attendanceCases.personId, personId), isNull(attendanceCases.closedOn)));
      return row ?? null;
    },

    async open(personId: number, openedOn: string, userId: number | null): Promise<number> {
      const [row] = await db
        .insert(attendanceCases)
        .values({ organisationId, personId, openedOn, openedByUserId: userId })
        .returning({ id: attendanceCases.id });
      if (!row) throw new Error('The case was not saved');
      return row.id;
    },

    async close(caseId: number, closedOn: string, reason: string) {
      await db
        .update(attendanceCases)
        .set({ closedOn, closedReason: reason })
        .where(and(caseIn, eq(attendanceCases.id, caseId)));
    },

    async meetings(caseId: number): Promise<StageMeeting[]> {
      return db
        .select()
        .from(stageMeetings)
        .where(and(meetingIn, eq(stageMeetings.caseId, caseId)))
        .orderBy(asc(stageMeetings.meetingDate), asc(stageMeetings.id));
    },

    async meeting(caseId: number, meetingId: number): Promise<StageMeeting | null> {
      const [row] = await db
        .select()
        .from(stageMeetings)
        .where(and(meetingIn, eq(stageMeetings.caseId, caseId), eq(stageMeetings.id, meetingId)));
      return row ?? null;
    },

    async arrangeMeeting(values: {
      caseId: number;
      stage: Stage;
      meetingDate: string;
      location: string;
      noticeGivenOn: string;
      overrideReason: string | null;
      createdByUserId: number | null;
    }): Promise<number> {
      const [row] = await db
        .insert(stageMeetings)
        .values({ organisationId, ...values })
        .returning({ id: stageMeetings.id });
      if (!row) throw new Error('The meeting was not saved');
      return row.id;
    },

    /** Moves an arranged meeting to the date and place its invitation letter gives. */
    async rearrangeMeeting(
      meetingId: number,
      values: { meetingDate: string; location: string; noticeGivenOn?: string },
    ) {
      await db
        .update(stageMeetings)
        .set(values)
        .where(and(meetingIn, eq(stageMeetings.id, meetingId)));
    },

    async recordMeeting(meetingId: number, record: MeetingRecord, userId: number | null) {
      await db
        .update(stageMeetings)
        .set({ ...record, recordedByUserId: userId })
        .where(and(meetingIn, eq(stageMeetings.id, meetingId)));
    },

    async letters(personId: number): Promise<Letter[]> {
      return db
        .select()
        .from(letters)
        .where(and(eq(letters.organisationId, organisationId), eq(letters.personId, personId)))
        .orderBy(desc(letters.issuedOn), desc(letters.id));
    },

    /** A letter, with the case of the meeting it is about. */
    async letter(letterId: number): Promise<(Letter & { caseId: number }) | null> {
      const [row] = await db
        .select({ letter: letters, caseId: stageMeetings.caseId })
        .from(letters)
        .innerJoin(
          stageMeetings,
          and(
            eq(stageMeetings.organisationId, letters.organisationId),
            eq(stageMeetings.id, letters.meetingId),
          ),
        )
        .where(and(eq(letters.organisationId, organisationId), eq(letters.id, letterId)));
      // Letters issued before the time was asked for read “Time: not recorded”: that line is left out.
      return row ? { ...row.letter, body: withoutUnknownLines(row.letter.body), caseId: row.caseId } : null;
    },

    async issueLetter(values: {
      personId: number;
      meetingId: number;
      kind: LetterKind;
      issuedOn: string;
      subject: string;
      body: string;
      meetingDate?: string | null;
      meetingTime?: string | null;
      meetingPlace?: string | null;
      issuedByUserId: number | null;
    }): Promise<number> {
      const [row] = await db
        .insert(letters)
        .values({ organisationId, ...values })
        .returning({ id: letters.id });
      if (!row) throw new Error('The letter was not saved');
      return row.id;
    },

    async dyingToWork(personId: number): Promise<DyingToWorkRecord | null> {
      const [row] = await db
        .select()
        .from(dyingToWork)
        .where(and(eq(dyingToWork.organisationId, organisationId), eq(dyingToWork.personId, personId)));
      return row ?? null;
    },

    async saveDyingToWork(
      personId: number,
      values: { recordedOn: string; options: string[]; choosesFormalProcess: boolean; notes: string },
      userId: number,
    ) {
      const set = { ...values, recordedByUserId: userId, updatedAt: new Date().toISOString() };
      await db
        .insert(dyingToWork)
        .values({ organisationId, personId, ...set })
        .onConflictDoUpdate({ target: [dyingToWork.organisationId, dyingToWork.personId], set });
    },

    /**
     * One page of HR's list of cases, with the person's unit and line manager today and the
     * case's latest meeting, filtered, sorted and counted in one query. `unitIds` keeps cases of
     * people in those units; `policyUnitIds` those in units following a policy (and, with
     * `policyIncludesNoUnit`, people with no unit recorded, who follow the organisation's).
     */
    async page(options: {
      onDate: string;
      openOnly: boolean;
      stage: Stage | 'none' | null;
      overdueOnly: boolean;
      managerPersonId: number | null;
      unitIds: readonly number[] | null;
      policyUnitIds: readonly number[] | null;
      policyIncludesNoUnit: boolean;
      sort: CaseSort;
      order: 'asc' | 'desc';
      limit: number;
      offset: number;
    }): Promise<{ rows: CaseListRow[]; total: number }> {
      const direction = options.order === 'asc' ? sql`asc` : sql`desc`;
      const sortBy = {
        opened: sql`c.opened_on ${direction}`,
        name: sql`p.last_name ${direction}, p.first_name ${direction}`,
        unit: sql`u.path ${direction} nulls last`,
        manager: sql`mp.last_name ${direction} nulls last, mp.first_name ${direction}`,
        stage: sql`coalesce(array_position(${textArray(STAGES)}::text[], m.stage), 0) ${direction}`,
      }[options.sort];
      const overdue = sql`(c.closed_on is null and m.meeting_date is not null
        and ((m.held_on is null and m.meeting_date < ${options.onDate}::date)
          or (m.held_on is not null and m.review_date < ${options.onDate}::date)))`;
      const rows = await queryRows<CaseListRow & { total: number }>(
        db,
        sql`
        select c.id, c.person_id, p.first_name, p.last_name, c.opened_on::text, c.closed_on::text,
               s.unit_id, u.path as unit_path,
               case when mp.id is null then null else mp.first_name || ' ' || mp.last_name end as manager_name,
               m.stage, m.meeting_date::text, m.held_on::text,
               m.outcome, m.review_date::text, (d.person_id is not null) as dying_to_work,
               count(*) over ()::int as total
        from attendance_cases c
        join ${peopleOf(organisationId)} p on p.organisation_id = c.organisation_id and p.id = c.person_id
        left join lateral (
          select m.stage, m.meeting_date, m.held_on, m.outcome, m.review_date from stage_meetings m
          where m.organisation_id = c.organisation_id and m.case_id = c.id
          order by m.meeting_date desc, m.id desc limit 1
        ) m on true
        left join lateral (
          select s.unit_id, s.manager_person_id from ${employmentTermsOf(organisationId)} s
          where s.organisation_id = c.organisation_id and s.person_id = c.person_id
            and s.effective_from <= ${options.onDate}::date
          order by s.effective_from desc limit 1
        ) s on true
        left join ${unitsOf(organisationId)} u on u.organisation_id = c.organisation_id and u.id = s.unit_id
        left join ${peopleOf(organisationId)} mp on mp.organisation_id = c.organisation_id and mp.id = s.manager_person_id
        left join dying_to_work d on d.organisation_id = c.organisation_id and d.person_id = c.person_id
        where c.organisation_id = ${organisationId}
          ${options.openOnly ? sql`and c.closed_on is null` : sql``}
          ${options.stage === null ? sql`` : options.stage === 'none' ? sql`and m.stage is null` : sql`and m.stage = ${options.stage}`}
          ${options.overdueOnly ? sql`and ${overdue}` : sql``}
          ${options.managerPersonId === null ? sql`` : sql`and s.manager_person_id = ${options.managerPersonId}`}
          ${options.unitIds === null ? sql`` : sql`and s.unit_id = any(${intArray(options.unitIds)}::int[])`}
          ${
            options.policyUnitIds === null
              ? sql``
              : sql`and (s.unit_id = any(${intArray(options.policyUnitIds)}::int[])
                    ${options.policyIncludesNoUnit ? sql`or s.unit_id is null` : sql``})`
          }
        order by ${sortBy}, c.closed_on is not null, c.opened_on desc, c.id desc
        limit ${options.limit} offset ${options.offset}`,
      );
      return { rows, total: rows[0]?.total ?? 0 };
    },

    /**
     * Meetings whose outcome is not yet recorded, for people a manager has in their reporting
     * line today (or everyone, without a manager), arranged on or before a date.
     */
    async meetingsAwaitingOutcome(options: {
      byDate: string;
      onDate: string;
      managerPersonId?: number;
    }): Promise<MeetingDueRow[]> {
      return queryRows<MeetingDueRow>(
        db,
        sql`
        select m.id, m.case_id, c.person_id, p.first_name, p.last_name, m.stage, m.meeting_date::text
        from stage_meetings m
        join attendance_cases c on c.organisation_id = m.organisation_id and c.id = m.case_id
        join ${peopleOf(organisationId)} p on p.organisation_id = m.organisation_id and p.id = c.person_id
        ${
          options.managerPersonId === undefined
            ? sql``
            : sql`join lateral (
                select s.manager_person_id from ${employmentTermsOf(organisationId)} s
                where s.organisation_id = c.organisation_id and s.person_id = c.person_id
                  and s.effective_from <= ${options.onDate}::date
                order by s.effective_from desc limit 1
              ) s on s.manager_person_id = ${options.managerPersonId}`
        }
        where m.organisation_id = ${organisationId} and m.held_on is null and c.closed_on is null
          and m.meeting_date <= ${options.byDate}::date
          and (p.end_date is null or p.end_date >= ${options.onDate}::date)
        order by m.meeting_date`,
      );
    },

    /** The person's meetings in every case, newest first, for their own page. */
    async meetingsOfPerson(personId: number): Promise<StageMeeting[]> {
      const rows = await db
        .select({ meeting: stageMeetings })
        .from(stageMeetings)
        .innerJoin(
          attendanceCases,
          and(
            eq(attendanceCases.organisationId, stageMeetings.organisationId),
            eq(attendanceCases.id, stageMeetings.caseId),
          ),
        )
        .where(and(meetingIn, eq(attendanceCases.personId, personId)))
        .orderBy(desc(stageMeetings.meetingDate), desc(stageMeetings.id));
      return rows.map((r) => r.meeting);
    },
  };
}
