import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { AbsenceType } from '../domain/absence-rules.ts';
import {
  type Absence,
  type Employment,
  type EmploymentSpell,
  episodeLengthDays,
  fte,
  hoursAvailable,
  hoursLost,
  hoursLostOn,
  isLongTerm,
  scheduledHours,
  spellOn,
  type WeekHours,
} from './reference-calendar.ts';
import { addDays, isoWeekday } from '../domain/dates.ts';

/** England and Wales, 2025. */
const HOLIDAYS: ReadonlySet<string> = new Set([
  '2025-01-01',
  '2025-04-18',
  '2025-04-21',
  '2025-05-05',
  '2025-05-26',
  '2025-08-25',
  '2025-12-25',
  '2025-12-26',
]);

const near = (actual: number, expected: number) =>
  assert.ok(Math.abs(actual - expected) < 1e-9, `expected ${expected}, got ${actual}`);

function spell(
  from: string,
  to: string | null,
  hours: WeekHours,
  worksBankHolidays = false,
): EmploymentSpell {
  return {
    from,
    to,
    pattern: { hours, worksBankHolidays },
    weeklyHours: hours.reduce((a, b) => a + b, 0),
  };
}

function employed(
  spells: EmploymentSpell[],
  startDate = '2020-01-01',
  leavingDate: string | null = null,
): Employment {
  return { startDate, leavingDate, spells };
}

const FULL_TIME: WeekHours = [7.4, 7.4, 7.4, 7.4, 7.4, 0, 0];
/** Weekends of 11.5 hours and a Wednesday of 7.5. */
const WEEKENDS: WeekHours = [0, 0, 7.5, 0, 0, 11.5, 11.5];
const MONDAYS: WeekHours = [12, 0, 0, 0, 0, 0, 0];

const fullTimer = employed([spell('2020-01-01', null, FULL_TIME)]);

function sickness(startDate: string, endDate: string | null, firstDayHours: number | null = null): Absence {
  return { type: 'sickness', startDate, endDate, firstDayHours };
}

describe('scheduled hours', () => {
  test('follow the pattern for the weekday, with none on bank holidays', () => {
    assert.equal(scheduledHours(fullTimer, '2025-05-06', HOLIDAYS), 7.4);
    assert.equal(scheduledHours(fullTimer, '2025-05-05', HOLIDAYS), 0, 'Early May bank holiday');
    assert.equal(scheduledHours(fullTimer, '2025-05-10', HOLIDAYS), 0, 'Saturday');
    const weekends = employed([spell('2020-01-01', null, WEEKENDS)]);
    assert.equal(scheduledHours(weekends, '2025-05-10', HOLIDAYS), 11.5);
    assert.equal(scheduledHours(weekends, '2025-05-07', HOLIDAYS), 7.5);
    assert.equal(scheduledHours(weekends, '2025-05-06', HOLIDAYS), 0);
  });

  test('on a bank holiday are the pattern’s when the pattern works bank holidays', () => {
    const works = employed([spell('2020-01-01', null, MONDAYS, true)]);
    const doesNot = employed([spell('2020-01-01', null, MONDAYS, false)]);
    assert.equal(scheduledHours(works, '2025-05-05', HOLIDAYS), 12);
    assert.equal(scheduledHours(doesNot, '2025-05-05', HOLIDAYS), 0);
  });

  test('are none before the start date, after the leaving date or between spells', () => {
    const person = employed(
      [spell('2025-01-01', '2025-02-28', FULL_TIME), spell('2025-04-01', null, [7.5, 7.5, 7.5, 0, 0, 0, 0])],
      '2025-01-06',
      '2025-06-30',
    );
    assert.equal(scheduledHours(person, '2025-01-03', HOLIDAYS), 0, 'before the start date');
    assert.equal(scheduledHours(person, '2025-01-06', HOLIDAYS), 7.4, 'the start date');
    assert.equal(scheduledHours(person, '2025-03-03', HOLIDAYS), 0, 'between spells');
    assert.equal(scheduledHours(person, '2025-04-01', HOLIDAYS), 7.5, 'the new terms');
    assert.equal(scheduledHours(person, '2025-04-03', HOLIDAYS), 0, 'a Thursday on the new terms');
    assert.equal(scheduledHours(person, '2025-06-30', HOLIDAYS), 7.5, 'the leaving date');
    assert.equal(scheduledHours(person, '2025-07-01', HOLIDAYS), 0, 'after the leaving date');
    assert.equal(spellOn(person, '2025-03-03'), null);
  });

  test('refuse spells that overlap and dates that are not dates', () => {
    const overlapping = employed([
      spell('2025-01-01', '2025-03-31', FULL_TIME),
      spell('2025-03-31', null, MONDAYS),
    ]);
    assert.throws(() => scheduledHours(overlapping, '2025-01-06', HOLIDAYS), /overlap/);
    const endless = employed([spell('2025-01-01', null, FULL_TIME), spell('2025-06-01', null, MONDAYS)]);
    assert.throws(() => hoursAvailable(endless, '2025-01-01', '2025-01-31', HOLIDAYS), /overlap/);
    assert.throws(() => scheduledHours(fullTimer, '2025-02-29', HOLIDAYS), RangeError);
  });
});

