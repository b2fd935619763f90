import assert from 'node:assert/strict';
import { test } from 'node:test';
import { calendarCellsHtml, teamCalendar } from './absence-views.ts';

test('team calendar: a cell per person per day, marked by the kind of absence', () => {
  const calendar = teamCalendar(
    '2026-02',
    [
      { id: 1, first_name: 'Ada', last_name: 'Byron' },
      { id: 2, first_name: 'Ben', last_name: 'Okri' },
    ],
    [
      { personId: 1, type: 'sickness', startDate: '2026-01-30', endDate: '2026-02-02' },
      { personId: 1, type: 'annual_leave', startDate: '2026-02-27', endDate: null },
      { personId: 2, type: 'other_leave', startDate: '2026-02-10', endDate: '2026-02-10' },
    ] as never,
  );
  assert.equal(calendar.days.length, 28);
  const [ada, ben] = calendar.rows;
  assert.deepEqual(
    ada?.cells.map((c) => c.code || '-').join(''),
    `SS${'-'.repeat(24)}LL`,
    'sick to 2 February, on leave from 27 February with no end',
  );
  assert.equal(ada?.cells.filter((c) => c.code === '').length, 24);
  assert.equal(ben?.cells[9]?.code, 'O');
  const sick =
    '<td class="govuk-table__cell app-calendar__cell app-calendar__cell--S"><abbr title="Sickness">S</abbr></td>';
  const empty = '<td class="govuk-table__cell app-calendar__cell"></td>';
  assert.ok(ada?.cellsHtml.startsWith(sick + sick + empty));
  assert.equal(ada?.cellsHtml.split('<td').length - 1, 28);
});

test('team calendar: labels are escaped in the cells written as HTML', () => {
  assert.equal(
    calendarCellsHtml([
      { code: 'O', label: 'Jury service <& "other">' },
      { code: '', label: null },
    ]),
    '<td class="govuk-table__cell app-calendar__cell app-calendar__cell--O"><abbr title="Jury service &lt;&amp; &quot;other&quot;&gt;">O</abbr></td>' +
      '<td class="govuk-table__cell app-calendar__cell"></td>',
  );
});
