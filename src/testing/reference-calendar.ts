/**
 * The working-time calendar of SPEC §6, as a reference for the tests: the hours a person is
 * scheduled to work on a date, the hours available over a period and the hours lost to
 * sickness, from the person's employment history as effective-dated spells. The day-by-day
 * figures (reference-figures.ts) are built on it, and the report engine is proved against them;
 * the application never uses it.
 *
 * Ranges are worked out with weekday counts (how many Mondays, Tuesdays … fall in the range)
 * less the bank holidays in it, never day by day, so a year costs the same as a day; the tests
 * check that against a day-by-day loop.
 */
import type { AbsenceType } from '../domain/absence-rules.ts';
import { isoWeekdayOfDay, isRealDate, toDayNumber } from '../domain/dates.ts';

/** Hours are the same when they differ by no more than this (SPEC §6). */
const HOURS_TOLERANCE = 0.001;

/** An episode is long term when it lasts this many calendar days or more (SPEC §6). */
const LONG_TERM_DAYS = 28;

/** Hours of each day of the week, Monday first. */
export type WeekHours = readonly [number, number, number, number, number, number, number];

export interface WeeklyPattern {
  hours: WeekHours;
  /** Whether the person works bank holidays as on any other day of the week. */
  worksBankHolidays: boolean;
}

/** One set of terms of employment, in force from `from` to `to` (both included; null: until further notice). */
export interface EmploymentSpell {
  from: string;
  to: string | null;
  pattern: WeeklyPattern;
  weeklyHours: number;
  unitId?: number | string;
  staffGroup?: string | null;
}

/**
 * A person's employment: the day they started, the day they left (null while still employed)
 * and their terms as spells, which must not overlap but may leave gaps (days in a gap are not
 * days employed).
 */
export interface Employment<S extends EmploymentSpell = EmploymentSpell> {
  startDate: string;
  leavingDate: string | null;
  spells: readonly S[];
}

export interface Absence {
  type: AbsenceType;
  startDate: string;
  /** null while the absence is open. */
  endDate: string | null;
  /** On the first day, the hours lost by someone who went home part-way through a shift. */
  firstDayHours: number | null;
}

/** The bank holidays of the organisation's region, as YYYY-MM-DD dates. */
export type BankHolidays = ReadonlySet<string>;

/** A person's FTE: weekly hours over the organisation's full-time weekly hours. */
export function fte(weeklyHours: number, fullTimeHours: number): number {
  if (!(fullTimeHours > 0))
    throw new RangeError(`Full-time weekly hours must be more than 0, not ${fullTimeHours}`);
  return weeklyHours / fullTimeHours;
}

// ------------------------------------------------------------------ employment

/** A day range, both ends included, as day numbers. */
interface DayRange {
  first: number;
  last: number;
}

const FOREVER = Number.POSITIVE_INFINITY;

function checkDate(value: string, what: string): void {
  if (!isRealDate(value))
    throw new RangeError(`${what} "${value}" is not a real date in the form YYYY-MM-DD`);
}

/**
 * The spells in date order, each cut to the days the person was employed, as day ranges.
 * A RangeError when spells overlap or a date is not a date, so bad data never gives a figure.
 */
function employedSpells<S extends EmploymentSpell>(
  employment: Employment<S>,
): { spell: S; range: DayRange }[] {
  checkDate(employment.startDate, 'The start date');
  if (employment.leavingDate !== null) checkDate(employment.leavingDate, 'The leaving date');
  const employedFirst = toDayNumber(employment.startDate);
  const employedLast = employment.leavingDate === null ? FOREVER : toDayNumber(employment.leavingDate);
  const sorted = [...employment.spells].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const result: { spell: S; range: DayRange }[] = [];
  let previous: S | null = null;
  for (const spell of sorted) {
    checkDate(spell.from, 'A spell’s start');
    if (spell.to !== null) checkDate(spell.to, 'A spell’s end');
    if (spell.to !== null && spell.to < spell.from)
      throw new RangeError(`The spell from ${spell.from} ends before it starts (${spell.to})`);
    if (previous && (previous.to === null || previous.to >= spell.from))
      throw new RangeError(`The spells from ${previous.from} and from ${spell.from} overlap`);
    previous = spell;
    const first = Math.max(toDayNumber(spell.from), employedFirst);
    const last = Math.min(spell.to === null ? FOREVER : toDayNumber(spell.to), employedLast);
    if (first <= last) result.push({ spell, range: { first, last } });
  }
  return result;
}

