import type { SimilarUnit } from '../../domain/similar-names.ts';

/** How many of the things an import creates the preview names before "and N more". */
export const PREVIEW_NAMED = 50;

/** One thing the import will create, named, and what to check about it. */
export interface PreviewItem {
  text: string;
  warning?: string;
}

/** What an import will create of one kind, each named: the preview's list under a heading. */
export interface PreviewList {
  id: string;
  title: string;
  count: number;
  items: PreviewItem[];
  /** How many more there are than are named. */
  more: number;
}

/** A list for the preview, naming the first PREVIEW_NAMED items. */
export function previewList(id: string, title: string, items: readonly PreviewItem[]): PreviewList {
  return {
    id,
    title,
    count: items.length,
    items: items.slice(0, PREVIEW_NAMED),
    more: Math.max(0, items.length - PREVIEW_NAMED),
  };
}

/** "… — did you mean …?": what to ask about a new unit whose name is close to another's. */
export function similarUnitQuestion(similar: SimilarUnit): string {
  return `${similar.unit} — did you mean ${similar.similarTo}?`;
}

/** New names to create, asking about those close to another's name. */
function toCreateList(
  id: string,
  title: string,
  names: readonly string[],
  similar: readonly SimilarUnit[],
): PreviewList {
  const closeTo = new Map(similar.map((s) => [s.unit, s.similarTo]));
  return previewList(
    id,
    title,
    names.map((name) => {
      const other = closeTo.get(name);
      return other ? { text: name, warning: `Did you mean ${other}?` } : { text: name };
    }),
  );
}

/** The units to create, each by its full path, asking about those close to another's name. */
export function unitsToCreateList(paths: readonly string[], similar: readonly SimilarUnit[]): PreviewList {
  return toCreateList('units-to-create', 'Units to create', paths, similar);
}

/** The staff groups to create, asking about those close to another's name. */
export function staffGroupsToCreateList(
  names: readonly string[],
  similar: readonly SimilarUnit[],
): PreviewList {
  return toCreateList('staff-groups-to-create', 'Staff groups to create', names, similar);
}
