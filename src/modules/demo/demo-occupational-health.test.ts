/**
 * The demo's occupational health service as loaded: every case in a state the service's rules
 * allow (the status contract of the OH casework), about people who exist, with their absences as
 * recorded; clinics on working days with no slot booked twice; clinical notes sealed for their
 * note with the OH notes key, and no plain text in the column. One load of the whole demo, on
 * PGlite (or PostgreSQL when TEST_DATABASE_URL is set).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import { addDays, isoWeekday } from '../../domain/dates.ts';
import { today } from '../../domain/today.ts';
import { openTestServices } from '../../testing/test-services.ts';
import { serviceScope } from '../occupational-health/oh-service-scope-queries.ts';
import { demoPartnership } from './demo-partnership.ts';
import { loadDemo } from './load-demo.ts';
import { DEMO_OH_CASES } from './load-demo-occupational-health.ts';
import { noteContext } from '../occupational-health/notes-repository.ts';

const services = await openTestServices();
const summary = await loadDemo(services);
const asOf = today();
const db = services.database.system;
const organisations = await services.organisations.list();
const idOf = (slug: string) => {
  const found = organisations.find((o) => o.slug === slug);
  assert.ok(found, slug);
  return found.id;
};
const police = idOf('fellshire-police');
const rows = <T>(query: string) => queryRows<T>(db, sql.raw(query));
/** The rows a query finds that should not exist, for a message that shows them. */
const none = async (what: string, query: string) => {
  const found = await rows<Record<string, unknown>>(query);
  assert.deepEqual(found, [], `${what}: ${JSON.stringify(found.slice(0, 3))}`);
};

interface Referral {
  id: number;
  organisation_id: number;
  kind: string;
  status: string;
  referrer_relation: string;
  referred_by_user_id: number | null;
  service_asked: string | null;
  consent_given_on: string | null;
  consent_recorded_by: string | null;
  consent_withdrawn_on: string | null;
  referred_on: string | null;
  triaged_on: string | null;
  rejection_reason: string | null;
  priority: string | null;
  service: string | null;
  external_provider: string | null;
  clinician_user_id: number | null;
  closed_on: string | null;
  close_reason: string | null;
}
const referrals = await rows<Referral>(
  `select id, organisation_id, kind, status, referrer_relation, referred_by_user_id, service_asked,
          consent_given_on::text, consent_recorded_by, consent_withdrawn_on::text, referred_on::text,
          triaged_on::text, rejection_reason, priority, service, external_provider, clinician_user_id,
          closed_on::text, close_reason
   from oh_referrals`,
);

test('the police force’s OH service serves itself, the council, the trust and the housing association from about 18 months ago', async () => {
  const clients = await rows<{ provider: number; client: number; from: string; until: string | null }>(
    `select provider_organisation_id as provider, client_organisation_id as client,
            served_from::text as from, served_until::text as until from oh_service_clients`,
  );
  assert.deepEqual(
    clients.map((c) => c.client).sort((a, b) => a - b),
    Object.keys(DEMO_OH_CASES)
      .map(idOf)
      .sort((a, b) => a - b),
  );
  for (const c of clients) {
    assert.equal(c.provider, police);
    assert.equal(c.until, null);
    assert.ok(c.from <= addDays(asOf, -500) && c.from >= addDays(asOf, -580), c.from);
  }
  const scope = await serviceScope(db, police, asOf);
  assert.deepEqual(
    [...(scope?.ohOrganisationIds ?? [])].sort((a, b) => a - b),
    clients.map((c) => c.client).sort((a, b) => a - b),
  );
});

test('clinicians of each profession and an OH admin, all signing in to the police force', async () => {
  const staff = await rows<{ email: string; profession: string | null; roles: string[] }>(
    `select u.email, c.profession, array_agg(g.role order by g.role) as roles
     from users u join role_grants g on g.user_id = u.id and g.organisation_id = ${police}
     left join oh_clinicians c on c.user_id = u.id and c.organisation_id = ${police}
     where g.role in ('oh_clinician', 'oh_admin') group by u.email, c.profession order by u.email`,
  );
  assert.deepEqual(
    staff.map((s) => [s.email, s.profession]),
    [
      ['oh.admin@fellshire-police.example', null],
      ['oh.clinician@fellshire-police.example', 'nurse'],
      ['oh.counsellor@fellshire-police.example', 'counsellor'],
      ['oh.physician@fellshire-police.example', 'physician'],
      ['oh.physio@fellshire-police.example', 'physiotherapist'],
    ],
  );
  const signIns = demoPartnership()
    .organisations.flatMap((o) => o.accounts)
    .filter((a) => a.roles.includes('oh_clinician') || a.roles.includes('oh_admin'));
  for (const account of signIns) assert.match(account.password, /^wellwork-demo-oh-(clinician|admin)-2026$/);
  const settings = await rows<{ days: number }>(
    `select report_review_working_days as days from oh_service_settings where organisation_id = ${police}`,
  );
  assert.deepEqual(settings, [{ days: 2 }]);
});

