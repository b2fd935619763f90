/**
 * HR's list of attendance cases, by status, stage, policy, line manager or unit, with overdue
 * meetings marked.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { STAGE_NAMES, STAGES } from '../../domain/attendance-stages.ts';
import { today } from '../../domain/today.ts';
import type { Services } from '../../services.ts';
import { chooseFilters, listView, queryField, readListQuery } from '../../web/list-query.ts';
import { fetchPage } from '../../web/pagination.ts';
import { paths } from '../../web/paths.ts';
import { organisationOf } from '../../web/request-context.ts';
import { effectivePolicies, type PolicyModel } from '../../domain/attendance-policies.ts';
import { structureRepository } from '../people/structure-repository.ts';
import { peopleRepository } from '../people/people-repository.ts';
import { attendanceCasesRepository, CASE_SORTS, type CaseListRow } from './attendance-cases-repository.ts';
import { caseHref, stageName } from './page-support.ts';

const OVERSEE = { kind: 'permission', permission: 'attendance.oversee' } as const;

const POLICY_NAMES = { person_centred: 'Person-centred', trigger_based: 'Trigger-based' } as const;

/** A case's meeting is overdue when its date has passed with no outcome, or its review date has passed. */
export function caseOverdue(
  row: Pick<CaseListRow, 'closed_on' | 'meeting_date' | 'held_on' | 'review_date'>,
  onDate: string,
) {
  if (row.closed_on !== null || row.meeting_date === null) return false;
  if (row.held_on === null) return row.meeting_date < onDate;
  return row.review_date !== null && row.review_date < onDate;
}

export function registerCaseListPage(app: FastifyInstance, services: Services) {
  const { database } = services;

  app.get(
    paths.organisation.attendanceCases.pattern,
    { config: { access: OVERSEE, audit: 'attendance-cases.listed' } },
    async (request, reply) => {
      const organisation = organisationOf(request);
      const date = today();
      const { value: query, errors } = readListQuery(request.query, CASE_SORTS, 'opened');
      const status = queryField(
        request.query,
        'status',
        z.enum(['open', 'all']),
        'open',
        'Show open cases or all cases',
        errors,
      );
      const stage = queryField(
        request.query,
        'stage',
        z.enum(['none', ...STAGES]),
        null,
        'Choose a stage from the list',
        errors,
      );
      const overdue = queryField(
        request.query,
        'overdue',
        z.literal('yes'),
        null,
        'Tick “Only overdue cases” or leave it',
        errors,
      );
      const policy = queryField(
        request.query,
        'policy',
        z.enum(Object.keys(POLICY_NAMES) as [PolicyModel, ...PolicyModel[]]),
        null,
        'Choose a policy from the list',
        errors,
      );
      const organisationPolicy = organisation.policyModel as PolicyModel;
      const data = await database.scoped({ organisationIds: [organisation.id] }, async (db) => {
        const managers = await peopleRepository(db, organisation.id).lineManagers(date);
        const units = await structureRepository(db, organisation.id).units();
        const { manager, unit, unitIds } = chooseFilters(query, managers, units, errors);
        const policies = effectivePolicies(units, organisationPolicy);
        const cases = attendanceCasesRepository(db, organisation.id);
        const shown = await fetchPage(
          (limit, offset) =>
            cases.page({
              onDate: date,
              openOnly: status === 'open',
              stage,
              overdueOnly: overdue === 'yes',
              managerPersonId: manager,
              unitIds,
              policyUnitIds:
                policy === null ? null : [...policies].filter(([, p]) => p === policy).map(([id]) => id),
              policyIncludesNoUnit: policy === organisationPolicy,
              sort: query.sort,
              order: query.order,
              limit,
              offset,
            }),
          query.page,
        );
        return { managers, units, manager, unit, policies, shown };
      });
      const filters = { status, stage, overdue, policy };
      return reply.status(errors.length > 0 ? 400 : 200).render('attendance-cases/views/cases.njk', {
        pageTitle: 'Attendance cases',
        filters,
        stageItems: [
          { value: '', text: 'Any stage' },
          { value: 'none', text: 'No meeting yet' },
          ...STAGES.map((s) => ({ value: s, text: STAGE_NAMES[s] })),
        ].map((i) => ({ ...i, selected: i.value === (stage ?? '') })),
        policyItems: [
          { value: '', text: 'Either policy' },
          ...Object.entries(POLICY_NAMES).map(([value, text]) => ({ value, text })),
        ].map((i) => ({ ...i, selected: i.value === (policy ?? '') })),
        ...listView({
          base: paths.organisation.attendanceCases.build({ org: organisation.slug }),
          filters: { ...filters, status: status === 'open' ? null : status },
          query,
          sorts: CASE_SORTS,
          columns: [
            { text: 'Person', sort: 'name' },
            { text: 'Unit', sort: 'unit' },
            { text: 'Line manager', sort: 'manager' },
            { text: 'Policy' },
            { text: 'Opened', sort: 'opened' },
            { text: 'Stage reached', sort: 'stage' },
            { text: 'Status' },
          ],
          shown: data.shown,
          errors,
          managers: data.managers,
          units: data.units,
          chosen: data,
        }),
        cases: data.shown.rows.map((c) => ({
          ...c,
          name: `${c.first_name} ${c.last_name}`,
          href: caseHref(organisation.slug, c.person_id, c.id),
          stageName: c.stage ? stageName(c.stage) : 'No meeting yet',
          overdue: caseOverdue(c, date),
          policyName:
            POLICY_NAMES[
              c.unit_id === null ? organisationPolicy : (data.policies.get(c.unit_id) ?? organisationPolicy)
            ] ?? '',
        })),
      });
    },
  );
}
