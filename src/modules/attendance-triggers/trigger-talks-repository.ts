import { attendanceTriggerTalks } from './attendance-triggers-schema.ts';
import type { Db } from '../../db/database.ts';

/** The talks held after a trigger: the only code that queries `attendance_trigger_talks`. */
export function triggerTalksRepository(db: Db, organisationId: number) {
  return {
    async record(talk: { personId: number; heldOn: string; outcome: string | null; userId: number }) {
      const [row] = await db
        .insert(attendanceTriggerTalks)
        .values({
          organisationId,
          personId: talk.personId,
          heldOn: talk.heldOn,
          outcome: talk.outcome,
          recordedByUserId: talk.userId,
        })
        .returning({ id: attendanceTriggerTalks.id });
      if (!row) throw new Error('The talk was not recorded');
      return row.id;
    },
  };
}
