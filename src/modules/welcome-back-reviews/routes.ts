import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import { daysBetween } from '../../domain/dates.ts';
import { today } from '../../domain/today.ts';
import type { Services } from '../../services.ts';
import { notFound } from '../../web/access-control.ts';
import { audit, changedFields } from '../../web/audit.ts';
import { chooseFilters, listHref, listView, queryField, readListQuery } from '../../web/list-query.ts';
import { fetchPage } from '../../web/pagination.ts';
import { paths } from '../../web/paths.ts';
import {
  formBody,
  idParam,
  organisationOf,
  ownPersonId,
  textField,
  userIdOf,
} from '../../web/request-context.ts';
import {
  attendanceSettingsRepository,
  SUPPORT_KINDS,
} from '../attendance-settings/attendance-settings-repository.ts';
import { renderEmail } from '../notifications/email-templates.ts';
import { ohPaths } from '../occupational-health/occupational-health-paths.ts';
import { notifyPeople } from '../notifications/notify.ts';
import { personForCasework, readCaseworkRecord } from '../people/casework-access.ts';
import { absencesRepository } from '../absences/absences-repository.ts';
import { structureRepository } from '../people/structure-repository.ts';
import { peopleRepository } from '../people/people-repository.ts';
import {
  REVIEW_SORTS,
  type ReviewSort,
  welcomeBackReviewsRepository,
  type WelcomeBackReview,
} from './welcome-back-reviews-repository.ts';
import { reviewForm, reviewStatus } from './welcome-back-reviews-service.ts';
import { personSubject, selfSubject } from '../../web/subject.ts';

const CASEWORK = { kind: 'permission', permission: 'attendance.casework' } as const;
/** Casework is about the person in `:personId`, whose records only HR and their reporting line reach. */
const CASEWORK_RECORD = { person: 'personId', rule: 'casework' };
const SELF = { kind: 'permission', permission: 'attendance.self-service' } as const;

function formValues(review: WelcomeBackReview) {
  const [year = '', month = '', day = ''] = (review.heldOn ?? '').split('-');
  return {
    'heldOn-day': day ? String(Number(day)) : '',
    'heldOn-month': month ? String(Number(month)) : '',
    'heldOn-year': year,
    howTheyAre: review.howTheyAre ?? '',
    affectingWellbeing: review.affectingWellbeing ?? '',
    supportOffered: review.supportOffered.map(String),
    supportNotes: review.supportNotes ?? '',
    adjustmentsDiscussed: review.adjustmentsDiscussed ?? '',
    actionPlanFollows: review.actionPlanFollows === null ? '' : review.actionPlanFollows ? 'yes' : 'no',
    ohReferralFollows: review.ohReferralFollows === null ? '' : review.ohReferralFollows ? 'yes' : 'no',
    agreedNotes: review.agreedNotes ?? '',
  };
}

