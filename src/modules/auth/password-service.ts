/**
 * Forgotten and changed passwords, and ending an account's sessions.
 *
 * A forgotten password is replaced through a one-time link emailed to the account: its secret is
 * 32 random bytes, of which only a SHA-256 hash is kept; it works once, for an hour, and using
 * it ends every session of the account. Whether an email belongs to an account is never told to
 * whoever asks: only the account's own inbox learns it.
 */
import type { Db } from '../../db/database.ts';
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { recordAuditEvent } from '../../db/audit-repository.ts';
import type { Database } from '../../db/database.ts';
import { deleteSessionsOfUser } from '../../db/sessions-repository.ts';
import type { Services } from '../../services.ts';
import { renderEmail } from '../notifications/email-templates.ts';
import { oneTimeLinksRepository, type FoundLink } from './one-time-links-repository.ts';
import { passwordPaths } from './password-paths.ts';
import { hashPassword } from './passwords.ts';
import { signInThrottle } from './sign-in-throttle.ts';
import { usersRepository } from './users-repository.ts';

/** How long a link to choose a new password works, and the same in words. */
export const RESET_LINK_VALID_MS = 60 * 60_000;
export const RESET_LINK_VALID_IN_WORDS = '1 hour';

/** Links are rationed per email typed and per network address, with sign-in's rules. */
export const resetLinkThrottle = (database: Database) =>
  signInThrottle(database, { keyPrefix: 'reset-password:' });

/** A link's secret: 32 random bytes, base64url (43 characters). */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Makes a link for the account: its secret, to be emailed; only its hash is stored. */
export async function createResetLink(
  services: Services,
  userId: number,
  expiresAt = new Date(Date.now() + RESET_LINK_VALID_MS),
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await services.database.transaction(async (db) => {
    await oneTimeLinksRepository(db).create({
      userId,
      purpose: 'reset-password',
      tokenHash: hashToken(token),
      expiresAt,
    });
    await recordAuditEvent(db, {
      userId,
      action: 'password.reset-link-sent',
      subjectType: 'user',
      subjectId: String(userId),
    });
  });
  return token;
}

export const resetLinkAddress = (services: Services, token: string) =>
  `${services.config.publicUrl}${passwordPaths.resetPassword.build()}?token=${token}`;

/**
 * Emails a link to choose a new password, if the email belongs to an enabled account that signs
 * in with a password; otherwise does nothing. Run after the answer has been given, so that how
 * long the answer takes does not tell either.
 */
export async function sendResetLink(
  services: Services,
  email: string,
  log: FastifyBaseLogger,
): Promise<void> {
  const user = await services.users.findByEmail(email);
  if (!user || user.disabled || !user.passwordHash) return;
  const token = await createResetLink(services, user.id);
  try {
    await services.mailer.send({
      to: user.email,
      subject: `${user.displayName}, choose a new password for Wellwork`,
      ...renderEmail('reset-password', {
        name: user.displayName,
        email: user.email,
        link: resetLinkAddress(services, token),
        validFor: RESET_LINK_VALID_IN_WORDS,
        organisationName: 'Wellwork',
      }),
    });
  } catch (error) {
    log.warn({ err: error }, 'the email with a link to choose a new password could not be sent');
  }
}

export type LinkState =
  { state: 'usable'; link: FoundLink } | { state: 'expired' | 'used' | 'unknown'; link: null };

/** Whether the link with this secret may be used, and if not, why. */
export async function resetLinkState(services: Services, token: string): Promise<LinkState> {
  if (!TOKEN_PATTERN.test(token)) return { state: 'unknown', link: null };
  const link = await oneTimeLinksRepository(services.database.system).findByHash(
    'reset-password',
    hashToken(token),
  );
  if (!link || link.accountDisabled) return { state: 'unknown', link: null };
  if (link.usedAt) return { state: 'used', link: null };
  if (link.expired) return { state: 'expired', link: null };
  return { state: 'usable', link };
}

/**
 * Uses the link to set the account's new password: the link and every other unused one of the
 * account stop working, every session of the account ends, and it is audited. False if the link
 * could not be used (used or expired meanwhile), when nothing is changed.
 */
export async function resetPassword(services: Services, token: string, password: string): Promise<boolean> {
  if (!TOKEN_PATTERN.test(token)) return false;
  const passwordHash = await hashPassword(password);
  return services.database.transaction(async (db) => {
    const links = oneTimeLinksRepository(db);
    const userId = await links.use('reset-password', hashToken(token));
    if (userId === null) return false;
    await replacePassword(db, userId, passwordHash, 'password.reset');
    return true;
  });
}

/**
 * Sets a signed-in person's new password and ends every session of their account but the one
 * they are using (`keepSessionId`, already given a new id by the caller). Audited.
 */
export async function changePassword(
  services: Services,
  userId: number,
  password: string,
  keepSessionId: string,
): Promise<void> {
  const passwordHash = await hashPassword(password);
  await services.database.transaction((db) =>
    replacePassword(db, userId, passwordHash, 'password.changed', keepSessionId),
  );
}

/** Ends every session of the account, the one in use included. Audited. */
export async function signOutEverywhere(services: Services, userId: number): Promise<void> {
  await services.database.transaction(async (db) => {
    await deleteSessionsOfUser(db, userId);
    await recordAuditEvent(db, {
      userId,
      action: 'signed-out-everywhere',
      subjectType: 'user',
      subjectId: String(userId),
    });
  });
}

/**
 * The account's new password: its reset links stop working, its sessions end (all, or all but
 * `keepSessionId`), and it is audited.
 */
async function replacePassword(
  db: Db,
  userId: number,
  passwordHash: string,
  action: 'password.reset' | 'password.changed',
  keepSessionId?: string,
): Promise<void> {
  await usersRepository(db).setPasswordHash(userId, passwordHash);
  await oneTimeLinksRepository(db).useAllOf(userId, 'reset-password');
  await deleteSessionsOfUser(db, userId, keepSessionId);
  await recordAuditEvent(db, {
    userId,
    action,
    subjectType: 'user',
    subjectId: String(userId),
    detail: { sessionsEnded: keepSessionId === undefined ? 'all' : 'others' },
  });
}
