/**
 * Secondary (complementary) suppression of small numbers (SPEC §2 and §5). Hiding a small group
 * is not enough when a total it is part of is shown with all its other parts: the hidden figure
 * is then the total less the rest. So after the small numbers are hidden (primary suppression,
 * `small-numbers.ts`), further figures are hidden until no total has exactly one hidden figure
 * among itself and its parts: each time, the smallest part still shown (the total itself when no
 * part is left). Pure, and the same for every page, chart and download that shows the figures.
 *
 * Where each hidden figure is part of at most one total and the total of at most one other (a
 * hierarchy of units), that rule is enough: no combination of the totals works out any single
 * hidden figure either, because every set of totals that meets a hidden figure also meets
 * another that no other total contains.
 */

/** A figure in a set of totals: its value, and whether it is hidden before any secondary suppression. */
export interface SuppressionCell {
  value: number;
  /** Hidden by the small-numbers rule (primary suppression). */
  hidden: boolean;
  /**
   * A hidden figure that may be worked out without harm, such as a group with nobody in it: it
   * is not shown, but it need not be protected, and it protects nothing.
   */
  harmless?: boolean;
}

/** A total and the figures that add up to it, by key. */
export interface SuppressionTotal {
  total: string;
  parts: readonly string[];
}

/** Why a figure is hidden: a small number, or to protect one. */
export type HiddenBecause = 'small' | 'complement';

/** A figure that is hidden and must not be worked out. */
function secret(cell: SuppressionCell | undefined, hidden: ReadonlySet<string>, key: string): boolean {
  return hidden.has(key) && !(cell?.harmless ?? false);
}

/**
 * Every figure hidden after secondary suppression, with why: the figures hidden as small, and
 * those hidden so that none of them can be worked out by subtraction along any total. Keys in a
 * total that are not among the cells are taken as shown, with value 0.
 */
export function suppressComplements(
  cells: ReadonlyMap<string, SuppressionCell>,
  totals: readonly SuppressionTotal[],
): Map<string, HiddenBecause> {
  const hidden = new Map<string, HiddenBecause>();
  for (const [key, cell] of cells) if (cell.hidden) hidden.set(key, 'small');
  const valueOf = (key: string) => cells.get(key)?.value ?? 0;
  const isSecret = (key: string) => hidden.has(key) && !(cells.get(key)?.harmless ?? false);
  let changed = true;
  while (changed) {
    changed = false;
    for (const { total, parts } of totals) {
      if (parts.length === 0) continue;
      const members = [total, ...parts];
      const secrets = members.filter(isSecret);
      if (secrets.length !== 1) continue;
      // The one figure that could be worked out: hide the smallest part still shown beside it,
      // or the total when every part is hidden.
      const shownParts = parts.filter((p) => !hidden.has(p));
      const smallest = shownParts.reduce<string | null>(
        (best, p) => (best === null || valueOf(p) < valueOf(best) ? p : best),
        null,
      );
      const complement = smallest ?? (hidden.has(total) ? null : total);
      // When every figure is already hidden, the one to protect is beside harmless ones only,
      // which cannot happen with figures that add up (a total of nothing has nothing in it).
      if (complement !== null) {
        hidden.set(complement, 'complement');
        changed = true;
      }
    }
  }
  return hidden;
}

/**
 * A total that can still be used to work out a hidden figure: one whose figures, the total and
 * its parts, include exactly one that must be protected. The check the suppression guarantees,
 * for tests.
 */
export function revealingTotals(
  cells: ReadonlyMap<string, SuppressionCell>,
  totals: readonly SuppressionTotal[],
  hidden: ReadonlySet<string>,
): SuppressionTotal[] {
  return totals.filter(
    ({ total, parts }) =>
      parts.length > 0 && [total, ...parts].filter((k) => secret(cells.get(k), hidden, k)).length === 1,
  );
}

/** A figure in one column of a table: its value, and whether the small-numbers rule hides it. */
export interface ColumnCell {
  value: number;
  hidden: boolean;
}

/**
 * One column of a table whose last figure is the total of the others: which of the parts (by
 * index) and whether the total are hidden after secondary suppression.
 */
export function suppressColumn(
  parts: readonly ColumnCell[],
  total: ColumnCell,
): { parts: (HiddenBecause | null)[]; total: HiddenBecause | null } {
  const cells = new Map<string, SuppressionCell>(parts.map((p, i) => [String(i), p]));
  cells.set('total', total);
  const hidden = suppressComplements(cells, [{ total: 'total', parts: parts.map((_, i) => String(i)) }]);
  return {
    parts: parts.map((_, i) => hidden.get(String(i)) ?? null),
    total: hidden.get('total') ?? null,
  };
}

/** A unit of a hierarchy, by its path ('A > B > C'), with its people. */
export interface HierarchyUnit {
  path: string;
  /** People in the unit or any unit below it. */
  headcount: number;
  /** People in the unit itself, not in a unit below it. */
  directHeadcount: number;
}

/** Why the figures of a unit, of the people directly in it, or of the whole organisation are hidden. */
export interface HierarchySuppression {
  /** The unit's (the whole organisation's when null) figures: hidden, and why, or null when shown. */
  unit(path: string | null): HiddenBecause | null;
  /** The figures of the people in a unit itself, not in a unit below it. */
  direct(path: string): HiddenBecause | null;
}

const ORGANISATION = 'organisation';
const unitKey = (path: string) => `unit:${path}`;
const directKey = (path: string) => `direct:${path}`;

/**
 * Suppression of an organisation's units, one pattern for every page: a unit of fewer than
 * `smallest` people is hidden, and so is the smallest unit beside it under the same parent (and
 * so on up and down the tree) until no unit can be worked out from the unit above less those
 * shown. A group with nobody in it is hidden but needs no protecting.
 */
export function suppressHierarchy(
  units: readonly HierarchyUnit[],
  organisationHeadcount: number,
  smallest: number,
): HierarchySuppression {
  const cells = new Map<string, SuppressionCell>();
  const small = (n: number): SuppressionCell => ({ value: n, hidden: n < smallest, harmless: n === 0 });
  cells.set(ORGANISATION, small(organisationHeadcount));
  const childrenOf = new Map<string | null, string[]>();
  const paths = new Set(units.map((u) => u.path));
  for (const unit of units) {
    cells.set(unitKey(unit.path), small(unit.headcount));
    const parent = unit.path.includes(' > ') ? unit.path.slice(0, unit.path.lastIndexOf(' > ')) : null;
    const above = parent !== null && paths.has(parent) ? parent : null;
    childrenOf.set(above, [...(childrenOf.get(above) ?? []), unit.path]);
  }
  const totals: SuppressionTotal[] = [];
  const top = childrenOf.get(null) ?? [];
  if (top.length > 0) totals.push({ total: ORGANISATION, parts: top.map(unitKey) });
  for (const unit of units) {
    const children = childrenOf.get(unit.path) ?? [];
    if (children.length === 0) continue;
    cells.set(directKey(unit.path), small(unit.directHeadcount));
    totals.push({ total: unitKey(unit.path), parts: [...children.map(unitKey), directKey(unit.path)] });
  }
  const hidden = suppressComplements(cells, totals);
  return {
    unit: (path) => hidden.get(path === null ? ORGANISATION : unitKey(path)) ?? null,
    direct: (path) => hidden.get(directKey(path)) ?? null,
  };
}
