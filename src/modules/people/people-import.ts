import { setImmediate as nextTurn } from 'node:timers/promises';
import { today } from '../../domain/today.ts';
import type { Db } from '../../db/database.ts';
import type { Services } from '../../services.ts';
import { refreshStatistics } from '../../db/statistics.ts';
import type { CsvProblem } from '../../domain/csv-problems.ts';
import { similarNewNames, similarUnitNames, type SimilarUnit } from '../../domain/similar-names.ts';
import { managementLoops, personRowProblems, type ParseResult, type PersonRow } from './people-csv.ts';
import {
  peopleRepository,
  type NewEmploymentSpell,
  type EmploymentSpellRecord,
  type PersonDetails,
  type SpellTerms,
  type TermsField,
} from './people-repository.ts';

export interface PeopleImportSummary {
  created: number;
  updated: number;
  unchanged: number;
  unitsCreated: number;
  /** The units created (or, on a dry run, to be created), as full paths, shallowest first. */
  unitsToCreate: string[];
  /** New units whose name is close to a sibling's: probably a typing slip. */
  similarUnits: SimilarUnit[];
  /** Staff groups the organisation does not have yet, in the file's order. */
  staffGroupsToCreate: string[];
  /** New staff groups whose name is close to one that exists or that the file adds earlier. */
  similarStaffGroups: SimilarUnit[];
  /** The employee numbers of the people added, in the file's order. */
  peopleAdded: string[];
  dryRun: boolean;
}

export type PeopleImportResult =
  { ok: true; summary: PeopleImportSummary } | { ok: false; problems: CsvProblem[] };

/**
 * Units per insert: each row of the multi-row insert takes a bind parameter per column (5), so
 * 2,000 rows stay well under PostgreSQL's limit of 65,535.
 */
const CHUNK = 2000;
/**
 * People and employment spells per statement: their rows travel as one JSON parameter, so only
 * memory bounds the size. Between statements the import pauses for other requests: on PGlite the
 * database works in this process, and a long import would otherwise hold it from start to end.
 */
const BULK_CHUNK = 5000;

