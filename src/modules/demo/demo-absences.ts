/**
 * Two years of believable absence for a demo organisation: short sickness through the winter,
 * some long-term sickness (stress and musculoskeletal problems mostly), annual leave, medical
 * appointments, a little disability leave, sickness that fell within annual leave, and — for the
 * demo line manager's team — someone off today whose fit note is due and someone just back.
 * Everything falls within employment and nothing overlaps but sickness within annual leave, so
 * the file imports as any organisation's would.
 */
import { seededRandom, seedFromText, type SeededRandom } from '../../domain/seeded-random.ts';
import { addDays, daysInclusive } from '../../domain/dates.ts';
import { ruleOn, SELF_CERTIFICATION_DAYS } from '../../reference/statutory-rules.ts';
import type { AbsenceRow } from '../absences/absences-csv.ts';
import type { DemoOrganisation, DemoPerson } from './demo-partnership.ts';

/** Sickness reasons with weights roughly as NHS and council absence falls. */
const REASONS: readonly (readonly [string, number])[] = [
  ['S10', 24],
  ['S13', 18],
  ['S12', 10],
  ['S25', 10],
  ['S11', 7],
  ['S98', 6],
  ['S16', 4],
  ['S15', 4],
  ['S28', 4],
  ['S21', 3],
  ['S26', 3],
  ['S19', 2],
  ['S17', 2],
  ['S22', 1],
  ['S99', 2],
];
/** Reasons behind most long spells. */
const LONG_TERM_REASONS = ['S10', 'S10', 'S10', 'S12', 'S11', 'S28', 'S17', 'S19'];

function weighted(r: SeededRandom): string {
  const total = REASONS.reduce((sum, [, w]) => sum + w, 0);
  let pick = r.next() * total;
  for (const [code, weight] of REASONS) {
    pick -= weight;
    if (pick < 0) return code;
  }
  return 'S99';
}

