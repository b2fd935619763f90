import { setImmediate as nextTurn } from 'node:timers/promises';
import { today } from '../../domain/today.ts';
import type { Db } from '../../db/database.ts';
import type { Services } from '../../services.ts';
import type { EventBus } from '../../web/events.ts';
import { refreshStatistics } from '../../db/statistics.ts';
import type { AbsenceType } from '../../domain/absence-rules.ts';
import type { CsvProblem } from '../../domain/csv-problems.ts';
import { peopleRepository } from '../people/people-repository.ts';
import {
  findOverlaps,
  outsideEmployment,
  type AbsenceRow,
  type EmploymentPeriod,
  type ParseResult,
  type PlacedAbsence,
} from './absences-csv.ts';
import { absencesRepository, type ImportedAbsence, type ImportedChange } from './absences-repository.ts';

export interface AbsencesImportSummary {
  created: number;
  updated: number;
  unchanged: number;
  /** The file's row numbers of the absences added, in the file's order. */
  rowsAdded: number[];
  dryRun: boolean;
}

export type AbsencesImportResult =
  { ok: true; summary: AbsencesImportSummary } | { ok: false; problems: CsvProblem[] };

/**
 * Rows per statement. Each statement passes its rows as one JSON parameter, so the size is bound
 * by memory, not by PostgreSQL's 65,535 bind parameters. Between statements the import pauses for
 * other requests: on PGlite the database works in this process, and a long import would otherwise
 * hold it from start to end.
 */
const CHUNK = 5000;

class DryRunRollback extends Error {
  constructor(readonly summary: AbsencesImportSummary) {
    super('dry run');
  }
}

const naturalKey = (personId: number, type: string, startDate: string) => `${personId}|${type}|${startDate}`;

const IMPORTED_FIELDS = ['endDate', 'reasonCode', 'firstDayHours', 'notes'] as const;

/**
 * Imports validated absence rows, all or nothing (SPEC §7). Absences are matched on employee,
 * type and start date: a match with the same details is left alone, a match with other details
 * is updated (and the change recorded), anything else is added. Rows for unknown people,
 * outside a person's employment, or overlapping another absence of theirs (other than
 * sickness within annual leave) reject the whole file.
 */
export async function importAbsences(
  services: Pick<Services, 'database' | 'events'>,
  organisationId: number,
  rows: readonly AbsenceRow[],
  options: { dryRun?: boolean; userId?: number | null },
): Promise<AbsencesImportResult> {
  const { database, events } = services;
  try {
    const result = await database.scoped({ organisationIds: [organisationId] }, (db) =>
      importWithin(db, events, organisationId, rows, options),
    );
    if (result.ok && result.summary.created + result.summary.updated > 0) {
      await refreshStatistics(database, ['absences', 'absence_changes', 'welcome_back_reviews']);
      await events.raise('import-committed', {
        database,
        organisationId,
        date: today(),
        records: 'absences',
      });
    }
    return result;
  } catch (error) {
    if (error instanceof DryRunRollback) return { ok: true, summary: error.summary };
    throw error;
  }
}

/**
 * The people a file names and the absences held for them that can match or overlap its rows:
 * only those still running on the earliest day the file covers (older history is left alone).
 */
async function heldFor(
  db: Db,
  organisationId: number,
  placed: readonly { employeeNumber: string; startDate: string }[],
  employeeNumbers: readonly string[] = placed.map((r) => r.employeeNumber),
) {
  const people = await peopleRepository(db, organisationId).byEmployeeNumbers([...new Set(employeeNumbers)]);
  const earliest = placed.reduce(
    (min, r) => (r.startDate < min ? r.startDate : min),
    placed[0]?.startDate ?? '',
  );
  const existing = await absencesRepository(db, organisationId).forPeople(
    people.map((p) => p.id),
    placed.length > 0 ? { endingFrom: earliest } : {},
  );
  return { people, existing };
}

/**
 * What the organisation's records say against a file: employee numbers that are no one here,
 * absences outside the person's employment, and overlaps with absences already held.
 */
