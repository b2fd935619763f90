import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  datesInWords,
  type RecordedAbsence,
  reinstatedLeaveDays,
  reinstatedLeaveInWords,
  type WorkingTime,
} from './reinstated-leave.ts';

/** England and Wales, 2025. */
const HOLIDAYS = [
  '2025-01-01',
  '2025-04-18',
  '2025-04-21',
  '2025-05-05',
  '2025-05-26',
  '2025-08-25',
  '2025-12-25',
  '2025-12-26',
];

const fullTimer: WorkingTime = {
  startDate: '2020-01-01',
  endDate: null,
  spells: [{ from: '2020-01-01', hours: [7.4, 7.4, 7.4, 7.4, 7.4, 0, 0], worksBankHolidays: false }],
};

function sickness(
  startDate: string,
  endDate: string | null,
  firstDayHours: number | null = null,
): RecordedAbsence {
  return { type: 'sickness', startDate, endDate, firstDayHours };
}

describe('sickness during annual leave', () => {
  const leave: RecordedAbsence = {
    type: 'annual_leave',
    startDate: '2025-08-18',
    endDate: '2025-08-29',
    firstDayHours: null,
  };

  test('gives back the leave days the sickness took', () => {
    // Thu 21 – Tue 26 August: the weekend and the bank holiday were not leave taken.
    assert.deepEqual(
      reinstatedLeaveDays(fullTimer, [leave], [sickness('2025-08-21', '2025-08-26')], HOLIDAYS, '2025-12-31'),
      [
        { date: '2025-08-21', hours: 7.4 },
        { date: '2025-08-22', hours: 7.4 },
        { date: '2025-08-26', hours: 7.4 },
      ],
    );
  });

  test('gives back only the hours lost on a part day, and open sickness runs to the date given', () => {
    assert.deepEqual(
      reinstatedLeaveDays(
        fullTimer,
        [leave],
        [sickness('2025-08-21', '2025-08-21', 4)],
        HOLIDAYS,
        '2025-12-31',
      ),
      [{ date: '2025-08-21', hours: 4 }],
    );
    assert.deepEqual(
      reinstatedLeaveDays(fullTimer, [leave], [sickness('2025-08-28', null)], HOLIDAYS, '2025-08-28'),
      [{ date: '2025-08-28', hours: 7.4 }],
    );
    assert.deepEqual(
      reinstatedLeaveDays(fullTimer, [leave], [sickness('2025-09-01', null)], HOLIDAYS, '2025-12-31'),
      [],
    );
  });

  test('gives back nothing for other kinds of absence', () => {
    const appointment: RecordedAbsence = {
      type: 'medical_appointment',
      startDate: '2025-08-19',
      endDate: '2025-08-19',
      firstDayHours: null,
    };
    assert.deepEqual(reinstatedLeaveDays(fullTimer, [leave], [appointment], HOLIDAYS, '2025-12-31'), []);
  });

  test('follows the terms in force each day, and stops when the person leaves', () => {
    // Monday to Wednesday until 24 August, then Thursday and Friday; gone after the 28th.
    const person: WorkingTime = {
      startDate: '2020-01-01',
      endDate: '2025-08-28',
      spells: [
        { from: '2025-08-25', hours: [0, 0, 0, 7.5, 7.5, 0, 0], worksBankHolidays: false },
        { from: '2020-01-01', hours: [7.5, 7.5, 7.5, 0, 0, 0, 0], worksBankHolidays: false },
      ],
    };
    assert.deepEqual(
      reinstatedLeaveDays(person, [leave], [sickness('2025-08-18', '2025-08-29')], HOLIDAYS, '2025-12-31'),
      [
        { date: '2025-08-18', hours: 7.5 },
        { date: '2025-08-19', hours: 7.5 },
        { date: '2025-08-20', hours: 7.5 },
        { date: '2025-08-28', hours: 7.5 },
      ],
    );
  });

  test('counts a day once when two sicknesses or two leaves cover it', () => {
    const sameWeek: RecordedAbsence = { ...leave, startDate: '2025-08-20', endDate: '2025-08-22' };
    assert.deepEqual(
      reinstatedLeaveDays(
        fullTimer,
        [leave, sameWeek],
        [sickness('2025-08-21', '2025-08-21', 3), sickness('2025-08-22', '2025-08-22')],
        HOLIDAYS,
        '2025-12-31',
      ),
      [
        { date: '2025-08-21', hours: 3 },
        { date: '2025-08-22', hours: 7.4 },
      ],
    );
  });

  test('counts a bank holiday for someone who works bank holidays', () => {
    const works: WorkingTime = {
      ...fullTimer,
      spells: [{ from: '2020-01-01', hours: [7.4, 7.4, 7.4, 7.4, 7.4, 0, 0], worksBankHolidays: true }],
    };
    assert.deepEqual(
      reinstatedLeaveDays(works, [leave], [sickness('2025-08-25', '2025-08-25')], HOLIDAYS, '2025-12-31'),
      [{ date: '2025-08-25', hours: 7.4 }],
    );
  });
});

describe('in words', () => {
  test('say how many working days, and which', () => {
    assert.equal(
      reinstatedLeaveInWords([
        { date: '2025-08-21', hours: 7.4 },
        { date: '2025-08-22', hours: 7.4 },
      ]),
      'Annual leave reinstated: 2 working days (21 and 22 August 2025)',
    );
    assert.equal(
      reinstatedLeaveInWords([{ date: '2025-08-21', hours: 4 }]),
      'Annual leave reinstated: 1 working day (21 August 2025)',
    );
    assert.equal(reinstatedLeaveInWords([]), null);
  });

  test('name a month or a year once where the dates share it', () => {
    assert.equal(datesInWords(['2025-08-26', '2025-08-21', '2025-08-22']), '21, 22 and 26 August 2025');
    assert.equal(datesInWords(['2025-08-29', '2025-09-01']), '29 August and 1 September 2025');
    assert.equal(datesInWords(['2025-12-31', '2026-01-02']), '31 December 2025 and 2 January 2026');
    assert.equal(datesInWords(['2025-08-21']), '21 August 2025');
  });
});
