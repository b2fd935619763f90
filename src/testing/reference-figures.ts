/**
 * The figures of SPEC §6 over a group, worked out one person and one day at a time. This is the
 * reference the fast report is proved against: every step is the definition read aloud, and
 * nothing is done for speed.
 *
 * Conventions where SPEC §6 leaves a choice:
 * - a division by zero (no one employed, no hours or FTE days available) gives 0;
 * - a row appears for every group with at least one person employed in it on a day of the
 *   row's period; by reason, for every reason with a sickness day of someone employed, or an
 *   episode, in the period; rows are in the order of their group, then the TOTAL row;
 * - an episode counts only when the person was employed on its start date;
 * - an open episode is long term when it has lasted 28 days or more by the end of the report's
 *   period, in every row (month rows too) and in TOTAL;
 * - by the calendar method a first day with `first_day_hours` is still a whole calendar day
 *   of sickness;
 * - the TOTAL row is the whole report period and population as one group;
 * - people with no staff group, and sickness with no reason code, make a group named "".
 */
import {
  type Absence,
  type BankHolidays,
  type Employment,
  type EmploymentSpell,
  fte,
  hoursLostOn,
  isLongTerm,
  scheduledHours,
  spellOn,
} from './reference-calendar.ts';
import { eachDay, monthKey } from '../domain/dates.ts';

export const FIGURE_GROUPINGS = [
  'organisation',
  'directorate',
  'unit',
  'staff-group',
  'reason',
  'month',
] as const;
export type FigureGrouping = (typeof FIGURE_GROUPINGS)[number];
export const FIGURE_METHODS = ['hours', 'calendar'] as const;
export type FigureMethod = (typeof FIGURE_METHODS)[number];

/** Terms of employment with the keys of the groups the person belongs to while they hold. */
export interface FigureSpell extends EmploymentSpell {
  /** The unit's path from the top of the organisation, levels joined by " > "; the first level is the directorate. */
  unitPath: string;
  staffGroup: string | null;
  annualSalary: number | null;
}

export interface FigureEmployee extends Employment<FigureSpell> {
  personId: number;
}

export interface FigureAbsence extends Absence {
  personId: number;
  /** The ESR sickness reason code, for sickness. */
  reasonCode: string | null;
}

export interface FigureInput {
  organisation: { slug: string; fullTimeHours: number; onCostRate: number };
  bankHolidays: BankHolidays;
  employees: readonly FigureEmployee[];
  absences: readonly FigureAbsence[];
  from: string;
  to: string;
  groupBy: FigureGrouping;
  method: FigureMethod;
}

export interface FigureRow {
  group: string;
  averageFte: number;
  hoursAvailable: number;
  hoursLost: number;
  fteDaysLost: number;
  /** FTE days available: the sum over calendar days employed of FTE (the calendar method's denominator). */
  fteDaysAvailable: number;
  daysLostPerFte: number;
  absenceRatePct: number;
  episodes: number;
  shortTermEpisodes: number;
  longTermEpisodes: number;
  costGbp: number;
}

/** The directorate of a unit path: its first level. */
export function directorateOf(unitPath: string): string {
  const cut = unitPath.indexOf(' > ');
  return cut === -1 ? unitPath : unitPath.slice(0, cut);
}

/** Cost of hours lost (SPEC §6): hours × salary / (365/7) / weekly hours, plus on-costs; none without a salary. */
export function costOfHours(
  hours: number,
  spell: Pick<FigureSpell, 'annualSalary' | 'weeklyHours'>,
  onCostRate: number,
): number {
  if (spell.annualSalary === null || !(spell.weeklyHours > 0)) return 0;
  return ((hours * spell.annualSalary) / (365 / 7) / spell.weeklyHours) * (1 + onCostRate);
}

interface Tally {
  /** Days in the row's period. */
  periodDays: number;
  hoursAvailable: number;
  fteDaysAvailable: number;
  hoursLost: number;
  calendarFteDaysLost: number;
  cost: number;
  episodes: number;
  longTermEpisodes: number;
}

interface RowPeriod {
  key: string;
  from: string;
  to: string;
}

function newTally(period: RowPeriod): Tally {
  return {
    periodDays: [...eachDay(period.from, period.to)].length,
    hoursAvailable: 0,
    fteDaysAvailable: 0,
    hoursLost: 0,
    calendarFteDaysLost: 0,
    cost: 0,
    episodes: 0,
    longTermEpisodes: 0,
  };
}

/** The periods of the rows: each month clipped to the report period, or the report period. */
function rowPeriods(input: FigureInput): RowPeriod[] {
  if (input.groupBy !== 'month') return [{ key: '', from: input.from, to: input.to }];
  const periods: RowPeriod[] = [];
  for (const date of eachDay(input.from, input.to)) {
    const last = periods.at(-1);
    if (last && last.key === monthKey(date)) last.to = date;
    else periods.push({ key: monthKey(date), from: date, to: date });
  }
  return periods;
}

/** The group a person belongs to while on these terms, or null when grouping by reason. */
function groupOf(input: FigureInput, spell: FigureSpell, period: RowPeriod): string | null {
  switch (input.groupBy) {
    case 'organisation':
      return input.organisation.slug;
    case 'directorate':
      return directorateOf(spell.unitPath);
    case 'unit':
      return spell.unitPath;
    case 'staff-group':
      return spell.staffGroup ?? '';
    case 'month':
      return period.key;
    case 'reason':
      return null;
    default: {
      const unknown: never = input.groupBy;
      throw new Error(`Unknown grouping ${String(unknown)}`);
    }
  }
}

