import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/database.ts';
import type { Mailer } from './mailer.ts';

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
  const addresses = await queryRows<{ id: number; email: string | null }>(
    db,
    sql`select p.id, coalesce(u.email, p.email) as email
        from people p left join users u on u.id = p.user_id and not u.disabled
        where p.organisation_id = ${organisationId} and p.id = any(${`{${ids.join(',')}}`}::int[])`,
  );
  const emailOf = new Map(addresses.map((a) => [a.id, a.email]));
  let sent = 0;
  for (const notice of notices) {
    const to = emailOf.get(notice.personId);
    if (!to) continue;
    const inserted = await queryRows<{ id: number }>(
      db,
      sql`insert into notifications (organisation_id, key, to_email, subject)
          values (${organisationId}, ${notice.key}, ${to}, ${notice.subject})
          on conflict (organisation_id, key, to_email) do nothing returning id`,
    );
    if (inserted.length === 0) continue;
    try {
      await mailer.send({ to, subject: notice.subject, text: notice.text, html: notice.html });
      sent += 1;
    } catch (error) {
      await db.execute(
        sql`delete from notifications where organisation_id = ${organisationId} and id = ${inserted[0]?.id ?? 0}`,
      );
      process.emitWarning(`Email to ${to} could not be sent: ${(error as Error).message}`);
    }
  }
  return sent;
}
