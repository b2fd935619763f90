import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/database.ts';

/**
 * The emails sent, one a key and address, so that none is sent twice: the only code that
 * queries their table.
 */
export function notificationsRepository(db: Db, organisationId: number) {
  return {
    /**
     * Records that the email is being sent; its record's id, or null when one with this key was
     * already sent to this address.
     */
    async record(notification: { key: string; toEmail: string; subject: string }): Promise<number | null> {
      const inserted = await queryRows<{ id: number }>(
        db,
        sql`insert into notifications (organisation_id, key, to_email, subject)
          values (${organisationId}, ${notification.key}, ${notification.toEmail}, ${notification.subject})
          on conflict (organisation_id, key, to_email) do nothing returning id`,
      );
      return inserted[0]?.id ?? null;
    },

    /** Forgets a recorded email that could not be sent, so that the next run tries again. */
    async forget(id: number): Promise<void> {
      await db.execute(
        sql`delete from notifications where organisation_id = ${organisationId} and id = ${id}`,
      );
    },
  };
}