test('about 250 cases across the four organisations, of both kinds and in every state', () => {
  assert.equal(summary.occupationalHealthCases, referrals.length);
  assert.ok(referrals.length >= 230 && referrals.length <= 270, `${referrals.length} cases`);
  for (const slug of Object.keys(DEMO_OH_CASES)) {
    const mine = referrals.filter((r) => r.organisation_id === idOf(slug));
    assert.ok(mine.length >= (DEMO_OH_CASES[slug] ?? 0) * 0.8, `${slug} has ${mine.length} cases`);
    assert.ok(mine.some((r) => r.kind === 'self') && mine.some((r) => r.kind === 'management'), slug);
  }
  const statuses = new Set(referrals.map((r) => r.status));
  assert.deepEqual([...statuses].sort(), [
    'accepted',
    'closed',
    'draft',
    'rejected',
    'submitted',
    'withdrawn',
  ]);
  for (const status of statuses)
    assert.ok(referrals.filter((r) => r.status === status).length >= 2, `several ${status}`);
  const services_ = new Set(referrals.map((r) => r.service).filter((s) => s !== null));
  assert.deepEqual([...services_].sort(), ['counsellor', 'external', 'nurse', 'physician', 'physio']);
  assert.deepEqual([...new Set(referrals.map((r) => r.priority).filter((p) => p !== null))].sort(), [
    'routine',
    'soon',
    'urgent',
  ]);
});

test('every referral is in a state the status contract allows', () => {
  const working = (d: string | null) => d === null || (isoWeekday(d) <= 5 && d <= asOf);
  for (const r of referrals) {
    const label = `referral ${r.id} (${r.kind}, ${r.status})`;
    for (const d of [r.consent_given_on, r.referred_on, r.triaged_on, r.consent_withdrawn_on, r.closed_on])
      assert.ok(working(d), `${label}: ${d} is a working day no later than today`);
    if (r.kind === 'self') {
      assert.equal(r.referrer_relation, 'self', label);
      assert.ok(r.service_asked === 'physio' || r.service_asked === 'counsellor', label);
      assert.equal(r.consent_recorded_by, 'employee', label);
      assert.ok(r.referred_on !== null && r.consent_given_on === r.referred_on, label);
    } else {
      assert.ok(r.referrer_relation === 'manager' || r.referrer_relation === 'hr', label);
      assert.equal(r.service_asked, null, label);
      if (r.referrer_relation === 'hr') assert.notEqual(r.referred_by_user_id, null, label);
    }
    const consented = r.consent_given_on !== null;
    if (consented) {
      assert.equal(r.referred_on, r.consent_given_on, label);
      assert.ok(r.consent_recorded_by === 'employee' || r.consent_recorded_by === 'referrer', label);
    } else {
      assert.equal(r.referred_on, null, label);
      assert.equal(r.consent_recorded_by, null, label);
    }
    const triaged = r.triaged_on !== null;
    if (triaged) assert.ok(consented && r.triaged_on! >= r.referred_on!, label);
    switch (r.status) {
      case 'draft':
        assert.ok(r.kind === 'management' && !consented && !triaged, label);
        break;
      case 'submitted':
        assert.ok(consented && !triaged && r.consent_withdrawn_on === null, label);
        break;
      case 'withdrawn':
        assert.ok(consented && !triaged && r.consent_withdrawn_on! >= r.referred_on!, label);
        break;
      case 'rejected':
        assert.ok(triaged && r.rejection_reason && r.service === null, label);
        break;
      case 'accepted':
        assert.ok(triaged && r.rejection_reason === null && r.priority && r.service, label);
        assert.equal(r.closed_on, null, label);
        break;
      case 'closed':
        assert.ok(r.closed_on && r.close_reason, label);
        break;
      default:
        assert.fail(label);
    }
    if (r.status !== 'closed') assert.ok(r.closed_on === null && r.close_reason === null, label);
    if (r.service !== null) {
      assert.equal(r.external_provider !== null, r.service === 'external', label);
      assert.equal(r.clinician_user_id === null, r.service === 'external', label);
    }
  }
});

