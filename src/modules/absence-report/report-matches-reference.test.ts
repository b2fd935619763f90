/**
 * The absence report as the product runs it — people and absences imported into the database,
 * loaded by set-based queries, computed by the engine — equals the day-by-day reference of
 * SPEC §6 (src/testing/reference-figures.ts) on the same workforce, for every grouping and both methods.
 * Runs on PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
 */
import { seededRandom } from '../../domain/seeded-random.ts';
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { REPORT_GROUPINGS, REPORT_METHODS } from '../../domain/absence-report.ts';
import { scheduledHours, type WeekHours } from '../../testing/reference-calendar.ts';
import { addDays } from '../../domain/dates.ts';
import {
  absenceFigures,
  type FigureAbsence,
  type FigureEmployee,
  type FigureInput,
} from '../../testing/reference-figures.ts';
import { shippedBankHolidays } from '../../reference/bank-holidays.ts';
import { createTestOrganisation } from '../../testing/factories.ts';
import { openTestServices } from '../../testing/test-services.ts';
import type { Services } from '../../services.ts';
import type { PersonRow } from '../people/people-csv.ts';
import { importPeople } from '../people/people-import.ts';
import type { AbsenceRow } from '../absences/absences-csv.ts';
import { importAbsences } from '../absences/absences-import.ts';
import { runAbsenceReport, type OrganisationForReport } from './report-service.ts';
import { people as peopleTable } from '../people/people-schema.ts';

const UNITS = [
  ['Adult Social Care', 'Home Care', 'North Team'],
  ['Adult Social Care', 'Home Care', 'South Team'],
  ['Adult Social Care', 'Reablement'],
  ['Place', 'Waste and Recycling'],
  ['Resources'],
];
const STAFF_GROUPS = ['Social Care', 'Manual', 'Administrative', null];
const PATTERNS: { hours: WeekHours; worksBankHolidays: boolean }[] = [
  { hours: [7.4, 7.4, 7.4, 7.4, 7.4, 0, 0], worksBankHolidays: false },
  { hours: [7.5, 7.5, 7.5, 0, 0, 0, 0], worksBankHolidays: false },
  { hours: [0, 0, 0, 12, 12, 12, 0], worksBankHolidays: true },
  { hours: [3.7, 3.7, 3.7, 3.7, 3.7, 0, 0], worksBankHolidays: false },
  { hours: [0, 6, 6, 0, 6, 9.25, 9.25], worksBankHolidays: true },
];
const REASONS = ['S10', 'S11', 'S12', 'S13', 'S25', 'S98'];
const CHANGE_DAY = '2025-06-16';
const FULL_TIME_HOURS = 37;
const ON_COST_RATE = 0.28;

interface Workforce {
  first: PersonRow[];
  second: PersonRow[];
  absences: AbsenceRow[];
  reference: Omit<FigureInput, 'from' | 'to' | 'groupBy' | 'method'>;
}

const weeklyHours = (hours: WeekHours) => Math.round(hours.reduce((a, b) => a + b, 0) * 1000) / 1000;

/** Forty people with joiners, leavers, moves between units and changes of hours, and their absences. */
function workforce(slug: string, bankHolidays: ReadonlySet<string>): Workforce {
  const random = seededRandom(20261123);
  const first: PersonRow[] = [];
  const second: PersonRow[] = [];
  const employees: FigureEmployee[] = [];
  for (let i = 1; i <= 40; i++) {
    const startDate = random.chance(0.7) ? '2022-09-01' : addDays('2024-10-01', random.int(0, 400));
    const endDate = random.chance(0.25) ? addDays(startDate, random.int(60, 500)) : null;
    const terms = () => {
      const pattern = random.pick(PATTERNS);
      return {
        unitPath: random.pick(UNITS),
        staffGroup: random.pick(STAFF_GROUPS),
        pattern,
        weeklyHours: weeklyHours(pattern.hours),
        annualSalary: random.chance(0.85) ? random.int(19_000, 52_000) : null,
      };
    };
    const before = terms();
    const changes = random.chance(0.4);
    const after = changes ? terms() : before;
    const row = (t: typeof before): PersonRow => ({
      row: i + 1,
      employeeNumber: `R${String(i).padStart(4, '0')}`,
      firstName: 'Test',
      lastName: `Person ${i}`,
      startDate,
      endDate,
      email: null,
      jobTitle: null,
      managerEmployeeNumber: null,
      ...t,
      pattern: { hours: [...t.pattern.hours], worksBankHolidays: t.pattern.worksBankHolidays },
    });
    first.push(row(before));
    second.push(row(after));
    const spell = (t: typeof before, from: string, to: string | null) => ({
      from,
      to,
      pattern: t.pattern,
      weeklyHours: t.weeklyHours,
      unitPath: t.unitPath.join(' > '),
      staffGroup: t.staffGroup,
      annualSalary: t.annualSalary,
    });
    const spells =
      changes && startDate < CHANGE_DAY
        ? [spell(before, startDate, addDays(CHANGE_DAY, -1)), spell(after, CHANGE_DAY, null)]
        : [spell(after, startDate, null)];
    employees.push({ personId: i, startDate, leavingDate: endDate, spells });
  }

  const absences: AbsenceRow[] = [];
  const figureAbsences: FigureAbsence[] = [];
  let row = 2;
  for (const employee of employees) {
    const i = employee.personId;
    const employeeNumber = `R${String(i).padStart(4, '0')}`;
    let day = addDays(employee.startDate, random.int(0, 40));
    const last = employee.leavingDate ?? '2026-03-31';
    while (day <= last) {
      const type = random.pick([
        'sickness',
        'sickness',
        'sickness',
        'annual_leave',
        'disability_leave',
      ] as const);
      const length = random.chance(0.15) ? random.int(20, 70) : random.int(0, 6);
      let endDate: string | null = addDays(day, length);
      if (endDate > last) endDate = employee.leavingDate === null ? null : last;
      const scheduled = scheduledHours(employee, day, bankHolidays);
      const partial =
        type === 'sickness' && scheduled > 1 && random.chance(0.2) ? Math.round(scheduled * 50) / 100 : null;
      const reasonCode = type === 'sickness' ? random.pick(REASONS) : null;
      absences.push({
        row: row++,
        employeeNumber,
        type,
        startDate: day,
        endDate,
        reasonCode,
        firstDayHours: partial,
        notes: null,
      });
      figureAbsences.push({ personId: i, type, startDate: day, endDate, firstDayHours: partial, reasonCode });
      // Sometimes sickness falls within this annual leave: it stands, and the leave gives way.
      if (type === 'annual_leave' && endDate !== null && length >= 3 && random.chance(0.5)) {
        const sickFrom = addDays(day, 1);
        const sickTo = addDays(day, 2);
        const code = random.pick(REASONS);
        absences.push({
          row: row++,
          employeeNumber,
          type: 'sickness',
          startDate: sickFrom,
          endDate: sickTo,
          reasonCode: code,
          firstDayHours: null,
          notes: null,
        });
        figureAbsences.push({
          personId: i,
          type: 'sickness',
          startDate: sickFrom,
          endDate: sickTo,
          firstDayHours: null,
          reasonCode: code,
        });
      }
      if (endDate === null) break;
      day = addDays(endDate, random.int(5, 90));
    }
  }
  return {
    first,
    second,
    absences,
    reference: {
      organisation: { slug, fullTimeHours: FULL_TIME_HOURS, onCostRate: ON_COST_RATE },
      bankHolidays,
      employees,
      absences: figureAbsences,
    },
  };
}

