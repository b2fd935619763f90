/**
 * The policy comparison (SPEC §2.1, §4D; seed 004, step 7 "compare KPI outcomes"): the units
 * following the person-centred policy against those following a trigger-based one, over a period,
 * on the same measures. Each unit follows its effective policy (`effectivePolicies`: its own,
 * else the nearest unit above it that sets one, else the organisation's).
 *
 * The absence figures are the absence report's rows by unit (`runAbsenceReport`, one run) added
 * up per policy (`addUpByGroup`: sums, then the ratios again), so they equal the report by
 * construction. People, formal stages started and reviews held on time are counted in SQL, one
 * query each (`workforce-queries.ts`).
 */
import type { Database } from '../../db/database.ts';
import type { ReportRow } from '../../domain/absence-report.ts';
import { addUpByGroup, policyStartingPoints } from '../../domain/policy-comparison.ts';
import { isWithin, type Period } from '../../domain/scorecard.ts';
import { runAbsenceReport, type OrganisationForReport } from '../absence-report/report-service.ts';
import { effectivePolicies, type PolicyModel } from '../../domain/attendance-policies.ts';
import { POLICY_MODELS } from '../partnership/organisation-settings.ts';
import { formalStagesByGroup, peopleByGroup, reviewsByGroup, unitTree } from './workforce-queries.ts';

/** The policies, in the order they are shown: the default (person-centred) first. */
export const POLICIES = Object.keys(POLICY_MODELS) as PolicyModel[];

export function isPolicyModel(value: string): value is PolicyModel {
  return Object.hasOwn(POLICY_MODELS, value);
}

export interface PolicyMeasures {
  /** The absence report's rows by unit, added up. */
  row: ReportRow;
  /** People employed in the group's units at any time in the period. */
  headcount: number;
  /** Formal stage meetings arranged for a date in the period. */
  formalStages: number;
  /** Welcome-back reviews due in the period. */
  reviewsDue: number;
  /** Of those, the reviews held on or before the day they were due. */
  reviewsOnTime: number;
}

export interface PolicyGroup extends PolicyMeasures {
  policy: PolicyModel;
  /** The units where the policy takes effect (each with every unit within it that sets no other), by path. */
  startsAt: string[];
}

export interface PolicyComparisonFigures {
  period: Period;
  /** The unit compared within (and everything within it); null for the whole organisation. */
  unitPath: string | null;
  organisationPolicy: PolicyModel;
  /** Every policy, in `POLICIES` order. */
  groups: PolicyGroup[];
  /** Everyone in scope: the report's total and the counts over both groups. */
  total: PolicyMeasures;
  /** The policies with anyone working under them in the period. */
  inUse: PolicyModel[];
}

/** The organisation's units (or one unit's) on each policy over a period, on the same measures. */
export async function policyComparisonFigures(
  database: Database,
  organisation: OrganisationForReport & { policyModel: string },
  options: { period: Period; unitPath: string | null },
): Promise<PolicyComparisonFigures> {
  const { period, unitPath } = options;
  const organisationPolicy = isPolicyModel(organisation.policyModel)
    ? organisation.policyModel
    : 'person_centred';

  const counted = await database.scoped({ organisationIds: [organisation.id] }, async (db) => {
    const units = await unitTree(db, organisation.id);
    const policies = effectivePolicies(units, organisationPolicy);
    const inScope = units.filter((u) => unitPath === null || isWithin(u.path, unitPath));
    const groups = new Map(inScope.map((u) => [u.id, policies.get(u.id) ?? organisationPolicy]));
    const starts = policyStartingPoints(units, policies, organisationPolicy);
    const scopeUnit = unitPath === null ? undefined : units.find((u) => u.path === unitPath);
    const pathOf = new Map(units.map((u) => [u.id, u.path]));
    const startsAt = (policy: PolicyModel) => {
      const paths = (starts.get(policy) ?? [])
        .map((id) => pathOf.get(id) ?? '')
        .filter((path) => unitPath === null || isWithin(path, unitPath));
      // Within a unit that follows a policy set above it, the policy starts there for this comparison.
      if (scopeUnit && groups.get(scopeUnit.id) === policy && !paths.includes(scopeUnit.path)) {
        if (policy !== organisationPolicy) paths.unshift(scopeUnit.path);
      }
      return paths;
    };
    return {
      policyOfPath: new Map(inScope.map((u) => [u.path, groups.get(u.id) ?? organisationPolicy])),
      startsAt: new Map(POLICIES.map((p) => [p, startsAt(p)])),
      people: await peopleByGroup(db, organisation.id, period, groups),
      stages: await formalStagesByGroup(db, organisation.id, period, groups),
      reviews: await reviewsByGroup(db, organisation.id, period, groups),
    };
  });

  const rows = await runAbsenceReport(database, organisation, {
    from: period.from,
    to: period.to,
    by: 'unit',
    method: 'hours',
    ...(unitPath ? { unit: unitPath } : {}),
  });
  const byPolicy = addUpByGroup(rows, POLICIES, (path) => counted.policyOfPath.get(path));
  const total = rows.at(-1);
  if (!total || total.group !== 'TOTAL') throw new Error('The absence report has no TOTAL row');

  const measures = (label: string | null, row: ReportRow): PolicyMeasures => ({
    row,
    headcount: counted.people.get(label) ?? 0,
    formalStages: counted.stages.get(label) ?? 0,
    reviewsDue: counted.reviews.due.get(label) ?? 0,
    reviewsOnTime: counted.reviews.onTime.get(label) ?? 0,
  });
  const groups = POLICIES.map((policy) => ({
    policy,
    ...measures(policy, byPolicy.get(policy) ?? total),
    startsAt: counted.startsAt.get(policy) ?? [],
  }));
  return {
    period,
    unitPath,
    organisationPolicy,
    groups,
    total: measures(null, total),
    inUse: groups.filter((g) => g.headcount > 0).map((g) => g.policy),
  };
}