/** The terms a person was employed on that date, or null when they were not employed that day. */
export function spellOn<S extends EmploymentSpell>(employment: Employment<S>, date: string): S | null {
  checkDate(date, 'The date');
  const day = toDayNumber(date);
  for (const { spell, range } of employedSpells(employment)) {
    if (range.first <= day && day <= range.last) return spell;
  }
  return null;
}

// ------------------------------------------------------------------ scheduled hours

function hoursOnWeekday(pattern: WeeklyPattern, day: number): number {
  return pattern.hours[isoWeekdayOfDay(day) - 1] ?? 0;
}

/**
 * Scheduled hours on a date (SPEC §6): the pattern's hours for the weekday; 0 on a bank holiday
 * unless the pattern works bank holidays; 0 on days the person was not employed.
 */
export function scheduledHours(employment: Employment, date: string, bankHolidays: BankHolidays): number {
  const spell = spellOn(employment, date);
  if (!spell) return 0;
  if (!spell.pattern.worksBankHolidays && bankHolidays.has(date)) return 0;
  return hoursOnWeekday(spell.pattern, toDayNumber(date));
}

/** How many of each weekday (Monday first) fall in a range. */
function weekdayCounts(range: DayRange): number[] {
  const counts = [0, 0, 0, 0, 0, 0, 0];
  const days = range.last - range.first + 1;
  if (days <= 0) return counts;
  const whole = Math.floor(days / 7);
  const firstWeekday = isoWeekdayOfDay(range.first) - 1;
  for (let i = 0; i < 7; i++) counts[i] = whole;
  for (let i = 0; i < days % 7; i++) {
    const weekday = (firstWeekday + i) % 7;
    counts[weekday] = (counts[weekday] ?? 0) + 1;
  }
  return counts;
}

/** Scheduled hours over a range under one pattern, the person being employed throughout. */
function patternHoursIn(pattern: WeeklyPattern, range: DayRange, bankHolidays: BankHolidays): number {
  if (range.last < range.first) return 0;
  const counts = weekdayCounts(range);
  let total = 0;
  for (let i = 0; i < 7; i++) total += (counts[i] ?? 0) * (pattern.hours[i] ?? 0);
  if (!pattern.worksBankHolidays) {
    for (const holiday of bankHolidays) {
      const day = toDayNumber(holiday);
      if (range.first <= day && day <= range.last) total -= hoursOnWeekday(pattern, day);
    }
  }
  return total;
}

function intersect(a: DayRange, b: DayRange): DayRange {
  return { first: Math.max(a.first, b.first), last: Math.min(a.last, b.last) };
}

function periodRange(from: string, to: string): DayRange {
  checkDate(from, 'The start of the period');
  checkDate(to, 'The end of the period');
  return { first: toDayNumber(from), last: toDayNumber(to) };
}

function scheduledHoursIn(employment: Employment, range: DayRange, bankHolidays: BankHolidays): number {
  let total = 0;
  for (const { spell, range: employed } of employedSpells(employment)) {
    total += patternHoursIn(spell.pattern, intersect(employed, range), bankHolidays);
  }
  return total;
}

/** Hours available from `from` to `to` (both included): the sum of scheduled hours (SPEC §6). */
export function hoursAvailable(
  employment: Employment,
  from: string,
  to: string,
  bankHolidays: BankHolidays,
): number {
  return scheduledHoursIn(employment, periodRange(from, to), bankHolidays);
}

// ------------------------------------------------------------------ hours lost