function problemsAgainstOrganisation(
  employees: readonly { row: number; employeeNumber: string }[],
  placed: readonly PlacedAbsence[],
  people: readonly { id: number; employeeNumber: string; startDate: string; endDate: string | null }[],
  existing: readonly { personId: number; type: string; startDate: string; endDate: string | null }[],
): CsvProblem[] {
  const byNumber = new Map(people.map((p) => [p.employeeNumber, p]));
  const problems: CsvProblem[] = [];
  const employment = new Map<string, EmploymentPeriod>();
  for (const row of employees) {
    const person = byNumber.get(row.employeeNumber);
    if (person) {
      employment.set(row.employeeNumber, { startDate: person.startDate, endDate: person.endDate });
    } else {
      problems.push({
        row: row.row,
        column: 'employee_number',
        message: `employee_number "${row.employeeNumber}" is not a person in this organisation`,
      });
    }
  }
  problems.push(...outsideEmployment(placed, employment));
  const numberOf = new Map(people.map((p) => [p.id, p.employeeNumber]));
  problems.push(
    ...findOverlaps(
      existing.map((a) => ({
        employeeNumber: numberOf.get(a.personId) ?? '',
        type: a.type as AbsenceType,
        startDate: a.startDate,
        endDate: a.endDate,
      })),
      placed,
    ),
  );
  return problems;
}

/**
 * Imports a parsed file, or, when the file has problems of its own, lists them together with
 * every problem its readable rows have against the organisation's records: the contract is that
 * every problem is listed at once. Nothing is written while there is one.
 */
export async function importParsedAbsences(
  services: Pick<Services, 'database' | 'events'>,
  organisationId: number,
  parsed: ParseResult,
  options: { dryRun?: boolean; userId?: number | null },
): Promise<AbsencesImportResult> {
  if (parsed.ok) return importAbsences(services, organisationId, parsed.rows, options);
  const { database } = services;
  const readable = parsed.readable;
  if (!readable) return parsed;
  const against = await database.scoped({ organisationIds: [organisationId] }, async (db) => {
    const { people, existing } = await heldFor(
      db,
      organisationId,
      readable.placed,
      readable.employees.map((e) => e.employeeNumber),
    );
    return problemsAgainstOrganisation(readable.employees, readable.placed, people, existing);
  });
  // Each row's own problems first, in the file's column order, then the organisation's.
  const problems = [...parsed.problems, ...against].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return { ok: false, problems };
}

async function importWithin(
  db: Db,
  events: EventBus,
  organisationId: number,
  rows: readonly AbsenceRow[],
  options: { dryRun?: boolean; userId?: number | null },
): Promise<AbsencesImportResult> {
  const { people, existing } = await heldFor(db, organisationId, rows);
  const byNumber = new Map(people.map((p) => [p.employeeNumber, p]));
  const repository = absencesRepository(db, organisationId);
  const existingByKey = new Map(existing.map((a) => [naturalKey(a.personId, a.type, a.startDate), a]));
  const problems = problemsAgainstOrganisation(rows, rows, people, existing);
  if (problems.length > 0) {
    problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    return { ok: false, problems };
  }

  const inserts: ImportedAbsence[] = [];
  const rowsAdded: number[] = [];
  const updates: ImportedChange[] = [];
  let unchanged = 0;
  for (const row of rows) {
    const person = byNumber.get(row.employeeNumber);
    if (!person) continue;
    const values = {
      endDate: row.endDate,
      reasonCode: row.reasonCode,
      firstDayHours: row.firstDayHours,
      notes: row.notes,
    };
    const before = existingByKey.get(naturalKey(person.id, row.type, row.startDate));
    if (!before) {
      inserts.push({ personId: person.id, type: row.type, startDate: row.startDate, ...values });
      rowsAdded.push(row.row);
      continue;
    }
    const differences = IMPORTED_FIELDS.filter(
      (field) => (before[field] ?? null) !== (values[field] ?? null),
    );
    if (differences.length === 0) {
      unchanged += 1;
      continue;
    }
    const changes = Object.fromEntries(
      differences.map((f) => [f, { from: before[f] ?? null, to: values[f] ?? null }]),
    );
    updates.push({ id: before.id, ...values, changes });
  }
  // Set-based: each chunk is one statement that writes the absences and their history.
  const source = { userId: options.userId ?? null, reason: 'Imported from a CSV file' };
  for (let i = 0; i < updates.length; i += CHUNK) {
    await repository.updateWithHistory(updates.slice(i, i + CHUNK), source);
    await nextTurn();
  }
  for (let i = 0; i < inserts.length; i += CHUNK) {
    await repository.insertWithHistory(inserts.slice(i, i + CHUNK), source);
    await nextTurn();
  }

  await events.raise('absences-imported', { db, organisationId, date: today() });
  const summary = {
    created: inserts.length,
    updated: updates.length,
    unchanged,
    rowsAdded,
    dryRun: options.dryRun ?? false,
  };
  if (options.dryRun) throw new DryRunRollback(summary);
  return { ok: true, summary };
}
