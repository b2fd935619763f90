import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  freeSlots,
  londonInstant,
  mayBook,
  mayRecordAttendance,
  minutesOfTime,
  sessionProblems,
  slotStart,
  slotStarts,
  timeWords,
  type SessionInput,
} from './oh-slots.ts';

const session = { startsAt: '09:30', slotMinutes: 45, slots: 4 };

test('slots start one after another from the session’s start', () => {
  assert.deepEqual(slotStarts(session), ['09:30', '10:15', '11:00', '11:45']);
  assert.equal(slotStart(session, 1), '09:30');
  assert.equal(slotStart(session, 4), '11:45');
  assert.equal(slotStart(session, 0), null);
  assert.equal(slotStart(session, 5), null);
  assert.equal(slotStart(session, 1.5), null);
  assert.deepEqual(slotStarts({ startsAt: '23:00', slotMinutes: 20, slots: 3 }), ['23:00', '23:20', '23:40']);
});

test('the free slots are those no appointment holds', () => {
  assert.deepEqual(freeSlots(session, []), [1, 2, 3, 4]);
  assert.deepEqual(freeSlots(session, [2, 4]), [1, 3]);
  assert.deepEqual(freeSlots(session, [1, 2, 3, 4]), []);
});

test('times are real times on the 24-hour clock, said in words', () => {
  assert.equal(minutesOfTime('09:30'), 570);
  assert.equal(minutesOfTime('9:05'), 545);
  assert.equal(minutesOfTime('23:59'), 1439);
  for (const bad of ['24:00', '12:60', '9', '9.30', 'noon', '', '-1:00'])
    assert.equal(minutesOfTime(bad), null, bad);
  assert.equal(timeWords('09:30'), '9:30am');
  assert.equal(timeWords('12:00'), 'midday');
  assert.equal(timeWords('14:00'), '2pm');
});

const good: SessionInput = {
  heldOn: '2026-12-10',
  startsAt: '09:00',
  slotMinutes: '45',
  slots: '6',
  placeKind: 'site',
  place: 'Headquarters, 1 High Street',
};

test('a possible session has no problems', () => {
  assert.deepEqual(sessionProblems(good, '2026-12-07'), []);
  assert.deepEqual(sessionProblems({ ...good, heldOn: '2026-12-07' }, '2026-12-07'), [], 'today');
  assert.deepEqual(sessionProblems({ ...good, placeKind: 'telephone', place: '' }, '2026-12-07'), []);
  assert.deepEqual(
    sessionProblems({ ...good, startsAt: '23:00', slotMinutes: '30', slots: '2' }, '2026-12-07'),
    [],
    'ending at midnight',
  );
});

test('an impossible session lists every problem', () => {
  const fields = (input: Partial<SessionInput>) =>
    sessionProblems({ ...good, ...input }, '2026-12-07').map((p) => p.field);
  assert.deepEqual(fields({ heldOn: '2026-12-06' }), ['heldOn'], 'in the past');
  assert.deepEqual(fields({ heldOn: null }), ['heldOn']);
  assert.deepEqual(fields({ heldOn: '2026-02-30' }), ['heldOn']);
  assert.deepEqual(fields({ startsAt: '25:00' }), ['startsAt']);
  assert.deepEqual(fields({ startsAt: '' }), ['startsAt']);
  assert.deepEqual(fields({ slots: '0' }), ['slots'], 'zero slots');
  assert.deepEqual(fields({ slots: '41' }), ['slots']);
  assert.deepEqual(fields({ slots: '2.5' }), ['slots']);
  assert.deepEqual(fields({ slotMinutes: '0' }), ['slotMinutes']);
  assert.deepEqual(fields({ slotMinutes: '-10' }), ['slotMinutes']);
  assert.deepEqual(fields({ startsAt: '22:00', slotMinutes: '60', slots: '3' }), ['slots'], 'past midnight');
  assert.deepEqual(fields({ placeKind: 'moon' }), ['placeKind']);
  assert.deepEqual(fields({ placeKind: 'site', place: '  ' }), ['place']);
  assert.deepEqual(
    sessionProblems(
      { heldOn: '2020-01-01', startsAt: 'x', slotMinutes: '', slots: '0', placeKind: '', place: '' },
      '2026-12-07',
    ).map((p) => p.field),
    ['heldOn', 'startsAt', 'slotMinutes', 'slots', 'placeKind'],
  );
});

test('attendance is recorded only on or after the appointment’s day; booking only until it', () => {
  assert.equal(mayRecordAttendance('2026-12-07', '2026-12-07'), true);
  assert.equal(mayRecordAttendance('2026-12-01', '2026-12-07'), true);
  assert.equal(mayRecordAttendance('2026-12-08', '2026-12-07'), false);
  assert.equal(mayBook('2026-12-07', '2026-12-07'), true);
  assert.equal(mayBook('2026-12-06', '2026-12-07'), false);
});

test('a UK wall-clock time is the right instant in winter and in summer', () => {
  assert.equal(londonInstant('2026-12-10', '09:00').toISOString(), '2026-12-10T09:00:00.000Z');
  assert.equal(londonInstant('2026-07-01', '09:00').toISOString(), '2026-07-01T08:00:00.000Z');
  assert.equal(
    londonInstant('2026-03-29', '03:00').toISOString(),
    '2026-03-29T02:00:00.000Z',
    'the day the clocks go forward',
  );
  assert.equal(
    londonInstant('2026-10-25', '12:00').toISOString(),
    '2026-10-25T12:00:00.000Z',
    'the day they go back',
  );
});
