/**
 * The OH service's sessions and appointments through HTTP: adding sessions, booking an accepted
 * case into a free slot (two bookings of one slot at the same moment: exactly one wins), moving,
 * cancelling and recording attendance, the employee's email with its calendar file, the clinic
 * list, and what each viewer of a referral sees of its appointments. Runs on PGlite, and on
 * PostgreSQL when TEST_DATABASE_URL is set.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyRequest } from 'fastify';
import { and, eq } from 'drizzle-orm';
import { addDays } from '../../domain/dates.ts';
import { ukDate } from '../../domain/date-words.ts';
import { today } from '../../domain/today.ts';
import { createViewEnvironment } from '../../web/nunjucks.ts';
import { HttpSession } from '../../testing/browser-session.ts';
import { assertEmail } from '../../testing/email-checks.ts';
import { createTestAccount, createTestOrganisation, dateFields } from '../../testing/factories.ts';
import { openTestApp } from '../../testing/test-services.ts';
import type { Viewer } from './case-sections.ts';
import { appointmentsSection } from './appointments-section.ts';
import { SLOT_TAKEN } from './appointment-pages.ts';
import {
  ohAppointments,
  ohClinicians,
  ohReferrals,
  ohServiceClients,
  ohSessions,
} from './occupational-health-schema.ts';
import { ohPaths } from './occupational-health-paths.ts';

const { app, services } = await openTestApp();
const system = services.database.system;

/** What the employee's email must not say: the reason, the service, the clinician. */
const CLINICAL = /back pain|lifting|physician|oh clinician|nurse/i;

async function setUp() {
  const provider = await createTestOrganisation(services, { name: `Northshire Police ${Math.random()}` });
  const client = await createTestOrganisation(services, { name: `Northshire Council ${Math.random()}` });
  await system.insert(ohServiceClients).values([
    { providerOrganisationId: provider.id, clientOrganisationId: provider.id, servedFrom: '2026-01-01' },
    { providerOrganisationId: provider.id, clientOrganisationId: client.id, servedFrom: '2026-01-01' },
  ]);
  const admin = await createTestAccount(services, provider.id, ['oh_admin']);
  const grey = await createTestAccount(services, provider.id, ['oh_clinician']);
  const khan = await createTestAccount(services, provider.id, ['oh_clinician']);
  await system.insert(ohClinicians).values([
    { organisationId: provider.id, userId: grey.id, profession: 'physician' },
    { organisationId: provider.id, userId: khan.id, profession: 'nurse' },
  ]);
  const referral = async (
    name: string,
    email: string | null = `${name.split(' ')[0]?.toLowerCase()}@council.example`,
  ) => {
    const [row] = await system
      .insert(ohReferrals)
      .values({
        organisationId: client.id,
        providerOrganisationId: provider.id,
        personId: 1,
        kind: 'management',
        referrerRelation: 'manager',
        personName: name,
        jobTitle: 'Refuse collector',
        personEmail: email,
        reason: 'Back pain affecting lifting',
        status: 'accepted',
        consentGivenOn: '2026-11-01',
        consentRecordedBy: 'employee',
        referredOn: '2026-11-01',
        triagedOn: '2026-11-02',
        priority: 'routine',
        service: 'physician',
      })
      .returning();
    assert.ok(row);
    return row;
  };
  const adminSession = await new HttpSession(app).signIn(admin.email, admin.password);
  const greySession = await new HttpSession(app).signIn(grey.email, grey.password);
  return { provider, client, admin, grey, khan, referral, adminSession, greySession };
}

type World = Awaited<ReturnType<typeof setUp>>;

async function addSession(
  w: World,
  session: HttpSession,
  clinicianId: number,
  heldOn: string,
  fields: Record<string, string> = {},
) {
  await session.get(ohPaths.service.newSession.build({ org: w.provider.slug }));
  return session.post(ohPaths.service.newSession.build({ org: w.provider.slug }), {
    clinician: String(clinicianId),
    ...dateFields('heldOn', heldOn),
    startsAt: '09:00',
    slotMinutes: '45',
    slots: '4',
    placeKind: 'site',
    place: 'Police Headquarters, 1 Castle Street',
    ...fields,
  });
}

