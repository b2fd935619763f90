/**
 * Reading and writing clinicians' sessions and the appointments booked into their slots. Sessions
 * belong to the provider; appointments to the employee's organisation, reached by the service
 * under row-level security. A slot holds one appointment that is not cancelled: the unique index
 * `oh_appointments_one_per_slot` refuses a second, however many book at once.
 */
import { and, asc, desc, eq, gte, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import type { CancelledBy, PlaceKind } from '../../domain/oh-slots.ts';
import { ohAppointments, ohClinicians, ohReferrals, ohSessions } from './occupational-health-schema.ts';

export type Session = typeof ohSessions.$inferSelect;
export type Appointment = typeof ohAppointments.$inferSelect;

/** The constraint that keeps a slot to one appointment. */
const ONE_PER_SLOT = 'oh_appointments_one_per_slot';

/** Whether an error is the database refusing a second appointment in a slot. */
export function isSlotTaken(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const { code, constraint, message } = e as { code?: unknown; constraint?: unknown; message?: unknown };
    if (code === '23505' && (constraint === ONE_PER_SLOT || String(message).includes(ONE_PER_SLOT)))
      return true;
  }
  return false;
}

export interface NewSession {
  clinicianUserId: number;
  heldOn: string;
  startsAt: string;
  slotMinutes: number;
  slots: number;
  placeKind: PlaceKind;
  place: string;
}

export interface SessionWithCounts extends Session {
  booked: number;
}

export interface CaseInSlot {
  appointmentId: number;
  slot: number;
  status: string;
  referralId: number;
  organisationId: number;
  personName: string;
  jobTitle: string;
  service: string | null;
}