function checkAbsence(absence: Absence): void {
  checkDate(absence.startDate, 'The absence’s start');
  if (absence.endDate !== null) {
    checkDate(absence.endDate, 'The absence’s end');
    if (absence.endDate < absence.startDate)
      throw new RangeError(
        `The absence from ${absence.startDate} ends before it starts (${absence.endDate})`,
      );
  }
}

/**
 * The hours lost on the first day of a sickness absence. `first_day_hours` must be more than 0
 * and no more than the scheduled hours (within the tolerance of 0.001 h, when it counts as the
 * scheduled hours): anything else is a RangeError, since a figure built on it would be wrong.
 */
function firstDayLost(employment: Employment, absence: Absence, bankHolidays: BankHolidays): number {
  const scheduled = scheduledHours(employment, absence.startDate, bankHolidays);
  const stated = absence.firstDayHours;
  if (stated === null) return scheduled;
  if (!Number.isFinite(stated) || stated <= 0)
    throw new RangeError(`The hours lost on the first day (${stated}) must be more than 0`);
  if (stated > scheduled + HOURS_TOLERANCE)
    throw new RangeError(
      `The hours lost on the first day (${stated}) are more than the ${scheduled} hours scheduled on ${absence.startDate}`,
    );
  return Math.min(stated, scheduled);
}

/** The days of an absence as a range, an open absence running on without end. */
function absenceRange(absence: Absence): DayRange {
  return {
    first: toDayNumber(absence.startDate),
    last: absence.endDate === null ? FOREVER : toDayNumber(absence.endDate),
  };
}

/**
 * Hours lost to an absence on one date (SPEC §6): its scheduled hours, or on the first day the
 * hours stated for someone who went home part-way through a shift. Only sickness loses hours.
 */
export function hoursLostOn(
  employment: Employment,
  absence: Absence,
  date: string,
  bankHolidays: BankHolidays,
): number {
  checkAbsence(absence);
  if (absence.type !== 'sickness') return 0;
  const day = toDayNumber(date);
  const range = absenceRange(absence);
  if (day < range.first || day > range.last) return 0;
  if (day === range.first) return firstDayLost(employment, absence, bankHolidays);
  return scheduledHours(employment, date, bankHolidays);
}

/**
 * Hours lost to an absence from `from` to `to` (both included). Only sickness counts; an open
 * absence counts to the end of the period. Annual leave, disability leave, medical
 * appointments and other leave lose no hours.
 */
export function hoursLost(
  employment: Employment,
  absence: Absence,
  from: string,
  to: string,
  bankHolidays: BankHolidays,
): number {
  checkAbsence(absence);
  const period = periodRange(from, to);
  if (absence.type !== 'sickness') return 0;
  // Bad first-day hours are refused whether or not the first day falls in the period.
  const firstDay = firstDayLost(employment, absence, bankHolidays);
  const days = intersect(absenceRange(absence), period);
  if (days.last < days.first) return 0;
  let lost = scheduledHoursIn(employment, days, bankHolidays);
  if (days.first === toDayNumber(absence.startDate)) {
    lost += firstDay - scheduledHours(employment, absence.startDate, bankHolidays);
  }
  return lost;
}

// ------------------------------------------------------------------ episodes

/**
 * How long an episode lasts, in calendar days, both ends included: to its end date, or to the
 * end of the period while still open (0 if the period ends before it starts).
 */
export function episodeLengthDays(
  absence: Pick<Absence, 'startDate' | 'endDate'>,
  periodEnd: string,
): number {
  checkDate(absence.startDate, 'The absence’s start');
  const end = absence.endDate ?? periodEnd;
  checkDate(end, absence.endDate === null ? 'The end of the period' : 'The absence’s end');
  return Math.max(0, toDayNumber(end) - toDayNumber(absence.startDate) + 1);
}

/** Whether an episode is long term: 28 calendar days or more (SPEC §6). */
export function isLongTerm(absence: Pick<Absence, 'startDate' | 'endDate'>, periodEnd: string): boolean {
  return episodeLengthDays(absence, periodEnd) >= LONG_TERM_DAYS;
}
