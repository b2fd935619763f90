/**
 * The demo partnership, modelled on the seeds: a metropolitan council that leads a wellbeing
 * partnership, an NHS trust, a housing association, a private employer and a police force
 * whose occupational health unit serves the others. About 2,000 people with real reporting
 * lines, working patterns, pay and histories, and a sign-in for each role.
 *
 * Pure and deterministic: the same seed (and date) always gives the same data, drawn from a
 * seeded generator, never from the clock or Math.random. The names are invented.
 */
import { seededRandom, seedFromText, type SeededRandom } from '../../domain/seeded-random.ts';
import { fromDayNumber, isRealDate, toDayNumber } from '../../domain/dates.ts';
import type { Role } from '../../domain/roles.ts';
import {
  FIRST_NAMES,
  LAST_NAMES,
  ORGANISATIONS,
  PARTNERSHIP,
  type AccountSpec,
  type OrganisationSpec,
  type Post,
  type TeamRole,
} from './demo-organisations.ts';

export interface DemoPerson {
  employeeNumber: string;
  firstName: string;
  lastName: string;
  /** Directorate > service > team, at least two levels. */
  unitPath: string[];
  startDate: string;
  endDate: string | null;
  email: string;
  jobTitle: string;
  staffGroup: string;
  managerEmployeeNumber: string | null;
  weeklyHours: number;
  /** Hours worked on each day of the week, Monday first; they add up to `weeklyHours`. */
  hours: [number, number, number, number, number, number, number];
  worksBankHolidays: boolean;
  annualSalary: number | null;
}

export interface DemoAccount {
  email: string;
  password: string;
  displayName: string;
  employeeNumber: string | null;
  roles: Role[];
}

export interface DemoOrganisation {
  slug: string;
  name: string;
  sector: 'local_government' | 'nhs' | 'housing' | 'private' | 'police' | 'voluntary';
  region: 'england-and-wales' | 'scotland' | 'northern-ireland';
  fullTimeHours: number;
  targetDaysPerFte: number;
  onCostRate: number;
  policyModel: 'person_centred' | 'trigger_based';
  /** Units (by path) on another policy than the organisation's, with the units below them. */
  unitPolicies: { path: string; policyModel: 'person_centred' | 'trigger_based' }[];
  isLead: boolean;
  providesOccupationalHealth: boolean;
  agreement: {
    startDate: string;
    endDate: string | null;
    annualContributionGbp: number;
    headcount: number;
    marketingContact: { name: string; email: string; phone: string };
  } | null;
  sites: { name: string; address: string; postcode: string }[];
  people: DemoPerson[];
  accounts: DemoAccount[];
}

export interface DemoPartnership {
  partnership: { name: string; slug: string };
  organisations: DemoOrganisation[];
}

/** The day the demo describes: nobody starts after it, leavers left before it. */
export const DEMO_AS_OF = '2026-11-23';

/** The password of a demo sign-in: memorable, the same every run, and not a common password. */
export function demoPassword(role: Role): string {
  return `wellwork-demo-${role.replace(/_/g, '-')}-2026`;
}

type Week = DemoPerson['hours'];
interface Pattern {
  weeklyHours: number;
  hours: Week;
  worksBankHolidays: boolean;
}

/** Hours in hundredths, so that the days add up to the week exactly. */
function pattern(hundredths: readonly number[], worksBankHolidays: boolean): Pattern {
  const days = [0, 1, 2, 3, 4, 5, 6].map((d) => (hundredths[d] ?? 0) / 100) as Week;
  const total = hundredths.reduce((a, b) => a + b, 0);
  return { weeklyHours: total / 100, hours: days, worksBankHolidays };
}

/** Shares `total` hundredths of an hour as evenly as possible over the given days (0 = Monday). */
function spread(total: number, days: readonly number[]): number[] {
  const week = [0, 0, 0, 0, 0, 0, 0];
  const base = Math.floor(total / days.length);
  days.forEach((day, i) => (week[day] = base + (i < total - base * days.length ? 1 : 0)));
  return week;
}