describe('hours available', () => {
  test('in May 2025, worked by hand', () => {
    // 22 weekdays less two bank holidays (5 and 26 May).
    near(hoursAvailable(fullTimer, '2025-05-01', '2025-05-31', HOLIDAYS), 20 * 7.4);
    // Five Saturdays, four Sundays and four Wednesdays.
    const weekends = employed([spell('2020-01-01', null, WEEKENDS)]);
    near(hoursAvailable(weekends, '2025-05-01', '2025-05-31', HOLIDAYS), 9 * 11.5 + 4 * 7.5);
    // Four Mondays, two of them bank holidays.
    near(
      hoursAvailable(
        employed([spell('2020-01-01', null, MONDAYS, true)]),
        '2025-05-01',
        '2025-05-31',
        HOLIDAYS,
      ),
      48,
    );
    near(
      hoursAvailable(employed([spell('2020-01-01', null, MONDAYS)]), '2025-05-01', '2025-05-31', HOLIDAYS),
      24,
    );
  });

  test('count joiners from their start and leavers to their last day', () => {
    const joiner = employed([spell('2025-05-19', null, FULL_TIME)], '2025-05-19');
    near(hoursAvailable(joiner, '2025-05-01', '2025-05-31', HOLIDAYS), 9 * 7.4);
    const leaver = employed([spell('2020-01-01', null, FULL_TIME)], '2020-01-01', '2025-05-09');
    near(hoursAvailable(leaver, '2025-05-01', '2025-05-31', HOLIDAYS), 6 * 7.4);
    const gone = employed([spell('2020-01-01', null, FULL_TIME)], '2020-01-01', '2025-04-30');
    assert.equal(hoursAvailable(gone, '2025-05-01', '2025-05-31', HOLIDAYS), 0);
  });

  test('follow a change of hours part-way through', () => {
    const person = employed([
      spell('2020-01-01', '2025-05-15', FULL_TIME),
      spell('2025-05-16', null, [7.5, 7.5, 7.5, 0, 0, 0, 0]),
    ]);
    // 1–15 May: 11 weekdays less 5 May at 7.4; 16–31 May: Mon–Wed 19–21, 27–28 (26 May a bank holiday) at 7.5.
    near(hoursAvailable(person, '2025-05-01', '2025-05-31', HOLIDAYS), 10 * 7.4 + 5 * 7.5);
  });

  test('three days of 7.4 hours are 22.2 within the tolerance', () => {
    assert.ok(Math.abs(hoursAvailable(fullTimer, '2025-05-06', '2025-05-08', HOLIDAYS) - 22.2) <= 0.001);
  });
});

