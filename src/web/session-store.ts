import type { SessionStore } from '@fastify/session';
import type { Session } from 'fastify';
import { eq, lt } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { sessions } from '../db/schema.ts';

/** Sessions kept in the database, so they survive restarts and are shared by every server. */
export function databaseSessionStore(db: Db, idleMinutes: number): SessionStore {
  const expiry = () => new Date(Date.now() + idleMinutes * 60_000);
  return {
    set(sessionId, session, callback) {
      const data = JSON.parse(JSON.stringify(session)) as Record<string, unknown>;
      db.insert(sessions)
        .values({ id: sessionId, data, expiresAt: expiry() })
        .onConflictDoUpdate({ target: sessions.id, set: { data, expiresAt: expiry() } })
        .then(() => callback(), callback);
    },
    get(sessionId, callback) {
      db.select()
        .from(sessions)
        .where(eq(sessions.id, sessionId))
        .then((rows) => {
          const row = rows[0];
          if (!row || row.expiresAt.getTime() < Date.now()) return callback(null, null);
          callback(null, row.data as Session);
        }, callback);
    },
    destroy(sessionId, callback) {
      db.delete(sessions)
        .where(eq(sessions.id, sessionId))
        .then(() => callback(), callback);
    },
  };
}

export async function removeExpiredSessions(db: Db): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
}
