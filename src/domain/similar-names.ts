/**
 * Names that are probably the same thing typed differently: "Nrth Team" beside "North Team",
 * "north team" beside "North Team". Used to warn before an import creates a unit whose name is
 * a slip of the keyboard away from one that exists.
 */

/**
 * The edit distance between two texts: insertions, deletions, substitutions and swaps of two
 * neighbouring letters each count one (optimal string alignment), as typing slips do.
 */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const above = rows[i - 1] ?? [];
      let best = Math.min(
        (above[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        (above[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      }
      row.push(best);
    }
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? 0;
}

/** How many edits apart two names may be, at most, and still be taken for a slip. */
export const SIMILAR_NAME_DISTANCE = 2;

const folded = (name: string) => name.toLowerCase().replace(/\s+/g, ' ').trim();

/** How many edits a word may be from another and still be a slip: one, or two in long words. */
const wordSlips = (a: string, b: string) => Math.max(1, Math.floor(Math.max(a.length, b.length) / 4));

/**
 * Whether two different names look like one name typed two ways: the same but for case or
 * spacing, or at most two edits apart with each word a slip of its counterpart ("Nrth Team",
 * "North Taem"). Words that are different words ("South Team", "North Team") and names that
 * differ only in their numbers ("Ward 1", "Ward 2") are told apart.
 */
export function similarNames(a: string, b: string): boolean {
  if (a === b) return false;
  const x = folded(a);
  const y = folded(b);
  if (x === y || x.replace(/ /g, '') === y.replace(/ /g, '')) return true;
  if (x.replace(/\d+/g, '#') === y.replace(/\d+/g, '#')) return false;
  const xs = x.split(' ');
  const ys = y.split(' ');
  if (xs.length !== ys.length) return false;
  let total = 0;
  for (const [i, word] of xs.entries()) {
    const other = ys[i] ?? '';
    const distance = editDistance(word, other);
    if (distance > wordSlips(word, other)) return false;
    total += distance;
  }
  return total <= SIMILAR_NAME_DISTANCE;
}

/** A new unit and the unit beside it whose name is close, both as full paths. */
export interface SimilarUnit {
  unit: string;
  similarTo: string;
}

/**
 * The new units whose name is close to a sibling's: one under the same parent that exists, or
 * that the same file creates earlier. Paths are lists of levels, from the top.
 */
export function similarUnitNames(
  created: readonly (readonly string[])[],
  existing: readonly (readonly string[])[],
): SimilarUnit[] {
  const parentOf = (levels: readonly string[]) => levels.slice(0, -1).join(' > ');
  const siblings = new Map<string, string[][]>();
  const add = (levels: readonly string[]) => {
    const key = parentOf(levels);
    siblings.set(key, [...(siblings.get(key) ?? []), [...levels]]);
  };
  existing.forEach(add);
  const warnings: SimilarUnit[] = [];
  for (const levels of created) {
    const name = levels.at(-1) ?? '';
    const close = (siblings.get(parentOf(levels)) ?? []).find((other) =>
      similarNames(name, other.at(-1) ?? ''),
    );
    if (close) warnings.push({ unit: levels.join(' > '), similarTo: close.join(' > ') });
    add(levels);
  }
  return warnings;
}

/**
 * The new names in a flat list (staff groups, say) that are close to one that exists or that
 * the same file adds earlier, in the order given.
 */
export function similarNewNames(created: readonly string[], existing: readonly string[]): SimilarUnit[] {
  return similarUnitNames(
    created.map((name) => [name]),
    existing.map((name) => [name]),
  );
}
