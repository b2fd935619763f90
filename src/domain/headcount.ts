/**
 * Headcount: the people employed in a group at any time in a period, each counted once however
 * many days they were there. It decides whether a group's figures may be shown outside HR
 * (`small-numbers.ts`). A person belongs to a unit on the days their employment terms place them
 * there, exactly as the absence report places their hours (SPEC §6: "a group takes an employee's
 * unit on each day"), so someone who moved counts in both units but once in the unit above both.
 */
import type { ReportEmployee } from './absence-report.ts';
import { addDays } from './dates.ts';
import { isWithin, pathsAbove, type Period } from './scorecard.ts';

/** A run of days a person spent in one unit, within a period. */
export interface Presence {
  personId: number;
  unitPath: string;
  from: string;
  to: string;
}

/** Each person's days in each unit within the period, employed. */
export function presences(employees: readonly ReportEmployee[], period: Period): Presence[] {
  const found: Presence[] = [];
  for (const employee of employees) {
    const spells = [...employee.spells].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
    spells.forEach((spell, i) => {
      const next = spells[i + 1];
      const candidates = [spell.from, employee.startDate, period.from];
      const from = candidates.reduce((a, b) => (a > b ? a : b));
      const ends = [period.to, ...(employee.endDate ? [employee.endDate] : [])];
      if (next) ends.push(addDays(next.from, -1));
      const to = ends.reduce((a, b) => (a < b ? a : b));
      if (from <= to) found.push({ personId: employee.personId, unitPath: spell.unitPath, from, to });
    });
  }
  return found;
}

/** The people in each unit (its own people, not those below it). */
export function peopleByUnit(found: readonly Presence[]): Map<string, Set<number>> {
  const byUnit = new Map<string, Set<number>>();
  for (const presence of found) {
    let people = byUnit.get(presence.unitPath);
    if (!people) {
      people = new Set();
      byUnit.set(presence.unitPath, people);
    }
    people.add(presence.personId);
  }
  return byUnit;
}

/** How many people were in a unit or any unit below it (the whole organisation when null). */
export function headcountWithin(
  byUnit: ReadonlyMap<string, ReadonlySet<number>>,
  unitPath: string | null,
): number {
  const people = new Set<number>();
  for (const [path, ids] of byUnit) {
    if (unitPath === null || isWithin(path, unitPath)) for (const id of ids) people.add(id);
  }
  return people.size;
}

/**
 * `headcountWithin` for every unit at once: how many people were in each unit or any unit below
 * it, in one pass over the units rather than one per unit.
 */
export function headcountsWithin(
  byUnit: ReadonlyMap<string, ReadonlySet<number>>,
): (unitPath: string) => number {
  const within = new Map<string, Set<number>>();
  for (const [path, ids] of byUnit) {
    for (const above of pathsAbove(path)) {
      let people = within.get(above);
      if (!people) {
        people = new Set();
        within.set(above, people);
      }
      for (const id of ids) people.add(id);
    }
  }
  return (unitPath) => within.get(unitPath)?.size ?? 0;
}

/** How many people were in a unit (or below it; everyone when null) in each month (YYYY-MM) they touch. */
export function headcountByMonth(found: readonly Presence[], unitPath: string | null): Map<string, number> {
  // Months as whole numbers (year × 12 + month − 1), so a long presence costs a count, not dates.
  const monthNumber = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
  const byMonth = new Map<number, Set<number>>();
  for (const presence of found) {
    if (unitPath !== null && !isWithin(presence.unitPath, unitPath)) continue;
    const last = monthNumber(presence.to);
    for (let month = monthNumber(presence.from); month <= last; month++) {
      let people = byMonth.get(month);
      if (!people) {
        people = new Set();
        byMonth.set(month, people);
      }
      people.add(presence.personId);
    }
  }
  const key = (month: number) =>
    `${String(Math.floor(month / 12)).padStart(4, '0')}-${String((month % 12) + 1).padStart(2, '0')}`;
  return new Map([...byMonth].map(([month, people]) => [key(month), people.size]));
}
