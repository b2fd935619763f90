import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/database.ts';
import { today } from '../../domain/today.ts';
import type { Services } from '../../services.ts';
import { HttpProblem, notFound } from '../../web/access-control.ts';
import { audit, changedFields } from '../../web/audit.ts';
import type { FieldError } from '../../web/forms.ts';
import { paths } from '../../web/paths.ts';
import {
  formBody,
  idParam,
  organisationOf,
  ownPersonId,
  textField,
  userIdOf,
} from '../../web/request-context.ts';
import { renderEmail } from '../notifications/email-templates.ts';
import { notifyPeople } from '../notifications/notify.ts';
import { personForCasework, readCaseworkRecord } from '../people/casework-access.ts';
import { welcomeBackReviewsRepository } from '../welcome-back-reviews/welcome-back-reviews-repository.ts';
import { actionPlanForm, GOAL_ROWS, PLAN_REVIEW_OUTCOMES, planReviewForm } from './action-plan-forms.ts';
import { actionPlansRepository, type ActionPlan } from './action-plans-repository.ts';
import { parseRecordId } from '../../web/record-ids.ts';
import { personSubject, selfSubject } from '../../web/subject.ts';

const CASEWORK = { kind: 'permission', permission: 'attendance.casework' } as const;
/** Casework is about the person in `:personId`, whose records only HR and their reporting line reach. */
const CASEWORK_RECORD = { person: 'personId', rule: 'casework' };
const SELF = { kind: 'permission', permission: 'attendance.self-service' } as const;

const outcomeItems = Object.entries(PLAN_REVIEW_OUTCOMES).map(([value, text]) => ({ value, text }));

