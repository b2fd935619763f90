/**
 * The benchmark's workforce: several organisations of different sizes built from the demo
 * partnership's shapes (an NHS trust, a council, a police force, a housing association and a
 * retailer) with as many teams as it takes, years of absence drawn by the demo's generator at a
 * realistic density, joiners and leavers, and a month's changes to import on top.
 *
 * Deterministic: the same seed and date always give the same files.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { addDays, toDayNumber } from '../src/domain/dates.ts';
import { seededRandom, seedFromText } from '../src/domain/seeded-random.ts';
import type { AbsenceRow } from '../src/modules/absences/absences-csv.ts';
import { demoAbsences } from '../src/modules/demo/demo-absences.ts';
import {
  ORGANISATIONS,
  type OrganisationSpec,
  type TeamSpec,
} from '../src/modules/demo/demo-organisations.ts';
import {
  buildOrganisation,
  type DemoOrganisation,
  type DemoPerson,
} from '../src/modules/demo/demo-partnership.ts';
import { shippedBankHolidays } from '../src/reference/bank-holidays.ts';

export interface BenchOrganisation {
  slug: string;
  name: string;
  sector: DemoOrganisation['sector'];
  region: DemoOrganisation['region'];
  fullTimeHours: number;
  targetDaysPerFte: number;
  policyModel: DemoOrganisation['policyModel'];
  /** people.csv as the HR system holds it today. */
  people: DemoPerson[];
  /** absences.csv as it stood a month ago: the history to import first. */
  absences: AbsenceRow[];
  /** people.csv a month later: new terms (hours, unit, manager, pay) or details for some. */
  peopleFeed: DemoPerson[];
  /** The monthly absence feed: every absence touching the last 90 days, as held today. */
  absenceFeed: AbsenceRow[];
  /** A line manager whose reporting line is about the size of a team, for the team page. */
  lineManager: { employeeNumber: string; lineSize: number };
  /** Someone in that line with plenty of absence, for the person page. */
  person: { employeeNumber: string; absences: number };
}

interface Shape {
  spec: string;
  slug: string;
  name: string;
  /** Share of the workforce; the small organisation has a fixed size instead. */
  share?: number;
  employees?: number;
  /** Absences per employee per year, roughly. */
  absencesPerYear: number;
}

/** The large organisations share the workforce; the small one has 1,000 people and dense records. */
export const SHAPES: readonly Shape[] = [
  {
    spec: 'merrowby-nhs',
    slug: 'bench-nhs',
    name: 'Bench Teaching Hospitals NHS Trust',
    share: 0.4,
    absencesPerYear: 3,
  },
  {
    spec: 'merrowby-council',
    slug: 'bench-council',
    name: 'Bench Metropolitan Council',
    share: 0.3,
    absencesPerYear: 3,
  },
  {
    spec: 'fellshire-police',
    slug: 'bench-police',
    name: 'Bench Constabulary',
    share: 0.15,
    absencesPerYear: 3,
  },
  { spec: 'riverside-homes', slug: 'bench-homes', name: 'Bench Homes', share: 0.1, absencesPerYear: 3 },
  {
    spec: 'northfold-retail',
    slug: 'bench-retail',
    name: 'Bench Retail Ltd',
    share: 0.05,
    absencesPerYear: 3,
  },
  {
    spec: 'merrowby-council',
    slug: 'bench-small',
    name: 'Bench District Council',
    employees: 1000,
    absencesPerYear: 10,
  },
];

/** Places that name the copies of a service as an organisation grows: invented. */
const PLACES = (
  'Northgate Southfield Eastbrook Westmoor Highcross Lowther Ashby Birchley Carrow Dunmere Elmstead ' +
  'Fernhill Greystones Hollins Ivydale Juniper Kellow Larchfield Millbeck Netherby Oakhurst Pendle ' +
  'Quarrybank Redmire Stonebridge Thornley Underhill Valewood Whitecross Yarrow'
).split(' ');

function copyName(name: string, copy: number): string {
  const place = PLACES[copy % PLACES.length] ?? 'Area';
  const round = Math.floor(copy / PLACES.length);
  return `${name} (${place}${round > 0 ? ` ${round + 1}` : ''})`;
}

