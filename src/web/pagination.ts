/**
 * Long lists and tables shown a page at a time, with the GOV.UK pagination component's links.
 * Plain functions: the routes say how a page's address is written.
 */

/** Rows of a long table shown on one page: a page of a few hundred kilobytes, not megabytes. */
export const TABLE_ROWS_PER_PAGE = 100;

/** The page number asked for in a query string; anything else is the first page. */
export function requestedPage(query: unknown): number {
  const value = (query as { page?: unknown } | null)?.page;
  const page = typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : 1;
  return Math.max(1, page);
}

export interface PageOfRows<T> {
  rows: T[];
  /** The page shown, 1 to `pages`: a page asked for beyond the last shows the last. */
  page: number;
  pages: number;
  /** The first and last rows shown (from 1), and how many there are in all. */
  first: number;
  last: number;
  total: number;
}

/** One page of rows. */
export function pageOfRows<T>(rows: readonly T[], page: number, size = TABLE_ROWS_PER_PAGE): PageOfRows<T> {
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const shown = Math.min(Math.max(1, page), pages);
  const start = (shown - 1) * size;
  const slice = rows.slice(start, start + size);
  return {
    rows: slice,
    page: shown,
    pages,
    first: slice.length > 0 ? start + 1 : 0,
    last: start + slice.length,
    total: rows.length,
  };
}

/** The GOV.UK pagination component's parameters: previous, next and the pages around this one. */
export interface PaginationLinks {
  previous?: { href: string };
  next?: { href: string };
  items: ({ number: number; href: string; current: boolean } | { ellipsis: true })[];
}

/** Links to the other pages, or null when there is only one. */
export function paginationLinks(
  page: number,
  pages: number,
  href: (page: number) => string,
): PaginationLinks | null {
  if (pages <= 1) return null;
  return {
    ...(page > 1 ? { previous: { href: href(page - 1) } } : {}),
    ...(page < pages ? { next: { href: href(page + 1) } } : {}),
    items: Array.from({ length: pages }, (_, i) => i + 1)
      .filter((n) => n === 1 || n === pages || Math.abs(n - page) <= 2)
      .flatMap((n, i, all) => [
        ...(i > 0 && n - (all[i - 1] ?? n) > 1 ? [{ ellipsis: true as const }] : []),
        { number: n, href: href(n), current: n === page },
      ]),
  };
}

/**
 * One page of rows that the database pages (`limit`/`offset`) and counts (`count(*) over ()`):
 * a page asked for beyond the last shows the last, as `pageOfRows` does, at the cost of a
 * second query only then.
 */
export async function fetchPage<T>(
  fetch: (limit: number, offset: number) => Promise<{ rows: T[]; total: number }>,
  page: number,
  size = TABLE_ROWS_PER_PAGE,
): Promise<PageOfRows<T>> {
  let shown = Math.max(1, page);
  let { rows, total } = await fetch(size, (shown - 1) * size);
  if (rows.length === 0 && shown > 1) {
    total = (await fetch(1, 0)).total;
    shown = Math.max(1, Math.ceil(total / size));
    ({ rows, total } = total === 0 ? { rows: [], total } : await fetch(size, (shown - 1) * size));
  }
  const start = (shown - 1) * size;
  return {
    rows,
    page: shown,
    pages: Math.max(1, Math.ceil(total / size)),
    first: rows.length > 0 ? start + 1 : 0,
    last: start + rows.length,
    total,
  };
}
