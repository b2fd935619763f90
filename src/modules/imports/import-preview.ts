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

/** The units to create, each by its full path, asking about those close to another's name. */
export function unitsToCreateList(paths: readonly string[], similar: readonly SimilarUnit[]): PreviewList {
  const closeTo = new Map(similar.map((s) => [s.unit, s.similarTo]));
  return previewList(
    'units-to-create',
    'Units to create',
    paths.map((path) => {
      const other = closeTo.get(path);
      return other ? { text: path, warning: `Did you mean ${other}?` } : { text: path };
    }),
  );
}