describe('hours lost', () => {
  test('to sickness are its scheduled hours', () => {
    // 1, 2, 6, 7, 8 and 9 May; 5 May is a bank holiday.
    near(
      hoursLost(fullTimer, sickness('2025-05-01', '2025-05-09'), '2025-05-01', '2025-05-31', HOLIDAYS),
      6 * 7.4,
    );
    // Clipped to the period.
    near(
      hoursLost(fullTimer, sickness('2025-04-28', '2025-05-02'), '2025-05-01', '2025-05-31', HOLIDAYS),
      2 * 7.4,
    );
  });

  test('on the first day are the hours stated for someone who went home part-way through', () => {
    near(
      hoursLost(fullTimer, sickness('2025-05-01', '2025-05-09', 3.4), '2025-05-01', '2025-05-31', HOLIDAYS),
      3.4 + 5 * 7.4,
    );
    assert.equal(
      hoursLostOn(fullTimer, sickness('2025-05-01', '2025-05-09', 3.4), '2025-05-01', HOLIDAYS),
      3.4,
    );
    // The first day before the period: the stated hours do not matter.
    near(
      hoursLost(fullTimer, sickness('2025-04-30', '2025-05-02', 2), '2025-05-01', '2025-05-31', HOLIDAYS),
      2 * 7.4,
    );
    // Within the tolerance of the scheduled hours counts as the scheduled hours.
    assert.equal(
      hoursLost(
        fullTimer,
        sickness('2025-05-01', '2025-05-01', 7.4004),
        '2025-05-01',
        '2025-05-31',
        HOLIDAYS,
      ),
      7.4,
    );
  });

  test('refuse first-day hours of 0 or more than scheduled', () => {
    const inMay = (absence: Absence) => () =>
      hoursLost(fullTimer, absence, '2025-05-01', '2025-05-31', HOLIDAYS);
    assert.throws(inMay(sickness('2025-05-01', '2025-05-09', 0)), {
      name: 'RangeError',
      message: /more than 0/,
    });
    assert.throws(inMay(sickness('2025-05-01', '2025-05-09', -1)), RangeError);
    assert.throws(inMay(sickness('2025-05-01', '2025-05-09', 7.5)), {
      name: 'RangeError',
      message: /more than the 7.4 hours scheduled on 2025-05-01/,
    });
    assert.throws(
      inMay(sickness('2025-05-03', '2025-05-09', 2)),
      /0 hours scheduled on 2025-05-03/,
      'a Saturday',
    );
    assert.throws(
      inMay(sickness('2025-04-30', '2025-05-02', 9)),
      RangeError,
      'even when the first day is before the period',
    );
    assert.throws(inMay(sickness('2025-05-09', '2025-05-01')), /ends before it starts/);
  });

  test('of an open absence count to the end of the period', () => {
    // 20–23 and 27–30 May; 26 May is a bank holiday.
    near(hoursLost(fullTimer, sickness('2025-05-20', null), '2025-05-01', '2025-05-31', HOLIDAYS), 8 * 7.4);
    near(hoursLost(fullTimer, sickness('2025-05-20', null), '2025-05-01', '2025-05-21', HOLIDAYS), 2 * 7.4);
    assert.equal(hoursLost(fullTimer, sickness('2025-06-02', null), '2025-05-01', '2025-05-31', HOLIDAYS), 0);
  });

  test('by a shift worker include weekends and skip days off', () => {
    const weekends = employed([spell('2020-01-01', null, WEEKENDS)]);
    // Fri 9 – Mon 12 May: Saturday and Sunday.
    near(hoursLost(weekends, sickness('2025-05-09', '2025-05-12'), '2025-05-01', '2025-05-31', HOLIDAYS), 23);
    near(
      hoursLost(weekends, sickness('2025-05-10', '2025-05-12', 4), '2025-05-01', '2025-05-31', HOLIDAYS),
      15.5,
    );
  });

  test('stop when the person leaves', () => {
    const leaver = employed([spell('2020-01-01', null, FULL_TIME)], '2020-01-01', '2025-05-07');
    near(hoursLost(leaver, sickness('2025-05-06', null), '2025-05-01', '2025-05-31', HOLIDAYS), 2 * 7.4);
  });

  test('are none to leave, disability leave or medical appointments', () => {
    for (const type of ['annual_leave', 'disability_leave', 'medical_appointment', 'other_leave'] as const) {
      const absence: Absence = { type, startDate: '2025-05-01', endDate: '2025-05-09', firstDayHours: null };
      assert.equal(hoursLost(fullTimer, absence, '2025-05-01', '2025-05-31', HOLIDAYS), 0, type);
      assert.equal(hoursLostOn(fullTimer, absence, '2025-05-02', HOLIDAYS), 0, type);
    }
  });
});

