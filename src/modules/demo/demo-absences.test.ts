import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stringify } from 'csv-stringify/sync';
import { addDays } from '../../domain/dates.ts';
import { fitNoteGap } from '../../domain/fit-notes.ts';
import { shippedBankHolidays } from '../../reference/bank-holidays.ts';
import { parseAbsencesCsv, outsideEmployment } from '../absences/absences-csv.ts';
import { demoAbsences } from './demo-absences.ts';
import { demoPartnership } from './demo-partnership.ts';

const AS_OF = '2026-11-23';
const demo = demoPartnership();

for (const org of demo.organisations) {
  test(`the demo absences of ${org.slug} are a file any organisation could import`, async () => {
    const holidays = new Set(
      shippedBankHolidays()
        .filter((h) => h.region === org.region)
        .map((h) => h.date),
    );
    const rows = demoAbsences(org, AS_OF, holidays);
    assert.ok(rows.length > org.people.length * 5, 'two years of history');
    const csv = stringify(
      rows.map((r) => [
        r.employeeNumber,
        r.type,
        r.startDate,
        r.endDate ?? '',
        r.reasonCode ?? '',
        r.firstDayHours ?? '',
        r.notes ?? '',
      ]),
      {
        header: true,
        columns: [
          'employee_number',
          'type',
          'start_date',
          'end_date',
          'reason_code',
          'first_day_hours',
          'notes',
        ],
      },
    );
    const parsed = await parseAbsencesCsv(csv);
    assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.problems.slice(0, 3)));
    const employment = new Map(
      org.people.map((p) => [p.employeeNumber, { startDate: p.startDate, endDate: p.endDate }]),
    );
    assert.deepEqual(outsideEmployment(parsed.rows, employment), []);
    assert.ok(
      rows.every((r) => r.startDate < AS_OF),
      'nothing starts in the future',
    );
    assert.deepEqual(demoAbsences(org, AS_OF, holidays), rows, 'the same every time');

    const manager = org.accounts.find((a) => a.roles.includes('line_manager') && a.employeeNumber);
    if (manager) {
      const team = new Set(
        org.people
          .filter((p) => p.managerEmployeeNumber === manager.employeeNumber)
          .map((p) => p.employeeNumber),
      );
      const offToday = rows.filter(
        (r) => team.has(r.employeeNumber) && r.type === 'sickness' && r.endDate === null,
      );
      assert.ok(
        offToday.some((r) => r.startDate <= addDays(AS_OF, -8) && r.certificate === null),
        'the demo manager has someone off long enough to need a fit note, with none yet',
      );
    }

    // Every other sickness is certified as the records say: a fit note for every day past the
    // seventh, and one wherever the notes say a fit note was received.
    const sickness = rows.filter((r) => r.type === 'sickness');
    assert.equal(sickness.filter((r) => r.certificate === null).length, manager ? 1 : 0);
    for (const r of sickness) {
      if (r.certificate === null) continue;
      const gap = fitNoteGap(
        { startDate: r.startDate, endDate: r.endDate, fitNote: r.certificate.fitNote },
        AS_OF,
        7,
      );
      assert.equal(gap, null, `${r.employeeNumber} from ${r.startDate}`);
      if (r.notes?.includes('Fit note received')) assert.equal(r.certificate.certification, 'fit_note');
    }
    assert.ok(rows.every((r) => (r.type === 'sickness') === (r.certificate !== null || r.endDate === null)));
  });
}