/** Part-time office weeks in half days (Monday first): 3 days, 4 days, 2 days, 2½ days, mornings. */
const PART_TIME_WEEKS: readonly (readonly number[])[] = [
  [2, 2, 2, 0, 0, 0, 0],
  [0, 0, 2, 2, 2, 0, 0],
  [2, 0, 2, 0, 2, 0, 0],
  [2, 2, 2, 2, 0, 0, 0],
  [0, 2, 2, 2, 2, 0, 0],
  [2, 2, 0, 0, 0, 0, 0],
  [0, 0, 0, 2, 2, 0, 0],
  [1, 1, 1, 1, 1, 0, 0],
  [2, 2, 1, 0, 0, 0, 0],
  [0, 0, 1, 2, 2, 0, 0],
];

function officeWeek(r: SeededRandom, fullTimeHours: number, partTime: number): Pattern {
  const full = Math.round(fullTimeHours * 100);
  if (r.chance(partTime)) {
    const halfDay = Math.round(fullTimeHours * 10);
    return pattern(
      r.pick(PART_TIME_WEEKS).map((halves) => halves * halfDay),
      false,
    );
  }
  // Some full-timers work compressed hours over four days (flexible working, seed 001).
  if (r.chance(0.06)) return pattern(spread(full, r.chance(0.5) ? [0, 1, 2, 3] : [1, 2, 3, 4]), false);
  return pattern(spread(full, [0, 1, 2, 3, 4]), false);
}

/**
 * A seven-day rota of shifts of about `shiftHours` that works bank holidays: a run of
 * consecutive shifts starting on any day, so weekends are covered. Part-timers work fewer
 * shifts or shorter ones.
 */
function rotaWeek(r: SeededRandom, fullTimeHours: number, shiftHours: number, partTime: number): Pattern {
  const shifts = Math.max(1, Math.round(fullTimeHours / shiftHours));
  const first = r.int(0, 6);
  const run = (n: number) => Array.from({ length: n }, (_, i) => (first + i) % 7);
  const full = spread(Math.round(fullTimeHours * 100), run(shifts));
  if (!r.chance(partTime)) return pattern(full, true);
  if (shifts > 1 && r.chance(0.6)) {
    const kept = new Set(run(r.int(1, shifts - 1)));
    return pattern(
      full.map((h, day) => (kept.has(day) ? h : 0)),
      true,
    );
  }
  // Shorter shifts: three fifths of a full one, to the quarter hour, in hundredths.
  const shorter = Math.round((fullTimeHours / shifts) * 0.6 * 4) * 25;
  return pattern(spread(shorter * shifts, run(shifts)), true);
}

interface Context {
  spec: OrganisationSpec;
  r: SeededRandom;
  asOf: number;
  people: DemoPerson[];
  emails: Set<string>;
  nextNumber: number;
}

const TWENTY_YEARS = 20 * 365 + 4;

function startDay(c: Context, kind: 'member' | 'manager'): number {
  const { r } = c;
  if (kind === 'manager') return c.asOf - r.int(2 * 365, TWENTY_YEARS);
  if (r.chance(0.1)) return c.asOf - r.int(0, 364);
  return c.asOf - (365 + Math.floor(Math.pow(r.next(), 1.4) * (TWENTY_YEARS - 365)));
}

/** A point on the post's pay scale, higher with longer service, pro rata to the hours worked. */
function salary(c: Context, post: Post, start: number, weeklyHours: number): number {
  const years = (c.asOf - start) / 365.25;
  const position = Math.min(1, Math.max(0, years / 8 + (c.r.next() - 0.5) * 0.3));
  const point = post.pay[Math.round(position * (post.pay.length - 1))] ?? post.pay[0] ?? 0;
  return Math.round((point * weeklyHours) / c.spec.fullTimeHours);
}

function emailFor(c: Context, firstName: string, lastName: string): string {
  const base = `${firstName}.${lastName}`.toLowerCase().replace(/[^a-z.]/g, '');
  let local = base;
  for (let n = 2; c.emails.has(local); n++) local = `${base}${n}`;
  c.emails.add(local);
  return `${local}@${c.spec.domain}`;
}