describe('episodes', () => {
  test('last to their end date, or to the end of the period while open', () => {
    assert.equal(episodeLengthDays(sickness('2025-01-01', '2025-01-01'), '2025-12-31'), 1);
    assert.equal(episodeLengthDays(sickness('2025-01-01', '2025-02-14'), '2025-01-31'), 45);
    assert.equal(episodeLengthDays(sickness('2025-01-01', null), '2025-01-31'), 31);
    assert.equal(episodeLengthDays(sickness('2025-02-01', null), '2025-01-31'), 0);
  });

  test('are long term at 28 calendar days, not 27', () => {
    assert.equal(isLongTerm(sickness('2025-01-01', '2025-01-27'), '2025-12-31'), false);
    assert.equal(isLongTerm(sickness('2025-01-01', '2025-01-28'), '2025-12-31'), true);
    assert.equal(isLongTerm(sickness('2025-01-01', null), '2025-01-27'), false);
    assert.equal(isLongTerm(sickness('2025-01-01', null), '2025-01-28'), true);
    // Across the end of February in a leap year: 15 Feb – 13 Mar 2024 is 28 days.
    assert.equal(isLongTerm(sickness('2024-02-15', '2024-03-13'), '2024-12-31'), true);
    assert.equal(isLongTerm(sickness('2025-02-15', '2025-03-13'), '2025-12-31'), false);
  });
});

test('FTE is weekly hours over full-time hours', () => {
  assert.equal(fte(22.5, 37.5), 0.6);
  assert.equal(fte(37, 37), 1);
  assert.throws(() => fte(37, 0), RangeError);
});

// ------------------------------------------------------------------ against a day-by-day loop

const BASE = '2024-01-01';
const dayArb = fc.integer({ min: 0, max: 800 }).map((n) => addDays(BASE, n));
const hoursArb = fc.oneof(
  fc.constant(0),
  fc.constant(7.4),
  fc.constant(7.5),
  fc.integer({ min: 0, max: 48 }).map((n) => n / 4),
);
const weekHoursArb = fc.tuple(hoursArb, hoursArb, hoursArb, hoursArb, hoursArb, hoursArb, hoursArb);

/** One to three spells, possibly with gaps, possibly open-ended. */
const employmentArb: fc.Arbitrary<Employment> = fc
  .record({
    start: fc.integer({ min: 0, max: 500 }),
    lengths: fc.array(fc.tuple(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 0, max: 30 })), {
      minLength: 1,
      maxLength: 3,
    }),
    openEnded: fc.boolean(),
    patterns: fc.array(fc.tuple(weekHoursArb, fc.boolean()), { minLength: 3, maxLength: 3 }),
    startOffset: fc.integer({ min: 0, max: 40 }),
    leaving: fc.option(fc.integer({ min: 0, max: 900 })),
  })
  .map(({ start, lengths, openEnded, patterns, startOffset, leaving }) => {
    const spells: EmploymentSpell[] = [];
    let cursor = start;
    lengths.forEach(([length, gap], i) => {
      const [hours, works] = patterns[i] ?? patterns[0] ?? [FULL_TIME, false];
      const last = i === lengths.length - 1 && openEnded;
      spells.push(
        spell(addDays(BASE, cursor), last ? null : addDays(BASE, cursor + length - 1), hours, works),
      );
      cursor += length + gap;
    });
    const startDate = addDays(BASE, start + startOffset);
    const leavingDate = leaving === null ? null : addDays(BASE, Math.max(start + startOffset, leaving));
    return { startDate, leavingDate, spells };
  });

