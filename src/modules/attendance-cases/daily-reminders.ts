import { ukDate } from '../../domain/date-words.ts';
import { addDays } from '../../domain/dates.ts';
import { codeWords } from '../../domain/labels.ts';
import type { DailyReminder } from '../../web/capability.ts';
import { paths } from '../../web/paths.ts';
import { REMINDER_DAYS_AHEAD } from '../../domain/reminders.ts';
import { attendanceCasesRepository } from './attendance-cases-repository.ts';

/**
 * Stage meetings of open cases without a recorded outcome, held or to be held within the week:
 * for everyone above the person in their reporting line.
 */
export const dailyReminders: DailyReminder[] = [
  {
    heading: 'Stage meetings',
    async due(db, organisation, date) {
      const meetings = await attendanceCasesRepository(db, organisation.id).meetingsAwaitingOutcome({
        byDate: addDays(date, REMINDER_DAYS_AHEAD),
        onDate: date,
      });
      return meetings.map((m) => {
        const name = `${m.first_name} ${m.last_name}`;
        const stage = codeWords('stage', m.stage);
        const passed = m.meeting_date < date;
        return {
          text: passed
            ? `${stage} with ${name} on ${ukDate(m.meeting_date)}: record its outcome`
            : `${stage} with ${name} on ${ukDate(m.meeting_date)}`,
          href: paths.organisation.stageMeeting.build({
            org: organisation.slug,
            personId: m.person_id,
            caseId: m.case_id,
            meetingId: m.id,
          }),
          overdue: passed,
          aboutPersonId: m.person_id,
        };
      });
    },
  },
];