/** People per team in the demo's organisation of this shape (with its managers): for scaling. */
function peoplePerTeam(spec: OrganisationSpec): number {
  const demo = buildOrganisation({ ...spec, accounts: [] }, 1, toDayNumber('2026-01-01'));
  return demo.people.length / spec.teams.length;
}

/**
 * The spec with as many teams as `employees` needs: the demo's teams first, then copies of them
 * in further services named after places (so a big trust has many emergency departments).
 */
function scaledSpec(shape: Shape, employees: number): OrganisationSpec {
  const base = ORGANISATIONS.find((o) => o.slug === shape.spec);
  if (!base) throw new Error(`No demo organisation ${shape.spec}`);
  const count = Math.max(3, Math.round(employees / peoplePerTeam(base)));
  const teams: TeamSpec[] = [];
  for (let i = 0; i < count; i++) {
    const team = base.teams[i % base.teams.length];
    if (!team) continue;
    const copy = Math.floor(i / base.teams.length);
    const renamed =
      copy === 0
        ? [...team.path]
        : team.path.map((level, depth) => (depth === 1 ? copyName(level, copy) : level));
    teams.push({ ...team, path: renamed });
  }
  const first = teams[0];
  if (!first) throw new Error(`No teams for ${shape.slug}`);
  return {
    ...base,
    slug: shape.slug,
    name: shape.name,
    domain: `${shape.slug}.example`,
    teams,
    // No sign-ins: the benchmark makes its own accounts.
    accounts: [],
    agreement: {
      ...base.agreement,
      contact: { team: first.path.join(' > '), post: 'leader', phone: '0151 496 0000' },
    },
  };
}

/** More leavers than the demo's: about 4% of the staff a year over the period. */
function addTurnover(people: DemoPerson[], slug: string, asOf: string, years: number) {
  const r = seededRandom(seedFromText(`bench-turnover:${slug}`));
  const managers = new Set(people.map((p) => p.managerEmployeeNumber).filter((n) => n !== null));
  const windowStart = toDayNumber(asOf) - years * 365;
  const last = toDayNumber(asOf) - 1;
  for (const person of people) {
    if (person.endDate !== null || managers.has(person.employeeNumber) || !r.chance(0.04 * years)) continue;
    const earliest = Math.max(toDayNumber(person.startDate) + 30, windowStart);
    if (earliest >= last) continue;
    person.endDate = addDays(asOf, r.int(earliest, last) - toDayNumber(asOf));
  }
}

/**
 * The history a month ago and the feed of the last 90 days today. A sickness still running a
 * month ago was open then and is closed (or still open) in the feed; a few notes change.
 */
function splitIntoFeeds(
  all: readonly AbsenceRow[],
  people: readonly DemoPerson[],
  asOf: string,
  slug: string,
) {
  const r = seededRandom(seedFromText(`bench-feed:${slug}`));
  const cutOff = addDays(asOf, -30);
  const feedFrom = addDays(asOf, -90);
  const leavers = new Set(people.filter((p) => p.endDate !== null).map((p) => p.employeeNumber));
  const history: AbsenceRow[] = [];
  const feed: AbsenceRow[] = [];
  for (const row of all) {
    if (row.startDate < cutOff) {
      const runningThen =
        row.type === 'sickness' &&
        (row.endDate === null || row.endDate >= cutOff) &&
        !leavers.has(row.employeeNumber);
      history.push({ ...row, row: history.length + 2, endDate: runningThen ? null : row.endDate });
    }
    if ((row.endDate ?? asOf) >= feedFrom) {
      const notes =
        row.type === 'sickness' && r.chance(0.1)
          ? 'Fit note received; phased return agreed with the manager'
          : row.notes;
      feed.push({ ...row, row: feed.length + 2, notes });
    }
  }
  return { history, feed };
}