/** Personalised improvement action plans: agreed with the person, reviewed on the dates set. */
export function actionPlansRoutes(services: Services) {
  const { database } = services;

  async function loadPlan(db: Db, organisationId: number, personId: number, planId: number) {
    const repository = actionPlansRepository(db, organisationId);
    const plan = await repository.find(planId);
    if (!plan || plan.personId !== personId) throw notFound();
    return { plan, reviews: await repository.reviews(planId) };
  }

  const planView = (plan: ActionPlan, reviews: Awaited<ReturnType<typeof loadPlan>>['reviews']) => ({
    plan,
    reviews: reviews.map((r) => ({
      ...r,
      outcomeText: PLAN_REVIEW_OUTCOMES[r.outcome as keyof typeof PLAN_REVIEW_OUTCOMES] ?? r.outcome,
    })),
    overdue: plan.status === 'active' && plan.nextReviewDate !== null && plan.nextReviewDate < today(),
  });

  const newPlanPage = (
    name: string,
    values: Record<string, unknown>,
    backLink: string,
    errors?: FieldError[],
  ) => ({
    pageTitle: `Agree an action plan with ${name}`,
    name,
    values,
    goalRows: Array.from({ length: GOAL_ROWS }, (_, i) => i + 1),
    errors,
    backLink,
  });

  return async (app: FastifyInstance) => {
    app.get(
      paths.organisation.newActionPlan.pattern,
      { config: { access: CASEWORK, record: CASEWORK_RECORD, audit: 'action-plan.form-opened' } },
      async (request, reply) => {
        const organisation = organisationOf(request);
        const personId = idParam(request, 'personId');
        const who = await database.scoped({ organisationIds: [organisation.id] }, (db) =>
          personForCasework(db, request),
        );
        const review = parseRecordId((request.query as { review?: unknown }).review);
        return reply.render(
          'action-plans/views/new-plan.njk',
          newPlanPage(
            who.name,
            { reviewId: review === null ? '' : String(review) },
            paths.organisation.person.build({ org: organisation.slug, personId }),
          ),
        );
      },
    );

    app.post(
      paths.organisation.newActionPlan.pattern,
      { config: { access: CASEWORK, record: CASEWORK_RECORD } },
      async (request, reply) => {
        const organisation = organisationOf(request);
        const personId = idParam(request, 'personId');
        const body = formBody(request);
        // The review the plan follows comes from the page's link, never typed: anything but an id is not ours.
        const reviewText = textField(body, 'reviewId');
        const reviewId = parseRecordId(reviewText);
        if (reviewText !== '' && reviewId === null) {
          throw new HttpProblem(400, '“reviewId” in the form is not the id of a welcome-back review');
        }
        const outcome = await database.scoped({ organisationIds: [organisation.id] }, async (db) => {
          const who = await personForCasework(db, request);
          const form = actionPlanForm(body, today());
          if (!form.value) return { who, errors: form.errors, planId: null };
          const review =
            reviewId !== null ? await welcomeBackReviewsRepository(db, organisation.id).find(reviewId) : null;
          const planId = await actionPlansRepository(db, organisation.id).create({
            personId,
            reviewId: review && review.personId === personId ? review.id : null,
            ...form.value,
            createdByUserId: userIdOf(request),
          });
          await audit(db, request, {
            action: 'action-plan.agreed',
            subjectType: 'action_plan',
            subjectId: planId,
            detail: { personId, changed: changedFields(null, form.value) },
          });
          await notifyPeople(db, services.mailer, organisation.id, [
            {
              key: `action-plan-agreed:${planId}`,
              personId,
              subject: `${who.name}, your action plan is ready to read`,
              ...renderEmail('action-plan-agreed', {
                name: who.name,
                link: `${services.config.publicUrl}${paths.organisation.myActionPlan.build({ org: organisation.slug, planId })}`,
                organisationName: organisation.name,
              }),
            },
          ]);
          return { who, errors: [], planId };
        });
        if (outcome.planId !== null) {
          request.session.set('flash', { title: `Action plan agreed with ${outcome.who.name}` });
          return reply.redirect(
            paths.organisation.actionPlan.build({ org: organisation.slug, personId, planId: outcome.planId }),
          );
        }
        return reply
          .status(400)
          .render(
            'action-plans/views/new-plan.njk',
            newPlanPage(
              outcome.who.name,
              body,
              paths.organisation.person.build({ org: organisation.slug, personId }),
              outcome.errors,
            ),
          );
      },
    );

    app.get(
      paths.organisation.actionPlan.pattern,
      { config: { access: CASEWORK, record: CASEWORK_RECORD, audit: 'action-plan.viewed' } },
      async (request, reply) => {
        const organisation = organisationOf(request);
        const personId = idParam(request, 'personId');
        const page = await readCaseworkRecord(
          database,
          request,
          personId,
          (db) => loadPlan(db, organisation.id, personId, idParam(request, 'planId')),
          (data) => ({ action: 'action-plan.viewed', subjectType: 'action_plan', subjectId: data.plan.id }),
        );
        return reply.render('action-plans/views/plan.njk', {
          pageTitle: `Action plan: ${page.who.name}`,
          name: page.who.name,
          subject: personSubject(page.who.name),
          ...planView(page.data.plan, page.data.reviews),
          reviewHref: paths.organisation.actionPlanReview.build({
            org: organisation.slug,
            personId,
            planId: page.data.plan.id,
          }),
          backLink: paths.organisation.person.build({ org: organisation.slug, personId }),
        });
      },
    );

    const reviewPage = (
      name: string,
      values: Record<string, unknown>,
      backLink: string,
      errors?: FieldError[],
    ) => ({
      pageTitle: `Review the action plan with ${name}`,
      name,
      values,
      outcomes: outcomeItems,
      errors,
      backLink,
    });

    app.get(
      paths.organisation.actionPlanReview.pattern,
      { config: { access: CASEWORK, record: CASEWORK_RECORD, audit: 'action-plan.viewed' } },
      async (request, reply) => {
        const organisation = organisationOf(request);
        const personId = idParam(request, 'personId');
        const planId = idParam(request, 'planId');
        const who = await database.scoped({ organisationIds: [organisation.id] }, async (db) => {
          const found = await personForCasework(db, request);
          const { plan } = await loadPlan(db, organisation.id, personId, planId);
          if (plan.status !== 'active') throw notFound();
          return found;
        });
        return reply.render(
          'action-plans/views/plan-review.njk',
          reviewPage(
            who.name,
            {},
            paths.organisation.actionPlan.build({ org: organisation.slug, personId, planId }),
          ),
        );
      },
    );

    app.post(
      paths.organisation.actionPlanReview.pattern,
      { config: { access: CASEWORK, record: CASEWORK_RECORD } },
      async (request, reply) => {
        const organisation = organisationOf(request);
        const personId = idParam(request, 'personId');
        const planId = idParam(request, 'planId');
        const body = formBody(request);
        const outcome = await database.scoped({ organisationIds: [organisation.id] }, async (db) => {
          const who = await personForCasework(db, request);
          const { plan } = await loadPlan(db, organisation.id, personId, planId);
          if (plan.status !== 'active') throw notFound();
          const form = planReviewForm(body, today(), plan.createdAt.slice(0, 10));
          if (!form.value) return { who, errors: form.errors, result: null };
          await actionPlansRepository(db, organisation.id).addReview(planId, {
            ...form.value,
            byUserId: userIdOf(request),
          });
          await audit(db, request, {
            action: 'action-plan.reviewed',
            subjectType: 'action_plan',
            subjectId: planId,
            detail: { personId, outcome: form.value.outcome, changed: changedFields(null, form.value) },
          });
          return { who, errors: [], result: form.value.outcome };
        });
        if (outcome.result) {
          request.session.set('flash', { title: 'Action plan review recorded' });
          return reply.redirect(
            outcome.result === 'informal_stage'
              ? paths.organisation.person.build({ org: organisation.slug, personId })
              : paths.organisation.actionPlan.build({ org: organisation.slug, personId, planId }),
          );
        }
        return reply
          .status(400)
          .render(
            'action-plans/views/plan-review.njk',
            reviewPage(
              outcome.who.name,
              body,
              paths.organisation.actionPlan.build({ org: organisation.slug, personId, planId }),
              outcome.errors,
            ),
          );
      },
    );

    // ------------------------------------------------------------ the employee's own plan

    app.get(paths.organisation.myActionPlan.pattern, { config: { access: SELF } }, async (request, reply) => {
      const organisation = organisationOf(request);
      const personId = ownPersonId(request);
      const data = await database.scoped({ organisationIds: [organisation.id] }, (db) =>
        loadPlan(db, organisation.id, personId, idParam(request, 'planId')),
      );
      return reply.render('action-plans/views/my-plan.njk', {
        pageTitle: 'Your action plan',
        subject: selfSubject(),
        ...planView(data.plan, data.reviews),
        values: { comments: data.plan.employeeComments ?? '' },
        backLink: paths.organisation.myAttendance.build({ org: organisation.slug }),
      });
    });

    app.post(
      paths.organisation.myActionPlan.pattern,
      { config: { access: SELF } },
      async (request, reply) => {
        const organisation = organisationOf(request);
        const personId = ownPersonId(request);
        const body = formBody(request);
        const comments = textField(body, 'comments');
        const agree = body.agree === 'yes';
        const outcome = await database.scoped({ organisationIds: [organisation.id] }, async (db) => {
          const data = await loadPlan(db, organisation.id, personId, idParam(request, 'planId'));
          if (comments.length > 5000)
            return {
              data,
              errors: [{ text: 'Your comments must be 5,000 characters or fewer', href: '#comments' }],
            };
          await actionPlansRepository(db, organisation.id).respond(data.plan.id, comments, agree);
          await audit(db, request, {
            action: agree ? 'action-plan.agreed-by-employee' : 'action-plan.commented',
            subjectType: 'action_plan',
            subjectId: data.plan.id,
            detail: { changed: changedFields(null, { comments }) },
          });
          return { data, errors: [] };
        });
        if (outcome.errors.length === 0) {
          request.session.set('flash', {
            title: agree ? 'You have confirmed you agree your action plan' : 'Your comments are saved',
          });
          return reply.redirect(paths.organisation.myAttendance.build({ org: organisation.slug }));
        }
        return reply.status(400).render('action-plans/views/my-plan.njk', {
          pageTitle: 'Your action plan',
          subject: selfSubject(),
          ...planView(outcome.data.plan, outcome.data.reviews),
          values: body,
          errors: outcome.errors,
          backLink: paths.organisation.myAttendance.build({ org: organisation.slug }),
        });
      },
    );
  };
}
