import type { SessionStore } from '@fastify/session';
import type { Session } from 'fastify';
import type { Db } from '../db/database.ts';
import {
  deleteSession,
  deleteSessionsExpiredBefore,
  findSession,
  saveSession,
} from '../db/sessions-repository.ts';

/** A session's own values, without its cookie (whose expiry moves on every request). */
function valuesOf(data: Record<string, unknown>): string {
  const { cookie: _cookie, ...values } = data;
  return JSON.stringify(values);
}

/**
 * How stale the stored expiry of an unchanged session may be before it is written again: a
 * tenth of the idle time-out, and at most a minute. A session in use is then always written
 * well before it would time out, however short the time-out.
 */
export function touchEveryMs(idleMs: number): number {
  return Math.min(60_000, Math.floor(idleMs / 10));
}

/** Sessions remembered as last read or written, at most this many at a time. */
const REMEMBERED_AT_MOST = 10_000;

/**
 * Sessions kept in the database, so they survive restarts and are shared by every server. A
 * session is saved at the end of every request (its idle time-out rolls on); when its values are
 * as this server last read or wrote them and its stored expiry was written very recently (see
 * `touchEveryMs`), the write is left out, so most page views write nothing. The idle time-out is therefore counted
 * to within a tenth of itself (a minute at most).
 */
export function databaseSessionStore(db: Db, idleMinutes: number): SessionStore {
  const idleMs = idleMinutes * 60_000;
  const touchEvery = touchEveryMs(idleMs);
  const expiry = () => new Date(Date.now() + idleMs);
  // Each session as this process last read or wrote it.
  const known = new Map<string, { values: string; expiresAt: number }>();
  const remember = (sessionId: string, state: { values: string; expiresAt: number }) => {
    if (known.size >= REMEMBERED_AT_MOST && !known.has(sessionId)) {
      // The longest-remembered goes (a Map keeps the order sessions were first remembered in).
      const oldest = known.keys().next().value;
      if (oldest !== undefined) known.delete(oldest);
    }
    known.set(sessionId, state);
  };
  return {
    set(sessionId, session, callback) {
      const data = JSON.parse(JSON.stringify(session)) as Record<string, unknown>;
      const values = valuesOf(data);
      const last = known.get(sessionId);
      if (last && last.values === values && last.expiresAt - Date.now() > idleMs - touchEvery) {
        callback();
        return;
      }
      const expiresAt = expiry();
      // A session this process has read or written is only updated, never made again: if it was
      // ended meanwhile (signed out everywhere, password changed, role removed), a request that
      // was already under way must not bring it back when it finishes.
      saveSession(db, { id: sessionId, data, expiresAt }, last ? 'if-still-there' : 'new').then((saved) => {
        if (saved) remember(sessionId, { values, expiresAt: expiresAt.getTime() });
        else known.delete(sessionId);
        callback();
      }, callback);
    },
    get(sessionId, callback) {
      findSession(db, sessionId).then((row) => {
        if (!row || row.expiresAt.getTime() < Date.now()) return callback(null, null);
        remember(sessionId, {
          values: valuesOf(row.data as Record<string, unknown>),
          expiresAt: row.expiresAt.getTime(),
        });
        callback(null, row.data as Session);
      }, callback);
    },
    destroy(sessionId, callback) {
      known.delete(sessionId);
      deleteSession(db, sessionId).then(() => callback(), callback);
    },
  };
}

export async function removeExpiredSessions(db: Db): Promise<void> {
  await deleteSessionsExpiredBefore(db, new Date());
}