test('each case is about a person of its organisation, as their record reads, with their absences', async () => {
  await none(
    'referrals whose person, job or email differs from the record',
    `select r.id from oh_referrals r left join people p
       on p.organisation_id = r.organisation_id and p.id = r.person_id
     where p.id is null or r.person_name <> p.first_name || ' ' || p.last_name
        or r.job_title <> p.job_title or r.person_email is distinct from p.email`,
  );
  await none(
    'absence history that is not in the absence record',
    `select r.id, h->>'startDate' from oh_referrals r, jsonb_array_elements(r.absence_history) h
     where not exists (select 1 from absences a where a.organisation_id = r.organisation_id
       and a.person_id = r.person_id and a.type = 'sickness' and a.start_date = (h->>'startDate')::date)`,
  );
  const withHistory = referrals.filter((r) => r.kind === 'management').length;
  const histories = await rows<{ n: number }>(
    `select count(*)::int as n from oh_referrals where kind = 'management' and jsonb_array_length(absence_history) > 0`,
  );
  assert.ok((histories[0]?.n ?? 0) > withHistory / 2, 'most management referrals offer absence history');
  await none(
    'referrers who do not hold the role in the organisation',
    `select r.id from oh_referrals r where r.referred_by_user_id is not null and not exists (
       select 1 from role_grants g where g.user_id = r.referred_by_user_id and g.organisation_id = r.organisation_id
       and g.role = case r.referrer_relation when 'manager' then 'line_manager' when 'hr' then 'hr' else 'employee' end)`,
  );
});

test('clinics on working days; appointments in their slots, none booked twice, past ones settled and future ones booked', async () => {
  const sessions = await rows<{ held_on: string; clinician: number; upcoming: boolean }>(
    `select held_on::text, clinician_user_id as clinician, held_on >= '${asOf}' as upcoming from oh_sessions`,
  );
  assert.ok(sessions.every((s) => isoWeekday(s.held_on) <= 5));
  const clinicians = await rows<{ user_id: number }>(`select user_id from oh_clinicians`);
  for (const c of clinicians) {
    assert.ok(
      sessions.some((s) => s.clinician === c.user_id && !s.upcoming),
      'clinics over the year',
    );
    assert.ok(
      sessions.some((s) => s.clinician === c.user_id && s.upcoming),
      'clinics in the coming weeks',
    );
  }
  await none(
    'slots booked twice',
    `select session_id, slot from oh_appointments where status <> 'cancelled'
     group by provider_organisation_id, session_id, slot having count(*) > 1`,
  );
  await none(
    'appointments that do not match their session and slot',
    `select a.id from oh_appointments a join oh_sessions s
       on s.organisation_id = a.provider_organisation_id and s.id = a.session_id
     where a.held_on <> s.held_on or a.clinician_user_id <> s.clinician_user_id or a.slot < 1
        or a.slot > s.slots or a.minutes <> s.slot_minutes or a.place_kind <> s.place_kind
        or a.starts_at <> to_char(s.starts_at::time + (a.slot - 1) * s.slot_minutes * interval '1 minute', 'HH24:MI')`,
  );
  await none(
    'appointments kept or missed in the future, or booked in the past',
    `select id, status, held_on from oh_appointments
     where (status in ('attended', 'did_not_attend') and held_on > '${asOf}')
        or (status = 'booked' and held_on < '${asOf}')`,
  );
  await none(
    'cancellations without when and by whom, or other appointments with them',
    `select id from oh_appointments where (status = 'cancelled') <> (cancelled_at is not null)
       or (status = 'cancelled') <> (cancelled_by is not null)
       or cancelled_by not in ('employee', 'referrer', 'service') or cancelled_at > now()`,
  );
  await none(
    'rebookings that are not a later appointment of the same case in place of a cancelled one',
    `select a.id from oh_appointments a left join oh_appointments b
       on b.organisation_id = a.organisation_id and b.id = a.rebooked_as_id
     where a.rebooked_as_id is not null and (b.id is null or a.status <> 'cancelled'
       or b.referral_id <> a.referral_id or b.created_at < a.created_at)`,
  );
  await none(
    'appointments of cases not accepted (nor closed after), or with another clinician',
    `select a.id from oh_appointments a join oh_referrals r on r.organisation_id = a.organisation_id and r.id = a.referral_id
     where r.status not in ('accepted', 'closed') or a.clinician_user_id <> r.clinician_user_id
        or (a.status = 'booked' and r.status <> 'accepted') or a.held_on < r.triaged_on`,
  );
  const appointments = await rows<{
    status: string;
    cancelled_by: string | null;
    late: boolean | null;
    rebooked: boolean;
  }>(
    `select status, cancelled_by, cancelled_at > (held_on::timestamp - interval '1 day') as late,
            rebooked_as_id is not null as rebooked from oh_appointments`,
  );
  for (const status of ['booked', 'attended', 'did_not_attend', 'cancelled'])
    assert.ok(appointments.filter((a) => a.status === status).length >= 5, `several ${status}`);
  assert.ok(
    appointments.some((a) => a.late === true),
    'some cancelled late',
  );
  assert.ok(
    appointments.some((a) => a.late === false),
    'some cancelled in good time',
  );
  assert.ok(
    appointments.some((a) => a.rebooked),
    'some rebooked',
  );
});

