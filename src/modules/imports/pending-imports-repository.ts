import { setImmediate as nextTurn } from 'node:timers/promises';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { pendingImports } from './imports-schema.ts';

/** How long an uploaded file waits for confirmation after its preview. */
export const PENDING_IMPORT_HOURS = 2;

/** A checked file waiting for confirmation: its name and the rows read from it. */
export interface PendingImport<Row> {
  fileName: string;
  rows: Row[];
}

/**
 * Uploaded files between their preview and the person's confirmation, kept as the rows read and
 * checked from them (JSON, a row a line), never as the file itself: confirming imports those
 * rows without reading the file again, and nothing of the file but what is imported is kept.
 */
export function pendingImportsRepository(db: Db, organisationId: number) {
  return {
    async save(file: {
      kind: string;
      userId: number;
      fileName: string;
      rows: readonly unknown[];
    }): Promise<number> {
      await db
        .delete(pendingImports)
        .where(
          and(
            eq(pendingImports.organisationId, organisationId),
            lt(pendingImports.createdAt, sql`now() - make_interval(hours => ${PENDING_IMPORT_HOURS})`),
          ),
        );
      const [row] = await db
        .insert(pendingImports)
        .values({
          organisationId,
          kind: file.kind,
          userId: file.userId,
          fileName: file.fileName,
          content: await asLines(file.rows),
        })
        .returning({ id: pendingImports.id });
      if (!row) throw new Error('The upload was not kept');
      return row.id;
    },

    /**
     * The pending file, if it is this person's, of this kind and not expired. The caller names
     * the kind, and so the type of its rows, as they were saved.
     */
    async find<Row>(id: number, userId: number, kind: string): Promise<PendingImport<Row> | null> {
      const rows = await db
        .select()
        .from(pendingImports)
        .where(
          and(
            eq(pendingImports.organisationId, organisationId),
            eq(pendingImports.id, id),
            eq(pendingImports.userId, userId),
            eq(pendingImports.kind, kind),
            sql`${pendingImports.createdAt} > now() - make_interval(hours => ${PENDING_IMPORT_HOURS})`,
          ),
        );
      const pending = rows[0];
      if (!pending) return null;
      const kept = await rowsFrom(pending.content);
      return kept ? { fileName: pending.fileName, rows: kept as Row[] } : null;
    },

    async discard(id: number) {
      await db
        .delete(pendingImports)
        .where(and(eq(pendingImports.organisationId, organisationId), eq(pendingImports.id, id)));
    },
  };
}

/** Rows written or read between pauses, so that a long file's rows never hold the process for long. */
const ROWS_BETWEEN_PAUSES = 1000;

/** The rows as JSON, one row a line. */
async function asLines(rows: readonly unknown[]): Promise<string> {
  const lines: string[] = [];
  for (const [index, row] of rows.entries()) {
    lines.push(JSON.stringify(row));
    if ((index + 1) % ROWS_BETWEEN_PAUSES === 0) await nextTurn();
  }
  return lines.join('\n');
}

/** The rows kept one a line; null for anything else (a file kept whole before rows were kept). */
async function rowsFrom(content: string): Promise<unknown[] | null> {
  if (content === '') return [];
  const rows: unknown[] = [];
  for (const [index, line] of content.split('\n').entries()) {
    if (!line.startsWith('{')) return null;
    try {
      rows.push(JSON.parse(line));
    } catch {
      return null;
    }
    if ((index + 1) % ROWS_BETWEEN_PAUSES === 0) await nextTurn();
  }
  return rows;
}
