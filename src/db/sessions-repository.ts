import { and, eq, lt, ne } from 'drizzle-orm';
import type { Db } from './database.ts';
import { sessions } from './schema.ts';

/**
 * Stores a session's values and when it expires. A `new` session is written whatever is stored
 * under its id; one that was read before is written only `if-still-there`, so that a session ended
 * meanwhile stays ended. Whether it was written.
 */
export async function saveSession(
  db: Db,
  session: { id: string; data: Record<string, unknown>; expiresAt: Date },
  kind: 'new' | 'if-still-there' = 'new',
): Promise<boolean> {
  const { id, data, expiresAt } = session;
  const userId = typeof data.userId === 'number' ? data.userId : null;
  if (kind === 'if-still-there') {
    const updated = await db
      .update(sessions)
      .set({ data, expiresAt, userId })
      .where(eq(sessions.id, id))
      .returning({ id: sessions.id });
    return updated.length > 0;
  }
  await db
    .insert(sessions)
    .values({ id, data, expiresAt, userId })
    .onConflictDoUpdate({ target: sessions.id, set: { data, expiresAt, userId } });
  return true;
}

/** The stored session of this id, expired or not. */
export async function findSession(db: Db, id: string) {
  const rows = await db.select().from(sessions).where(eq(sessions.id, id));
  return rows[0];
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, id));
}

/** Deletes every session that expired before `now`. */
export async function deleteSessionsExpiredBefore(db: Db, now: Date): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
}

/** Ends every session of an account but, if given, the one it is using now. */
export async function deleteSessionsOfUser(db: Db, userId: number, except?: string): Promise<void> {
  await db
    .delete(sessions)
    .where(
      except === undefined
        ? eq(sessions.userId, userId)
        : and(eq(sessions.userId, userId), ne(sessions.id, except)),
    );
}