test('reports at every stage, each as the consent rules allow', async () => {
  await none(
    'reports in a state the rules do not allow',
    `select p.id, p.status from oh_reports p join oh_referrals r on r.organisation_id = p.organisation_id and r.id = p.referral_id
     where r.kind <> 'management'
        or not exists (select 1 from oh_appointments a where a.organisation_id = r.organisation_id
                       and a.referral_id = r.id and a.status = 'attended')
        or (p.status = 'draft' and (p.sent_to_employee_on is not null or p.released_on is not null or p.withheld_on is not null))
        or (p.status = 'with_employee' and (not p.employee_sees_first or p.sent_to_employee_on is null
            or p.review_ends_on < '${asOf}' or p.released_on is not null or p.withheld_on is not null))
        or (p.status = 'released' and (p.released_on is null or p.withheld_on is not null
            or (p.employee_sees_first and (p.released_on < p.sent_to_employee_on or p.released_on > p.review_ends_on))))
        or (p.status = 'withheld' and (not p.employee_sees_first or p.withheld_on is null or p.released_on is not null
            or p.withheld_on > p.review_ends_on))
        or p.status not in ('draft', 'with_employee', 'released', 'withheld')
        or (p.adjustments_added_on is not null and (p.status <> 'released' or p.adjustments_added_on < p.released_on))
        or greatest(p.sent_to_employee_on, p.released_on, p.withheld_on, p.adjustments_added_on) > '${asOf}'`,
  );
  await none(
    'corrections that are open on a report not under review, answered without an answer, or corrected without a history',
    `select c.id from oh_report_corrections c join oh_reports p on p.organisation_id = c.organisation_id and p.id = c.report_id
     where (c.status = 'open' and (p.status <> 'with_employee' or c.answer is not null))
        or (c.status in ('corrected', 'declined') and (c.answer is null or c.answered_at is null or c.answered_by_user_id is null))
        or (c.status = 'corrected' and not exists (select 1 from oh_report_versions v
             where v.organisation_id = p.organisation_id and v.report_id = p.id))
        or c.asked_at > now() or c.answered_at > now()`,
  );
  const reports = await rows<{ status: string; n: number }>(
    `select status, count(*)::int as n from oh_reports group by status`,
  );
  for (const status of ['draft', 'with_employee', 'released', 'withheld'])
    assert.ok((reports.find((r) => r.status === status)?.n ?? 0) >= 2, `several ${status}`);
  const corrections = await rows<{ status: string }>(`select status from oh_report_corrections`);
  for (const status of ['open', 'corrected', 'declined'])
    assert.ok(
      corrections.some((c) => c.status === status),
      `a correction ${status}`,
    );
});