function addPerson(
  c: Context,
  post: Post,
  unitPath: readonly string[],
  manager: DemoPerson | null,
  kind: 'member' | 'manager',
  options: { partTime?: number; mayLeave?: boolean } = {},
): DemoPerson {
  const partTime = options.partTime ?? 0;
  const { r, spec } = c;
  c.nextNumber += r.int(1, 7);
  const { prefix, digits } = spec.employeeNumbers;
  const firstName = r.pick(FIRST_NAMES);
  const lastName = r.pick(LAST_NAMES);
  const start = startDay(c, kind);
  const week =
    post.rota === undefined
      ? officeWeek(r, spec.fullTimeHours, partTime)
      : rotaWeek(r, spec.fullTimeHours, post.rota, partTime);
  let end: number | null = null;
  if (kind === 'member' && options.mayLeave !== false && r.chance(0.07)) {
    const earliest = Math.max(start + 30, c.asOf - 3 * 365);
    if (earliest < c.asOf) end = r.int(earliest, c.asOf - 1);
  }
  const person: DemoPerson = {
    employeeNumber: `${prefix}${String(c.nextNumber).padStart(digits, '0')}`,
    firstName,
    lastName,
    unitPath: [...unitPath],
    startDate: fromDayNumber(start),
    endDate: end === null ? null : fromDayNumber(end),
    email: emailFor(c, firstName, lastName),
    jobTitle: post.jobTitle,
    staffGroup: post.staffGroup,
    managerEmployeeNumber: manager?.employeeNumber ?? null,
    ...week,
    annualSalary: kind === 'member' && r.chance(0.02) ? null : salary(c, post, start, week.weeklyHours),
  };
  c.people.push(person);
  return person;
}

