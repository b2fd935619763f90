/**
 * The filters, sort and page of a worklist (HR's lists of reviews, triggers and cases), read
 * from the address's query: each field checked with zod on its own, so that a bad one is named
 * in words on the page and the list is shown as if it were not given.
 */
import { z } from 'zod';
import type { FieldError } from './forms.ts';
import { paginationLinks, type PageOfRows } from './pagination.ts';

export type SortOrder = 'asc' | 'desc';

/** What every worklist takes: a line manager, a unit (with the units within it), sort and page. */
export interface ListQuery<S extends string> {
  manager: number | null;
  unit: number | null;
  sort: S;
  order: SortOrder;
  page: number;
}

const id = z
  .string()
  .regex(/^\d{1,9}$/)
  .transform(Number);
const order = z.enum(['asc', 'desc']);
const page = z
  .string()
  .regex(/^\d{1,6}$/)
  .transform(Number)
  .refine((n) => n >= 1);

/**
 * One field of the query, checked by `schema`: absent or empty is `fallback`; a value the
 * schema refuses is `fallback` too, with `message` added to `errors` against the field.
 */
export function queryField<T>(
  query: unknown,
  name: string,
  schema: z.ZodType<T, string>,
  fallback: T,
  message: string,
  errors: FieldError[],
): T {
  const raw = (query as Record<string, unknown> | null)?.[name];
  if (raw === undefined || raw === '') return fallback;
  const parsed = typeof raw === 'string' ? schema.safeParse(raw) : null;
  if (parsed?.success) return parsed.data;
  errors.push({ text: message, href: `#${name}` });
  return fallback;
}

/** Reads the filters, sort and page every worklist takes; the sorts are the list's own columns. */
export function readListQuery<S extends string>(
  query: unknown,
  sorts: Readonly<Record<S, SortOrder>>,
  defaultSort: S,
): { value: ListQuery<S>; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const keys = Object.keys(sorts) as S[];
  const manager = queryField(query, 'manager', id, null, 'Choose a line manager from the list', errors);
  const unit = queryField(query, 'unit', id, null, 'Choose a unit from the list', errors);
  const sort = queryField(
    query,
    'sort',
    z.enum(keys as [S, ...S[]]) as unknown as z.ZodType<S, string>,
    defaultSort,
    'Sort by one of the columns of the table',
    errors,
  );
  const sortOrder = queryField(
    query,
    'order',
    order,
    sorts[sort],
    'Sort in ascending or descending order',
    errors,
  );
  const pageNumber = queryField(
    query,
    'page',
    page,
    1,
    'The page number must be a whole number, 1 or more',
    errors,
  );
  return { value: { manager, unit, sort, order: sortOrder, page: pageNumber }, errors };
}

/** A choice of the list's, or an error against the field when the id given is not one of them. */
export function checkChoice(
  value: number | null,
  choices: readonly { id: number }[],
  field: string,
  message: string,
  errors: FieldError[],
): number | null {
  if (value === null || choices.some((c) => c.id === value)) return value;
  errors.push({ text: message, href: `#${field}` });
  return null;
}

/** The address of a list with these query values; empty values are left out. */
export function listHref(
  base: string,
  values: Readonly<Record<string, string | number | null | undefined>>,
): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== null && value !== undefined && value !== '') query.set(key, String(value));
  }
  const text = query.toString();
  return text ? `${base}?${text}` : base;
}

export interface SortableHeader {
  text: string;
  /** The link that sorts by this column (the other way round when it is the sort already). */
  href: string | null;
  /** `aria-sort` of the column sorted by. */
  ariaSort: 'ascending' | 'descending' | null;
}

/**
 * The table's column headers: those in `sorts` link to the list sorted by them, in their first
 * order, or the other way round when the list is sorted by them already.
 */
