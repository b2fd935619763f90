/**
 * Who has reached an attendance trigger (SPEC §4C): people whose unit follows the trigger-based
 * policy, read over the rolling 52 weeks by the Bradford factor, spells and days of sickness.
 * A trigger only asks the line manager to talk with the person; it never starts a stage.
 */
import type { Db } from '../../db/database.ts';
import {
  describeReading,
  rollingWindow,
  triggerReading,
  type SicknessSpell,
  type TriggerReading,
} from '../../domain/attendance-triggers.ts';
import { attendanceSettingsRepository } from '../attendance-settings/attendance-settings-repository.ts';
import { effectivePolicies, isPolicyModel } from '../../domain/attendance-policies.ts';
import { peopleRepository } from '../people/people-repository.ts';
import { sicknessInTriggerUnits, unitPolicyTree, type SpellRow } from './triggered-people-queries.ts';

export { effectivePolicies, type PolicyModel, type UnitPolicy } from '../../domain/attendance-policies.ts';

export interface TriggeredPerson {
  personId: number;
  firstName: string;
  lastName: string;
  name: string;
  unitId: number;
  unitPath: string;
  /** The line manager in the person's terms on the date. */
  managerPersonId: number | null;
  managerName: string | null;
  /** The manager's names the other way round, to sort by: "Adebayo, Grace". */
  managerSortName: string | null;
  reading: TriggerReading;
  /** What the reading says: "Bradford factor 216 (trigger 200); …". */
  readingText: string;
  /** Whether an attendance case is open for them (its stages are then where things stand). */
  hasOpenCase: boolean;
  /** The first day of their latest spell of sickness in the window. */
  latestSicknessFrom: string;
  /** The talk held about it: the latest recorded on or after their latest sickness began. */
  talk: { heldOn: string; outcome: string | null } | null;
  /** Whether someone is still to talk with them: no case open and no talk since their latest sickness. */
  toTalkWith: boolean;
}

/**
 * People employed on `asOf` whose unit that day follows the trigger-based policy and whose
 * sickness over the 52 weeks to `asOf` reaches a trigger, in name order. With
 * `managerPersonId`, only people in that manager's reporting line (direct and indirect); with
 * `lineManagerPersonId`, only those whose line manager that is; with `unitIds`, only those in
 * these units; with `personId`, only that person. The filters are applied in the query.
 *
 * Set-based, whatever the number of people: one query for the unit tree, one for the settings,
 * (one for the reporting line,) and one for everyone's sickness spells in the window.
 */
export async function triggeredPeople(
  db: Db,
  organisationId: number,
  asOf: string,
  options: {
    managerPersonId?: number;
    lineManagerPersonId?: number;
    unitIds?: readonly number[];
    personId?: number;
  } = {},
): Promise<TriggeredPerson[]> {
  const tree = await unitPolicyTree(db, organisationId);
  const organisationPolicy = tree[0]?.organisation_policy ?? null;
  const policies = effectivePolicies(
    tree.flatMap((u) =>
      u.id === null ? [] : [{ id: u.id, parentId: u.parent_id, policyModel: u.policy_model }],
    ),
    isPolicyModel(organisationPolicy) ? organisationPolicy : 'person_centred',
  );
  const within = options.unitIds === undefined ? null : new Set(options.unitIds);
  const triggerUnits = [...policies]
    .filter(([id, policy]) => policy === 'trigger_based' && (within === null || within.has(id)))
    .map(([id]) => id);
  if (triggerUnits.length === 0) return [];

  let line: number[] | null = null;
  if (options.managerPersonId !== undefined) {
    line = (await peopleRepository(db, organisationId).reportingLine(options.managerPersonId, asOf)).map(
      (p) => p.id,
    );
    if (line.length === 0) return [];
  }

  const settings = await attendanceSettingsRepository(db, organisationId).settings();
  const window = rollingWindow(asOf);
  const rows = await sicknessInTriggerUnits(db, organisationId, {
    asOf,
    window,
    triggerUnits,
    line,
    lineManagerPersonId: options.lineManagerPersonId,
    personId: options.personId,
  });

  const byPerson = new Map<number, { first: SpellRow; spells: SicknessSpell[] }>();
  for (const row of rows) {
    const entry = byPerson.get(row.person_id) ?? { first: row, spells: [] };
    entry.spells.push({
      startDate: row.start_date,
      endDate: row.end_date,
      disabilityRelated: row.disability_related,
    });
    byPerson.set(row.person_id, entry);
  }
  const triggered: TriggeredPerson[] = [];
  for (const { first, spells } of byPerson.values()) {
    const reading = triggerReading(spells, asOf, settings);
    if (reading.reached.length === 0) continue;
    const latestSicknessFrom = spells.reduce(
      (latest, s) => (s.startDate > latest ? s.startDate : latest),
      '',
    );
    const talk =
      first.talk_held_on !== null && first.talk_held_on >= latestSicknessFrom
        ? { heldOn: first.talk_held_on, outcome: first.talk_outcome }
        : null;
    triggered.push({
      personId: first.person_id,
      firstName: first.first_name,
      lastName: first.last_name,
      name: `${first.first_name} ${first.last_name}`,
      unitId: first.unit_id,
      unitPath: first.unit_path,
      managerPersonId: first.manager_person_id,
      managerName: first.manager_name,
      managerSortName: first.manager_sort_name,
      reading,
      readingText: describeReading(reading, settings),
      hasOpenCase: first.has_open_case,
      latestSicknessFrom,
      talk,
      toTalkWith: !first.has_open_case && talk === null,
    });
  }
  return triggered;
}
