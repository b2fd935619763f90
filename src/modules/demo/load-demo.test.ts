/**
 * The demo as loaded looks like a real organisation mid-year, and what it says is recorded:
 * fit notes where its notes say one was received, most welcome-back reviews held on time and
 * only a handful overdue, attendance cases at formal stages, and a policy comparison with
 * figures on both sides. One load of the whole demo, on PGlite (or PostgreSQL when
 * TEST_DATABASE_URL is set).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import { rollingTwelveMonths } from '../../domain/scorecard.ts';
import { today } from '../../domain/today.ts';
import { ruleOn, SELF_CERTIFICATION_DAYS } from '../../reference/statutory-rules.ts';
import { openTestServices } from '../../testing/test-services.ts';
import { fitNotesNeeded } from '../absences/absence-service.ts';
import { policyComparisonFigures } from '../management-information/policy-comparison.ts';
import { welcomeBackReviewsRepository } from '../welcome-back-reviews/welcome-back-reviews-repository.ts';
import { demoPartnership } from './demo-partnership.ts';
import { loadDemo } from './load-demo.ts';

const services = await openTestServices();
await loadDemo(services);
const date = today();
const organisations = await services.organisations.list();

for (const spec of demoPartnership().organisations) {
  const organisation = organisations.find((o) => o.slug === spec.slug)!;
  const inOrganisation = <T>(work: Parameters<typeof services.database.scoped<T>>[1]) =>
    services.database.scoped({ organisationIds: [organisation.id] }, work);

  test(`${spec.slug}: fit notes are recorded where the records say so; one is still awaited`, async () => {
    const { everyone, unrecorded, sickness } = await inOrganisation(async (db) => ({
      everyone: await queryRows<{ id: number }>(
        db,
        sql`select id from people where organisation_id = ${organisation.id}`,
      ),
      unrecorded: await queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from absences where organisation_id = ${organisation.id}
            and notes ilike '%fit note received%' and certification is distinct from 'fit_note'`,
      ),
      sickness: await queryRows<{ certification: string | null; n: number }>(
        db,
        sql`select certification, count(*)::int as n from absences
            where organisation_id = ${organisation.id} and type = 'sickness' group by certification`,
      ),
    }));
    assert.equal(unrecorded[0]?.n, 0, 'every “fit note received” has its fit note recorded');
    assert.deepEqual(
      sickness.filter((s) => s.certification === null).map((s) => s.n),
      [1],
      'every sickness is certified but the one whose fit note is awaited',
    );
    const needed = await inOrganisation((db) =>
      fitNotesNeeded(
        db,
        organisation.id,
        everyone.map((p) => p.id),
        date,
        ruleOn(SELF_CERTIFICATION_DAYS, date),
      ),
    );
    assert.equal(needed.length, spec.accounts.some((a) => a.roles.includes('line_manager')) ? 1 : 0);
    assert.ok(
      needed.every((f) => f.end_date === null && f.days <= 14),
      'only the person off sick now',
    );
  });

  test(`${spec.slug}: most welcome-back reviews are held on time and a handful are overdue`, async () => {
    const { overdue, counts } = await inOrganisation(async (db) => ({
      overdue: await welcomeBackReviewsRepository(db, organisation.id).overdueCount(date),
      counts: await queryRows<{ due: number; on_time: number; held: number }>(
        db,
        sql`select count(*)::int as due,
                   (count(*) filter (where held_on <= due_date))::int as on_time,
                   (count(*) filter (where held_on is not null))::int as held
            from welcome_back_reviews where organisation_id = ${organisation.id} and due_date < ${date}::date`,
      ),
    }));
    assert.ok(overdue >= 1 && overdue <= 10, `${overdue} overdue`);
    const { due = 0, on_time = 0, held = 0 } = counts[0] ?? {};
    assert.ok(due > 100, `${due} reviews due over the year`);
    assert.ok(on_time / due > 0.8, `${on_time} of ${due} held on time`);
    assert.ok(held > on_time, 'a few held late');
  });

  test(`${spec.slug}: attendance cases at informal and formal stages, open and closed`, async () => {
    const stages = await inOrganisation((db) =>
      queryRows<{ stage: string; held: boolean; closed: boolean }>(
        db,
        sql`select m.stage, m.held_on is not null as held, c.closed_on is not null as closed
            from stage_meetings m join attendance_cases c on c.organisation_id = m.organisation_id and c.id = m.case_id
            where m.organisation_id = ${organisation.id}`,
      ),
    );
    assert.ok(stages.some((m) => m.stage === 'informal' && m.held));
    assert.ok(
      stages.some((m) => m.stage === 'first_formal' && m.held),
      'a first formal meeting held',
    );
    assert.ok(
      stages.some((m) => m.stage === 'second_formal' && m.held),
      'a second formal meeting held',
    );
    assert.ok(
      stages.some((m) => m.closed),
      'a case closed',
    );
    assert.ok(
      stages.some((m) => !m.held && !m.closed),
      'a meeting to come',
    );
  });

  test(`${spec.slug}: invitations give a time and place; records name who attended`, async () => {
    const { letters, records } = await inOrganisation(async (db) => ({
      letters: await queryRows<{ body: string; meeting_time: string | null; meeting_place: string | null }>(
        db,
        sql`select body, meeting_time, meeting_place from letters
            where organisation_id = ${organisation.id} and kind = 'invitation'`,
      ),
      records: await queryRows<{ attendees: string }>(
        db,
        sql`select attendees from stage_meetings where organisation_id = ${organisation.id} and held_on is not null`,
      ),
    }));
    assert.ok(letters.length > 0);
    for (const letter of letters) {
      assert.ok(letter.meeting_time && letter.meeting_place, 'the time and place are kept');
      assert.match(letter.body, /\nTime: \d{1,2}(:\d{2})?(am|pm)\n/);
      assert.doesNotMatch(letter.body, /not recorded/);
    }
    assert.ok(records.length > 0);
    for (const { attendees } of records) {
      assert.match(attendees, /^[A-Z][a-z’'-]+ [A-Z][A-Za-z’'-]+ \(line manager\), /, attendees);
    }
  });
}

test('the council’s policy comparison has figures on both sides', async () => {
  const council = organisations.find((o) => o.slug === 'merrowby-council')!;
  const figures = await policyComparisonFigures(services.database, council, {
    period: rollingTwelveMonths(date),
    unitPath: null,
  });
  assert.deepEqual(figures.inUse, ['person_centred', 'trigger_based']);
  for (const group of figures.groups) {
    assert.ok(group.headcount > 50, `${group.policy}: ${group.headcount} people`);
    assert.ok(group.row.fteDaysLost > 0, `${group.policy}: days lost`);
    assert.ok(group.formalStages > 0, `${group.policy}: formal stages started`);
    assert.ok(group.reviewsDue > 50, `${group.policy}: ${group.reviewsDue} reviews due`);
    assert.ok(group.reviewsOnTime / group.reviewsDue > 0.8, `${group.policy}: reviews held on time`);
  }
});