/** A month's changes of people's terms and details: about one in ten of those employed. */
function peopleFeed(people: readonly DemoPerson[], slug: string): DemoPerson[] {
  const r = seededRandom(seedFromText(`bench-people-feed:${slug}`));
  const managers = new Set(people.map((p) => p.managerEmployeeNumber).filter((n) => n !== null));
  const members = people.filter((p) => p.endDate === null && !managers.has(p.employeeNumber));
  return people.map((p) => {
    if (p.endDate !== null || managers.has(p.employeeNumber)) return p;
    const roll = r.next();
    if (roll < 0.03) {
      // Goes down to four days: Friday's hours stop (or Monday's for those off on Fridays).
      const day = (p.hours[4] ?? 0) > 0 ? 4 : 0;
      const dropped = p.hours[day] ?? 0;
      if (dropped === 0 || dropped >= p.weeklyHours) return p;
      const hours = [...p.hours] as DemoPerson['hours'];
      hours[day] = 0;
      const weeklyHours = Math.round((p.weeklyHours - dropped) * 100) / 100;
      const annualSalary =
        p.annualSalary === null ? null : Math.round((p.annualSalary * weeklyHours) / p.weeklyHours);
      return { ...p, hours, weeklyHours, annualSalary };
    }
    if (roll < 0.05) {
      // Moves to another team, with its manager.
      const other = r.pick(members);
      if (other.employeeNumber === p.employeeNumber) return p;
      return { ...p, unitPath: [...other.unitPath], managerEmployeeNumber: other.managerEmployeeNumber };
    }
    if (roll < 0.09 && p.annualSalary !== null) {
      return { ...p, annualSalary: Math.round(p.annualSalary * 1.035) };
    }
    if (roll < 0.1) return { ...p, email: p.email.replace('@', '.new@') };
    return p;
  });
}

