/** How far ahead the daily reminder mentions action plan reviews and stage meetings. */
export const REMINDER_DAYS_AHEAD = 7;