export function sortableHeaders<S extends string>(
  columns: readonly { text: string; sort?: S }[],
  sorts: Readonly<Record<S, SortOrder>>,
  current: { sort: S; order: SortOrder },
  href: (sort: S, order: SortOrder) => string,
): SortableHeader[] {
  return columns.map((column) => {
    if (column.sort === undefined) return { text: column.text, href: null, ariaSort: null };
    const sorted = column.sort === current.sort;
    const next: SortOrder = sorted ? (current.order === 'asc' ? 'desc' : 'asc') : sorts[column.sort];
    return {
      text: column.text,
      href: href(column.sort, next),
      ariaSort: sorted ? (current.order === 'asc' ? 'ascending' : 'descending') : null,
    };
  });
}

/** The units given and every unit within them, from the organisation's unit tree. */
export function unitAndWithin(
  units: readonly { id: number; path: string }[],
  unitId: number | null,
): number[] | null {
  if (unitId === null) return null;
  const unit = units.find((u) => u.id === unitId);
  if (!unit) return [];
  return units.filter((u) => u.path === unit.path || u.path.startsWith(`${unit.path} > `)).map((u) => u.id);
}

/** The line-manager and unit filters' choices (GOV.UK select items), the one in force selected. */
export function filterItems(
  managers: readonly { id: number; first_name: string; last_name: string }[],
  units: readonly { id: number; path: string }[],
  chosen: { manager: number | null; unit: number | null },
) {
  return {
    managerItems: [
      { value: '', text: 'Any line manager', selected: chosen.manager === null },
      ...managers.map((m) => ({
        value: String(m.id),
        text: `${m.first_name} ${m.last_name}`,
        selected: m.id === chosen.manager,
      })),
    ],
    unitItems: [
      { value: '', text: 'Every unit', selected: chosen.unit === null },
      ...units.map((u) => ({ value: String(u.id), text: u.path, selected: u.id === chosen.unit })),
    ],
  };
}

/**
 * The line manager and unit asked for, if they are among the organisation's (else an error
 * against the field), and the units the unit filter keeps: it and the units within it.
 */
export function chooseFilters(
  query: { manager: number | null; unit: number | null },
  managers: readonly { id: number }[],
  units: readonly { id: number; path: string }[],
  errors: FieldError[],
) {
  const manager = checkChoice(
    query.manager,
    managers,
    'manager',
    'Choose a line manager from the list',
    errors,
  );
  const unit = checkChoice(query.unit, units, 'unit', 'Choose a unit from the list', errors);
  return { manager, unit, unitIds: unitAndWithin(units, unit) };
}

/**
 * What every worklist page shows beside its rows: the errors, the filters' choices, the
 * headers that sort and the links to the other pages, all keeping the list's other filters.
 */
export function listView<S extends string>(options: {
  base: string;
  /** The list's own filters in force, written into every link (null ones left out). */
  filters: Readonly<Record<string, string | number | null>>;
  query: ListQuery<S>;
  sorts: Readonly<Record<S, SortOrder>>;
  columns: readonly { text: string; sort?: S }[];
  shown: PageOfRows<unknown>;
  errors: FieldError[];
  managers: readonly { id: number; first_name: string; last_name: string }[];
  units: readonly { id: number; path: string }[];
  chosen: { manager: number | null; unit: number | null };
}) {
  const { query } = options;
  const href = (values: { sort?: string; order?: string; page?: number }) =>
    listHref(options.base, {
      ...options.filters,
      manager: options.chosen.manager,
      unit: options.chosen.unit,
      sort: values.sort ?? query.sort,
      order: values.order ?? query.order,
      page: values.page && values.page > 1 ? values.page : null,
    });
  return {
    errors: options.errors,
    sort: query.sort,
    order: query.order,
    ...filterItems(options.managers, options.units, options.chosen),
    headers: sortableHeaders(options.columns, options.sorts, query, (sort, order) => href({ sort, order })),
    shown: options.shown,
    pagination: paginationLinks(options.shown.page, options.shown.pages, (page) => href({ page })),
  };
}
