import type { Db } from '../../db/database.ts';
import type { Mailer } from './mailer.ts';
import { notificationsRepository } from './notifications-repository.ts';
import { emailAddressesOf } from '../people/recipients-queries.ts';

export interface Notice {
  /** What the message is about, so that it is sent once only: "review-due:42". */
  key: string;
  personId: number;
  subject: string;
  /** The two parts, from renderEmail. */
  text: string;
  html: string;
}

/**
 * Emails each person about something that has fallen to them, once per key, at the address of
 * their account (or their work email). People with neither are left to their task list. A
 * message that cannot be sent is not recorded as sent, so the next run tries again.
 */
export async function notifyPeople(
  db: Db,
  mailer: Mailer,
  organisationId: number,
  notices: readonly Notice[],
): Promise<number> {
  if (notices.length === 0) return 0;
  const ids = [...new Set(notices.map((n) => n.personId))];
  const addresses = await emailAddressesOf(db, organisationId, ids);
  const sentEmails = notificationsRepository(db, organisationId);
  const emailOf = new Map(addresses.map((a) => [a.id, a.email]));
  let sent = 0;
  for (const notice of notices) {
    const to = emailOf.get(notice.personId);
    if (!to) continue;
    const recorded = await sentEmails.record({ key: notice.key, toEmail: to, subject: notice.subject });
    if (recorded === null) continue;
    try {
      await mailer.send({ to, subject: notice.subject, text: notice.text, html: notice.html });
      sent += 1;
    } catch (error) {
      await sentEmails.forget(recorded);
      process.emitWarning(`Email to ${to} could not be sent: ${(error as Error).message}`);
    }
  }
  return sent;
}
