import { and, eq, sql } from 'drizzle-orm';
import { intArray } from '../../db/array-parameters.ts';
import { queryRows, type Db } from '../../db/database.ts';
import { bankHolidayDates } from '../calendar/bank-holidays-repository.ts';
import { organisations } from '../../db/schema.ts';
import { welcomeBackReviews } from './welcome-back-reviews-schema.ts';
import { addDays } from '../../domain/dates.ts';
import { reviewDueDate } from '../../domain/attendance-triggers.ts';
import { attendanceSettingsRepository } from '../attendance-settings/attendance-settings-repository.ts';
import { absencesOf } from '../absences/absences-sources-queries.ts';
import { employmentTermsOf, peopleOf, unitsOf } from '../people/people-sources-queries.ts';

export type WelcomeBackReview = typeof welcomeBackReviews.$inferSelect;

/** How far back an import reaches when it creates reviews: older returns predate the system. */
export const IMPORT_REVIEW_WINDOW_DAYS = 28;

/** What a manager records when they have held the review. */
export interface ReviewRecord {
  heldOn: string;
  howTheyAre: string;
  affectingWellbeing: string;
  supportOffered: number[];
  supportNotes: string;
  adjustmentsDiscussed: string;
  actionPlanFollows: boolean;
  ohReferralFollows: boolean;
  agreedNotes: string;
}

/** The columns HR's list of reviews sorts by, each with its first order. */
export const REVIEW_SORTS = { due: 'asc', name: 'asc', unit: 'asc', manager: 'asc', held: 'desc' } as const;
export type ReviewSort = keyof typeof REVIEW_SORTS;

export interface ReviewListRow {
  id: number;
  person_id: number;
  first_name: string;
  last_name: string;
  unit_path: string | null;
  manager_name: string | null;
  start_date: string;
  end_date: string;
  due_date: string;
  held_on: string | null;
  completed_at: string | null;
  confirmed_at: string | null;
}