function chunks<T>(rows: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** Every prefix of each unit path, shallowest first: the units a file needs. */
export function unitPathsNeeded(rows: readonly { unitPath: readonly string[] }[]): string[][] {
  const seen = new Map<string, string[]>();
  for (const row of rows) {
    for (let depth = 1; depth <= row.unitPath.length; depth++) {
      const levels = row.unitPath.slice(0, depth);
      seen.set(levels.join(' > '), levels);
    }
  }
  return [...seen.values()].sort((a, b) => a.length - b.length);
}

class DryRunRollback extends Error {
  constructor(readonly summary: PeopleImportSummary) {
    super('dry run');
  }
}

type Terms = Required<Pick<NewEmploymentSpell, TermsField>>;

const TERM_KEYS: (keyof Terms)[] = [
  'unitId',
  'managerPersonId',
  'staffGroup',
  'weeklyHours',
  'hoursMon',
  'hoursTue',
  'hoursWed',
  'hoursThu',
  'hoursFri',
  'hoursSat',
  'hoursSun',
  'worksBankHolidays',
  'annualSalary',
];

function sameTerms(a: Terms, b: EmploymentSpellRecord): boolean {
  return TERM_KEYS.every((key) => {
    const x = a[key] ?? null;
    const y = b[key] ?? null;
    if (typeof x === 'number' && typeof y === 'number') return Math.abs(x - y) < 0.0005;
    return x === y;
  });
}

/**
 * Imports validated people rows into an organisation, all or nothing. People are matched on
 * employee number: a new number creates a person and their first employment spell from the
 * start date; a known number updates their details and, when their terms (unit, manager,
 * hours, pattern, staff group, salary) differ from the latest spell, records the new terms
 * from the import date (or from the start date if that is later). Importing the same file
 * again changes nothing.
 */
export async function importPeople(
  services: Pick<Services, 'database' | 'events'>,
  organisationId: number,
  rows: readonly PersonRow[],
  options: { dryRun?: boolean; today: string },
): Promise<PeopleImportResult> {
  const { database, events } = services;
  try {
    const result = await database.scoped({ organisationIds: [organisationId] }, (db) =>
      importWithin(db, organisationId, rows, options),
    );
    if (result.ok && result.summary.created + result.summary.updated > 0) {
      await refreshStatistics(database, ['people', 'employment_spells', 'units']);
      await events.raise('import-committed', { database, organisationId, date: today(), records: 'people' });
    }
    return result;
  } catch (error) {
    if (error instanceof DryRunRollback) return { ok: true, summary: error.summary };
    throw error;
  }
}

/** Managers named in a file who are no one in it nor in the organisation. */
function unknownManagers(
  rows: readonly { row: number; managerEmployeeNumber: string | null }[],
  inFile: ReadonlySet<string>,
  existing: { has(employeeNumber: string): boolean },
): CsvProblem[] {
  return rows.flatMap((row) =>
    row.managerEmployeeNumber &&
    !inFile.has(row.managerEmployeeNumber) &&
    !existing.has(row.managerEmployeeNumber)
      ? [
          {
            row: row.row,
            column: 'manager_employee_number',
            message: `manager_employee_number "${row.managerEmployeeNumber}" is not a person in this file or in the organisation`,
          },
        ]
      : [],
  );
}

/**
 * Imports a parsed file, or, when the file has problems of its own, lists them together with
 * the managers it names who are no one here: the contract is that every problem is listed at
 * once. Nothing is written while there is one.
 */
export async function importParsedPeople(
  services: Pick<Services, 'database' | 'events'>,
  organisationId: number,
  parsed: ParseResult,
  options: { dryRun?: boolean; today: string },
): Promise<PeopleImportResult> {
  if (parsed.ok) return importPeople(services, organisationId, parsed.rows, options);
  const { database } = services;
  const readable = parsed.readable;
  if (!readable || readable.managers.length === 0) return parsed;
  const named = [...new Set(readable.managers.map((m) => m.managerEmployeeNumber))];
  const held = await database.scoped({ organisationIds: [organisationId] }, (db) =>
    peopleRepository(db, organisationId).byEmployeeNumbers(named),
  );
  const against = unknownManagers(
    readable.managers,
    new Set(readable.employeeNumbers),
    new Set(held.map((p) => p.employeeNumber)),
  );
  // Each row's own problems first, in the file's column order, then the organisation's.
  const problems = [...parsed.problems, ...against].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return { ok: false, problems };
}

async function importWithin(
  db: Db,
  organisationId: number,
  rows: readonly PersonRow[],
  options: { dryRun?: boolean; today: string },
): Promise<PeopleImportResult> {
  const repository = peopleRepository(db, organisationId);
  const existing = new Map((await repository.all()).map((p) => [p.employeeNumber, p]));
  const inFile = new Set(rows.map((r) => r.employeeNumber));

  // Every problem at once, and nothing written while there is one.
  const problems: CsvProblem[] = rows.flatMap(personRowProblems);
  problems.push(...unknownManagers(rows, inFile, existing));
  const latestSpells = await repository.latestSpells();
  const numberOf = new Map([...existing.values()].map((p) => [p.id, p.employeeNumber]));
  const managersNow = new Map(
    latestSpells.flatMap((spell) => {
      const number = numberOf.get(spell.personId);
      const manager = spell.managerPersonId === null ? null : (numberOf.get(spell.managerPersonId) ?? null);
      return number === undefined ? [] : [[number, manager] as const];
    }),
  );
  problems.push(...managementLoops(rows, managersNow));
  if (problems.length > 0) {
    return { ok: false, problems: problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0)) };
  }

  // Units, created level by level so each knows its parent.
  const unitIds = await repository.unitsByPath();
  let unitsCreated = 0;
  const needed = unitPathsNeeded(rows).filter((levels) => !unitIds.has(levels.join(' > ')));
  const similarUnits = similarUnitNames(
    needed,
    [...unitIds.keys()].map((path) => path.split(' > ')),
  );
  const staffGroups = await repository.staffGroups();
  const staffGroupsToCreate = [
    ...new Set(
      rows.flatMap((row) =>
        row.staffGroup && !staffGroups.includes(row.staffGroup) ? [row.staffGroup] : [],
      ),
    ),
  ];
  const similarStaffGroups = similarNewNames(staffGroupsToCreate, staffGroups);
  const deepest = Math.max(0, ...needed.map((l) => l.length));
  for (let depth = 1; depth <= deepest; depth++) {
    const level = needed
      .filter((l) => l.length === depth)
      .map((levels) => ({
        name: levels[depth - 1] ?? '',
        path: levels.join(' > '),
        depth,
        parentId: depth === 1 ? null : (unitIds.get(levels.slice(0, -1).join(' > ')) ?? null),
      }));
    for (const chunk of chunks(level)) {
      for (const created of await repository.insertUnits(chunk)) unitIds.set(created.path, created.id);
      await nextTurn();
    }
    unitsCreated += level.length;
  }

  // People: insert the new, update the changed.
  const personIds = new Map([...existing.values()].map((p) => [p.employeeNumber, p.id]));
  const newcomers = rows.filter((r) => !existing.has(r.employeeNumber));
  for (const chunk of chunks(newcomers, BULK_CHUNK)) {
    const inserted = await repository.insertPeople(
      chunk.map((r) => ({
        organisationId,
        employeeNumber: r.employeeNumber,
        firstName: r.firstName,
        lastName: r.lastName,
        email: r.email,
        jobTitle: r.jobTitle,
        startDate: r.startDate,
        endDate: r.endDate,
      })),
    );
    for (const p of inserted) personIds.set(p.employeeNumber, p.id);
    await nextTurn();
  }

  const latest = new Map(latestSpells.map((s) => [s.personId, s]));
  const newSpells: NewEmploymentSpell[] = [];
  const changedPeople: PersonDetails[] = [];
  const changedSpells: SpellTerms[] = [];
  let updated = 0;
  let unchanged = 0;
  for (const row of rows) {
    const personId = personIds.get(row.employeeNumber);
    const unitId = unitIds.get(row.unitPath.join(' > '));
    if (personId === undefined || unitId === undefined)
      throw new Error(`Import lost track of ${row.employeeNumber}`);
    const [mon, tue, wed, thu, fri, sat, sun] = row.pattern.hours;
    const terms: Terms = {
      unitId,
      managerPersonId: row.managerEmployeeNumber ? (personIds.get(row.managerEmployeeNumber) ?? null) : null,
      staffGroup: row.staffGroup,
      weeklyHours: row.weeklyHours,
      hoursMon: mon,
      hoursTue: tue,
      hoursWed: wed,
      hoursThu: thu,
      hoursFri: fri,
      hoursSat: sat,
      hoursSun: sun,
      worksBankHolidays: row.pattern.worksBankHolidays,
      annualSalary: row.annualSalary,
    };
    const before = existing.get(row.employeeNumber);
    if (!before) {
      newSpells.push({ organisationId, personId, effectiveFrom: row.startDate, ...terms });
      continue;
    }
    let changed = false;
    const details = {
      firstName: row.firstName,
      lastName: row.lastName,
      email: row.email,
      jobTitle: row.jobTitle,
      startDate: row.startDate,
      endDate: row.endDate,
    };
    if (Object.entries(details).some(([key, value]) => before[key as keyof typeof details] !== value)) {
      changedPeople.push({ id: personId, ...details });
      changed = true;
    }
    const spell = latest.get(personId);
    if (!spell || !sameTerms(terms, spell)) {
      const from = options.today > row.startDate ? options.today : row.startDate;
      if (spell && spell.effectiveFrom >= from)
        changedSpells.push({ id: spell.id, ...terms, effectiveFrom: from });
      else newSpells.push({ organisationId, personId, effectiveFrom: from, ...terms });
      changed = true;
    }
    if (changed) updated++;
    else unchanged++;
  }
  // Set-based: a statement per chunk, never one per person.
  for (const chunk of chunks(changedPeople, BULK_CHUNK)) {
    await repository.updatePeople(chunk);
    await nextTurn();
  }
  for (const chunk of chunks(changedSpells, BULK_CHUNK)) {
    await repository.updateSpells(chunk);
    await nextTurn();
  }
  for (const chunk of chunks(newSpells, BULK_CHUNK)) {
    await repository.insertSpells(chunk);
    await nextTurn();
  }

  const summary: PeopleImportSummary = {
    created: newcomers.length,
    updated,
    unchanged,
    unitsCreated,
    unitsToCreate: needed.map((levels) => levels.join(' > ')),
    similarUnits,
    staffGroupsToCreate,
    similarStaffGroups,
    peopleAdded: newcomers.map((r) => r.employeeNumber),
    dryRun: options.dryRun ?? false,
  };
  if (options.dryRun) throw new DryRunRollback(summary);
  return { ok: true, summary };
}
