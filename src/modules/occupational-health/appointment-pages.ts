/**
 * The OH service's sessions and appointments, in the provider's organisation: clinicians' sessions
 * of slots; booking an accepted case into a free slot (a slot is never booked twice, the database
 * sees to it); moving, cancelling and recording attendance; and each clinician's clinic list.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.ts';
import { ukDate, ukDateWithDay } from '../../domain/date-words.ts';
import {
  APPOINTMENT_STATUS_WORDS,
  CANCELLED_BY,
  freeSlots,
  isCancelledBy,
  mayBook,
  mayRecordAttendance,
  minutesOfTime,
  PLACE_KIND_WORDS,
  PLACE_KINDS,
  sessionProblems,
  slotStart,
  slotStarts,
  timeFromMinutes,
  timeWords,
  type CancelledBy,
  type PlaceKind,
} from '../../domain/oh-slots.ts';
import { today } from '../../domain/today.ts';
import type { Services } from '../../services.ts';
import { HttpProblem, notFound } from '../../web/access-control.ts';
import { audit } from '../../web/audit.ts';
import { dateFromParts, type FieldError } from '../../web/forms.ts';
import { formBody, idParam, organisationOf, principalOf, textField } from '../../web/request-context.ts';
import { emailAppointment, type AppointmentChange } from './appointment-email.ts';
import {
  appointmentsRepository,
  isSlotTaken,
  type Appointment,
  type Session,
} from './appointments-repository.ts';
import { ohPaths } from './occupational-health-paths.ts';
import { serviceScope } from './oh-service-scope-queries.ts';
import { findReferral, findReferralOf, type Referral } from './referrals-repository.ts';

const SERVICE = { kind: 'permission', permission: 'oh.service' } as const;

/** The message when someone else booked the slot first. */
export const SLOT_TAKEN = 'That slot has just been taken: choose another';

/** The most free slots a booking page lists. */
const FREE_SLOTS_SHOWN = 300;

const PROFESSIONS: Record<string, string> = {
  nurse: 'Nurse',
  physician: 'Physician',
  physiotherapist: 'Physiotherapist',
  counsellor: 'Counsellor',
};

const SERVICES: Record<string, string> = {
  nurse: 'Nurse',
  physician: 'Physician',
  physio: 'Physiotherapy',
  counsellor: 'Counselling',
  external: 'External provider',
};

const CANCELLED_BY_WORDS: Record<CancelledBy, string> = {
  employee: 'The employee',
  referrer: 'The referrer',
  service: 'The OH service',
};

interface Clinician {
  id: number;
  name: string;
  profession: string | null;
}

type Staff = Awaited<ReturnType<Services['users']['listForOrganisation']>>;

interface FreeSlot {
  value: string;
  session: Session;
  slot: number;
  startsAt: string;
}