/** The only code that queries welcome-back reviews. */
export function welcomeBackReviewsRepository(db: Db, organisationId: number) {
  const repository = {
    async find(id: number) {
      const [row] = await db
        .select()
        .from(welcomeBackReviews)
        .where(and(eq(welcomeBackReviews.organisationId, organisationId), eq(welcomeBackReviews.id, id)));
      return row ?? null;
    },

    async forPerson(personId: number) {
      return db
        .select()
        .from(welcomeBackReviews)
        .where(
          and(
            eq(welcomeBackReviews.organisationId, organisationId),
            eq(welcomeBackReviews.personId, personId),
          ),
        )
        .orderBy(sql`${welcomeBackReviews.dueDate} desc`);
    },

    /**
     * Reviews with the person, their absence, unit and the manager asked to hold them, soonest
     * due first: those not yet held (`open`), or all from a date, optionally for one manager only,
     * and with `employedOn` only of people still employed that day (a review cannot be held with
     * someone who has left). One query.
     */
    async list(options: {
      open?: boolean;
      managerPersonId?: number;
      dueFrom?: string;
      employedOn?: string;
      limit?: number;
    }): Promise<ReviewListRow[]> {
      const { rows } = await repository.page({
        open: options.open ?? false,
        employedOn: options.employedOn ?? null,
        dueFrom: options.dueFrom ?? null,
        managerPersonId: options.managerPersonId ?? null,
        unitIds: null,
        sort: 'due',
        order: 'asc',
        limit: options.limit ?? 500,
        offset: 0,
      });
      return rows;
    },

    /**
     * One page of HR's list: reviews not yet held (`open`), or all due from a date; for one line
     * manager (the one asked to hold them) or unit (the person's on their last day off, with the
     * units within it), in the order asked for, with the number in all. One query.
     */
    async page(options: {
      open: boolean;
      /** Only people still employed that day: a review cannot be held with someone who has left. */
      employedOn: string | null;
      dueFrom: string | null;
      managerPersonId: number | null;
      unitIds: readonly number[] | null;
      sort: ReviewSort;
      order: 'asc' | 'desc';
      limit: number;
      offset: number;
    }): Promise<{ rows: ReviewListRow[]; total: number }> {
      const direction = options.order === 'asc' ? sql`asc` : sql`desc`;
      const sortBy = {
        due: sql`r.due_date ${direction}`,
        name: sql`p.last_name ${direction}, p.first_name ${direction}`,
        unit: sql`u.path ${direction} nulls last`,
        manager: sql`m.last_name ${direction} nulls last, m.first_name ${direction}`,
        held: sql`r.held_on ${direction} nulls first`,
      }[options.sort];
      const rows = await queryRows<ReviewListRow & { total: number }>(
        db,
        sql`
        select r.id, r.person_id, p.first_name, p.last_name, u.path as unit_path,
               case when m.id is null then null else m.first_name || ' ' || m.last_name end as manager_name,
               a.start_date::text, a.end_date::text, r.due_date::text, r.held_on::text,
               r.completed_at::text, r.confirmed_at::text, count(*) over ()::int as total
        from welcome_back_reviews r
        join ${peopleOf(organisationId)} p on p.organisation_id = r.organisation_id and p.id = r.person_id
        join ${absencesOf(organisationId)} a on a.organisation_id = r.organisation_id and a.id = r.absence_id
        left join ${peopleOf(organisationId)} m on m.organisation_id = r.organisation_id and m.id = r.manager_person_id
        left join lateral (
          select s.unit_id from ${employmentTermsOf(organisationId)} s
          where s.organisation_id = r.organisation_id and s.person_id = r.person_id and s.effective_from <= a.end_date
          order by s.effective_from desc limit 1
        ) s on true
        left join ${unitsOf(organisationId)} u on u.organisation_id = r.organisation_id and u.id = s.unit_id
        where r.organisation_id = ${organisationId}
          ${options.open ? sql`and r.completed_at is null` : sql``}
          ${options.dueFrom === null ? sql`` : sql`and r.due_date >= ${options.dueFrom}::date`}
          ${options.employedOn === null ? sql`` : sql`and (p.end_date is null or p.end_date >= ${options.employedOn}::date)`}
          ${options.managerPersonId === null ? sql`` : sql`and r.manager_person_id = ${options.managerPersonId}`}
          ${options.unitIds === null ? sql`` : sql`and s.unit_id = any(${intArray(options.unitIds)}::int[])`}
        order by ${sortBy}, r.due_date, p.last_name, p.first_name, r.id
        limit ${options.limit} offset ${options.offset}`,
      );
      return { rows, total: rows[0]?.total ?? 0 };
    },

    /** Reviews not yet held and due by a date, of people still employed: for the managers asked to hold them. */
    async dueForReminder(onDate: string) {
      return queryRows<{
        id: number;
        person_id: number;
        manager_person_id: number;
        first_name: string;
        last_name: string;
        due_date: string;
      }>(
        db,
        sql`
        select r.id, r.person_id, r.manager_person_id, p.first_name, p.last_name, r.due_date::text
        from welcome_back_reviews r
        join ${peopleOf(organisationId)} p on p.organisation_id = r.organisation_id and p.id = r.person_id
        where r.organisation_id = ${organisationId} and r.completed_at is null
          and r.manager_person_id is not null and r.due_date <= ${onDate}::date
          and (p.end_date is null or p.end_date >= ${onDate}::date)
        order by r.due_date, p.last_name, p.first_name`,
      );
    },

    /** How many reviews not yet held, of people still employed, are past their due date. */
    async overdueCount(onDate: string): Promise<number> {
      const [row] = await queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from welcome_back_reviews r
            join ${peopleOf(organisationId)} p on p.organisation_id = r.organisation_id and p.id = r.person_id
            where r.organisation_id = ${organisationId} and r.completed_at is null
              and r.due_date < ${onDate}::date and (p.end_date is null or p.end_date >= ${onDate}::date)`,
      );
      return row?.n ?? 0;
    },

    async complete(id: number, record: ReviewRecord, userId: number) {
      await db
        .update(welcomeBackReviews)
        .set({ ...record, completedByUserId: userId, completedAt: sql`now()` })
        .where(and(eq(welcomeBackReviews.organisationId, organisationId), eq(welcomeBackReviews.id, id)));
    },

    /**
     * Records many reviews as held, each on its own day (and, where the person has read it, as
     * confirmed): one statement for any number, passed as one JSON parameter. For a history
     * loaded at once, such as the demo's; a manager records one review through `complete`.
     */
    async completeMany(rows: readonly { id: number; record: ReviewRecord; confirmed: boolean }[]) {
      if (rows.length === 0) return;
      const incoming = JSON.stringify(
        rows.map(({ id, record, confirmed }) => ({
          id,
          held_on: record.heldOn,
          how_they_are: record.howTheyAre,
          affecting_wellbeing: record.affectingWellbeing,
          support_notes: record.supportNotes,
          adjustments_discussed: record.adjustmentsDiscussed,
          action_plan_follows: record.actionPlanFollows,
          oh_referral_follows: record.ohReferralFollows,
          agreed_notes: record.agreedNotes,
          confirmed,
        })),
      );
      await db.execute(sql`
        update welcome_back_reviews r
        set held_on = i.held_on, how_they_are = i.how_they_are, affecting_wellbeing = i.affecting_wellbeing,
            support_offered = '{}', support_notes = i.support_notes,
            adjustments_discussed = i.adjustments_discussed, action_plan_follows = i.action_plan_follows,
            oh_referral_follows = i.oh_referral_follows, agreed_notes = i.agreed_notes,
            completed_at = i.held_on + time '16:00',
            confirmed_at = case when i.confirmed then i.held_on + 1 + time '09:30' end
        from json_to_recordset(${incoming}::json) as i(
          id int, held_on date, how_they_are text, affecting_wellbeing text, support_notes text,
          adjustments_discussed text, action_plan_follows boolean, oh_referral_follows boolean,
          agreed_notes text, confirmed boolean)
        where r.organisation_id = ${organisationId} and r.id = i.id`);
    },

    async respond(id: number, comments: string, confirm: boolean) {
      await db
        .update(welcomeBackReviews)
        .set({
          employeeComments: comments === '' ? null : comments,
          ...(confirm ? { confirmedAt: sql`now()` } : {}),
        })
        .where(and(eq(welcomeBackReviews.organisationId, organisationId), eq(welcomeBackReviews.id, id)));
    },
  };
  return repository;
}

/**
 * Makes sure every sickness absence that has ended has its welcome-back review, due the set
 * number of working days after the last day off, for the line manager the person had that day;
 * and removes reviews not yet held whose absence is no longer an ended sickness (or whose dates
 * changed, to set them again). Set-based: one query finds what is missing, one inserts it.
 *
 * `absenceIds` limits the work to those absences (a change in the browser); `recent` covers
 * every sickness that ended in the last 28 days (an import); `endedFrom` every sickness that
 * ended on or after that day (a history loaded at once, such as the demo's).
 */
export async function ensureWelcomeBackReviews(
  db: Db,
  organisationId: number,
  today: string,
  scope: { absenceIds: readonly number[] } | { endedFrom: string } | 'recent',
): Promise<{ id: number; personId: number; managerPersonId: number | null; dueDate: string }[]> {
  const ids = scope !== 'recent' && 'absenceIds' in scope ? scope.absenceIds : null;
  const endedFrom =
    scope === 'recent'
      ? addDays(today, -IMPORT_REVIEW_WINDOW_DAYS)
      : 'endedFrom' in scope
        ? scope.endedFrom
        : null;
  if (ids !== null && ids.length === 0) return [];
  const idList = ids === null ? null : `{${ids.join(',')}}`;
  // Reviews not yet held follow their absence: when it is no longer an ended sickness, or its
  // last day has moved, the review is set again.
  await db.execute(sql`
    delete from welcome_back_reviews r
    using ${absencesOf(organisationId)} a
    where r.organisation_id = ${organisationId} and a.organisation_id = r.organisation_id and a.id = r.absence_id
      and r.completed_at is null
      ${idList ? sql`and r.absence_id = any(${idList}::int[])` : sql``}
      and (a.type <> 'sickness' or a.end_date is distinct from r.absence_end_date)`);
  const missing = await queryRows<{
    id: number;
    person_id: number;
    end_date: string;
    manager_person_id: number | null;
  }>(
    db,
    sql`
    select a.id, a.person_id, a.end_date::text, s.manager_person_id
    from ${absencesOf(organisationId)} a
    left join lateral (
      select s.manager_person_id from ${employmentTermsOf(organisationId)} s
      where s.organisation_id = a.organisation_id and s.person_id = a.person_id and s.effective_from <= a.end_date
      order by s.effective_from desc limit 1
    ) s on true
    where a.organisation_id = ${organisationId} and a.type = 'sickness' and a.end_date is not null
      and a.end_date <= ${today}::date
      ${idList ? sql`and a.id = any(${idList}::int[])` : sql`and a.end_date >= ${endedFrom}::date`}
      and not exists (select 1 from welcome_back_reviews r where r.organisation_id = a.organisation_id and r.absence_id = a.id)`,
  );
  if (missing.length === 0) return [];
  const [organisation] = await db
    .select({ region: organisations.region })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  const holidays = new Set(await bankHolidayDates(db, organisation?.region ?? 'england-and-wales'));
  const { reviewDueWorkingDays } = await attendanceSettingsRepository(db, organisationId).settings();
  const rows = missing.map((m) => ({
    organisationId,
    personId: m.person_id,
    absenceId: m.id,
    absenceEndDate: m.end_date,
    managerPersonId: m.manager_person_id,
    dueDate: reviewDueDate(m.end_date, reviewDueWorkingDays, holidays),
  }));
  const created: { id: number; personId: number; managerPersonId: number | null; dueDate: string }[] = [];
  for (let i = 0; i < rows.length; i += 1000) {
    created.push(
      ...(await db
        .insert(welcomeBackReviews)
        .values(rows.slice(i, i + 1000))
        .onConflictDoNothing()
        .returning({
          id: welcomeBackReviews.id,
          personId: welcomeBackReviews.personId,
          managerPersonId: welcomeBackReviews.managerPersonId,
          dueDate: welcomeBackReviews.dueDate,
        })),
    );
  }
  return created;
}