test('the demo sign-ins each have a case to show', async () => {
  const demo = demoPartnership();
  const caseOf = async (slug: string, email: string) => {
    const [found] = await rows<{ status: string; kind: string; report: string | null; booked: boolean }>(
      `select r.status, r.kind, p.status as report,
              exists (select 1 from oh_appointments a where a.organisation_id = r.organisation_id
                      and a.referral_id = r.id and a.status = 'booked') as booked
       from oh_referrals r join people pe on pe.organisation_id = r.organisation_id and pe.id = r.person_id
       left join oh_reports p on p.organisation_id = r.organisation_id and p.referral_id = r.id
       where r.organisation_id = ${idOf(slug)} and pe.email = '${email}'`,
    );
    return found;
  };
  const colleague = (slug: string) => {
    const org = demo.organisations.find((o) => o.slug === slug);
    const account = org?.accounts.find((a) => a.roles.length === 1);
    const person = org?.people.find((p) => p.employeeNumber === account?.employeeNumber);
    assert.ok(person, slug);
    return person.email;
  };
  assert.equal((await caseOf('fellshire-police', colleague('fellshire-police')))?.report, 'with_employee');
  assert.equal((await caseOf('merrowby-council', colleague('merrowby-council')))?.status, 'draft');
  const nhs = await caseOf('merrowby-nhs', colleague('merrowby-nhs'));
  assert.ok(nhs?.kind === 'self' && nhs.booked);
  assert.equal((await caseOf('riverside-homes', colleague('riverside-homes')))?.report, 'released');
  // Each demo line manager follows referrals of their team at several stages.
  const managed = await rows<{ email: string; statuses: string[] }>(
    `select u.email, array_agg(distinct r.status order by r.status) as statuses
     from oh_referrals r join users u on u.id = r.referred_by_user_id
     where r.referrer_relation = 'manager' group by u.email`,
  );
  for (const slug of Object.keys(DEMO_OH_CASES)) {
    const manager = demo.organisations
      .find((o) => o.slug === slug)
      ?.accounts.find((a) => a.roles.includes('line_manager'));
    const statuses = managed.find((m) => m.email === manager?.email)?.statuses ?? [];
    assert.ok(statuses.includes('accepted') && statuses.length >= 2, `${slug}: ${statuses.join(', ')}`);
  }
});

test('clinical notes are sealed for their note with the OH notes key, and the column holds no plain text', async () => {
  const notes = await rows<{
    id: number;
    organisation_id: number;
    referral_id: number;
    sealed_text: string;
    key_id: string;
  }>(`select id, organisation_id, referral_id, sealed_text, key_id from oh_notes`);
  assert.ok(notes.length >= 300, `${notes.length} notes`);
  const { sealer, id } = services.ohNotesKey;
  for (const note of notes) {
    assert.equal(note.key_id, id);
    assert.match(note.sealed_text, /^v1\.[\w-]+\.[\w-]+\.[\w-]+$/, 'sealed, not plain text');
    const text = sealer.open(
      note.sealed_text,
      noteContext({ organisationId: note.organisation_id, referralId: note.referral_id, id: note.id }),
    );
    assert.ok(text.length > 40);
    assert.ok(!note.sealed_text.includes(text.slice(0, 12)));
    // Sealed for this note: it does not open as another.
    assert.throws(() =>
      sealer.open(
        note.sealed_text,
        noteContext({ organisationId: note.organisation_id, referralId: note.referral_id, id: note.id + 1 }),
      ),
    );
  }
  // Every value in the column is a sealed value and nothing else (the version, then base64url
  // parts): no words, no spaces. (Looking for words in it would find them by chance in base64.)
  await none(
    'notes in words anyone could read',
    `select id from oh_notes where sealed_text !~ '^v1\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*$'`,
  );
  await none(
    'notes of an appointment not held, addenda to another case, or notes by someone not a clinician',
    `select n.id from oh_notes n
     left join oh_appointments a on a.organisation_id = n.organisation_id and a.id = n.appointment_id
     left join oh_notes m on m.organisation_id = n.organisation_id and m.id = n.addendum_to
     where (n.appointment_id is not null and (a.id is null or a.status not in ('attended', 'did_not_attend')
            or a.referral_id <> n.referral_id))
        or (n.addendum_to is not null and (m.id is null or m.referral_id <> n.referral_id or m.written_at > n.written_at))
        or not exists (select 1 from oh_clinicians c where c.user_id = n.author_user_id)
        or n.written_at > now()`,
  );
  const addenda =
    notes.length -
    (await rows<{ n: number }>(`select count(*)::int as n from oh_notes where addendum_to is null`))[0]!.n;
  assert.ok(addenda >= 10, `${addenda} addenda`);
  // Only the OH service reaches notes: the employee's organisation does not.
  const council = idOf('merrowby-council');
  const seen = await services.database.scoped({ organisationIds: [council] }, (scoped) =>
    queryRows<{ n: number }>(scoped, sql`select count(*)::int as n from oh_notes`),
  );
  assert.equal(seen[0]?.n, 0);
});
