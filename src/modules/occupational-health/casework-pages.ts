/**
 * The OH service's own casework pages, in the provider's organisation: the caseload of every
 * organisation served, a case with its timeline, triage, closing a case, the service's
 * clinicians and its settings. An organisation that runs no OH service has none of them (404);
 * a case the service does not hold is not found.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db, Scope } from '../../db/database.ts';
import {
  CASE_STAGE_CODES,
  CASE_STAGES,
  CONSENT_RECORDERS,
  OPEN_STAGES,
  WAITING_STAGES,
  PRIORITIES,
  PROFESSIONS,
  REFERRAL_KINDS,
  REFERRER_RELATIONS,
  ROUTED_SERVICES,
  stageColour,
  WAITS,
  waitedOverCutoff,
  type RoutedService,
} from '../../domain/oh-casework.ts';
import { workingDaysAfter } from '../../domain/working-days.ts';
import { today } from '../../domain/today.ts';
import type { Services } from '../../services.ts';
import { notFound } from '../../web/access-control.ts';
import { audit, changedFields } from '../../web/audit.ts';
import type { FieldError } from '../../web/forms.ts';
import { checkChoice, listHref, queryField, readListQuery, sortableHeaders } from '../../web/list-query.ts';
import { fetchPage, paginationLinks } from '../../web/pagination.ts';
import {
  formBody,
  idParam,
  organisationOf,
  principalOf,
  textField,
  userIdOf,
} from '../../web/request-context.ts';
import type { OrganisationContext } from '../../web/types.ts';
import { bankHolidayDates } from '../calendar/bank-holidays-repository.ts';
import { loadSections } from './case-sections.ts';
import {
  CASELOAD_SORTS,
  caseloadPage,
  clientsOf,
  standingOfCase,
  type CaseloadSort,
} from './caseload-queries.ts';
import { closeForm, professionsForm, settingsForm, triageForm } from './casework-forms.ts';
import { caseworkRepository } from './casework-repository.ts';
import { caseTimeline } from './casework-timeline.ts';
import { ohPaths } from './occupational-health-paths.ts';
import { serviceScope } from './oh-service-scope-queries.ts';
import type { Referral } from './referrals-repository.ts';

const SERVICE = { kind: 'permission', permission: 'oh.service' } as const;
const ADMINISTER = { kind: 'permission', permission: 'oh.administer' } as const;

const id = z
  .string()
  .regex(/^\d{1,9}$/)
  .transform(Number);

const words = <K extends string>(list: Readonly<Record<K, string>>, code: string | null | undefined) =>
  code && Object.hasOwn(list, code) ? list[code as K] : null;

/** A case's service in words: the one routed to, or the one a self-referral asked for. */
function serviceWords(service: string | null, asked: string | null) {
  const routed = words(ROUTED_SERVICES, service);
  if (routed) return routed;
  const wanted = words(ROUTED_SERVICES, asked);
  return wanted ? `${wanted} (asked for)` : 'Not yet routed';
}