export function appointmentsRepository(db: Db, providerId: number) {
  return {
    async insertSession(session: NewSession): Promise<Session> {
      const [row] = await db
        .insert(ohSessions)
        .values({ organisationId: providerId, ...session })
        .returning();
      if (!row) throw new Error('The session was not written');
      return row;
    },

    async findSession(sessionId: number): Promise<Session | null> {
      const [row] = await db
        .select()
        .from(ohSessions)
        .where(and(eq(ohSessions.organisationId, providerId), eq(ohSessions.id, sessionId)))
        .limit(1);
      return row ?? null;
    },

    /** Sessions from a date on, earliest first, each with how many of its slots are booked. */
    async sessionsFrom(fromDate: string, clinicianUserIds?: readonly number[]): Promise<SessionWithCounts[]> {
      if (clinicianUserIds?.length === 0) return [];
      const booked = db
        .select({
          sessionId: ohAppointments.sessionId,
          booked: sql<number>`count(*)::int`.as('booked'),
        })
        .from(ohAppointments)
        .where(
          and(eq(ohAppointments.providerOrganisationId, providerId), ne(ohAppointments.status, 'cancelled')),
        )
        .groupBy(ohAppointments.sessionId)
        .as('booked');
      const rows = await db
        .select({ session: ohSessions, booked: sql<number>`coalesce(${booked.booked}, 0)::int` })
        .from(ohSessions)
        .leftJoin(booked, eq(booked.sessionId, ohSessions.id))
        .where(
          and(
            eq(ohSessions.organisationId, providerId),
            gte(ohSessions.heldOn, fromDate),
            clinicianUserIds ? inArray(ohSessions.clinicianUserId, [...clinicianUserIds]) : undefined,
          ),
        )
        .orderBy(asc(ohSessions.heldOn), asc(ohSessions.startsAt), asc(ohSessions.id));
      return rows.map((r) => ({ ...r.session, booked: r.booked }));
    },

    /** The slots of the sessions that hold an appointment that is not cancelled, by session. */
    async takenSlots(sessionIds: readonly number[]): Promise<Map<number, number[]>> {
      const taken = new Map<number, number[]>();
      if (sessionIds.length === 0) return taken;
      const rows = await db
        .select({ sessionId: ohAppointments.sessionId, slot: ohAppointments.slot })
        .from(ohAppointments)
        .where(
          and(
            eq(ohAppointments.providerOrganisationId, providerId),
            inArray(ohAppointments.sessionId, [...sessionIds]),
            ne(ohAppointments.status, 'cancelled'),
          ),
        );
      for (const row of rows) taken.set(row.sessionId, [...(taken.get(row.sessionId) ?? []), row.slot]);
      return taken;
    },

    /** The cases booked into the sessions' slots (not cancelled), for a clinic list. */
    async casesInSessions(sessionIds: readonly number[]): Promise<Map<number, CaseInSlot[]>> {
      const bySession = new Map<number, CaseInSlot[]>();
      if (sessionIds.length === 0) return bySession;
      const rows = await db
        .select({
          sessionId: ohAppointments.sessionId,
          appointmentId: ohAppointments.id,
          slot: ohAppointments.slot,
          status: ohAppointments.status,
          referralId: ohReferrals.id,
          organisationId: ohReferrals.organisationId,
          personName: ohReferrals.personName,
          jobTitle: ohReferrals.jobTitle,
          service: ohReferrals.service,
        })
        .from(ohAppointments)
        .innerJoin(
          ohReferrals,
          and(
            eq(ohReferrals.organisationId, ohAppointments.organisationId),
            eq(ohReferrals.id, ohAppointments.referralId),
          ),
        )
        .where(
          and(
            eq(ohAppointments.providerOrganisationId, providerId),
            inArray(ohAppointments.sessionId, [...sessionIds]),
            ne(ohAppointments.status, 'cancelled'),
          ),
        )
        .orderBy(asc(ohAppointments.slot));
      for (const { sessionId, ...row } of rows)
        bySession.set(sessionId, [...(bySession.get(sessionId) ?? []), row]);
      return bySession;
    },

    /** The sessions held on a day, by start. */
    async sessionsOn(date: string, clinicianUserId: number | null): Promise<Session[]> {
      return db
        .select()
        .from(ohSessions)
        .where(
          and(
            eq(ohSessions.organisationId, providerId),
            eq(ohSessions.heldOn, date),
            clinicianUserId === null ? undefined : eq(ohSessions.clinicianUserId, clinicianUserId),
          ),
        )
        .orderBy(asc(ohSessions.clinicianUserId), asc(ohSessions.startsAt), asc(ohSessions.id));
    },

    /** The provider's clinicians' professions, by account. */
    async professions(): Promise<Map<number, string>> {
      const rows = await db
        .select({ userId: ohClinicians.userId, profession: ohClinicians.profession })
        .from(ohClinicians)
        .where(eq(ohClinicians.organisationId, providerId));
      return new Map(rows.map((r) => [r.userId, r.profession]));
    },

    /**
     * Books the case into the slot. Throws the database's unique violation (see `isSlotTaken`)
     * when the slot holds an appointment already, even one booked a moment before.
     */
    async book(
      referral: { organisationId: number; id: number },
      session: Session,
      slot: number,
      startsAt: string,
      bookedByUserId: number,
    ): Promise<Appointment> {
      const [row] = await db
        .insert(ohAppointments)
        .values({
          organisationId: referral.organisationId,
          referralId: referral.id,
          providerOrganisationId: providerId,
          sessionId: session.id,
          slot,
          clinicianUserId: session.clinicianUserId,
          heldOn: session.heldOn,
          startsAt,
          minutes: session.slotMinutes,
          placeKind: session.placeKind,
          place: session.place,
          bookedByUserId,
        })
        .returning();
      if (!row) throw new Error('The appointment was not written');
      return row;
    },

    async findAppointment(appointmentId: number): Promise<Appointment | null> {
      const [row] = await db
        .select()
        .from(ohAppointments)
        .where(
          and(eq(ohAppointments.providerOrganisationId, providerId), eq(ohAppointments.id, appointmentId)),
        )
        .limit(1);
      return row ?? null;
    },

    /** Cancels a booked appointment; null when it is no longer booked. */
    async cancel(
      appointmentId: number,
      cancelledBy: CancelledBy,
      cancelledByUserId: number,
      rebookedAsId: number | null = null,
    ): Promise<Appointment | null> {
      const [row] = await db
        .update(ohAppointments)
        .set({
          status: 'cancelled',
          cancelledAt: sql`now()`,
          cancelledBy,
          cancelledByUserId,
          rebookedAsId,
          updatedAt: sql`now()`,
        })
        .where(
          and(
            eq(ohAppointments.providerOrganisationId, providerId),
            eq(ohAppointments.id, appointmentId),
            eq(ohAppointments.status, 'booked'),
          ),
        )
        .returning();
      return row ?? null;
    },

    async setRebookedAs(appointmentId: number, rebookedAsId: number): Promise<void> {
      await db
        .update(ohAppointments)
        .set({ rebookedAsId })
        .where(
          and(eq(ohAppointments.providerOrganisationId, providerId), eq(ohAppointments.id, appointmentId)),
        );
    },

    /** Marks a booked appointment attended or not; null when it is not booked. */
    async recordAttendance(
      appointmentId: number,
      status: 'attended' | 'did_not_attend',
    ): Promise<Appointment | null> {
      const [row] = await db
        .update(ohAppointments)
        .set({ status, updatedAt: sql`now()` })
        .where(
          and(
            eq(ohAppointments.providerOrganisationId, providerId),
            eq(ohAppointments.id, appointmentId),
            eq(ohAppointments.status, 'booked'),
          ),
        )
        .returning();
      return row ?? null;
    },
  };
}

/** A referral's appointments, latest first: in the scope the page reads them in. */
export async function appointmentsOfReferral(
  db: Db,
  organisationId: number,
  referralId: number,
): Promise<Appointment[]> {
  return db
    .select()
    .from(ohAppointments)
    .where(and(eq(ohAppointments.organisationId, organisationId), eq(ohAppointments.referralId, referralId)))
    .orderBy(desc(ohAppointments.heldOn), desc(ohAppointments.startsAt), desc(ohAppointments.id));
}
