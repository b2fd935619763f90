/**
 * The tables of the management information pages, defined once and shown three ways: as an
 * HTML table on the page (`htmlTable`), as CSV and as XLSX (`downloads.ts`). Because all three
 * come from the same definition, a download always holds the numbers the page shows (unrounded),
 * with the same small numbers suppressed.
 */
import { formatNumber, gbp } from '../../web/nunjucks.ts';

export type NumberKind = 'count' | 'decimal' | 'percent' | 'money';
export type ColumnKind = 'text' | NumberKind;

export interface Column {
  header: string;
  kind: ColumnKind;
}

/**
 * A value: text (including "fewer than 5"), a number formatted as its column says, a number with
 * its own kind (for a column of mixed measures), or nothing (a withheld row).
 */
export type Cell = string | number | null | { value: number; kind: NumberKind };

export interface TableRow {
  /** The first cell is the row's header: text. */
  cells: Cell[];
  /** A link for the row's header, on the page only. */
  href?: string | null;
  /** How the row's header reads on the page, when shorter than its first cell (a unit's name, its path beneath). */
  label?: { text: string; hint?: string | null } | null;
  /** Why the row's figures are not shown, or anything else to say about the row. */
  note?: string | null;
  /** A total row, shown in bold. */
  total?: boolean;
}

export interface DataTable {
  /** The table's name in a download link (`?table=ID`). */
  id: string;
  caption: string;
  /** The worksheet's name in a spreadsheet: 31 characters at most. */
  sheetName: string;
  columns: Column[];
  rows: TableRow[];
}

/** The number and its kind, when a cell holds a number. */
export function numericCell(
  cell: Cell,
  column: Column | undefined,
): { value: number; kind: NumberKind } | null {
  if (typeof cell === 'number') {
    return { value: cell, kind: column && column.kind !== 'text' ? column.kind : 'decimal' };
  }
  if (cell !== null && typeof cell === 'object') return cell;
  return null;
}

/** A cell's text when it is not a number: its words, or nothing. */
export function cellText(cell: Cell): string {
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number') return String(cell);
  return cell === null ? '' : String(cell.value);
}

/** A number as the page shows it: counts whole, others to 2 places, money to the pound. */
export function displayNumber(value: number, kind: NumberKind): string {
  switch (kind) {
    case 'count':
      return formatNumber(value, 0);
    case 'decimal':
    case 'percent':
      return formatNumber(value, 2);
    case 'money':
      return gbp(value, 0);
    default: {
      const unknown: never = kind;
      throw new Error(`Unknown number kind ${String(unknown)}`);
    }
  }
}

export interface HtmlCell {
  text: string;
  numeric: boolean;
}

export interface HtmlTable {
  id: string;
  caption: string;
  head: HtmlCell[];
  rows: {
    header: { text: string; hint: string | null; href: string | null };
    cells: HtmlCell[];
    /** When set, the figures are withheld and this note spans their columns. */
    withheld: string | null;
    note: string | null;
    total: boolean;
  }[];
  /** Whether any row has a note, so the table has a column for them. */
  hasNotes: boolean;
}

/** The view of a table for the page (a plain function, tested without rendering). */
export function htmlTable(table: DataTable): HtmlTable {
  const rows = table.rows.map((row) => {
    const [first, ...rest] = row.cells;
    const figures = rest.map((cell, i): HtmlCell => {
      const column = table.columns[i + 1];
      const number = numericCell(cell, column);
      if (number) return { text: displayNumber(number.value, number.kind), numeric: true };
      return {
        text: cellText(cell),
        numeric: column !== undefined && column.kind !== 'text',
      };
    });
    const withheld = rest.length > 0 && rest.every((c) => c === null) && row.note ? row.note : null;
    return {
      header: {
        text: row.label?.text ?? cellText(first ?? null),
        hint: row.label?.hint ?? null,
        href: row.href ?? null,
      },
      cells: figures,
      withheld,
      note: withheld ? null : (row.note ?? null),
      total: row.total === true,
    };
  });
  return {
    id: table.id,
    caption: table.caption,
    head: table.columns.map((c) => ({ text: c.header, numeric: c.kind !== 'text' })),
    rows,
    hasNotes: rows.some((r) => r.note !== null),
  };
}
