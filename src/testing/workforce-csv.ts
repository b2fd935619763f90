/**
 * A made-up workforce as the CSV files an organisation imports (SPEC §7): people in directorates,
 * services and teams with their managers, and years of their absences, none overlapping. The
 * same seed gives the same files, so a failing test repeats.
 */
import { addDays } from '../domain/dates.ts';

/** A small, fast, seeded pseudo-random generator (mulberry32): numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['Amara', 'Declan', 'Siobhan', 'Gareth', 'Priya', 'Tomasz', 'Fatima', 'Owen', 'Mei', 'Kwame'];
const LAST = [
  'Okafor',
  'Pritchard',
  "O'Connell",
  'Nowak',
  'Shah',
  'Jones',
  'Evans',
  'Chen',
  'Mensah',
  'Reid',
];
const DIRECTORATES = ['Adult Social Care', "Children's Services", 'Place', 'Resources'];
const SERVICES = ['Home Care', 'Assessment', 'Business Support'];
const TEAMS = ['North Team', 'South Team', 'Central Team'];
const REASONS = ['S10', 'S11', 'S12', 'S13', 'S25', 'S28', 'S98'];

export interface Workforce {
  people: string;
  absences: string;
  peopleCount: number;
  absenceCount: number;
}

/** `people` people (numbered from `prefix`0001), with about `absencesEach` absences each. */
export function workforceCsv(options: {
  seed: number;
  people: number;
  absencesEach: number;
  prefix?: string;
}): Workforce {
  const random = seededRandom(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const prefix = options.prefix ?? 'W';
  const number = (i: number) => `${prefix}${String(i).padStart(5, '0')}`;
  const people = [
    'employee_number,first_name,last_name,unit,start_date,weekly_hours,email,job_title,staff_group,manager_employee_number,annual_salary',
  ];
  const absences = ['employee_number,type,start_date,end_date,reason_code,first_day_hours,notes'];
  let absenceCount = 0;
  for (let i = 1; i <= options.people; i += 1) {
    const unit = [pick(DIRECTORATES), pick(SERVICES), pick(TEAMS)].join(' > ');
    const start = `20${String(10 + Math.floor(random() * 12)).padStart(2, '0')}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`;
    const hours = pick([37, 37, 37, 30, 22.5, 18.5]);
    // Everyone after the first ten reports to one of the first ten.
    const manager = i > 10 ? number(1 + Math.floor(random() * 10)) : '';
    const first = pick(FIRST);
    const last = pick(LAST);
    const email = `${first}.${last}.${i}`.toLowerCase().replace(/[^a-z0-9.]/g, '') + '@example.gov.uk';
    const salary = (21_000 + Math.floor(random() * 40_000)).toFixed(2);
    const quotedLast = last.includes("'") ? `"${last}"` : last;
    people.push(
      `${number(i)},${first},${quotedLast},${unit},${start},${hours},${email},Officer,${pick(['Social Care', 'Admin', 'Management'])},${manager},${salary}`,
    );
    let day = addDays('2023-01-02', Math.floor(random() * 30));
    for (let n = 0; n < options.absencesEach; n += 1) {
      const sickness = random() < 0.6;
      const length = sickness ? Math.floor(random() * 8) : 2 + Math.floor(random() * 10);
      const end = addDays(day, length);
      absences.push(
        sickness
          ? `${number(i)},sickness,${day},${end},${pick(REASONS)},,${random() < 0.2 ? '"Phoned in, will update"' : ''}`
          : `${number(i)},annual_leave,${day},${end},,,`,
      );
      absenceCount += 1;
      day = addDays(end, 5 + Math.floor(random() * 60));
    }
  }
  return {
    people: `${people.join('\n')}\n`,
    absences: `${absences.join('\n')}\n`,
    peopleCount: options.people,
    absenceCount,
  };
}
