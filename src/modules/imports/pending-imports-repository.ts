import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { pendingImports } from '../../db/schema.ts';

/** How long an uploaded file waits for confirmation after its preview. */
export const PENDING_IMPORT_HOURS = 2;

/** Uploaded files between their preview and the person's confirmation. */
export function pendingImportsRepository(db: Db, organisationId: number) {
  return {
    async save(file: { kind: string; userId: number; fileName: string; content: string }): Promise<number> {
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
        .values({ organisationId, ...file })
        .returning({ id: pendingImports.id });
      if (!row) throw new Error('The upload was not kept');
      return row.id;
    },

    /** The pending file, if it is this person's, of this kind and not expired. */
    async find(id: number, userId: number, kind: string) {
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
      return rows[0] ?? null;
    },

    async discard(id: number) {
      await db
        .delete(pendingImports)
        .where(and(eq(pendingImports.organisationId, organisationId), eq(pendingImports.id, id)));
    },
  };
}
