import { and, eq, lt, ne } from 'drizzle-orm';
import type { Db } from './database.ts';
import { sessions } from './schema.ts';

/** Stores a session's values and when it expires, replacing what was stored under its id. */
export async function saveSession(
  db: Db,
  session: { id: string; data: Record<string, unknown>; expiresAt: Date },
): Promise<void> {
  const { id, data, expiresAt } = session;
  const userId = typeof data.userId === 'number' ? data.userId : null;
  await db
    .insert(sessions)
    .values({ id, data, expiresAt, userId })
    .onConflictDoUpdate({ target: sessions.id, set: { data, expiresAt, userId } });
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