async function sessionsOf(w: World, clinicianId: number) {
  return system
    .select()
    .from(ohSessions)
    .where(and(eq(ohSessions.organisationId, w.provider.id), eq(ohSessions.clinicianUserId, clinicianId)))
    .orderBy(ohSessions.id);
}

async function appointmentsOf(referralId: number) {
  return system
    .select()
    .from(ohAppointments)
    .where(eq(ohAppointments.referralId, referralId))
    .orderBy(ohAppointments.id);
}

const errorsOn = (page: { $: import('cheerio').CheerioAPI }) =>
  page
    .$('.govuk-error-summary__list li')
    .map((_, li) => page.$(li).text().trim())
    .get();

test('sessions: OH admin adds anyone’s, a clinician their own; impossible sessions write nothing', async () => {
  const w = await setUp();
  const nextWeek = addDays(today(), 7);
  const added = await addSession(w, w.adminSession, w.grey.id, nextWeek);
  assert.equal(added.statusCode, 303, errorsOn(added).join('; '));
  const own = await addSession(w, w.greySession, w.grey.id, addDays(today(), 8), {
    placeKind: 'telephone',
    place: '',
  });
  assert.equal(own.statusCode, 303);
  // A clinician cannot add a session for another clinician.
  const forOther = await addSession(w, w.greySession, w.khan.id, nextWeek);
  assert.equal(forOther.statusCode, 400);
  assert.deepEqual(errorsOn(forOther), ['Choose the clinician who holds the session']);
  assert.equal((await sessionsOf(w, w.khan.id)).length, 0);

  const bad = await addSession(w, w.adminSession, w.khan.id, addDays(today(), -1), {
    startsAt: '25:70',
    slots: '0',
    slotMinutes: '0',
    placeKind: 'site',
    place: '',
  });
  assert.equal(bad.statusCode, 400);
  assert.deepEqual(errorsOn(bad), [
    'The date of the session must be today or in the future',
    'The start time must be a real time on the 24-hour clock, like 09:30 or 14:00',
    'Each slot must last a whole number of minutes from 5 to 240',
    'The number of slots must be a whole number from 1 to 40',
    'Enter the name and address of the site',
  ]);
  const lateNight = await addSession(w, w.adminSession, w.khan.id, nextWeek, {
    startsAt: '22:00',
    slotMinutes: '60',
    slots: '3',
  });
  assert.equal(lateNight.statusCode, 400);
  assert.deepEqual(errorsOn(lateNight), ['The last slot must end by midnight of the session’s day']);
  const notADate = await addSession(w, w.adminSession, w.khan.id, '2026-02-30');
  assert.equal(notADate.statusCode, 400);
  assert.deepEqual(errorsOn(notADate), ['The date of the session must be a real date']);
  assert.equal((await sessionsOf(w, w.khan.id)).length, 0, 'nothing written');

  const list = await w.adminSession.get(ohPaths.service.sessions.build({ org: w.provider.slug }));
  assert.equal(list.statusCode, 200);
  const rows = list
    .$('tbody tr')
    .map((_, tr) => list.$(tr).text().replace(/\s+/g, ' ').trim())
    .get();
  assert.equal(rows.length, 2);
  assert.match(
    rows[0] ?? '',
    /9am to midday: 4 slots of 45 minutes Test oh clinician \(Physician\) At Police Headquarters, 1 Castle Street 0 4/,
  );
  assert.match(rows[1] ?? '', /By telephone 0 4/);
});