/** The manager whose whole reporting line is nearest 30 people, with the person most absent in it. */
function teamToVisit(people: readonly DemoPerson[], absences: readonly AbsenceRow[]) {
  const current = people.filter((p) => p.endDate === null);
  const reports = new Map<string, string[]>();
  for (const p of current) {
    if (!p.managerEmployeeNumber) continue;
    const list = reports.get(p.managerEmployeeNumber) ?? [];
    list.push(p.employeeNumber);
    reports.set(p.managerEmployeeNumber, list);
  }
  const lineOf = (number: string): string[] => {
    const direct = reports.get(number) ?? [];
    return [...direct, ...direct.flatMap(lineOf)];
  };
  let best: { employeeNumber: string; line: string[] } | null = null;
  for (const manager of reports.keys()) {
    const line = lineOf(manager);
    if (!best || Math.abs(line.length - 30) < Math.abs(best.line.length - 30))
      best = { employeeNumber: manager, line };
  }
  if (!best) throw new Error('No line manager in the generated organisation');
  const counts = new Map<string, number>();
  for (const a of absences) counts.set(a.employeeNumber, (counts.get(a.employeeNumber) ?? 0) + 1);
  const person = [...best.line].sort(
    (a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || a.localeCompare(b),
  )[0];
  if (!person) throw new Error('The chosen line manager has nobody in their line');
  return {
    lineManager: { employeeNumber: best.employeeNumber, lineSize: best.line.length },
    person: { employeeNumber: person, absences: counts.get(person) ?? 0 },
  };
}

/**
 * The spacing that gives about this many absences per employee a year from the demo's generator:
 * a person's cycle from one absence to the next is about 9 + 56 × spacing days (measured).
 */
const spacingFor = (absencesPerYear: number) => Math.max(0.1, (365 / absencesPerYear - 9.2) / 55.9);

export function generateOrganisation(
  shape: Shape,
  options: { employees: number; years: number; asOf: string; seed: number },
): BenchOrganisation {
  const size = shape.employees ?? Math.round(options.employees * (shape.share ?? 0));
  const spec = scaledSpec(shape, size);
  const org = buildOrganisation(spec, options.seed, toDayNumber(options.asOf));
  addTurnover(org.people, shape.slug, options.asOf, options.years);
  const holidays = new Set(
    shippedBankHolidays()
      .filter((h) => h.region === org.region)
      .map((h) => h.date),
  );
  const all = demoAbsences(org, options.asOf, holidays, {
    days: Math.round(options.years * 365.25),
    spacing: spacingFor(shape.absencesPerYear),
  });
  const { history, feed } = splitIntoFeeds(all, org.people, options.asOf, shape.slug);
  return {
    slug: shape.slug,
    name: shape.name,
    sector: org.sector,
    region: org.region,
    fullTimeHours: org.fullTimeHours,
    targetDaysPerFte: org.targetDaysPerFte,
    policyModel: org.policyModel,
    people: org.people,
    absences: history,
    peopleFeed: peopleFeed(org.people, shape.slug),
    absenceFeed: feed,
    ...teamToVisit(org.people, all),
  };
}

// ------------------------------------------------------------------------------ CSV files

function csvValue(value: string | number | boolean | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const csvLine = (values: readonly (string | number | boolean | null)[]) =>
  `${values.map(csvValue).join(',')}\n`;

const PEOPLE_HEADER = [
  'employee_number',
  'first_name',
  'last_name',
  'unit',
  'start_date',
  'end_date',
  'email',
  'job_title',
  'staff_group',
  'manager_employee_number',
  'weekly_hours',
  'hours_mon',
  'hours_tue',
  'hours_wed',
  'hours_thu',
  'hours_fri',
  'hours_sat',
  'hours_sun',
  'works_bank_holidays',
  'annual_salary',
];

export function peopleCsv(people: readonly DemoPerson[]): string {
  const lines = [csvLine(PEOPLE_HEADER)];
  for (const p of people) {
    lines.push(
      csvLine([
        p.employeeNumber,
        p.firstName,
        p.lastName,
        p.unitPath.join(' > '),
        p.startDate,
        p.endDate,
        p.email,
        p.jobTitle,
        p.staffGroup,
        p.managerEmployeeNumber,
        p.weeklyHours,
        ...p.hours,
        p.worksBankHolidays,
        p.annualSalary,
      ]),
    );
  }
  return lines.join('');
}

const ABSENCES_HEADER = [
  'employee_number',
  'type',
  'start_date',
  'end_date',
  'reason_code',
  'first_day_hours',
  'notes',
];

export function absencesCsv(rows: readonly AbsenceRow[]): string {
  const lines = [csvLine(ABSENCES_HEADER)];
  for (const a of rows) {
    lines.push(
      csvLine([a.employeeNumber, a.type, a.startDate, a.endDate, a.reasonCode, a.firstDayHours, a.notes]),
    );
  }
  return lines.join('');
}

export interface GeneratedFiles {
  organisation: Omit<BenchOrganisation, 'people' | 'absences' | 'peopleFeed' | 'absenceFeed'>;
  counts: {
    people: number;
    absences: number;
    sickness: number;
    openSickness: number;
    feed: number;
    peopleChanged: number;
  };
  files: { people: string; absences: string; peopleFeed: string; absenceFeed: string };
}

/** Generates every organisation and writes its four CSV files into `directory`. */
export async function writeWorkforce(
  directory: string,
  options: { employees: number; years: number; asOf: string; seed: number },
): Promise<GeneratedFiles[]> {
  await mkdir(directory, { recursive: true });
  const out: GeneratedFiles[] = [];
  for (const shape of SHAPES) {
    const org = generateOrganisation(shape, options);
    const files = {
      people: path.join(directory, `${org.slug}-people.csv`),
      absences: path.join(directory, `${org.slug}-absences.csv`),
      peopleFeed: path.join(directory, `${org.slug}-people-feed.csv`),
      absenceFeed: path.join(directory, `${org.slug}-absences-feed.csv`),
    };
    await writeFile(files.people, peopleCsv(org.people));
    await writeFile(files.absences, absencesCsv(org.absences));
    await writeFile(files.peopleFeed, peopleCsv(org.peopleFeed));
    await writeFile(files.absenceFeed, absencesCsv(org.absenceFeed));
    const { people, absences, peopleFeed: changedPeople, absenceFeed, ...organisation } = org;
    out.push({
      organisation,
      counts: {
        people: people.length,
        absences: absences.length,
        sickness: absences.filter((a) => a.type === 'sickness').length,
        openSickness: absences.filter((a) => a.type === 'sickness' && a.endDate === null).length,
        feed: absenceFeed.length,
        peopleChanged: changedPeople.filter((p, i) => p !== people[i]).length,
      },
      files,
    });
  }
  return out;
}
