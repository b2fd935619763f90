/**
 * The policy comparison's own rules (SPEC §2.1, §4D; seed 004 step 7, "compare KPI outcomes"):
 * the units following each attendance policy are one group, whose absence figures are the sums
 * of its units' rows of the absence report with the ratios worked out again (`addUpRows`), and
 * whose process figures are rates of counts. Pure functions, no I/O.
 */
import type { ReportRow } from './absence-report.ts';
import { addUpRows } from './scorecard.ts';

/**
 * The absence report's rows by unit added up for each group of units: `groupOf` names the group
 * a unit path belongs to (undefined leaves the row out). Every group asked for has a row, all
 * zero when none of its units had anyone in the period.
 */
export function addUpByGroup<G extends string>(
  rows: readonly ReportRow[],
  groups: readonly G[],
  groupOf: (unitPath: string) => G | undefined,
): Map<G, ReportRow> {
  const members = new Map<G, ReportRow[]>(groups.map((g) => [g, []]));
  for (const row of rows) {
    if (row.group === 'TOTAL') continue;
    const group = groupOf(row.group);
    if (group !== undefined) members.get(group)?.push(row);
  }
  return new Map(groups.map((g) => [g, addUpRows(g, members.get(g) ?? [])]));
}

/** A count per 100 people: null when there were no people. */
export function perHundred(count: number, people: number): number | null {
  return people > 0 ? (100 * count) / people : null;
}

/** A part as a percentage of a whole: null when the whole is nothing. */
export function percentOf(part: number, whole: number): number | null {
  return whole > 0 ? (100 * part) / whole : null;
}

/**
 * Where each policy takes effect in the unit tree: the units whose policy differs from the
 * unit above them (or, at the top, from the organisation's), each of which carries its policy
 * down to every unit within it unless a unit there sets its own. Unit ids in the order given.
 */
export function policyStartingPoints<P extends string>(
  units: readonly { id: number; parentId: number | null }[],
  policies: ReadonlyMap<number, P>,
  organisationPolicy: P,
): Map<P, number[]> {
  const starts = new Map<P, number[]>();
  for (const unit of units) {
    const policy = policies.get(unit.id);
    if (policy === undefined) continue;
    const above = unit.parentId === null ? organisationPolicy : policies.get(unit.parentId);
    if (above === policy) continue;
    starts.set(policy, [...(starts.get(policy) ?? []), unit.id]);
  }
  return starts;
}