const holidaysArb = fc.uniqueArray(dayArb, { maxLength: 60 }).map((days) => new Set(days));

const periodArb = fc
  .tuple(dayArb, dayArb)
  .map(([a, b]) => (a <= b ? { from: a, to: b } : { from: b, to: a }));

/** Scheduled hours worked out from nothing but the definition. */
function naiveScheduled(employment: Employment, date: string, holidays: ReadonlySet<string>): number {
  if (date < employment.startDate) return 0;
  if (employment.leavingDate !== null && date > employment.leavingDate) return 0;
  const terms = employment.spells.find((s) => s.from <= date && (s.to === null || date <= s.to));
  if (!terms) return 0;
  if (holidays.has(date) && !terms.pattern.worksBankHolidays) return 0;
  return terms.pattern.hours[isoWeekday(date) - 1] ?? 0;
}

function* days(from: string, to: string) {
  for (let d = from; d <= to; d = addDays(d, 1)) yield d;
}

test('hours available equal the sum of scheduled hours day by day', () => {
  fc.assert(
    fc.property(employmentArb, holidaysArb, periodArb, (employment, holidays, { from, to }) => {
      let expected = 0;
      for (const d of days(from, to)) expected += naiveScheduled(employment, d, holidays);
      const actual = hoursAvailable(employment, from, to, holidays);
      assert.ok(Math.abs(actual - expected) < 1e-6, `${actual} ≠ ${expected}`);
      for (const d of [from, to, ...holidays]) {
        const expectedOn = naiveScheduled(employment, d, holidays);
        assert.equal(scheduledHours(employment, d, holidays), expectedOn);
        assert.ok(Math.abs(hoursAvailable(employment, d, d, holidays) - expectedOn) < 1e-9, `on ${d}`);
      }
    }),
    { numRuns: 300 },
  );
});

const ABSENCE_TYPES: AbsenceType[] = [
  'sickness',
  'sickness',
  'sickness',
  'annual_leave',
  'disability_leave',
  'medical_appointment',
];

test('hours lost equal the sum of hours lost day by day', () => {
  fc.assert(
    fc.property(
      employmentArb,
      holidaysArb,
      periodArb,
      dayArb,
      fc.option(fc.integer({ min: 0, max: 120 })),
      fc.constantFrom(...ABSENCE_TYPES),
      fc.option(fc.integer({ min: 1, max: 100 }).map((n) => n / 100)),
      (employment, holidays, { from, to }, startDate, length, type, share) => {
        const endDate = length === null ? null : addDays(startDate, length);
        const firstScheduled = naiveScheduled(employment, startDate, holidays);
        // A share of the first day's hours where there are any to share.
        const firstDayHours = share !== null && firstScheduled > 0 ? firstScheduled * share : null;
        const absence: Absence = { type, startDate, endDate, firstDayHours };
        let expected = 0;
        if (type === 'sickness') {
          for (const d of days(from, to)) {
            if (d < startDate || (endDate !== null && d > endDate)) continue;
            expected +=
              d === startDate && firstDayHours !== null
                ? firstDayHours
                : naiveScheduled(employment, d, holidays);
          }
        }
        const actual = hoursLost(employment, absence, from, to, holidays);
        assert.ok(Math.abs(actual - expected) < 1e-6, `${actual} ≠ ${expected}`);
        let dayByDay = 0;
        for (const d of days(from, to)) dayByDay += hoursLostOn(employment, absence, d, holidays);
        assert.ok(Math.abs(dayByDay - expected) < 1e-6, `${dayByDay} ≠ ${expected}`);
      },
    ),
    { numRuns: 300 },
  );
});
