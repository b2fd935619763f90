/**
 * Triggers for units on the trigger-based policy: the Bradford factor (S² × D over a rolling 52
 * weeks) and frequency and duration triggers. Disability-related absence is left out, and a
 * trigger only ever asks a manager to talk with the person: it never starts a stage.
 */
import { addDays, daysInclusive } from './dates.ts';
import { addWorkingDays } from './working-days.ts';

export interface SicknessSpell {
  startDate: string;
  endDate: string | null;
  disabilityRelated: boolean;
}

export interface TriggerSettings {
  bradfordTrigger: number;
  episodesTrigger: number;
  daysTrigger: number;
}

/** The rolling 52 weeks that end on a date (364 days, both ends included). */
export function rollingWindow(asOf: string): { from: string; to: string } {
  return { from: addDays(asOf, -363), to: asOf };
}

export interface TriggerReading {
  /** S: spells of sickness in the window. */
  spells: number;
  /** D: calendar days of sickness in the window. */
  days: number;
  bradfordFactor: number;
  reached: ('bradford' | 'episodes' | 'days')[];
}

/**
 * S, D and S² × D for one person's sickness over the 52 weeks to `asOf`; an open spell counts
 * to `asOf`, and a spell that began before the window counts only its days within it.
 */
export function triggerReading(
  spells: readonly SicknessSpell[],
  asOf: string,
  settings: TriggerSettings,
): TriggerReading {
  const window = rollingWindow(asOf);
  let count = 0;
  let days = 0;
  for (const spell of spells) {
    if (spell.disabilityRelated) continue;
    const end = spell.endDate === null || spell.endDate > window.to ? window.to : spell.endDate;
    const start = spell.startDate < window.from ? window.from : spell.startDate;
    if (spell.startDate > window.to || end < window.from || start > end) continue;
    count += 1;
    days += daysInclusive(start, end);
  }
  const bradfordFactor = count * count * days;
  const reached: TriggerReading['reached'] = [];
  if (settings.bradfordTrigger > 0 && bradfordFactor >= settings.bradfordTrigger) reached.push('bradford');
  if (settings.episodesTrigger > 0 && count >= settings.episodesTrigger) reached.push('episodes');
  if (settings.daysTrigger > 0 && days >= settings.daysTrigger) reached.push('days');
  return { spells: count, days, bradfordFactor, reached };
}

/** What a reading says, for a task: "Bradford factor 324 (trigger 200); 4 spells (trigger 3)". */
/** A count as people read it: 15,004. */
const whole = (n: number) => n.toLocaleString('en-GB', { maximumFractionDigits: 2 });

export function describeReading(reading: TriggerReading, settings: TriggerSettings): string {
  const parts: string[] = [];
  if (reading.reached.includes('bradford')) {
    parts.push(
      `Bradford factor ${whole(reading.bradfordFactor)} (trigger ${whole(settings.bradfordTrigger)})`,
    );
  }
  if (reading.reached.includes('episodes')) {
    parts.push(`${whole(reading.spells)} spells of sickness (trigger ${whole(settings.episodesTrigger)})`);
  }
  if (reading.reached.includes('days'))
    parts.push(`${whole(reading.days)} days of sickness (trigger ${whole(settings.daysTrigger)})`);
  return parts.join('; ');
}

/**
 * The date a welcome-back review falls due: the given number of working days (Monday to Friday,
 * not bank holidays) after the last day of absence.
 */
export function reviewDueDate(
  lastDayOff: string,
  workingDays: number,
  bankHolidays: ReadonlySet<string>,
): string {
  return addWorkingDays(lastDayOff, Math.max(1, workingDays), bankHolidays);
}
