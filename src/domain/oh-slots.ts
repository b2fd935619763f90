/**
 * The rules of an OH clinician's sessions and the slots in them: when each slot starts, which are
 * free, what makes a session possible, and when attendance may be recorded. Times are the UK's
 * wall-clock times ("09:30"); dates are YYYY-MM-DD.
 */
import { isRealDate } from './dates.ts';
import { timeOfDay } from './date-words.ts';

/** Where a session is held: at a site, by telephone or by video call. */
export const PLACE_KINDS = ['site', 'telephone', 'video'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

export function isPlaceKind(value: unknown): value is PlaceKind {
  return typeof value === 'string' && (PLACE_KINDS as readonly string[]).includes(value);
}

/** How an appointment is held, in words for the person: "in person", "by telephone", "by video call". */
export const PLACE_KIND_WORDS: Record<PlaceKind, string> = {
  site: 'In person',
  telephone: 'By telephone',
  video: 'By video call',
};

/** Who asked for an appointment to be cancelled or moved. */
export const CANCELLED_BY = ['employee', 'referrer', 'service'] as const;
export type CancelledBy = (typeof CANCELLED_BY)[number];

export function isCancelledBy(value: unknown): value is CancelledBy {
  return typeof value === 'string' && (CANCELLED_BY as readonly string[]).includes(value);
}

/** An appointment's statuses, with their words. */
export const APPOINTMENT_STATUS_WORDS = {
  booked: 'Booked',
  attended: 'Attended',
  did_not_attend: 'Did not attend',
  cancelled: 'Cancelled',
} as const;

/** The shortest and longest slot, and the most slots a session may have. */
export const SLOT_MINUTES_MIN = 5;
export const SLOT_MINUTES_MAX = 240;
export const SLOTS_MAX = 40;
const MINUTES_IN_DAY = 24 * 60;

/** Minutes after midnight of a time "HH:MM" (24-hour clock), or null when it is not a real time. */
export function minutesOfTime(time: string): number | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(time.trim());
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 23 || minutes > 59) return null;
  return hours * 60 + minutes;
}