/** 0 = Monday … 6 = Sunday. */
const weekday = (date: string) => (new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7;

interface Span {
  type: AbsenceRow['type'];
  startDate: string;
  endDate: string | null;
  reasonCode: string | null;
  firstDayHours: number | null;
  notes: string | null;
}

/** How a demo sickness was certified: recorded after the import, which has no columns for it. */
export interface DemoCertificate {
  certification: 'self' | 'fit_note';
  fitNote: { from: string; to: string; mayBeFit: boolean; advice: string[] } | null;
}

/** A demo absence: a row of the absences file, and for sickness how it was certified. */
export type DemoAbsence = AbsenceRow & { certificate: DemoCertificate | null };

/**
 * How a sickness was certified, as any manager would have recorded it: self-certified when it
 * lasted no longer than the self-certification period, else a fit note from the day after that
 * period to the last day off (or, while the person is still off, to a day some weeks ahead).
 * Long spells end with a phased return now and then.
 */
function certificateOf(
  r: SeededRandom,
  span: Span,
  asOf: string,
  selfCertificationDays: number,
): DemoCertificate | null {
  if (span.type !== 'sickness') return null;
  const days = daysInclusive(span.startDate, span.endDate ?? asOf);
  if (days <= selfCertificationDays) return { certification: 'self', fitNote: null };
  const phased = days >= 28 && r.chance(0.3);
  return {
    certification: 'fit_note',
    fitNote: {
      from: addDays(span.startDate, selfCertificationDays),
      to: span.endDate ?? addDays(asOf, r.int(7, 28)),
      mayBeFit: phased,
      advice: phased ? ['phased_return'] : [],
    },
  };
}

/** The next day on or after `date` that the person is scheduled to work. */
function nextWorkingDay(person: DemoPerson, date: string, holidays: ReadonlySet<string>): string {
  let day = date;
  for (let i = 0; i < 14; i++) {
    const hours = person.hours[weekday(day)] ?? 0;
    if (hours > 0 && (person.worksBankHolidays || !holidays.has(day))) return day;
    day = addDays(day, 1);
  }
  return date;
}

function personHistory(
  r: SeededRandom,
  person: DemoPerson,
  from: string,
  asOf: string,
  holidays: ReadonlySet<string>,
  spacing: number,
): Span[] {
  const spans: Span[] = [];
  const first = person.startDate > from ? person.startDate : from;
  const last = person.endDate && person.endDate < asOf ? person.endDate : addDays(asOf, -1);
  if (first > last) return spans;
  // A few people have much more sickness than most, as in any workforce.
  const proneness = r.chance(0.1) ? 2.5 : r.chance(0.3) ? 0.3 : 1;
  let day = addDays(first, r.int(0, 40));
  while (day <= last) {
    const roll = r.next();
    let span: Span;
    if (roll < 0.22 * proneness) {
      const start = nextWorkingDay(person, day, holidays);
      const long = r.chance(0.035);
      const length = long ? r.int(28, 90) : r.chance(0.6) ? r.int(0, 2) : r.int(3, 12);
      const month = Number(start.slice(5, 7));
      const winter = month >= 11 || month <= 2;
      const reasonCode = long ? r.pick(LONG_TERM_REASONS) : winter && r.chance(0.35) ? 'S13' : weighted(r);
      const dayHours = person.hours[weekday(start)] ?? 0;
      const wentHome = !long && dayHours >= 4 && r.chance(0.06);
      span = {
        type: 'sickness',
        startDate: start,
        endDate: addDays(start, length),
        reasonCode,
        firstDayHours: wentHome ? Math.round((dayHours / 2) * 100) / 100 : null,
        notes: long ? 'Fit note received; referred to occupational health' : null,
      };
    } else if (roll < 0.75) {
      const length = r.chance(0.3) ? r.int(7, 13) : r.int(1, 4);
      span = {
        type: 'annual_leave',
        startDate: day,
        endDate: addDays(day, length),
        reasonCode: null,
        firstDayHours: null,
        notes: null,
      };
    } else if (roll < 0.9) {
      span = {
        type: 'medical_appointment',
        startDate: nextWorkingDay(person, day, holidays),
        endDate: null,
        reasonCode: null,
        firstDayHours: null,
        notes: null,
      };
      span.endDate = span.startDate;
    } else if (roll < 0.93) {
      span = {
        type: 'disability_leave',
        startDate: day,
        endDate: addDays(day, r.int(0, 4)),
        reasonCode: null,
        firstDayHours: null,
        notes: 'Agreed disability leave for treatment',
      };
    } else {
      span = {
        type: 'other_leave',
        startDate: day,
        endDate: day,
        reasonCode: null,
        firstDayHours: null,
        notes: r.pick(['Jury service', 'Compassionate leave', 'Dependants leave', 'Training day']),
      };
    }
    if (span.startDate > last) break;
    if (span.endDate && span.endDate > last) span.endDate = last;
    // A long spell cut short by the end of the history is self-certified: it has no fit note.
    if (span.type === 'sickness' && span.endDate && daysInclusive(span.startDate, span.endDate) <= 7) {
      span.notes = null;
    }
    spans.push(span);
    // Now and then sickness strikes during annual leave: it stands, and the leave is given back.
    if (span.type === 'annual_leave' && span.endDate && daysInclusive(span.startDate, span.endDate) >= 5) {
      if (r.chance(0.08)) {
        const sickFrom = addDays(span.startDate, 2);
        spans.push({
          type: 'sickness',
          startDate: sickFrom,
          endDate: addDays(sickFrom, 1),
          reasonCode: r.pick(['S13', 'S25', 'S16']),
          firstDayHours: null,
          notes: 'Sick during annual leave; leave reinstated',
        });
      }
    }
    const end = span.endDate ?? span.startDate;
    day = addDays(end, Math.max(1, Math.round((r.int(10, 75) * spacing) / Math.max(proneness, 0.5))));
  }
  return spans;
}

/**
 * The demo organisation's absences as CSV rows would give them. `asOf` is the day the demo is
 * loaded: history runs for two years (or `days`) up to the day before, and a few sicknesses are
 * still open. `spacing` stretches the gaps between one absence and the next (2 gives about half
 * as many absences); the benchmark uses both to generate years of history at its own density.
 */
export function demoAbsences(
  org: DemoOrganisation,
  asOf: string,
  bankHolidays: ReadonlySet<string>,
  options: { days?: number; spacing?: number } = {},
): DemoAbsence[] {
  const r = seededRandom(seedFromText(`absences:${org.slug}`));
  const from = addDays(asOf, -(options.days ?? 730));
  const spacing = options.spacing ?? 1;
  const byPerson = new Map<string, Span[]>();
  for (const person of org.people)
    byPerson.set(person.employeeNumber, personHistory(r, person, from, asOf, bankHolidays, spacing));

  // The demo line manager's team: one person off sick for ten days now with no fit note yet,
  // another back at work today after three days off.
  const manager = org.accounts.find((a) => a.roles.includes('line_manager') && a.employeeNumber);
  const team = org.people.filter(
    (p) =>
      p.managerEmployeeNumber === manager?.employeeNumber &&
      p.endDate === null &&
      p.startDate < addDays(asOf, -60),
  );
  const clearFrom = (employeeNumber: string, day: string) =>
    byPerson.set(
      employeeNumber,
      (byPerson.get(employeeNumber) ?? []).filter((s) => (s.endDate ?? s.startDate) < day),
    );
  const [offSick, justBack] = team;
  if (offSick) {
    clearFrom(offSick.employeeNumber, addDays(asOf, -12));
    byPerson.get(offSick.employeeNumber)?.push({
      type: 'sickness',
      startDate: addDays(asOf, -10),
      endDate: null,
      reasonCode: 'S12',
      firstDayHours: null,
      notes: 'Knee injury outside work; self-certified for the first week, fit note to follow',
    });
  }
  if (justBack) {
    clearFrom(justBack.employeeNumber, addDays(asOf, -6));
    byPerson.get(justBack.employeeNumber)?.push({
      type: 'sickness',
      startDate: addDays(asOf, -4),
      endDate: addDays(asOf, -1),
      reasonCode: 'S13',
      firstDayHours: null,
      notes: null,
    });
  }
  // Across the organisation a handful more are off sick today, some long term.
  let open = 0;
  for (const person of org.people) {
    if (open >= Math.max(3, Math.round(org.people.length / 60))) break;
    if (person === offSick || person === justBack || person.endDate !== null) continue;
    if (r.chance(0.97)) continue;
    const start = addDays(asOf, -r.int(1, 60));
    if (start < person.startDate) continue;
    clearFrom(person.employeeNumber, addDays(start, -1));
    byPerson.get(person.employeeNumber)?.push({
      type: 'sickness',
      startDate: start,
      endDate: null,
      reasonCode: r.pick(LONG_TERM_REASONS),
      firstDayHours: null,
      notes: null,
    });
    open += 1;
  }

  // Certified as the self-certification period in force says; the manager's person off sick
  // for ten days has no fit note yet, which is what their home page asks for.
  const certifying = seededRandom(seedFromText(`certificates:${org.slug}`));
  const selfCertificationDays = ruleOn(SELF_CERTIFICATION_DAYS, asOf);
  const rows: DemoAbsence[] = [];
  for (const person of org.people) {
    for (const span of byPerson.get(person.employeeNumber) ?? []) {
      const unrecorded = person === offSick && span.endDate === null;
      rows.push({
        row: rows.length + 2,
        employeeNumber: person.employeeNumber,
        ...span,
        certificate: unrecorded ? null : certificateOf(certifying, span, asOf, selfCertificationDays),
      });
    }
  }
  return rows;
}
