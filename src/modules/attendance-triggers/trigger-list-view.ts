/** View models for the list of people who have reached an attendance trigger: plain functions. */
import type { TriggerSettings } from '../../domain/attendance-triggers.ts';
import type { TriggeredPerson } from './triggered-people.ts';

export interface TriggerListRow {
  name: string;
  href: string;
  unitPath: string;
  managerName: string;
  readingText: string;
  status: { text: string; colour: 'blue' | 'yellow' };
}

/** One row per person: a case already open, or a conversation for the manager to have. */
export function triggerListRows(
  people: readonly TriggeredPerson[],
  personHref: (personId: number) => string,
): TriggerListRow[] {
  return people.map((p) => ({
    name: p.name,
    href: personHref(p.personId),
    unitPath: p.unitPath,
    managerName: p.managerName ?? 'No line manager',
    readingText: p.readingText,
    status: p.hasOpenCase
      ? { text: 'Case open', colour: 'blue' }
      : { text: 'Talk with them', colour: 'yellow' },
  }));
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