/** Welcome-back health reviews: held by the line manager, read and confirmed by the employee. */
export function welcomeBackReviewsRoutes(services: Services) {
  const { database } = services;

  /** The review, its absence and the support directory, for the person it is about. */
  async function loadReview(db: Db, organisationId: number, personId: number, reviewId: number) {
    const review = await welcomeBackReviewsRepository(db, organisationId).find(reviewId);
    if (!review || review.personId !== personId) throw notFound();
    const absence = await absencesRepository(db, organisationId).find(review.absenceId);
    if (!absence?.endDate) throw notFound();
    const directory = await attendanceSettingsRepository(db, organisationId).supportServices();
    return { review, absence: { ...absence, endDate: absence.endDate }, directory };
  }

  function reviewPage(
    organisation: { slug: string },
    data: Awaited<ReturnType<typeof loadReview>>,
    extra: Record<string, unknown>,
  ) {
    const offered = data.directory.filter((s) => data.review.supportOffered.includes(s.id));
    return {
      review: data.review,
      absence: data.absence,
      status: reviewStatus(data.review, today()),
      offered: offered.map((s) => ({
        ...s,
        kindName: SUPPORT_KINDS[s.kind as keyof typeof SUPPORT_KINDS] ?? s.kind,
      })),
      supportItems: data.directory
        .filter((s) => s.active || data.review.supportOffered.includes(s.id))
        .map((s) => ({
          value: String(s.id),
          text: s.name,
          hint: {
            text: `${SUPPORT_KINDS[s.kind as keyof typeof SUPPORT_KINDS] ?? s.kind}${s.contact ? ` – ${s.contact}` : ''}`,
          },
        })),
      supportDirectoryHref: paths.organisation.supportDirectory.build({ org: organisation.slug }),
      ...extra,
    };
  }

  return async (app: FastifyInstance) => {
    // ------------------------------------------------------------ HR's oversight list

    app.get(
      paths.organisation.welcomeBackReviews.pattern,
      {
        config: {
          access: { kind: 'permission', permission: 'attendance.oversee' },
          audit: 'welcome-back-reviews.listed',
        },
      },
      async (request, reply) => {
        const organisation = organisationOf(request);
        const date = today();
        const listQuery = readListQuery<ReviewSort>(request.query, REVIEW_SORTS, 'due');
        const errors = listQuery.errors;
        const show = queryField(
          request.query,
          'show',
          z.enum(['open', 'all']),
          'open',
          'Show the reviews not yet held or all from the last 3 months',
          errors,
        );
        // Reviews not yet held have no date held: that tab has no "Held" column to sort by.
        const heldUnsortable = show === 'open' && listQuery.value.sort === 'held';
        if (heldUnsortable) errors.push({ text: 'Sort by one of the columns of the table', href: '#sort' });
        const query = heldUnsortable
          ? { ...listQuery.value, sort: 'due' as ReviewSort, order: REVIEW_SORTS.due }
          : listQuery.value;
        const data = await database.scoped({ organisationIds: [organisation.id] }, async (db) => {
          const managers = await peopleRepository(db, organisation.id).lineManagers(date);
          const units = await structureRepository(db, organisation.id).units();
          const { manager, unit, unitIds } = chooseFilters(query, managers, units, errors);
          const reviews = welcomeBackReviewsRepository(db, organisation.id);
          const shown = await fetchPage(
            (limit, offset) =>
              reviews.page({
                open: show === 'open',
                employedOn: show === 'open' ? date : null,
                dueFrom: show === 'all' ? addMonths(date, -3) : null,
                managerPersonId: manager,
                unitIds,
                sort: query.sort,
                order: query.order,
                limit,
                offset,
              }),
            query.page,
          );
          return {
            managers,
            units,
            manager,
            unit,
            shown,
            overdue: show === 'open' ? await reviews.overdueCount(date) : 0,
          };
        });
        const base = paths.organisation.welcomeBackReviews.build({ org: organisation.slug });
        return reply
          .status(errors.length > 0 ? 400 : 200)
          .render('welcome-back-reviews/views/oversight.njk', {
            pageTitle: 'Welcome-back reviews',
            show,
            ...listView({
              base,
              filters: { show: show === 'open' ? null : show },
              query,
              sorts: REVIEW_SORTS,
              columns: [
                { text: 'Person', sort: 'name' },
                { text: 'Unit', sort: 'unit' },
                { text: 'Line manager', sort: 'manager' },
                { text: 'Back after' },
                { text: 'Due by', sort: 'due' },
                ...(show === 'open' ? [] : [{ text: 'Held', sort: 'held' as const }]),
                { text: 'Status' },
              ],
              shown: data.shown,
              errors,
              managers: data.managers,
              units: data.units,
              chosen: data,
            }),
            rows: data.shown.rows.map((r) => ({
              ...r,
              href: paths.organisation.welcomeBackReview.build({
                org: organisation.slug,
                personId: r.person_id,
                reviewId: r.id,
              }),
              status: reviewStatus(
                {
                  dueDate: r.due_date,
                  completedAt: r.completed_at,
                  confirmedAt: r.confirmed_at,
                  heldOn: r.held_on,
                },
                date,
              ),
              daysOverdue:
                r.completed_at === null && r.due_date < date ? daysBetween(r.due_date, date) : null,
              onTime: r.held_on === null ? null : r.held_on <= r.due_date,
            })),
            overdue: data.overdue,
            openHref: listHref(base, { manager: data.manager, unit: data.unit }),
            allHref: listHref(base, { show: 'all', manager: data.manager, unit: data.unit }),
          });
      },
    );

    // ------------------------------------------------------------ the manager holds the review

    app.get(
      paths.organisation.welcomeBackReview.pattern,
      { config: { access: CASEWORK, record: CASEWORK_RECORD, audit: 'welcome-back-review.viewed' } },
      async (request, reply) => {
        const organisation = organisationOf(request);
        const personId = idParam(request, 'personId');
        const page = await readCaseworkRecord(
          database,
          request,
          personId,
          (db) => loadReview(db, organisation.id, personId, idParam(request, 'reviewId')),
          (data) => ({
            action: 'welcome-back-review.viewed',
            subjectType: 'welcome_back_review',
            subjectId: data.review.id,
          }),
        );
        return reply.render('welcome-back-reviews/views/review.njk', {
          pageTitle: `Welcome-back review: ${page.who.name}`,
          ...reviewPage(organisation, page.data, {
            name: page.who.name,
            subject: personSubject(page.who.name),
            canRecord: page.data.review.confirmedAt === null,
            values: formValues(page.data.review),
            newPlanHref: `${paths.organisation.newActionPlan.build({ org: organisation.slug, personId })}?review=${page.data.review.id}`,
            newOhReferralHref: ohPaths.referrer.newReferral.build({ org: organisation.slug, personId }),
            backLink: paths.organisation.person.build({ org: organisation.slug, personId }),
          }),
        });
      },
    );

    app.post(
      paths.organisation.welcomeBackReview.pattern,
      { config: { access: CASEWORK, record: CASEWORK_RECORD } },
      async (request, reply) => {
        const organisation = organisationOf(request);
        const personId = idParam(request, 'personId');
        const body = formBody(request);
        const outcome = await database.scoped({ organisationIds: [organisation.id] }, async (db) => {
          const who = await personForCasework(db, request);
          const data = await loadReview(db, organisation.id, personId, idParam(request, 'reviewId'));
          if (data.review.confirmedAt !== null) {
            return {
              who,
              data,
              errors: [
                {
                  text: 'The employee has confirmed this review, so it can no longer be changed',
                  href: '#howTheyAre',
                },
              ],
            };
          }
          const form = reviewForm(body, new Set(data.directory.map((s) => s.id)), data.absence.endDate);
          if (!form.value) return { who, data, errors: form.errors };
          const first = data.review.completedAt === null;
          await welcomeBackReviewsRepository(db, organisation.id).complete(
            data.review.id,
            form.value,
            userIdOf(request),
          );
          await audit(db, request, {
            action: first ? 'welcome-back-review.completed' : 'welcome-back-review.changed',
            subjectType: 'welcome_back_review',
            subjectId: data.review.id,
            detail: { personId, changed: changedFields(first ? null : data.review, form.value) },
          });
          await notifyPeople(db, services.mailer, organisation.id, [
            {
              key: `welcome-back-review-ready:${data.review.id}:${first ? 'first' : Date.now()}`,
              personId,
              subject: `${who.name}, your welcome-back review is ready to read`,
              ...renderEmail('welcome-back-review-ready', {
                name: who.name,
                link: `${services.config.publicUrl}${paths.organisation.myWelcomeBackReview.build({ org: organisation.slug, reviewId: data.review.id })}`,
                organisationName: organisation.name,
              }),
            },
          ]);
          return { who, data, errors: [] };
        });
        if (outcome.errors.length === 0) {
          request.session.set('flash', {
            title: `Welcome-back review recorded for ${outcome.who.name}`,
            text: `${outcome.who.person.firstName} can now read it, comment and confirm it.`,
          });
          return reply.redirect(paths.organisation.person.build({ org: organisation.slug, personId }));
        }
        return reply.status(400).render('welcome-back-reviews/views/review.njk', {
          pageTitle: `Welcome-back review: ${outcome.who.name}`,
          ...reviewPage(organisation, outcome.data, {
            name: outcome.who.name,
            subject: personSubject(outcome.who.name),
            canRecord: outcome.data.review.confirmedAt === null,
            values: body,
            errors: outcome.errors,
            backLink: paths.organisation.person.build({ org: organisation.slug, personId }),
          }),
        });
      },
    );

    // ------------------------------------------------------------ the employee reads, comments and confirms

    app.get(
      paths.organisation.myWelcomeBackReview.pattern,
      { config: { access: SELF } },
      async (request, reply) => {
        const organisation = organisationOf(request);
        const personId = ownPersonId(request);
        const data = await database.scoped({ organisationIds: [organisation.id] }, (db) =>
          loadReview(db, organisation.id, personId, idParam(request, 'reviewId')),
        );
        return reply.render('welcome-back-reviews/views/my-review.njk', {
          pageTitle: 'Your welcome-back review',
          ...reviewPage(organisation, data, {
            subject: selfSubject(),
            values: { comments: data.review.employeeComments ?? '' },
            backLink: paths.organisation.myAttendance.build({ org: organisation.slug }),
          }),
        });
      },
    );

    app.post(
      paths.organisation.myWelcomeBackReview.pattern,
      { config: { access: SELF } },
      async (request, reply) => {
        const organisation = organisationOf(request);
        const personId = ownPersonId(request);
        const body = formBody(request);
        const comments = textField(body, 'comments');
        const confirm = body.confirm === 'yes';
        const outcome = await database.scoped({ organisationIds: [organisation.id] }, async (db) => {
          const data = await loadReview(db, organisation.id, personId, idParam(request, 'reviewId'));
          const errors = [];
          if (data.review.completedAt === null)
            errors.push({ text: 'Your manager has not written up this review yet', href: '#comments' });
          else if (data.review.confirmedAt !== null)
            errors.push({ text: 'You have already confirmed this review', href: '#comments' });
          if (comments.length > 5000)
            errors.push({ text: 'Your comments must be 5,000 characters or fewer', href: '#comments' });
          if (errors.length > 0) return { data, errors };
          await welcomeBackReviewsRepository(db, organisation.id).respond(data.review.id, comments, confirm);
          await audit(db, request, {
            action: confirm ? 'welcome-back-review.confirmed' : 'welcome-back-review.commented',
            subjectType: 'welcome_back_review',
            subjectId: data.review.id,
            detail: { changed: changedFields(null, { comments }) },
          });
          return { data, errors };
        });
        if (outcome.errors.length === 0) {
          request.session.set('flash', {
            title: confirm ? 'You have confirmed your welcome-back review' : 'Your comments are saved',
          });
          return reply.redirect(paths.organisation.myAttendance.build({ org: organisation.slug }));
        }
        return reply.status(400).render('welcome-back-reviews/views/my-review.njk', {
          pageTitle: 'Your welcome-back review',
          ...reviewPage(organisation, outcome.data, {
            subject: selfSubject(),
            values: body,
            errors: outcome.errors,
            backLink: paths.organisation.myAttendance.build({ org: organisation.slug }),
          }),
        });
      },
    );
  };
}

function addMonths(date: string, months: number): string {
  const [y = 0, m = 1] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}-01`;
}