test('booking: a free slot of an upcoming session, filtered by clinician or profession; the employee is emailed a calendar file', async () => {
  const w = await setUp();
  await addSession(w, w.adminSession, w.grey.id, addDays(today(), 7));
  await addSession(w, w.adminSession, w.khan.id, addDays(today(), 7), { startsAt: '13:30' });
  const [greySession] = await sessionsOf(w, w.grey.id);
  assert.ok(greySession);
  const alex = await w.referral('Alex Morgan');
  const bookUrl = ohPaths.service.book.build({ org: w.provider.slug, referralId: alex.id });

  const all = await w.adminSession.get(bookUrl);
  assert.equal(all.statusCode, 200);
  assert.equal(all.$('input[name="slot"]').length, 8);
  const nurses = await w.adminSession.get(`${bookUrl}?profession=nurse`);
  assert.equal(nurses.$('input[name="slot"]').length, 4);
  assert.match(nurses.$('.govuk-radios__label').first().text(), /1:30pm \(45 minutes\)/);
  const grey = await w.adminSession.get(`${bookUrl}?clinician=${w.grey.id}`);
  assert.equal(grey.$('input[name="slot"]').length, 4);

  const nothing = await w.adminSession.post(bookUrl, {});
  assert.equal(nothing.statusCode, 400);
  assert.deepEqual(errorsOn(nothing), ['Choose a free slot']);
  const nonsense = await w.adminSession.post(bookUrl, { slot: `${greySession.id}:9` });
  assert.equal(nonsense.statusCode, 400, 'no ninth slot');
  assert.equal((await appointmentsOf(alex.id)).length, 0, 'nothing written');

  const before = services.mailer.outbox.length;
  const booked = await w.adminSession.post(bookUrl, { slot: `${greySession.id}:2` });
  assert.equal(booked.statusCode, 303);
  const [appointment] = await appointmentsOf(alex.id);
  assert.ok(appointment);
  assert.equal(appointment.status, 'booked');
  assert.equal(appointment.startsAt, '09:45');
  assert.equal(
    appointment.organisationId,
    w.client.id,
    'the appointment belongs to the employee’s organisation',
  );
  assert.equal(appointment.bookedByUserId, w.admin.id);

  const emails = services.mailer.outbox.slice(before);
  assert.equal(emails.length, 1);
  const email = emails[0];
  assert.equal(email?.to, 'alex@council.example');
  const { text } = assertEmail(email, {
    names: 'Alex Morgan',
    links: [
      `${services.config.publicUrl}${ohPaths.own.referral.build({ org: w.client.slug, referralId: alex.id })}`,
    ],
    never: CLINICAL,
  });
  assert.match(text, /at 9:45am, for 45 minutes/);
  assert.match(text, /In person: Police Headquarters, 1 Castle Street/);
  const calendar = email?.attachments?.[0];
  assert.equal(calendar?.filename, 'appointment.ics');
  assert.match(calendar?.content ?? '', /BEGIN:VCALENDAR[\s\S]*BEGIN:VEVENT[\s\S]*STATUS:CONFIRMED/);
  assert.match(calendar?.content ?? '', /LOCATION:Police Headquarters\\, 1 Castle Street/);
  assert.doesNotMatch(calendar?.content ?? '', CLINICAL);

  const again = await w.adminSession.get(bookUrl);
  assert.equal(again.$('input[name="slot"]').length, 7, 'the slot booked is no longer free');
  const list = await w.adminSession.get(ohPaths.service.sessions.build({ org: w.provider.slug }));
  assert.match(list.$('tbody tr').first().text().replace(/\s+/g, ' '), / 1 3 /);

  // A case that is not accepted is not booked.
  const { id: _, ...fields } = alex;
  const [draft] = await system
    .insert(ohReferrals)
    .values({ ...fields, status: 'submitted', personName: 'Sam Draft' })
    .returning();
  assert.ok(draft);
  const draftUrl = ohPaths.service.book.build({ org: w.provider.slug, referralId: draft.id });
  const refused = await w.adminSession.post(draftUrl, { slot: `${greySession.id}:3` });
  assert.equal(refused.statusCode, 400);
  assert.equal((await appointmentsOf(draft.id)).length, 0);
});

