import type { Db } from '../../db/database.ts';
import { attendanceRecordsOf } from './attendance-at-a-glance-queries.ts';

/** What the person page lists of a person's support at work: enough to show and link each. */
export interface AttendanceAtAGlance {
  reviews: {
    id: number;
    dueDate: string;
    heldOn: string | null;
    completedAt: string | null;
    confirmedAt: string | null;
  }[];
  cases: { id: number; openedOn: string; closedOn: string | null }[];
  plans: { id: number; createdAt: string; nextReviewDate: string | null; status: string }[];
  dyingToWork: boolean;
}

/**
 * A person's welcome-back reviews (latest due first), attendance cases (latest opened first),
 * action plans (latest first) and whether the Dying to Work charter applies to them.
 */
export async function attendanceAtAGlance(
  db: Db,
  organisationId: number,
  personId: number,
): Promise<AttendanceAtAGlance> {
  const row = await attendanceRecordsOf(db, organisationId, personId);
  return {
    reviews: row?.reviews ?? [],
    cases: row?.cases ?? [],
    plans: row?.plans ?? [],
    dyingToWork: row?.dying_to_work ?? false,
  };
}