export function caseworkPages(services: Services) {
  const { database } = services;

  /** The provider's organisation and the scope its OH service acts in; 404 when it runs none. */
  async function serviceOf(request: FastifyRequest) {
    const organisation = organisationOf(request);
    const date = today();
    const scope = await serviceScope(database.system, organisation.id, date);
    if (!scope) throw notFound();
    return { organisation, scope, date };
  }

  /** The accounts holding the OH clinician role in the provider, with access there. */
  async function cliniciansOf(organisationId: number) {
    const accounts = await services.users.listForOrganisation(organisationId);
    return accounts
      .filter((a) => a.roles.includes('oh_clinician') && !a.disabled && !a.suspendedHere)
      .map((a) => ({ id: a.id, displayName: a.displayName, email: a.email }));
  }

  const caseHref = (org: string, referralId: number) => ohPaths.service.case.build({ org, referralId });

  /** The case the service holds, or not found. */
  async function heldCase(db: Db, organisation: OrganisationContext, request: FastifyRequest) {
    const referral = await caseworkRepository(db, organisation.id).findCase(idParam(request, 'referralId'));
    if (!referral) throw notFound();
    return referral;
  }

  /** What every page about one case shows of it: who, from where, and the referral as given. */
  async function caseSummary(db: Db, organisation: OrganisationContext, referral: Referral, date: string) {
    const clients = await clientsOf(db, organisation.id, date);
    return {
      referral,
      clientName: clients.find((c) => c.id === referral.organisationId)?.name ?? '',
      kindName: words(REFERRAL_KINDS, referral.kind) ?? '',
      relationName: words(REFERRER_RELATIONS, referral.referrerRelation) ?? '',
      consentRecorder: words(CONSENT_RECORDERS, referral.consentRecordedBy),
      serviceName: serviceWords(referral.service, referral.serviceAsked),
      priorityName: words(PRIORITIES, referral.priority),
      // Once consent is withdrawn, what the referral says is no longer the service's to read.
      showsContent: referral.status !== 'withdrawn',
    };
  }

  return async (app: FastifyInstance) => {
    // ------------------------------------------------------------ the caseload

    app.get(
      ohPaths.service.cases.pattern,
      { config: { access: SERVICE, audit: 'oh-cases.listed' } },
      async (request, reply) => {
        const { organisation, scope, date } = await serviceOf(request);
        const { value: query, errors } = readListQuery<CaseloadSort>(
          request.query,
          CASELOAD_SORTS,
          'referred',
        );
        const status = queryField(
          request.query,
          'status',
          z.enum(['open', 'all', ...CASE_STAGE_CODES]),
          'open',
          'Choose a status from the list',
          errors,
        );
        const service = queryField(
          request.query,
          'service',
          z.enum(Object.keys(ROUTED_SERVICES) as [RoutedService, ...RoutedService[]]),
          null,
          'Choose a service from the list',
          errors,
        );
        const waiting = queryField(
          request.query,
          'waiting',
          z.enum(WAITS.map(String) as [string, ...string[]]).transform(Number),
          null,
          'Choose how long cases have waited from the list',
          errors,
        );
        const name = queryField(
          request.query,
          'name',
          z.string().trim().max(100),
          '',
          'Search for a name of 100 characters or fewer',
          errors,
        );
        const askedClient = queryField(
          request.query,
          'client',
          id,
          null,
          'Choose an organisation from the list',
          errors,
        );
        const askedClinician = queryField(
          request.query,
          'clinician',
          id,
          null,
          'Choose a clinician from the list',
          errors,
        );
        const clinicians = await cliniciansOf(organisation.id);
        const clinician = checkChoice(
          askedClinician,
          clinicians,
          'clinician',
          'Choose a clinician from the list',
          errors,
        );
        const data = await database.scoped(scope, async (db) => {
          const clients = await clientsOf(db, organisation.id, date);
          const client = checkChoice(
            askedClient,
            clients,
            'client',
            'Choose an organisation from the list',
            errors,
          );
          const holidays = new Set(await bankHolidayDates(db, organisation.region));
          const shown = await fetchPage(
            (limit, offset) =>
              caseloadPage(db, organisation.id, {
                stages: status === 'all' ? null : status === 'open' ? OPEN_STAGES : [status],
                clientId: client,
                clinicianUserId: clinician,
                service,
                referredBefore: waiting === null ? null : waitedOverCutoff(date, waiting, holidays),
                name: name === '' ? null : name,
                sort: query.sort,
                order: query.order,
                limit,
                offset,
              }),
            query.page,
          );
          return { clients, client, holidays, shown };
        });
        const base = ohPaths.service.cases.build({ org: organisation.slug });
        const filters = {
          status: status === 'open' ? null : status,
          client: data.client,
          clinician,
          service,
          waiting,
          name: name === '' ? null : name,
        };
        const href = (values: { sort?: string; order?: string; page?: number }) =>
          listHref(base, {
            ...filters,
            sort: values.sort ?? query.sort,
            order: values.order ?? query.order,
            page: values.page && values.page > 1 ? values.page : null,
          });
        const select = (
          chosen: string | number | null,
          first: string,
          items: { value: string; text: string }[],
        ) =>
          [{ value: '', text: first }, ...items].map((i) => ({
            ...i,
            selected: i.value === String(chosen ?? ''),
          }));
        return reply.status(errors.length > 0 ? 400 : 200).render('occupational-health/views/caseload.njk', {
          pageTitle: 'OH cases',
          errors,
          name,
          sort: query.sort,
          order: query.order,
          statusItems: [
            { value: 'open', text: 'Open cases' },
            { value: 'all', text: 'All cases, open and closed' },
            ...CASE_STAGE_CODES.map((s) => ({ value: s, text: CASE_STAGES[s] })),
          ].map((i) => ({ ...i, selected: i.value === status })),
          clientItems: select(
            data.client,
            'Every organisation served',
            data.clients.map((c) => ({ value: String(c.id), text: c.name })),
          ),
          clinicianItems: select(
            clinician,
            'Any clinician',
            clinicians.map((c) => ({ value: String(c.id), text: c.displayName })),
          ),
          serviceItems: select(
            service,
            'Any service',
            Object.entries(ROUTED_SERVICES).map(([value, text]) => ({ value, text })),
          ),
          waitingItems: select(
            waiting,
            'Any time',
            WAITS.map((days) => ({ value: String(days), text: `Over ${days} working days` })),
          ),
          headers: sortableHeaders(
            [
              { text: 'Employee', sort: 'name' },
              { text: 'Organisation', sort: 'client' },
              { text: 'Referred', sort: 'referred' },
              { text: 'Service' },
              { text: 'Clinician' },
              { text: 'Status' },
            ],
            CASELOAD_SORTS,
            query,
            (sort, order) => href({ sort, order }),
          ),
          shown: data.shown,
          pagination: paginationLinks(data.shown.page, data.shown.pages, (page) => href({ page })),
          cases: data.shown.rows.map((c) => ({
            ...c,
            href: caseHref(organisation.slug, c.id),
            stageName: CASE_STAGES[c.stage],
            stageColour: stageColour(c.stage),
            serviceName: serviceWords(c.service, c.service_asked),
            priorityName: words(PRIORITIES, c.priority),
            waitedDays:
              c.referred_on && WAITING_STAGES.includes(c.stage)
                ? workingDaysAfter(c.referred_on, date, data.holidays)
                : null,
          })),
        });
      },
    );

    // ------------------------------------------------------------ one case

    app.get(
      ohPaths.service.case.pattern,
      { config: { access: SERVICE, audit: 'oh-case.viewed' } },
      async (request, reply) => {
        const { organisation, scope, date } = await serviceOf(request);
        const clinician = services.permissions.allows(
          principalOf(request).grants,
          'oh.clinical',
          organisation.id,
        );
        const page = await database.scoped(scope, async (db) => {
          const referral = await heldCase(db, organisation, request);
          const repository = caseworkRepository(db, organisation.id);
          const standing = await standingOfCase(db, organisation.id, referral.id);
          if (!standing) throw notFound();
          const facts = await repository.timelineFacts(referral);
          const sections = await loadSections({
            db,
            services,
            request,
            referral,
            viewer: 'service',
            clinician,
            organisationSlug: organisation.slug,
            date,
          });
          return { summary: await caseSummary(db, organisation, referral, date), standing, facts, sections };
        });
        const { referral } = page.summary;
        const names = await services.users.displayNames(
          [referral.referredByUserId, referral.triagedByUserId, page.standing.clinicianUserId].filter(
            (u): u is number => u !== null,
          ),
        );
        const named = (userId: number | null) => (userId === null ? null : (names.get(userId) ?? null));
        return reply.render('occupational-health/views/case.njk', {
          pageTitle: `OH case: ${referral.personName}`,
          ...page.summary,
          stageName: CASE_STAGES[page.standing.stage],
          stageColour: stageColour(page.standing.stage),
          referrerName: named(referral.referredByUserId),
          triagedByName: named(referral.triagedByUserId),
          clinicianName: named(page.standing.clinicianUserId),
          timeline: caseTimeline(referral, page.facts),
          sections: page.sections,
          triageHref:
            referral.status === 'submitted'
              ? ohPaths.service.triage.build({ org: organisation.slug, referralId: referral.id })
              : null,
          closeHref: ['submitted', 'accepted'].includes(referral.status)
            ? ohPaths.service.close.build({ org: organisation.slug, referralId: referral.id })
            : null,
          backLink: ohPaths.service.cases.build({ org: organisation.slug }),
          backLinkText: 'All cases',
        });
      },
    );

    // ------------------------------------------------------------ triage

    const triagePage = async (
      organisation: OrganisationContext,
      summary: Awaited<ReturnType<typeof caseSummary>>,
      clinicians: { id: number; displayName: string }[],
      values: Record<string, unknown>,
      errors: FieldError[] = [],
    ) => ({
      pageTitle: `Triage the referral of ${summary.referral.personName}`,
      ...summary,
      values,
      errors,
      priorityItems: Object.entries(PRIORITIES).map(([value, text]) => ({
        value,
        text,
        checked: values.priority === value,
      })),
      serviceItems: Object.entries(ROUTED_SERVICES).map(([value, text]) => ({
        value,
        text,
        checked: values.service === value,
      })),
      clinicianItems: [
        { value: '', text: 'Not yet' },
        ...clinicians.map((c) => ({ value: String(c.id), text: c.displayName })),
      ].map((i) => ({ ...i, selected: i.value === (values.clinician ?? '') })),
      backLink: caseHref(organisation.slug, summary.referral.id),
    });

    app.get(
      ohPaths.service.triage.pattern,
      { config: { access: SERVICE, audit: 'oh-case.viewed' } },
      async (request, reply) => {
        const { organisation, scope, date } = await serviceOf(request);
        const summary = await database.scoped(scope, async (db) =>
          caseSummary(db, organisation, await heldCase(db, organisation, request), date),
        );
        if (summary.referral.status !== 'submitted')
          return reply.redirect(caseHref(organisation.slug, summary.referral.id));
        const clinicians = await cliniciansOf(organisation.id);
        return reply.render(
          'occupational-health/views/triage.njk',
          // A self-referral asked for a service: offered first.
          await triagePage(organisation, summary, clinicians, {
            service: summary.referral.serviceAsked ?? '',
          }),
        );
      },
    );

    app.post(ohPaths.service.triage.pattern, { config: { access: SERVICE } }, async (request, reply) => {
      const { organisation, scope, date } = await serviceOf(request);
      const body = formBody(request);
      const clinicians = await cliniciansOf(organisation.id);
      const outcome = await database.scoped(scope, async (db) => {
        const referral = await heldCase(db, organisation, request);
        if (referral.status !== 'submitted') return { referral, triaged: false, errors: [] };
        const form = triageForm(body, new Set(clinicians.map((c) => c.id)));
        if (!form.value)
          return {
            referral,
            summary: await caseSummary(db, organisation, referral, date),
            errors: form.errors,
          };
        const triaged = await caseworkRepository(db, organisation.id).triage(
          referral.id,
          form.value,
          userIdOf(request),
          date,
        );
        if (triaged) {
          await audit(db, request, {
            action: form.value.decision === 'accept' ? 'oh-referral.accepted' : 'oh-referral.rejected',
            subjectType: 'oh_referral',
            subjectId: referral.id,
            detail: {
              referralOrganisationId: referral.organisationId,
              ...(form.value.decision === 'accept'
                ? {
                    priority: form.value.priority,
                    service: form.value.service,
                    clinicianUserId: form.value.clinicianUserId,
                  }
                : {}),
              changed: changedFields(null, form.value),
            },
          });
        }
        return { referral, triaged, decision: form.value.decision, errors: [] };
      });
      if (outcome.errors.length > 0 && 'summary' in outcome && outcome.summary) {
        return reply
          .status(400)
          .render(
            'occupational-health/views/triage.njk',
            await triagePage(organisation, outcome.summary, clinicians, body, outcome.errors),
          );
      }
      request.session.set(
        'flash',
        'decision' in outcome && outcome.triaged
          ? {
              title: outcome.decision === 'accept' ? 'Referral accepted' : 'Referral rejected',
              text: outcome.decision === 'accept' ? 'It is ready to book.' : 'The referrer can see why.',
            }
          : { title: 'This referral was triaged already' },
      );
      return reply.redirect(caseHref(organisation.slug, outcome.referral.id));
    });

    // ------------------------------------------------------------ closing a case

    const closePage = (
      organisation: OrganisationContext,
      summary: Awaited<ReturnType<typeof caseSummary>>,
      values: Record<string, unknown>,
      errors: FieldError[] = [],
    ) => ({
      pageTitle: `Close the case of ${summary.referral.personName}`,
      ...summary,
      values,
      errors,
      backLink: caseHref(organisation.slug, summary.referral.id),
    });
    const isOpen = (referral: Referral) => referral.status === 'submitted' || referral.status === 'accepted';

    app.get(
      ohPaths.service.close.pattern,
      { config: { access: SERVICE, audit: 'oh-case.viewed' } },
      async (request, reply) => {
        const { organisation, scope, date } = await serviceOf(request);
        const summary = await database.scoped(scope, async (db) =>
          caseSummary(db, organisation, await heldCase(db, organisation, request), date),
        );
        if (!isOpen(summary.referral))
          return reply.redirect(caseHref(organisation.slug, summary.referral.id));
        return reply.render('occupational-health/views/close-case.njk', closePage(organisation, summary, {}));
      },
    );

    app.post(ohPaths.service.close.pattern, { config: { access: SERVICE } }, async (request, reply) => {
      const { organisation, scope, date } = await serviceOf(request);
      const body = formBody(request);
      const outcome = await database.scoped(scope, async (db) => {
        const referral = await heldCase(db, organisation, request);
        if (!isOpen(referral)) return { referral, closed: false, errors: [] };
        const repository = caseworkRepository(db, organisation.id);
        const form = closeForm(body);
        if (form.value && (await repository.hasBookedAppointment(referral)))
          form.errors.push({
            text: 'An appointment is still booked: record whether it was attended, or cancel it, first',
            href: '#closeReason',
          });
        if (!form.value || form.errors.length > 0)
          return {
            referral,
            summary: await caseSummary(db, organisation, referral, date),
            errors: form.errors,
          };
        const closed = await repository.close(referral.id, form.value, date);
        if (closed) {
          await audit(db, request, {
            action: 'oh-referral.closed',
            subjectType: 'oh_referral',
            subjectId: referral.id,
            detail: { referralOrganisationId: referral.organisationId, changed: ['closeReason'] },
          });
        }
        return { referral, closed, errors: [] };
      });
      if (outcome.errors.length > 0 && 'summary' in outcome && outcome.summary) {
        return reply
          .status(400)
          .render(
            'occupational-health/views/close-case.njk',
            closePage(organisation, outcome.summary, body, outcome.errors),
          );
      }
      request.session.set('flash', {
        title: 'closed' in outcome && outcome.closed ? 'Case closed' : 'This case was closed already',
      });
      return reply.redirect(caseHref(organisation.slug, outcome.referral.id));
    });

    // ------------------------------------------------------------ the service's clinicians

    const cliniciansPage = async (
      request: FastifyRequest,
      scope: Scope,
      values?: Record<string, unknown>,
      errors: FieldError[] = [],
    ) => {
      const organisation = organisationOf(request);
      const clinicians = await cliniciansOf(organisation.id);
      const professions = await database.scoped(scope, (db) =>
        caseworkRepository(db, organisation.id).professions(),
      );
      const canSet = services.permissions.allows(
        principalOf(request).grants,
        'oh.administer',
        organisation.id,
      );
      return {
        pageTitle: 'The service’s clinicians',
        errors,
        canSet,
        clinicians: clinicians.map((c) => {
          const field = `profession-${c.id}`;
          const chosen = values ? textField(values, field) : (professions.get(c.id) ?? '');
          return {
            ...c,
            field,
            professionName: words(PROFESSIONS, professions.get(c.id)) ?? 'Not recorded',
            items: [
              { value: '', text: 'Not recorded' },
              ...Object.entries(PROFESSIONS).map(([value, text]) => ({ value, text })),
            ].map((i) => ({ ...i, selected: i.value === chosen })),
          };
        }),
      };
    };

    app.get(
      ohPaths.service.clinicians.pattern,
      { config: { access: SERVICE, audit: 'oh-clinicians.viewed' } },
      async (request, reply) => {
        const { scope } = await serviceOf(request);
        return reply.render('occupational-health/views/clinicians.njk', await cliniciansPage(request, scope));
      },
    );

    app.post(
      ohPaths.service.clinicians.pattern,
      { config: { access: ADMINISTER } },
      async (request, reply) => {
        const { organisation, scope } = await serviceOf(request);
        const body = formBody(request);
        const form = professionsForm(body, await cliniciansOf(organisation.id));
        if (!form.value) {
          return reply
            .status(400)
            .render(
              'occupational-health/views/clinicians.njk',
              await cliniciansPage(request, scope, body, form.errors),
            );
        }
        const professions = form.value;
        await database.scoped(scope, async (db) => {
          await caseworkRepository(db, organisation.id).setProfessions(professions);
          await audit(db, request, {
            action: 'oh-clinicians.changed',
            subjectType: 'oh_clinicians',
            subjectId: organisation.id,
            detail: { professions: Object.fromEntries([...professions].map(([u, p]) => [String(u), p])) },
          });
        });
        request.session.set('flash', { title: 'Clinicians’ professions saved' });
        return reply.redirect(ohPaths.service.clinicians.build({ org: organisation.slug }));
      },
    );

    // ------------------------------------------------------------ the service's settings

    const settingsPage = (days: unknown, errors: FieldError[] = []) => ({
      pageTitle: 'OH service settings',
      values: { reviewWorkingDays: String(days) },
      errors,
    });

    app.get(ohPaths.service.settings.pattern, { config: { access: ADMINISTER } }, async (request, reply) => {
      const { organisation, scope } = await serviceOf(request);
      const days = await database.scoped(scope, (db) =>
        caseworkRepository(db, organisation.id).reviewWorkingDays(),
      );
      return reply.render('occupational-health/views/settings.njk', settingsPage(days));
    });

    app.post(ohPaths.service.settings.pattern, { config: { access: ADMINISTER } }, async (request, reply) => {
      const { organisation, scope } = await serviceOf(request);
      const body = formBody(request);
      const form = settingsForm(body);
      if (form.value === null) {
        return reply
          .status(400)
          .render(
            'occupational-health/views/settings.njk',
            settingsPage(body.reviewWorkingDays ?? '', form.errors),
          );
      }
      const days = form.value;
      await database.scoped(scope, async (db) => {
        await caseworkRepository(db, organisation.id).setReviewWorkingDays(days);
        await audit(db, request, {
          action: 'oh-settings.changed',
          subjectType: 'oh_service_settings',
          subjectId: organisation.id,
          detail: { reportReviewWorkingDays: days },
        });
      });
      request.session.set('flash', { title: 'Settings saved' });
      return reply.redirect(ohPaths.service.settings.build({ org: organisation.slug }));
    });
  };
}