/** The query's value for a filter, if it is one of the choices. */
function chosen(query: unknown, name: string, choices: readonly string[]): string {
  const value = (query as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' && choices.includes(value) ? value : '';
}

export function appointmentPages(services: Services) {
  const { database } = services;

  /**
   * Runs the work in the scope of the organisation acting as its OH service (not found when it
   * runs none), given the accounts of the service's organisation, read first: the embedded
   * database has one connection, which the scope's transaction holds.
   */
  async function inService<T>(
    request: FastifyRequest,
    work: (db: Db, staff: Staff) => Promise<T>,
  ): Promise<T> {
    const organisation = organisationOf(request);
    const scope = await serviceScope(database.system, organisation.id, today());
    if (!scope) throw notFound();
    const staff = await services.users.listForOrganisation(organisation.id);
    return database.scoped(scope, (db) => work(db, staff));
  }

  /** The work's result; null when the database refused a second appointment in a slot. */
  async function unlessSlotTaken<T>(work: () => Promise<T>): Promise<T | null> {
    try {
      return await work();
    } catch (error) {
      if (isSlotTaken(error)) return null;
      throw error;
    }
  }

  function isAdmin(request: FastifyRequest): boolean {
    const organisation = organisationOf(request);
    return principalOf(request).grants.some(
      (g) => g.organisationId === organisation.id && g.role === 'oh_admin',
    );
  }

  /** The provider's clinicians: accounts holding oh_clinician there, with their profession. */
  async function cliniciansOf(db: Db, providerId: number, staff: Staff): Promise<Clinician[]> {
    const professions = await appointmentsRepository(db, providerId).professions();
    return staff
      .filter((a) => a.roles.includes('oh_clinician') && !a.disabled && !a.suspendedHere)
      .map((a) => ({ id: a.id, name: a.displayName, profession: professions.get(a.id) ?? null }));
  }

  const clinicianWords = (c: Clinician | undefined) =>
    c
      ? `${c.name}${c.profession ? ` (${PROFESSIONS[c.profession] ?? c.profession})` : ''}`
      : 'A former clinician';

  const placeWords = (s: { placeKind: string; place: string }) =>
    s.placeKind === 'site' ? `At ${s.place}` : PLACE_KIND_WORDS[s.placeKind as PlaceKind];

  const sessionTimes = (s: Session) => {
    const start = minutesOfTime(s.startsAt) ?? 0;
    return `${timeWords(s.startsAt)} to ${timeWords(timeFromMinutes(start + s.slotMinutes * s.slots))}`;
  };

  /** The free slots of upcoming sessions, of the clinicians chosen, earliest first. */
  async function freeSlotsOf(db: Db, providerId: number, clinicians: readonly Clinician[]) {
    const repository = appointmentsRepository(db, providerId);
    const sessions = (
      await repository.sessionsFrom(
        today(),
        clinicians.map((c) => c.id),
      )
    ).filter((s) => mayBook(s.heldOn, today()));
    const taken = await repository.takenSlots(sessions.map((s) => s.id));
    const free: FreeSlot[] = [];
    for (const session of sessions) {
      for (const slot of freeSlots(session, taken.get(session.id) ?? [])) {
        free.push({
          value: `${session.id}:${slot}`,
          session,
          slot,
          startsAt: slotStart(session, slot) ?? '',
        });
      }
    }
    return free;
  }

  /** The free slots page's values: the filters and the slots as radios. */
  async function slotChoices(
    db: Db,
    request: FastifyRequest,
    providerId: number,
    staff: Staff,
    values: Record<string, unknown>,
  ) {
    const clinicians = await cliniciansOf(db, providerId, staff);
    const clinician = chosen(
      request.query,
      'clinician',
      clinicians.map((c) => String(c.id)),
    );
    const profession = chosen(request.query, 'profession', Object.keys(PROFESSIONS));
    const shown = clinicians.filter(
      (c) => (!clinician || String(c.id) === clinician) && (!profession || c.profession === profession),
    );
    const free = await freeSlotsOf(db, providerId, shown);
    const byId = new Map(clinicians.map((c) => [c.id, c]));
    return {
      clinicianFilter: [
        { value: '', text: 'Any clinician' },
        ...clinicians.map((c) => ({
          value: String(c.id),
          text: c.name,
          selected: String(c.id) === clinician,
        })),
      ],
      professionFilter: [
        { value: '', text: 'Any profession' },
        ...Object.entries(PROFESSIONS).map(([value, text]) => ({
          value,
          text,
          selected: value === profession,
        })),
      ],
      freeCount: free.length,
      slots: free.slice(0, FREE_SLOTS_SHOWN).map((f) => ({
        value: f.value,
        text: `${ukDateWithDay(f.session.heldOn)}, ${timeWords(f.startsAt)} (${f.session.slotMinutes} minutes)`,
        hint: { text: `${clinicianWords(byId.get(f.session.clinicianUserId))}. ${placeWords(f.session)}` },
        checked: values.slot === f.value,
      })),
    };
  }

  /** The session and slot a form names, if they are a free slot of an upcoming session here. */
  async function slotOf(db: Db, providerId: number, value: unknown) {
    const match = typeof value === 'string' ? /^(\d{1,9}):(\d{1,3})$/.exec(value) : null;
    if (!match) return null;
    const session = await appointmentsRepository(db, providerId).findSession(Number(match[1]));
    const slot = Number(match[2]);
    const startsAt = session ? slotStart(session, slot) : null;
    if (!session || !startsAt || !mayBook(session.heldOn, today())) return null;
    return { session, slot, startsAt };
  }

  /** Emails the employee, after the change is saved; the referral gives the address. */
  async function tellEmployee(request: FastifyRequest, referral: Referral, what: AppointmentChange) {
    const employer = await services.organisations.findById(referral.organisationId);
    if (!employer) return;
    const link = `${services.config.publicUrl}${ohPaths.own.referral.build({ org: employer.slug, referralId: referral.id })}`;
    const sent = await emailAppointment(
      services,
      { name: referral.personName, email: referral.personEmail },
      organisationOf(request).name,
      link,
      what,
    );
    if (!sent && referral.personEmail) request.log.warn('The appointment email was not sent');
  }

  return async (app: FastifyInstance) => {
    // ------------------------------------------------------------------------------- sessions

    app.get(
      ohPaths.service.sessions.pattern,
      { config: { access: SERVICE, audit: 'oh.sessions-viewed' } },
      async (request, reply) => {
        const organisation = organisationOf(request);
        const { sessions, clinicians } = await inService(request, async (db, staff) => ({
          sessions: await appointmentsRepository(db, organisation.id).sessionsFrom(today()),
          clinicians: await cliniciansOf(db, organisation.id, staff),
        }));
        const byId = new Map(clinicians.map((c) => [c.id, c]));
        return reply.render('occupational-health/views/sessions.njk', {
          pageTitle: 'Sessions',
          newSessionHref: ohPaths.service.newSession.build({ org: organisation.slug }),
          clinicListHref: ohPaths.service.clinicList.build({ org: organisation.slug }),
          sessions: sessions.map((s) => ({
            date: ukDateWithDay(s.heldOn),
            times: sessionTimes(s),
            clinician: clinicianWords(byId.get(s.clinicianUserId)),
            place: placeWords(s),
            slots: s.slots,
            slotMinutes: s.slotMinutes,
            booked: s.booked,
            free: s.slots - s.booked,
            clinicListHref: `${ohPaths.service.clinicList.build({ org: organisation.slug })}?${new URLSearchParams({ date: s.heldOn, clinician: String(s.clinicianUserId) }).toString()}`,
          })),
        });
      },
    );

    async function sessionForm(
      db: Db,
      staff: Staff,
      request: FastifyRequest,
      values: Record<string, unknown>,
      errors: FieldError[] = [],
    ) {
      const organisation = organisationOf(request);
      const me = principalOf(request).userId;
      const clinicians = (await cliniciansOf(db, organisation.id, staff)).filter(
        (c) => isAdmin(request) || c.id === me,
      );
      const clinician = typeof values.clinician === 'string' ? values.clinician : '';
      return {
        pageTitle: 'Add a session',
        values,
        errors,
        noClinicians: clinicians.length === 0,
        clinicians: [
          ...(clinicians.length === 1 ? [] : [{ value: '', text: 'Choose a clinician' }]),
          ...clinicians.map((c) => ({
            value: String(c.id),
            text: clinicianWords(c),
            selected: String(c.id) === clinician,
          })),
        ],
        placeKinds: PLACE_KINDS.map((kind) => ({
          value: kind,
          text: kind === 'site' ? 'At a site' : PLACE_KIND_WORDS[kind],
          checked: values.placeKind === kind,
        })),
        backLink: ohPaths.service.sessions.build({ org: organisation.slug }),
      };
    }

    app.get(
      ohPaths.service.newSession.pattern,
      { config: { access: SERVICE, audit: 'oh.session-form-opened' } },
      async (request, reply) => {
        const page = await inService(request, (db, staff) =>
          sessionForm(db, staff, request, { slotMinutes: '45' }),
        );
        return reply.render('occupational-health/views/new-session.njk', page);
      },
    );

    // A clinician adds their own sessions; OH admin adds anyone's.
    app.post(ohPaths.service.newSession.pattern, { config: { access: SERVICE } }, async (request, reply) => {
      const organisation = organisationOf(request);
      const body = formBody(request);
      const heldOn = dateFromParts(body, 'heldOn', 'The date of the session');
      const input = {
        heldOn: heldOn.value,
        startsAt: textField(body, 'startsAt'),
        slotMinutes: textField(body, 'slotMinutes'),
        slots: textField(body, 'slots'),
        placeKind: textField(body, 'placeKind'),
        place: textField(body, 'place'),
      };
      const outcome = await inService(request, async (db, staff) => {
        const me = principalOf(request).userId;
        const clinicians = (await cliniciansOf(db, organisation.id, staff)).filter(
          (c) => isAdmin(request) || c.id === me,
        );
        const clinician = clinicians.find((c) => String(c.id) === textField(body, 'clinician'));
        const errors: FieldError[] = [];
        if (!clinician)
          errors.push({ text: 'Choose the clinician who holds the session', href: '#clinician' });
        const problems = sessionProblems(input, today());
        for (const problem of problems) {
          if (problem.field === 'heldOn' && heldOn.error) continue;
          errors.push({
            text: problem.text,
            href: problem.field === 'heldOn' ? '#heldOn-day' : `#${problem.field}`,
          });
        }
        if (heldOn.error) errors.splice(clinician ? 0 : 1, 0, { text: heldOn.error, href: '#heldOn-day' });
        if (errors.length > 0 || !clinician || !input.heldOn)
          return { errors, page: await sessionForm(db, staff, request, body, errors) };
        const session = await appointmentsRepository(db, organisation.id).insertSession({
          clinicianUserId: clinician.id,
          heldOn: input.heldOn,
          startsAt: timeFromMinutes(minutesOfTime(input.startsAt) ?? 0),
          slotMinutes: Number(input.slotMinutes),
          slots: Number(input.slots),
          placeKind: input.placeKind as PlaceKind,
          place: input.placeKind === 'site' ? input.place.trim() : '',
        });
        await audit(db, request, {
          action: 'oh.session-added',
          subjectType: 'oh_session',
          subjectId: session.id,
          detail: { clinicianUserId: clinician.id, heldOn: session.heldOn, slots: session.slots },
        });
        return { errors: [], page: null, session, clinician };
      });
      if (!outcome.page && outcome.session) {
        request.session.set('flash', {
          title: `Session added: ${ukDate(outcome.session.heldOn)}, ${sessionTimes(outcome.session)}, with ${outcome.clinician.name}`,
        });
        return reply.redirect(ohPaths.service.sessions.build({ org: organisation.slug }), 303);
      }
      return reply.status(400).render('occupational-health/views/new-session.njk', outcome.page);
    });

    // ------------------------------------------------------------------------------- booking

    /** The case a booking is for: an accepted case, not sent to an external provider. */
    async function bookableCase(db: Db, request: FastifyRequest) {
      const referralId = idParam(request, 'referralId');
      const referral = await findReferral(db, referralId);
      if (!referral || referral.providerOrganisationId !== organisationOf(request).id) throw notFound();
      return referral;
    }

    const canBook = (referral: Referral) => referral.status === 'accepted' && referral.service !== 'external';

    async function bookPage(
      db: Db,
      staff: Staff,
      request: FastifyRequest,
      referral: Referral,
      values: Record<string, unknown>,
      errors: FieldError[] = [],
    ) {
      const organisation = organisationOf(request);
      const caseHref = ohPaths.service.case.build({ org: organisation.slug, referralId: referral.id });
      return {
        pageTitle: `Book an appointment for ${referral.personName}`,
        personName: referral.personName,
        jobTitle: referral.jobTitle,
        service: referral.service ? (SERVICES[referral.service] ?? referral.service) : null,
        bookable: canBook(referral),
        filterAction: ohPaths.service.book.build({ org: organisation.slug, referralId: referral.id }),
        ...(await slotChoices(db, request, organisation.id, staff, values)),
        errors,
        backLink: caseHref,
      };
    }

    app.get(
      ohPaths.service.book.pattern,
      { config: { access: SERVICE, audit: 'oh.booking-form-opened' } },
      async (request, reply) => {
        const page = await inService(request, async (db, staff) =>
          bookPage(db, staff, request, await bookableCase(db, request), {}),
        );
        return reply.render('occupational-health/views/book.njk', page);
      },
    );

    app.post(ohPaths.service.book.pattern, { config: { access: SERVICE } }, async (request, reply) => {
      const organisation = organisationOf(request);
      const body = formBody(request);
      const userId = principalOf(request).userId;
      const attempt = async () =>
        inService(request, async (db) => {
          const referral = await bookableCase(db, request);
          if (!canBook(referral))
            return {
              referral,
              appointment: null,
              errors: [{ text: 'Only an accepted case can be booked', href: '#slot' }],
            };
          const chosenSlot = await slotOf(db, organisation.id, body.slot);
          if (!chosenSlot)
            return { referral, appointment: null, errors: [{ text: 'Choose a free slot', href: '#slot' }] };
          const repository = appointmentsRepository(db, organisation.id);
          const appointment = await repository.book(
            referral,
            chosenSlot.session,
            chosenSlot.slot,
            chosenSlot.startsAt,
            userId,
          );
          await audit(db, request, {
            action: 'oh.appointment-booked',
            subjectType: 'oh_appointment',
            subjectId: appointment.id,
            detail: { referralId: referral.id, sessionId: chosenSlot.session.id, slot: chosenSlot.slot },
          });
          return { referral, appointment, errors: [] };
        });
      const outcome = await unlessSlotTaken(attempt);
      if (outcome?.appointment) {
        await tellEmployee(request, outcome.referral, { change: 'booked', appointment: outcome.appointment });
        request.session.set('flash', {
          title: `Appointment booked for ${outcome.referral.personName}: ${ukDate(outcome.appointment.heldOn)} at ${timeWords(outcome.appointment.startsAt)}`,
        });
        return reply.redirect(
          ohPaths.service.appointment.build({
            org: organisation.slug,
            appointmentId: outcome.appointment.id,
          }),
          303,
        );
      }
      const errors = outcome?.errors ?? [{ text: SLOT_TAKEN, href: '#slot' }];
      const page = await inService(request, async (db, staff) =>
        bookPage(db, staff, request, await bookableCase(db, request), outcome ? body : {}, errors),
      );
      return reply.status(outcome ? 400 : 409).render('occupational-health/views/book.njk', page);
    });

    // --------------------------------------------------------------------------- an appointment

    /** The appointment and its case, in the service's scope; not found otherwise. */
    async function appointmentOf(db: Db, request: FastifyRequest) {
      const organisation = organisationOf(request);
      const appointment = await appointmentsRepository(db, organisation.id).findAppointment(
        idParam(request, 'appointmentId'),
      );
      if (!appointment) throw notFound();
      const referral = await findReferralOf(db, appointment.organisationId, appointment.referralId);
      if (!referral) throw notFound();
      return { appointment, referral };
    }

    async function appointmentPage(
      db: Db,
      staff: Staff,
      request: FastifyRequest,
      appointment: Appointment,
      referral: Referral,
      errors: FieldError[] = [],
    ) {
      const organisation = organisationOf(request);
      const clinicians = await cliniciansOf(db, organisation.id, staff);
      const ids = { org: organisation.slug, appointmentId: appointment.id };
      const booked = appointment.status === 'booked';
      const names = new Map(staff.map((a) => [a.id, a.displayName]));
      return {
        pageTitle: `Appointment for ${referral.personName}`,
        personName: referral.personName,
        jobTitle: referral.jobTitle,
        date: ukDateWithDay(appointment.heldOn),
        time: timeWords(appointment.startsAt),
        minutes: appointment.minutes,
        place: placeWords(appointment),
        clinician: clinicianWords(clinicians.find((c) => c.id === appointment.clinicianUserId)),
        status:
          APPOINTMENT_STATUS_WORDS[appointment.status as keyof typeof APPOINTMENT_STATUS_WORDS] ??
          appointment.status,
        cancelled:
          appointment.status === 'cancelled'
            ? {
                by: appointment.cancelledBy ? CANCELLED_BY_WORDS[appointment.cancelledBy as CancelledBy] : '',
                at: appointment.cancelledAt,
                recordedBy: appointment.cancelledByUserId
                  ? (names.get(appointment.cancelledByUserId) ?? '')
                  : '',
                rebookedHref: appointment.rebookedAsId
                  ? ohPaths.service.appointment.build({
                      org: organisation.slug,
                      appointmentId: appointment.rebookedAsId,
                    })
                  : null,
              }
            : null,
        cancelHref: booked ? ohPaths.service.cancelAppointment.build(ids) : null,
        rebookHref: booked ? ohPaths.service.rebookAppointment.build(ids) : null,
        attendanceAction:
          booked && mayRecordAttendance(appointment.heldOn, today())
            ? ohPaths.service.recordAttendance.build(ids)
            : null,
        attendanceFrom:
          booked && !mayRecordAttendance(appointment.heldOn, today()) ? ukDate(appointment.heldOn) : null,
        errors,
        backLink: ohPaths.service.case.build({ org: organisation.slug, referralId: referral.id }),
        backLinkText: 'Back to the case',
      };
    }

    app.get(
      ohPaths.service.appointment.pattern,
      { config: { access: SERVICE, audit: 'oh.appointment-viewed' } },
      async (request, reply) => {
        const page = await inService(request, async (db, staff) => {
          const { appointment, referral } = await appointmentOf(db, request);
          return appointmentPage(db, staff, request, appointment, referral);
        });
        return reply.render('occupational-health/views/appointment.njk', page);
      },
    );

    const whoAskedChoices = (values: Record<string, unknown>) =>
      CANCELLED_BY.map((value) => ({
        value,
        text: CANCELLED_BY_WORDS[value],
        checked: values.cancelledBy === value,
      }));

    /** What the pages that cancel and move a booked appointment share. */
    async function changePage(
      db: Db,
      request: FastifyRequest,
      values: Record<string, unknown>,
      errors: FieldError[],
      title: string,
    ) {
      const organisation = organisationOf(request);
      const { appointment, referral } = await appointmentOf(db, request);
      if (appointment.status !== 'booked') throw notFound();
      const ids = { org: organisation.slug, appointmentId: appointment.id };
      return {
        ids,
        page: {
          pageTitle: `${title} for ${referral.personName}`,
          personName: referral.personName,
          date: ukDateWithDay(appointment.heldOn),
          time: timeWords(appointment.startsAt),
          whoAsked: whoAskedChoices(values),
          errors,
          backLink: ohPaths.service.appointment.build(ids),
        },
      };
    }

    async function cancelPage(
      db: Db,
      request: FastifyRequest,
      values: Record<string, unknown>,
      errors: FieldError[] = [],
    ) {
      return (await changePage(db, request, values, errors, 'Cancel the appointment')).page;
    }

    app.get(
      ohPaths.service.cancelAppointment.pattern,
      { config: { access: SERVICE, audit: 'oh.appointment-viewed' } },
      async (request, reply) => {
        const page = await inService(request, (db) => cancelPage(db, request, {}));
        return reply.render('occupational-health/views/cancel-appointment.njk', page);
      },
    );

    const whoAskedError = { text: 'Choose who asked for the change', href: '#cancelledBy' };

    app.post(
      ohPaths.service.cancelAppointment.pattern,
      { config: { access: SERVICE } },
      async (request, reply) => {
        const organisation = organisationOf(request);
        const body = formBody(request);
        const outcome = await inService(request, async (db) => {
          const { appointment, referral } = await appointmentOf(db, request);
          if (appointment.status !== 'booked') throw notFound();
          if (!isCancelledBy(body.cancelledBy))
            return { page: await cancelPage(db, request, body, [whoAskedError]) };
          const cancelled = await appointmentsRepository(db, organisation.id).cancel(
            appointment.id,
            body.cancelledBy,
            principalOf(request).userId,
          );
          if (!cancelled) throw new HttpProblem(409, 'The appointment changed while it was being cancelled');
          await audit(db, request, {
            action: 'oh.appointment-cancelled',
            subjectType: 'oh_appointment',
            subjectId: appointment.id,
            detail: { referralId: referral.id, cancelledBy: body.cancelledBy },
          });
          return { page: null, cancelled, referral };
        });
        if (outcome.page)
          return reply.status(400).render('occupational-health/views/cancel-appointment.njk', outcome.page);
        await tellEmployee(request, outcome.referral, {
          change: 'cancelled',
          appointment: outcome.cancelled,
        });
        request.session.set('flash', { title: `Appointment cancelled for ${outcome.referral.personName}` });
        return reply.redirect(
          ohPaths.service.case.build({ org: organisation.slug, referralId: outcome.referral.id }),
          303,
        );
      },
    );

    async function rebookPage(
      db: Db,
      staff: Staff,
      request: FastifyRequest,
      values: Record<string, unknown>,
      errors: FieldError[] = [],
    ) {
      const { ids, page } = await changePage(db, request, values, errors, 'Move the appointment');
      return {
        ...page,
        filterAction: ohPaths.service.rebookAppointment.build(ids),
        ...(await slotChoices(db, request, organisationOf(request).id, staff, values)),
      };
    }

    app.get(
      ohPaths.service.rebookAppointment.pattern,
      { config: { access: SERVICE, audit: 'oh.appointment-viewed' } },
      async (request, reply) => {
        const page = await inService(request, (db, staff) => rebookPage(db, staff, request, {}));
        return reply.render('occupational-health/views/rebook-appointment.njk', page);
      },
    );

    // Moving cancels the appointment (by whoever asked) and books the new slot, at once.
    app.post(
      ohPaths.service.rebookAppointment.pattern,
      { config: { access: SERVICE } },
      async (request, reply) => {
        const organisation = organisationOf(request);
        const body = formBody(request);
        const userId = principalOf(request).userId;
        const attempt = () =>
          inService(request, async (db) => {
            const { appointment, referral } = await appointmentOf(db, request);
            if (appointment.status !== 'booked') throw notFound();
            const errors: FieldError[] = [];
            const chosenSlot = await slotOf(db, organisation.id, body.slot);
            if (
              !chosenSlot ||
              (chosenSlot.session.id === appointment.sessionId && chosenSlot.slot === appointment.slot)
            )
              errors.push({ text: 'Choose a free slot', href: '#slot' });
            if (!isCancelledBy(body.cancelledBy)) errors.push(whoAskedError);
            if (errors.length > 0 || !chosenSlot || !isCancelledBy(body.cancelledBy))
              return { errors, moved: null };
            const repository = appointmentsRepository(db, organisation.id);
            const was = await repository.cancel(appointment.id, body.cancelledBy, userId);
            if (!was) throw new HttpProblem(409, 'The appointment changed while it was being moved');
            const now = await repository.book(
              referral,
              chosenSlot.session,
              chosenSlot.slot,
              chosenSlot.startsAt,
              userId,
            );
            await repository.setRebookedAs(appointment.id, now.id);
            await audit(db, request, {
              action: 'oh.appointment-rebooked',
              subjectType: 'oh_appointment',
              subjectId: appointment.id,
              detail: { referralId: referral.id, rebookedAsId: now.id, cancelledBy: body.cancelledBy },
            });
            return { errors: [], moved: { was, now, referral } };
          });
        const outcome = await unlessSlotTaken(attempt);
        if (outcome?.moved) {
          const { was, now, referral } = outcome.moved;
          await tellEmployee(request, referral, { change: 'rebooked', appointment: now, was });
          request.session.set('flash', {
            title: `Appointment moved for ${referral.personName}: ${ukDate(now.heldOn)} at ${timeWords(now.startsAt)}`,
          });
          return reply.redirect(
            ohPaths.service.appointment.build({ org: organisation.slug, appointmentId: now.id }),
            303,
          );
        }
        const errors = outcome?.errors ?? [{ text: SLOT_TAKEN, href: '#slot' }];
        const page = await inService(request, (db, staff) =>
          rebookPage(db, staff, request, outcome ? body : {}, errors),
        );
        return reply
          .status(outcome ? 400 : 409)
          .render('occupational-health/views/rebook-appointment.njk', page);
      },
    );

    // Attended or did not attend: only on or after the appointment's day.
    app.post(
      ohPaths.service.recordAttendance.pattern,
      { config: { access: SERVICE } },
      async (request, reply) => {
        const organisation = organisationOf(request);
        const body = formBody(request);
        const outcome = await inService(request, async (db, staff) => {
          const { appointment, referral } = await appointmentOf(db, request);
          if (appointment.status !== 'booked') throw notFound();
          const errors: FieldError[] = [];
          const attended =
            body.attended === 'attended' || body.attended === 'did_not_attend' ? body.attended : null;
          if (!mayRecordAttendance(appointment.heldOn, today()))
            errors.push({
              text: `Attendance can be recorded from the day of the appointment, ${ukDate(appointment.heldOn)}`,
              href: '#attended',
            });
          else if (!attended) errors.push({ text: 'Choose whether they attended', href: '#attended' });
          if (errors.length > 0 || !attended)
            return { page: await appointmentPage(db, staff, request, appointment, referral, errors) };
          await appointmentsRepository(db, organisation.id).recordAttendance(appointment.id, attended);
          await audit(db, request, {
            action: 'oh.appointment-attendance',
            subjectType: 'oh_appointment',
            subjectId: appointment.id,
            detail: { referralId: referral.id, status: attended },
          });
          return { page: null, referral, attended };
        });
        if (outcome.page)
          return reply.status(400).render('occupational-health/views/appointment.njk', outcome.page);
        request.session.set('flash', {
          title:
            outcome.attended === 'attended'
              ? `${outcome.referral.personName} attended`
              : `${outcome.referral.personName} did not attend`,
        });
        return reply.redirect(
          ohPaths.service.appointment.build({
            org: organisation.slug,
            appointmentId: idParam(request, 'appointmentId'),
          }),
          303,
        );
      },
    );

    // ----------------------------------------------------------------------------- clinic list

    app.get(
      ohPaths.service.clinicList.pattern,
      { config: { access: SERVICE, audit: 'oh.clinic-list-viewed' } },
      async (request, reply) => {
        const organisation = organisationOf(request);
        const query = (request.query ?? {}) as Record<string, unknown>;
        const asked = typeof query.date === 'string' ? query.date : '';
        const fromParts = dateFromParts(query, 'date', 'The date');
        const date = /^\d{4}-\d{2}-\d{2}$/.test(asked) ? asked : (fromParts.value ?? today());
        const errors: FieldError[] = fromParts.error ? [{ text: fromParts.error, href: '#date-day' }] : [];
        const names = new Map((await services.organisations.list()).map((o) => [o.id, o.name]));
        const page = await inService(request, async (db, staff) => {
          const clinicians = await cliniciansOf(db, organisation.id, staff);
          const clinician = chosen(
            query,
            'clinician',
            clinicians.map((c) => String(c.id)),
          );
          const repository = appointmentsRepository(db, organisation.id);
          const sessions = await repository.sessionsOn(date, clinician ? Number(clinician) : null);
          const cases = await repository.casesInSessions(sessions.map((s) => s.id));
          const byId = new Map(clinicians.map((c) => [c.id, c]));
          const lists = new Map<number, { clinician: string; sessions: unknown[] }>();
          for (const session of sessions) {
            const inSlots = new Map((cases.get(session.id) ?? []).map((c) => [c.slot, c]));
            const list = lists.get(session.clinicianUserId) ?? {
              clinician: clinicianWords(byId.get(session.clinicianUserId)),
              sessions: [],
            };
            list.sessions.push({
              times: sessionTimes(session),
              place: placeWords(session),
              slots: slotStarts(session).map((start, i) => {
                const c = inSlots.get(i + 1);
                return {
                  time: timeWords(start),
                  booked: c
                    ? {
                        name: c.personName,
                        jobTitle: c.jobTitle,
                        organisation: names.get(c.organisationId) ?? '',
                        service: c.service ? (SERVICES[c.service] ?? c.service) : '',
                        status:
                          APPOINTMENT_STATUS_WORDS[c.status as keyof typeof APPOINTMENT_STATUS_WORDS] ??
                          c.status,
                        href: ohPaths.service.appointment.build({
                          org: organisation.slug,
                          appointmentId: c.appointmentId,
                        }),
                      }
                    : null,
                };
              }),
            });
            lists.set(session.clinicianUserId, list);
          }
          return {
            pageTitle: `Clinic list for ${ukDateWithDay(date)}`,
            date,
            dateWords: ukDateWithDay(date),
            clinicianFilter: [
              { value: '', text: 'Every clinician' },
              ...clinicians.map((c) => ({
                value: String(c.id),
                text: c.name,
                selected: String(c.id) === clinician,
              })),
            ],
            lists: [...lists.values()],
            action: ohPaths.service.clinicList.build({ org: organisation.slug }),
            backLink: ohPaths.service.sessions.build({ org: organisation.slug }),
            backLinkText: 'Sessions',
            errors,
          };
        });
        return reply
          .status(errors.length > 0 ? 400 : 200)
          .render('occupational-health/views/clinic-list.njk', page);
      },
    );
  };
}