/**
 * Adds one period's figures into the tallies: `groupFor` names the tally of a person's day (by
 * their terms that day) and `sicknessGroupFor` that of a sickness (on a day, by those terms).
 */
function tallyPeriod(
  input: FigureInput,
  period: RowPeriod,
  tallyFor: (key: string) => Tally,
  groupFor: (spell: FigureSpell) => string | null,
  sicknessGroupFor: (absence: FigureAbsence, spell: FigureSpell) => string | null,
): void {
  const F = input.organisation.fullTimeHours;
  const employees = new Map(input.employees.map((e) => [e.personId, e]));
  for (const employee of input.employees) {
    for (const date of eachDay(period.from, period.to)) {
      const spell = spellOn(employee, date);
      if (!spell) continue;
      const key = groupFor(spell);
      if (key === null) continue;
      const tally = tallyFor(key);
      tally.hoursAvailable += scheduledHours(employee, date, input.bankHolidays);
      tally.fteDaysAvailable += fte(spell.weeklyHours, F);
    }
  }
  for (const absence of input.absences) {
    if (absence.type !== 'sickness') continue;
    const employee = employees.get(absence.personId);
    if (!employee) continue;
    // Refuses impossible first-day hours even when the first day lies outside the period.
    hoursLostOn(employee, absence, absence.startDate, input.bankHolidays);
    for (const date of eachDay(period.from, period.to)) {
      if (date < absence.startDate || (absence.endDate !== null && date > absence.endDate)) continue;
      const spell = spellOn(employee, date);
      if (!spell) continue;
      const key = sicknessGroupFor(absence, spell);
      if (key === null) continue;
      const tally = tallyFor(key);
      const lost = hoursLostOn(employee, absence, date, input.bankHolidays);
      tally.hoursLost += lost;
      tally.calendarFteDaysLost += fte(spell.weeklyHours, F);
      tally.cost += costOfHours(lost, spell, input.organisation.onCostRate);
    }
    // The episode counts in the period it starts in, in the group of its start date.
    if (absence.startDate < period.from || absence.startDate > period.to) continue;
    const spell = spellOn(employee, absence.startDate);
    if (!spell) continue;
    const key = sicknessGroupFor(absence, spell);
    if (key === null) continue;
    const tally = tallyFor(key);
    tally.episodes += 1;
    if (isLongTerm(absence, input.to)) tally.longTermEpisodes += 1;
  }
}

function row(group: string, input: FigureInput, own: Tally, denominators: Tally): FigureRow {
  const F = input.organisation.fullTimeHours;
  const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);
  const averageFte = ratio(denominators.fteDaysAvailable, denominators.periodDays);
  const calendar = input.method === 'calendar';
  const fteDaysLost = calendar ? own.calendarFteDaysLost : own.hoursLost / (F / 5);
  const absenceRatePct = calendar
    ? 100 * ratio(own.calendarFteDaysLost, denominators.fteDaysAvailable)
    : 100 * ratio(own.hoursLost, denominators.hoursAvailable);
  return {
    group,
    averageFte,
    hoursAvailable: denominators.hoursAvailable,
    hoursLost: own.hoursLost,
    fteDaysLost,
    fteDaysAvailable: denominators.fteDaysAvailable,
    daysLostPerFte: ratio(fteDaysLost, averageFte),
    absenceRatePct,
    episodes: own.episodes,
    shortTermEpisodes: own.episodes - own.longTermEpisodes,
    longTermEpisodes: own.longTermEpisodes,
    costGbp: own.cost,
  };
}

/**
 * The absence figures of SPEC §6 by the chosen grouping and method: one row per group, in the
 * order of their names, and a last row TOTAL. By reason, every row's denominators (hours and
 * FTE days available, average FTE) are the whole population's, so the rates add up to TOTAL's.
 */
export function absenceFigures(input: FigureInput): FigureRow[] {
  if (input.to < input.from)
    throw new RangeError(`The period ends (${input.to}) before it starts (${input.from})`);
  fte(0, input.organisation.fullTimeHours);
  const whole: RowPeriod = { key: 'TOTAL', from: input.from, to: input.to };
  const total = newTally(whole);
  tallyPeriod(
    input,
    whole,
    () => total,
    () => 'TOTAL',
    () => 'TOTAL',
  );

  const tallies = new Map<string, Tally>();
  for (const period of rowPeriods(input)) {
    const tallyFor = (key: string) => {
      let tally = tallies.get(key);
      if (!tally) {
        tally = newTally(period);
        tallies.set(key, tally);
      }
      return tally;
    };
    tallyPeriod(
      input,
      period,
      tallyFor,
      (spell) => groupOf(input, spell, period),
      (absence, spell) =>
        input.groupBy === 'reason' ? (absence.reasonCode ?? '') : groupOf(input, spell, period),
    );
  }

  const rows = [...tallies.keys()]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((key) => {
      const tally = tallies.get(key) ?? newTally(whole);
      return row(key, input, tally, input.groupBy === 'reason' ? total : tally);
    });
  rows.push(row('TOTAL', input, total, total));
  return rows;
}