test('two bookings of one slot at the same moment: exactly one wins, the other is told to choose another', async () => {
  const w = await setUp();
  await addSession(w, w.adminSession, w.grey.id, addDays(today(), 3));
  const [session] = await sessionsOf(w, w.grey.id);
  assert.ok(session);
  const first = await w.referral('Jo Byrne');
  const second = await w.referral('Kim Lowe');
  const otherAdmin = await createTestAccount(services, w.provider.id, ['oh_admin']);
  const otherSession = await new HttpSession(app).signIn(otherAdmin.email, otherAdmin.password);
  const urls = [first, second].map((r) =>
    ohPaths.service.book.build({ org: w.provider.slug, referralId: r.id }),
  );
  await w.adminSession.get(urls[0] ?? '');
  await otherSession.get(urls[1] ?? '');
  const slot = `${session.id}:1`;
  const responses = await Promise.all([
    w.adminSession.post(urls[0] ?? '', { slot }),
    otherSession.post(urls[1] ?? '', { slot }),
  ]);
  const codes = responses.map((r) => r.statusCode).sort();
  assert.deepEqual(codes, [303, 409]);
  const loser = responses.find((r) => r.statusCode === 409);
  assert.ok(loser);
  assert.deepEqual(errorsOn(loser), [SLOT_TAKEN]);
  const inSlot = await system
    .select()
    .from(ohAppointments)
    .where(and(eq(ohAppointments.sessionId, session.id), eq(ohAppointments.slot, 1)));
  assert.equal(inSlot.length, 1, 'one appointment in the slot');
});

test('an appointment is moved, cancelled (who asked, and when) and its attendance recorded on or after its day', async () => {
  const w = await setUp();
  await addSession(w, w.adminSession, w.grey.id, addDays(today(), 5));
  await addSession(w, w.adminSession, w.grey.id, today(), { startsAt: '08:00' });
  const [later, todays] = await sessionsOf(w, w.grey.id);
  assert.ok(later && todays);
  const alex = await w.referral('Alex Morgan');
  const bookUrl = ohPaths.service.book.build({ org: w.provider.slug, referralId: alex.id });
  await w.adminSession.get(bookUrl);
  await w.adminSession.post(bookUrl, { slot: `${later.id}:1` });
  const [booked] = await appointmentsOf(alex.id);
  assert.ok(booked);
  const ids = { org: w.provider.slug, appointmentId: booked.id };

  // Attendance waits for the day.
  const page = await w.adminSession.get(ohPaths.service.appointment.build(ids));
  assert.equal(page.statusCode, 200);
  assert.equal(page.$('input[name="attended"]').length, 0);
  const early = await w.adminSession.post(ohPaths.service.recordAttendance.build(ids), {
    attended: 'attended',
  });
  assert.equal(early.statusCode, 400);
  assert.match(errorsOn(early)[0] ?? '', /^Attendance can be recorded from the day of the appointment/);
  assert.equal((await appointmentsOf(alex.id))[0]?.status, 'booked');

  // Moving it: who asked is required, and a slot.
  const rebookUrl = ohPaths.service.rebookAppointment.build(ids);
  const form = await w.adminSession.get(rebookUrl);
  assert.equal(form.statusCode, 200);
  assert.equal(form.$(`input[value="${later.id}:1"]`).length, 0, 'its own slot is not offered');
  const incomplete = await w.adminSession.post(rebookUrl, {});
  assert.equal(incomplete.statusCode, 400);
  assert.deepEqual(errorsOn(incomplete), ['Choose a free slot', 'Choose who asked for the change']);
  assert.equal((await appointmentsOf(alex.id)).length, 1, 'nothing written');
  const before = services.mailer.outbox.length;
  const moved = await w.adminSession.post(rebookUrl, { slot: `${todays.id}:2`, cancelledBy: 'referrer' });
  assert.equal(moved.statusCode, 303);
  const [old, now] = await appointmentsOf(alex.id);
  assert.ok(old && now);
  assert.equal(old.status, 'cancelled');
  assert.equal(old.cancelledBy, 'referrer');
  assert.equal(old.cancelledByUserId, w.admin.id);
  assert.ok(old.cancelledAt);
  assert.equal(old.rebookedAsId, now.id);
  assert.equal(now.status, 'booked');
  assert.equal(now.heldOn, today());
  assert.equal(now.startsAt, '08:45');
  const movedEmail = services.mailer.outbox[before];
  assertEmail(movedEmail, { names: 'Alex Morgan', links: [], never: CLINICAL });
  assert.deepEqual(
    movedEmail?.attachments?.map((a) => a.filename),
    ['cancelled-appointment.ics', 'appointment.ics'],
  );
  assert.match(movedEmail?.attachments?.[0]?.content ?? '', /STATUS:CANCELLED/);

  // Today: attendance may be recorded; a choice is needed.
  const nowIds = { org: w.provider.slug, appointmentId: now.id };
  const blank = await w.adminSession.post(ohPaths.service.recordAttendance.build(nowIds), {});
  assert.equal(blank.statusCode, 400);
  assert.deepEqual(errorsOn(blank), ['Choose whether they attended']);
  const attended = await w.greySession.post(ohPaths.service.recordAttendance.build(nowIds), {
    attended: 'did_not_attend',
  });
  assert.equal(attended.statusCode, 303);
  assert.equal((await appointmentsOf(alex.id))[1]?.status, 'did_not_attend');
  const notAgain = await w.adminSession.post(ohPaths.service.recordAttendance.build(nowIds), {
    attended: 'attended',
  });
  assert.equal(notAgain.statusCode, 404, 'attendance is recorded once');

  // Cancelling a new booking: who asked is required; the slot is free again.
  await w.adminSession.get(bookUrl);
  await w.adminSession.post(bookUrl, { slot: `${later.id}:3` });
  const third = (await appointmentsOf(alex.id))[2];
  assert.ok(third);
  const cancelUrl = ohPaths.service.cancelAppointment.build({
    org: w.provider.slug,
    appointmentId: third.id,
  });
  const cancelForm = await w.adminSession.get(cancelUrl);
  assert.equal(cancelForm.statusCode, 200);
  const noWho = await w.adminSession.post(cancelUrl, { cancelledBy: 'the cat' });
  assert.equal(noWho.statusCode, 400);
  assert.deepEqual(errorsOn(noWho), ['Choose who asked for the change']);
  assert.equal((await appointmentsOf(alex.id))[2]?.status, 'booked');
  const mails = services.mailer.outbox.length;
  const cancelled = await w.adminSession.post(cancelUrl, { cancelledBy: 'employee' });
  assert.equal(cancelled.statusCode, 303);
  const row = (await appointmentsOf(alex.id))[2];
  assert.equal(row?.status, 'cancelled');
  assert.equal(row?.cancelledBy, 'employee');
  assert.equal(row?.rebookedAsId, null);
  const cancelEmail = services.mailer.outbox[mails];
  const { text } = assertEmail(cancelEmail, { names: 'Alex Morgan', links: [], never: CLINICAL });
  assert.match(text, /is cancelled/);
  assert.match(cancelEmail?.attachments?.[0]?.content ?? '', /STATUS:CANCELLED/);
  const shown = await w.adminSession.get(
    ohPaths.service.appointment.build({ org: w.provider.slug, appointmentId: third.id }),
  );
  assert.match(
    shown.$('.govuk-summary-list').text().replace(/\s+/g, ' '),
    /asked by the employee, recorded by/,
  );
  assert.equal(shown.$('a[href$="/cancel"]').length, 0, 'a cancelled appointment is not cancelled again');
  assert.equal((await w.adminSession.post(cancelUrl, { cancelledBy: 'service' })).statusCode, 404);
  const free = await w.adminSession.get(bookUrl);
  assert.equal(free.$(`input[value="${later.id}:3"]`).length, 1, 'the slot is free again');
});

