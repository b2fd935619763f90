/**
 * A manager's reporting line on a date follows each person's terms in force that day: the
 * latest of their spells begun by then. Runs on PGlite, and on PostgreSQL when TEST_DATABASE_URL
 * is set.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { createTestOrganisation, createTestPeople, personRow } from '../../testing/factories.ts';
import { openTestServices } from '../../testing/test-services.ts';
import { peopleRepository } from './people-repository.ts';

const services = await openTestServices();

test('the reporting line on a date follows the terms in force that day', async () => {
  const organisation = await createTestOrganisation(services);
  const head = personRow();
  const ann = personRow({ managerEmployeeNumber: head.employeeNumber });
  const bob = personRow({ managerEmployeeNumber: head.employeeNumber });
  const cat = personRow({ managerEmployeeNumber: ann.employeeNumber, startDate: '2020-04-01' });
  await createTestPeople(services, organisation.id, [head, ann, bob, cat]);
  const scoped = <T>(work: (repository: ReturnType<typeof peopleRepository>) => Promise<T>) =>
    services.database.scoped({ organisationIds: [organisation.id] }, (db) =>
      work(peopleRepository(db, organisation.id)),
    );
  const [headId, annId, bobId, catId] = (
    await scoped((r) => r.byEmployeeNumbers([head, ann, bob, cat].map((p) => p.employeeNumber)))
  )
    .sort((a, b) => a.employeeNumber.localeCompare(b.employeeNumber))
    .map((p) => p.id);
  assert.ok(headId && annId && bobId && catId);

  // Cat moves from Ann to Bob on 1 June 2025, and is to move back to Ann in 2099.
  const moveCat = (from: string, managerId: number) =>
    services.database.system.execute(sql`
      insert into employment_spells (organisation_id, person_id, effective_from, unit_id, manager_person_id,
        staff_group, weekly_hours, hours_mon, hours_tue, hours_wed, hours_thu, hours_fri, hours_sat, hours_sun,
        works_bank_holidays, annual_salary)
      select organisation_id, person_id, ${from}::date, unit_id, ${managerId}, staff_group, weekly_hours,
        hours_mon, hours_tue, hours_wed, hours_thu, hours_fri, hours_sat, hours_sun, works_bank_holidays, annual_salary
      from employment_spells where organisation_id = ${organisation.id} and person_id = ${catId}
      order by effective_from limit 1`);
  await moveCat('2025-06-01', bobId);
  await moveCat('2099-01-01', annId);

  const line = async (managerId: number, onDate: string) =>
    (await scoped((r) => r.reportingLine(managerId, onDate))).map((p) => [p.id, p.depth]);
  const byId = (rows: (number | undefined)[][]) => rows.sort((a, b) => Number(a[0]) - Number(b[0]));

  assert.deepEqual(await line(annId, '2025-05-31'), [[catId, 1]], 'before the move, Cat is Ann’s');
  assert.deepEqual(await line(annId, '2026-11-23'), [], 'after it, not');
  assert.deepEqual(await line(bobId, '2026-11-23'), [[catId, 1]]);
  assert.deepEqual(await line(annId, '2099-01-01'), [[catId, 1]], 'and Ann’s again from 2099');
  assert.deepEqual(
    byId(await line(headId, '2025-05-31')),
    byId([
      [annId, 1],
      [bobId, 1],
      [catId, 2],
    ]),
    'the head’s line reaches down through Ann',
  );
  assert.equal(await scoped((r) => r.isInReportingLine(annId, catId, '2026-11-23')), false);
});
