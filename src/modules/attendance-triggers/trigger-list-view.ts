/** View models for the list of people who have reached an attendance trigger: plain functions. */
import type { TriggerSettings } from '../../domain/attendance-triggers.ts';
import type { SortOrder } from '../../web/list-query.ts';
import { ukDate } from '../../web/nunjucks.ts';
import type { TriggeredPerson } from './triggered-people.ts';

/** The columns HR's list of triggers sorts by, each with its first order. */
export const TRIGGER_SORTS = {
  name: 'asc',
  unit: 'asc',
  manager: 'asc',
  bradford: 'desc',
  latest: 'desc',
} as const;
export type TriggerSort = keyof typeof TRIGGER_SORTS;

export interface TriggerListRow {
  name: string;
  href: string;
  unitPath: string;
  managerName: string;
  readingText: string;
  latestSicknessFrom: string;
  status: { text: string; colour: 'blue' | 'yellow' | 'green' };
  /** What came of the talk, as HR noted it. */
  talkOutcome: string | null;
  /** Where to record the talk, while someone is still to talk with them. */
  talkHref: string | null;
}

/** One row per person: a case already open, a talk held, or a conversation still to have. */
export function triggerListRows(
  people: readonly TriggeredPerson[],
  personHref: (personId: number) => string,
  talkHref: (personId: number) => string,
): TriggerListRow[] {
  return people.map((p) => ({
    name: p.name,
    href: personHref(p.personId),
    unitPath: p.unitPath,
    managerName: p.managerName ?? 'No line manager',
    readingText: p.readingText,
    latestSicknessFrom: p.latestSicknessFrom,
    status: p.hasOpenCase
      ? { text: 'Case open', colour: 'blue' }
      : p.talk
        ? { text: `Talk held on ${ukDate(p.talk.heldOn)}`, colour: 'green' }
        : { text: 'Talk with them', colour: 'yellow' },
    talkOutcome: p.talk?.outcome ?? null,
    talkHref: p.toTalkWith ? talkHref(p.personId) : null,
  }));
}

/** The people in the order asked for; ties in name order. */
export function sortTriggered(
  people: readonly TriggeredPerson[],
  sort: TriggerSort,
  order: SortOrder,
): TriggeredPerson[] {
  const text = (a: string | null, b: string | null) =>
    a === b ? 0 : a === null ? 1 : b === null ? -1 : a.localeCompare(b, 'en-GB');
  const byName = (a: TriggeredPerson, b: TriggeredPerson) =>
    text(a.lastName, b.lastName) || text(a.firstName, b.firstName) || a.personId - b.personId;
  const compare: Record<TriggerSort, (a: TriggeredPerson, b: TriggeredPerson) => number> = {
    name: byName,
    unit: (a, b) => text(a.unitPath, b.unitPath),
    manager: (a, b) => text(a.managerSortName, b.managerSortName),
    bradford: (a, b) => a.reading.bradfordFactor - b.reading.bradfordFactor,
    latest: (a, b) => text(a.latestSicknessFrom, b.latestSicknessFrom),
  };
  const sign = order === 'asc' ? 1 : -1;
  return [...people].sort((a, b) => sign * compare[sort](a, b) || byName(a, b));
}

/**
 * The triggers in force, in words: "a Bradford factor of 200 or more or 3 or more spells of
 * sickness"; null when every trigger is switched off (set to 0).
 */
export function triggerSummary(settings: TriggerSettings): string | null {
  const parts: string[] = [];
  if (settings.bradfordTrigger > 0) parts.push(`a Bradford factor of ${settings.bradfordTrigger} or more`);
  if (settings.episodesTrigger > 0) parts.push(`${settings.episodesTrigger} or more spells of sickness`);
  if (settings.daysTrigger > 0) parts.push(`${settings.daysTrigger} or more days of sickness`);
  if (parts.length === 0) return null;
  if (parts.length === 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} or ${parts.at(-1) ?? ''}`;
}
