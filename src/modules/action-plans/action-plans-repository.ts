import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/database.ts';
import { actionPlanReviews, actionPlans } from './action-plans-schema.ts';
import { employmentTermsOf, peopleOf } from '../people/people-sources-queries.ts';

/** A SMART goal: what, how it is measured, who owns it, by when. */
export interface Goal {
  what: string;
  measure: string;
  owner: string;
  byWhen: string;
}

export type ActionPlan = Omit<typeof actionPlans.$inferSelect, 'goals'> & { goals: Goal[] };

/**
 * Adds adjustments recommended elsewhere (an occupational health report) to the person's action
 * plan, as goals: to their active plan, which they are then asked to agree again, or to a new
 * plan. Adjustments the plan already has as goals are not added twice. Returns how many it added.
 */
export async function addRecommendedAdjustments(
  db: Db,
  organisationId: number,
  personId: number,
  items: readonly string[],
  source: { description: string; reviewBy: string; byUserId: number },
): Promise<number> {
  const plans = actionPlansRepository(db, organisationId);
  const active = (await plans.forPerson(personId)).find((p) => p.status === 'active');
  const known = new Set(active?.goals.map((g) => g.what) ?? []);
  const goals: Goal[] = [...new Set(items)]
    .filter((item) => !known.has(item))
    .map((what) => ({
      what,
      measure: `In place, and reviewed with them (${source.description.toLowerCase()})`,
      owner: 'Line manager',
      byWhen: source.reviewBy,
    }));
  if (goals.length === 0) return 0;
  if (active) {
    await db
      .update(actionPlans)
      .set({ goals: [...active.goals, ...goals], agreedByEmployeeAt: null, updatedAt: sql`now()` })
      .where(and(eq(actionPlans.organisationId, organisationId), eq(actionPlans.id, active.id)));
  } else {
    await plans.create({
      personId,
      reviewId: null,
      goals,
      supportCommitted: `${source.description}: ${goals.map((g) => g.what).join('; ')}.`,
      nextReviewDate: source.reviewBy,
      createdByUserId: source.byUserId,
    });
  }
  return goals.length;
}

/** The only code that queries action plans and their reviews. */
export function actionPlansRepository(db: Db, organisationId: number) {
  const inOrganisation = eq(actionPlans.organisationId, organisationId);
  return {
    async find(id: number): Promise<ActionPlan | null> {
      const [row] = await db
        .select()
        .from(actionPlans)
        .where(and(inOrganisation, eq(actionPlans.id, id)));
      return row ? { ...row, goals: row.goals as Goal[] } : null;
    },

    async forPerson(personId: number): Promise<ActionPlan[]> {
      const rows = await db
        .select()
        .from(actionPlans)
        .where(and(inOrganisation, eq(actionPlans.personId, personId)))
        .orderBy(desc(actionPlans.createdAt));
      return rows.map((row) => ({ ...row, goals: row.goals as Goal[] }));
    },

    async create(values: {
      personId: number;
      reviewId: number | null;
      goals: Goal[];
      supportCommitted: string;
      nextReviewDate: string;
      createdByUserId: number;
    }) {
      const [row] = await db
        .insert(actionPlans)
        .values({ organisationId, ...values })
        .returning({ id: actionPlans.id });
      if (!row) throw new Error('The action plan was not saved');
      return row.id;
    },

    async reviews(planId: number) {
      return db
        .select()
        .from(actionPlanReviews)
        .where(
          and(eq(actionPlanReviews.organisationId, organisationId), eq(actionPlanReviews.planId, planId)),
        )
        .orderBy(asc(actionPlanReviews.heldOn), asc(actionPlanReviews.id));
    },

    async addReview(
      planId: number,
      review: {
        heldOn: string;
        progress: string;
        outcome: string;
        nextReviewDate: string | null;
        byUserId: number;
      },
    ) {
      await db.insert(actionPlanReviews).values({ organisationId, planId, ...review });
      await db
        .update(actionPlans)
        .set({
          nextReviewDate: review.nextReviewDate,
          status: review.outcome === 'continue' ? 'active' : 'closed',
          updatedAt: sql`now()`,
        })
        .where(and(inOrganisation, eq(actionPlans.id, planId)));
    },

    async respond(planId: number, comments: string, agree: boolean) {
      await db
        .update(actionPlans)
        .set({
          employeeComments: comments === '' ? null : comments,
          ...(agree ? { agreedByEmployeeAt: sql`now()` } : {}),
          updatedAt: sql`now()`,
        })
        .where(and(inOrganisation, eq(actionPlans.id, planId)));
    },

    /**
     * Active plans whose review falls due by a date, of people still employed on another, with
     * the line manager of each person's terms in force then: for the daily reminder.
     */
    async reviewsDueForReminder(byDate: string, onDate: string) {
      return queryRows<{
        id: number;
        person_id: number;
        manager_person_id: number;
        first_name: string;
        last_name: string;
        next_review_date: string;
      }>(
        db,
        sql`
        select ap.id, ap.person_id, t.manager_person_id, p.first_name, p.last_name, ap.next_review_date::text
        from action_plans ap
        join ${peopleOf(organisationId)} p on p.organisation_id = ap.organisation_id and p.id = ap.person_id
        join (
          select distinct on (s.person_id) s.person_id, s.manager_person_id from ${employmentTermsOf(organisationId)} s
          where s.organisation_id = ${organisationId} and s.effective_from <= ${onDate}::date
          order by s.person_id, s.effective_from desc
        ) t on t.person_id = ap.person_id
        where ap.organisation_id = ${organisationId} and ap.status = 'active'
          and t.manager_person_id is not null and ap.next_review_date <= ${byDate}::date
          and (p.end_date is null or p.end_date >= ${onDate}::date)
        order by ap.next_review_date, p.last_name, p.first_name`,
      );
    },

    /**
     * Active plans whose next review falls by a date, optionally in one manager's team, of people
     * still employed on `employedOn` (by default the date itself).
     */
    async reviewsDue(options: { byDate: string; managerPersonId?: number; employedOn?: string }) {
      return queryRows<{
        id: number;
        person_id: number;
        first_name: string;
        last_name: string;
        next_review_date: string;
      }>(
        db,
        sql`
        select ap.id, ap.person_id, p.first_name, p.last_name, ap.next_review_date::text
        from action_plans ap
        join ${peopleOf(organisationId)} p on p.organisation_id = ap.organisation_id and p.id = ap.person_id
        ${
          options.managerPersonId === undefined
            ? sql``
            : sql`join lateral (
                select s.manager_person_id from ${employmentTermsOf(organisationId)} s
                where s.organisation_id = ap.organisation_id and s.person_id = ap.person_id and s.effective_from <= ${options.byDate}::date
                order by s.effective_from desc limit 1
              ) s on s.manager_person_id = ${options.managerPersonId}`
        }
        where ap.organisation_id = ${organisationId} and ap.status = 'active'
          and ap.next_review_date <= ${options.byDate}::date
          and (p.end_date is null or p.end_date >= ${options.employedOn ?? options.byDate}::date)
        order by ap.next_review_date`,
      );
    },
  };
}