const services: Services = await openTestServices();
let organisation: OrganisationForReport;
let data: Workforce;
/** The database numbers people in its own way: the reference follows it. */
let personIds: Map<number, number>;

before(async () => {
  const created = await createTestOrganisation(services, {
    fullTimeHours: FULL_TIME_HOURS,
    onCostRate: ON_COST_RATE,
    region: 'england-and-wales',
  });
  organisation = {
    id: created.id,
    slug: created.slug,
    region: 'england-and-wales',
    fullTimeHours: FULL_TIME_HOURS,
    onCostRate: ON_COST_RATE,
  };
  const holidays = new Set(
    shippedBankHolidays()
      .filter((h) => h.region === 'england-and-wales')
      .map((h) => h.date),
  );
  data = workforce(created.slug, holidays);
  const firstImport = await importPeople(services, created.id, data.first, { today: '2024-01-01' });
  assert.ok(firstImport.ok, JSON.stringify(firstImport));
  const secondImport = await importPeople(services, created.id, data.second, { today: CHANGE_DAY });
  assert.ok(secondImport.ok, JSON.stringify(secondImport));
  const absencesImport = await importAbsences(services, created.id, data.absences, {});
  assert.ok(absencesImport.ok, JSON.stringify(absencesImport));
  const people = await services.database.scoped({ organisationIds: [created.id] }, (db) =>
    db.select({ id: peopleTable.id, employeeNumber: peopleTable.employeeNumber }).from(peopleTable),
  );
  personIds = new Map(people.map((p) => [Number(p.employeeNumber.slice(1)), p.id]));
});

const PERIODS = [
  { from: '2025-01-01', to: '2025-12-31' },
  { from: '2025-03-10', to: '2025-06-30' },
  { from: '2024-11-15', to: '2026-02-14' },
];

for (const period of PERIODS) {
  for (const method of REPORT_METHODS) {
    test(`the report from the database equals SPEC §6 by every grouping, ${method} method, ${period.from} to ${period.to}`, async () => {
      for (const by of REPORT_GROUPINGS) {
        const actual = await runAbsenceReport(services.database, organisation, { ...period, by, method });
        const expected = absenceFigures({
          ...data.reference,
          employees: data.reference.employees.map((e) => ({
            ...e,
            personId: personIds.get(e.personId) ?? -1,
          })),
          absences: data.reference.absences.map((a) => ({ ...a, personId: personIds.get(a.personId) ?? -1 })),
          ...period,
          groupBy: by,
          method,
        });
        assert.deepEqual(
          actual.map((r) => r.group),
          expected.map((r) => r.group),
          `the groups by ${by}`,
        );
        assert.ok(expected.at(-1)!.hoursLost > 0, 'the workforce has sickness in the period');
        actual.forEach((got, i) => {
          const want = expected[i]!;
          for (const field of Object.keys(want) as (keyof typeof want)[]) {
            if (field === 'group') continue;
            assert.ok(
              Math.abs(got[field] - want[field]) < 1e-6,
              `by ${by}, ${got.group}, ${field}: ${got[field]} from the database, ${want[field]} by SPEC §6`,
            );
          }
        });
      }
    });
  }
}