test('the clinic list shows each clinician’s slots of the day with the cases booked', async () => {
  const w = await setUp();
  const day = addDays(today(), 2);
  await addSession(w, w.adminSession, w.grey.id, day);
  await addSession(w, w.adminSession, w.khan.id, day, { placeKind: 'video', place: '' });
  const [session] = await sessionsOf(w, w.grey.id);
  assert.ok(session);
  const alex = await w.referral('Alex Morgan');
  const url = ohPaths.service.book.build({ org: w.provider.slug, referralId: alex.id });
  await w.adminSession.get(url);
  await w.adminSession.post(url, { slot: `${session.id}:3` });

  const list = await w.greySession.get(
    `${ohPaths.service.clinicList.build({ org: w.provider.slug })}?date=${day}`,
  );
  assert.equal(list.statusCode, 200);
  assert.equal(list.$('h2.govuk-heading-m').length, 2, 'one list per clinician');
  const rows = list
    .$('tbody tr')
    .map((_, tr) => list.$(tr).text().replace(/\s+/g, ' ').trim())
    .get();
  assert.equal(rows.length, 8);
  assert.match(
    rows[2] ?? '',
    new RegExp(
      `^10:30am Alex Morgan Refuse collector ${w.client.name.replace('.', '\\.')} Physician Booked$`,
    ),
  );
  assert.equal(rows[0], '9am Free');
  const one = await w.greySession.get(
    `${ohPaths.service.clinicList.build({ org: w.provider.slug })}?${new URLSearchParams({ ...dateFields('date', day), clinician: String(w.khan.id) }).toString()}`,
  );
  assert.equal(one.$('h2.govuk-heading-m').length, 1);
  assert.match(one.$('caption').text(), /By video call/);
  const badDay = await w.greySession.get(
    `${ohPaths.service.clinicList.build({ org: w.provider.slug })}?date-day=31&date-month=2&date-year=2027`,
  );
  assert.equal(badDay.statusCode, 400);
  assert.deepEqual(errorsOn(badDay), ['The date must be a real date']);
});