/** A time of day as "HH:MM" from minutes after midnight. */
export function timeFromMinutes(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** A time "HH:MM" in words: "9:30am", "midday". */
export function timeWords(time: string): string {
  const minutes = minutesOfTime(time);
  return minutes === null ? time : timeOfDay(Math.floor(minutes / 60), minutes % 60);
}

export interface SessionShape {
  startsAt: string;
  slotMinutes: number;
  slots: number;
}

/** The start of each slot of a session, in order: slot 1 first. */
export function slotStarts(session: SessionShape): string[] {
  const first = minutesOfTime(session.startsAt);
  if (first === null) return [];
  return Array.from({ length: session.slots }, (_, i) => timeFromMinutes(first + i * session.slotMinutes));
}

/** The start of one slot (numbered from 1), or null when the session has no such slot. */
export function slotStart(session: SessionShape, slot: number): string | null {
  if (!Number.isInteger(slot) || slot < 1 || slot > session.slots) return null;
  return slotStarts(session)[slot - 1] ?? null;
}

/** The slots (numbered from 1) that hold no appointment, in order. */
export function freeSlots(session: SessionShape, taken: Iterable<number>): number[] {
  const busy = new Set(taken);
  return Array.from({ length: session.slots }, (_, i) => i + 1).filter((slot) => !busy.has(slot));
}

export interface SessionInput {
  heldOn: string | null;
  startsAt: string;
  slotMinutes: string;
  slots: string;
  placeKind: string;
  place: string;
}

export interface SessionProblem {
  field: 'heldOn' | 'startsAt' | 'slotMinutes' | 'slots' | 'placeKind' | 'place';
  text: string;
}

const WHOLE_NUMBER = /^\d{1,4}$/;

/**
 * What is wrong with a session as asked, every problem at once: a date not in the past, a real
 * start time, a slot length and a number of slots within bounds that end the session on its day,
 * and a site named for a session held at one.
 */
export function sessionProblems(input: SessionInput, todayDate: string): SessionProblem[] {
  const problems: SessionProblem[] = [];
  if (!input.heldOn) problems.push({ field: 'heldOn', text: 'Enter the date of the session' });
  else if (!isRealDate(input.heldOn))
    problems.push({ field: 'heldOn', text: 'The date of the session must be a real date' });
  else if (input.heldOn < todayDate)
    problems.push({ field: 'heldOn', text: 'The date of the session must be today or in the future' });
  const start = minutesOfTime(input.startsAt);
  if (input.startsAt.trim() === '')
    problems.push({ field: 'startsAt', text: 'Enter the time the first slot starts' });
  else if (start === null)
    problems.push({
      field: 'startsAt',
      text: 'The start time must be a real time on the 24-hour clock, like 09:30 or 14:00',
    });
  const length = WHOLE_NUMBER.test(input.slotMinutes.trim()) ? Number(input.slotMinutes.trim()) : null;
  if (input.slotMinutes.trim() === '')
    problems.push({ field: 'slotMinutes', text: 'Enter how many minutes each slot lasts' });
  else if (length === null || length < SLOT_MINUTES_MIN || length > SLOT_MINUTES_MAX)
    problems.push({
      field: 'slotMinutes',
      text: `Each slot must last a whole number of minutes from ${SLOT_MINUTES_MIN} to ${SLOT_MINUTES_MAX}`,
    });
  const count = WHOLE_NUMBER.test(input.slots.trim()) ? Number(input.slots.trim()) : null;
  if (input.slots.trim() === '')
    problems.push({ field: 'slots', text: 'Enter how many slots the session has' });
  else if (count === null || count < 1 || count > SLOTS_MAX)
    problems.push({
      field: 'slots',
      text: `The number of slots must be a whole number from 1 to ${SLOTS_MAX}`,
    });
  if (
    start !== null &&
    length !== null &&
    count !== null &&
    !problems.some((p) => p.field === 'slotMinutes' || p.field === 'slots') &&
    start + length * count > MINUTES_IN_DAY
  ) {
    problems.push({ field: 'slots', text: 'The last slot must end by midnight of the session’s day' });
  }
  if (!isPlaceKind(input.placeKind))
    problems.push({ field: 'placeKind', text: 'Choose where the session is held' });
  else if (input.placeKind === 'site' && input.place.trim() === '')
    problems.push({ field: 'place', text: 'Enter the name and address of the site' });
  if (input.place.length > 500)
    problems.push({ field: 'place', text: 'The site must be 500 characters or fewer' });
  return problems;
}

/** Whether attendance may be recorded for an appointment on `heldOn`: only on or after its day. */
export function mayRecordAttendance(heldOn: string, todayDate: string): boolean {
  return heldOn <= todayDate;
}

/** Whether a slot of a session on `heldOn` may still be booked: the session is today or later. */
export function mayBook(heldOn: string, todayDate: string): boolean {
  return heldOn >= todayDate;
}

const LONDON = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** Minutes the UK's clock is ahead of UTC at the instant (0 in winter, 60 in summer). */
function londonOffsetMinutes(instant: number): number {
  const parts = Object.fromEntries(LONDON.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
  );
  return Math.round((asUtc - instant) / 60_000);
}

/** The instant of a UK wall-clock time on a date: "2026-07-01" at "09:00" is 08:00 UTC. */
export function londonInstant(date: string, time: string): Date {
  const [year, month, day] = date.split('-').map(Number);
  const minutes = minutesOfTime(time) ?? 0;
  const wall = Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1, 0, minutes);
  const offset = londonOffsetMinutes(wall - londonOffsetMinutes(wall) * 60_000);
  return new Date(wall - offset * 60_000);
}