/** The items in an order drawn from the generator. */
export function shuffled<T>(r: SeededRandom, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const pathKey = (path: readonly string[]) => path.join(' > ');

/**
 * One organisation of the given shape, its people drawn from the seed as at a day number. The
 * benchmark builds its larger organisations from the demo's shapes with more teams.
 */
export function buildOrganisation(spec: OrganisationSpec, seed: number, asOf: number): DemoOrganisation {
  const c: Context = {
    spec,
    r: seededRandom((seed ^ seedFromText(spec.slug)) >>> 0),
    asOf,
    people: [],
    emails: new Set(),
    nextNumber: spec.employeeNumbers.first,
  };
  const { r } = c;

  const chief = addPerson(c, spec.executive.post, spec.executive.path, null, 'manager');
  for (const support of spec.executive.support) {
    for (let i = 0; i < support.count; i++)
      addPerson(c, support, spec.executive.path, chief, 'member', { partTime: support.partTime });
  }

  // Managers of every unit above the teams: directors, then heads of service and sector.
  const unitManagers = new Map<string, DemoPerson>();
  const managerOf = (path: readonly string[]): DemoPerson => {
    const key = pathKey(path);
    const known = unitManagers.get(key);
    if (known) return known;
    const created =
      path.length === 1
        ? addPerson(c, spec.director(path[0] ?? ''), [...path, spec.leadershipUnit], chief, 'manager')
        : addPerson(c, spec.head(path), path, managerOf(path.slice(0, -1)), 'manager');
    unitManagers.set(key, created);
    return created;
  };

  const leaders = new Map<string, DemoPerson>();
  const supervisors = new Map<string, DemoPerson[]>();
  for (const team of spec.teams) {
    const key = pathKey(team.path);
    const leader = addPerson(c, team.leader, team.path, managerOf(team.path.slice(0, -1)), 'manager');
    leaders.set(key, leader);
    const posts: TeamRole[] = team.roles.flatMap((role) => Array<TeamRole>(role.count).fill(role));
    const supervisorPost = team.supervisor;
    const teamSupervisors = supervisorPost
      ? Array.from({ length: Math.ceil(posts.length / supervisorPost.span) }, () =>
          addPerson(c, supervisorPost, team.path, leader, 'manager'),
        )
      : [];
    supervisors.set(key, teamSupervisors);
    // Every post has someone in it now: the first person in each kind of post has not left.
    const filled = new Set<TeamRole>();
    shuffled(r, posts).forEach((role, i) => {
      const manager = teamSupervisors[i % Math.max(1, teamSupervisors.length)] ?? leader;
      addPerson(c, role, team.path, manager, 'member', {
        partTime: role.partTime,
        mayLeave: filled.has(role),
      });
      filled.add(role);
    });
  }

  const used = new Set<string>();
  const find = (
    where: { team: string; post: AccountSpec['post']; jobTitle?: string },
    lineManager: DemoPerson | null,
    forAccount: boolean,
  ): DemoPerson => {
    const leader = leaders.get(where.team);
    const teamSupervisors = supervisors.get(where.team) ?? [];
    const candidates = (() => {
      switch (where.post) {
        case 'leader':
          return leader ? [leader] : [];
        case 'supervisor':
          return teamSupervisors;
        case 'member':
          return c.people.filter(
            (p) => pathKey(p.unitPath) === where.team && p !== leader && !teamSupervisors.includes(p),
          );
        case 'report':
          return c.people.filter(
            (p) => lineManager !== null && p.managerEmployeeNumber === lineManager.employeeNumber,
          );
      }
    })();
    const found = candidates.find(
      (p) =>
        p.endDate === null &&
        !(forAccount && used.has(p.employeeNumber)) &&
        (where.jobTitle === undefined || p.jobTitle === where.jobTitle),
    );
    if (!found) throw new Error(`The demo ${spec.slug} has nobody for ${where.post} in ${where.team}`);
    return found;
  };

  const accounts: DemoAccount[] = [];
  let lineManager: DemoPerson | null = null;
  for (const account of spec.accounts) {
    const person = find(account, lineManager, true);
    used.add(person.employeeNumber);
    if (account.role === 'line_manager') lineManager = person;
    accounts.push({
      email: `${account.local}@${spec.domain}`,
      password: demoPassword(account.role),
      displayName: `${person.firstName} ${person.lastName}`,
      employeeNumber: person.employeeNumber,
      roles: account.role === 'employee' ? ['employee'] : ['employee', account.role],
    });
  }

  const contact = find(spec.agreement.contact, null, false);
  const activeCount = c.people.filter((p) => p.endDate === null).length;
  return {
    slug: spec.slug,
    name: spec.name,
    sector: spec.sector,
    region: spec.region,
    fullTimeHours: spec.fullTimeHours,
    targetDaysPerFte: spec.targetDaysPerFte,
    onCostRate: spec.onCostRate,
    policyModel: spec.policyModel,
    unitPolicies: [...(spec.unitPolicies ?? [])],
    isLead: spec.isLead,
    providesOccupationalHealth: spec.providesOccupationalHealth,
    agreement: {
      startDate: spec.agreement.startDate,
      endDate: spec.agreement.endDate,
      annualContributionGbp: spec.agreement.annualContributionGbp,
      headcount: Math.round(activeCount / 10) * 10,
      marketingContact: {
        name: `${contact.firstName} ${contact.lastName}`,
        email: contact.email,
        phone: spec.agreement.contact.phone,
      },
    },
    sites: spec.sites.map((site) => ({ ...site })),
    people: c.people,
    accounts,
  };
}

/**
 * The demo partnership for a seed, as at a date (by default {@link DEMO_AS_OF}, so that the
 * same seed always gives the same data; a loader may pass today's date to keep it current).
 */
export function demoPartnership(seed = 20261123, options: { asOf?: string } = {}): DemoPartnership {
  const asOf = options.asOf ?? DEMO_AS_OF;
  if (!isRealDate(asOf)) throw new RangeError(`"${asOf}" is not a real date in the form YYYY-MM-DD`);
  return {
    partnership: { ...PARTNERSHIP },
    organisations: ORGANISATIONS.map((spec) => buildOrganisation(spec, seed, toDayNumber(asOf))),
  };
}