test('a case the service does not serve, and an organisation that runs no service, are not found', async () => {
  const w = await setUp();
  const stranger = await createTestOrganisation(services);
  const [theirs] = await system
    .insert(ohReferrals)
    .values({
      organisationId: stranger.id,
      providerOrganisationId: w.provider.id,
      personId: 1,
      kind: 'management',
      referrerRelation: 'hr',
      personName: 'Not Served',
      status: 'accepted',
    })
    .returning();
  assert.ok(theirs);
  const page = await w.adminSession.get(
    ohPaths.service.book.build({ org: w.provider.slug, referralId: theirs.id }),
  );
  assert.equal(page.statusCode, 404);
  const noService = await createTestOrganisation(services);
  const admin = await createTestAccount(services, noService.id, ['oh_admin']);
  const session = await new HttpSession(app).signIn(admin.email, admin.password);
  assert.equal((await session.get(ohPaths.service.sessions.build({ org: noService.slug }))).statusCode, 404);
});

test('each viewer of a referral sees what is theirs of its appointments', async () => {
  const w = await setUp();
  await addSession(w, w.adminSession, w.grey.id, addDays(today(), 4), { placeKind: 'telephone', place: '' });
  const [session] = await sessionsOf(w, w.grey.id);
  assert.ok(session);
  const alex = await w.referral('Alex Morgan');
  const url = ohPaths.service.book.build({ org: w.provider.slug, referralId: alex.id });
  await w.adminSession.get(url);
  await w.adminSession.post(url, { slot: `${session.id}:2` });

  const load = (viewer: Viewer, organisationSlug: string) =>
    services.database.scoped({ organisationIds: [w.client.id] }, (db) =>
      appointmentsSection({
        db,
        services,
        request: {} as FastifyRequest,
        referral: alex,
        viewer,
        clinician: false,
        organisationSlug,
        date: today(),
      }),
    );
  const referrer = await load('referrer', w.client.slug);
  assert.deepEqual(
    referrer,
    { viewer: 'referrer', nextOn: addDays(today(), 4) },
    'the referrer is told only the date',
  );
  const employee = await load('employee', w.client.slug);
  const upcoming = (employee?.upcoming as { time: string; how: string; instructions: string }[])[0];
  assert.equal(upcoming?.time, '9:45am');
  assert.equal(upcoming?.how, 'By telephone');
  assert.match(upcoming?.instructions ?? '', /will telephone you/);
  const service = await load('service', w.provider.slug);
  assert.equal((service?.appointments as unknown[]).length, 1);
  assert.equal(service?.bookHref, url);

  // As the pages show them.
  const views = createViewEnvironment();
  const shown = (data: unknown) =>
    views
      .render('occupational-health/views/_appointments-section.njk', { data })
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
  const day = ukDate(addDays(today(), 4));
  assert.equal(shown(referrer), `Appointment An appointment with occupational health is booked for ${day}.`);
  assert.match(
    shown(employee),
    new RegExp(
      `You have an appointment on \\w+ ${day} at 9:45am, for 45 minutes\\. By telephone\\. The clinician will telephone you`,
    ),
  );
  assert.match(shown(service), new RegExp(`${day}, 9:45am By telephone Booked Book an appointment`));
});
