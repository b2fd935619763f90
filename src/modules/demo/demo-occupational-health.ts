/**
 * A year of the police force's occupational health service, for the demo: the organisations it
 * serves, its clinicians' clinics, and about 250 cases in every state. Management referrals are
 * about people whose demo absences called for one (a long spell off sick, a run of short ones)
 * and their absence history is what those records say; self-referrals ask for physiotherapy or
 * counselling. Each case runs its course day by day from the day it was started until the demo's
 * today, so whatever state it has reached is one the service's rules allow: a referral reaches OH
 * only with consent, an appointment in the past was kept or missed or cancelled, one in the future
 * is booked, a report the employee asked to see first waits for them within its review window.
 *
 * Pure and deterministic: the same people, absences and day always give the same casework. The
 * rows name each other by their place in these lists; the loader swaps in ids from the database.
 */
import { seededRandom, seedFromText, type SeededRandom } from '../../domain/seeded-random.ts';
import { addDays, daysInclusive, isoWeekday } from '../../domain/dates.ts';
import { esrReasonDescription } from '../../reference/esr-sickness-reasons.ts';
import type {
  DemoAppointment,
  DemoCorrection,
  DemoNote,
  DemoReferral,
  DemoReport,
  DemoReportVersion,
  DemoSession,
} from '../occupational-health/demo-casework-repository.ts';
import type { DemoAbsence } from './demo-absences.ts';
import { shuffled, type DemoOrganisation, type DemoPerson } from './demo-partnership.ts';
import {
  ADDENDA,
  answerTo,
  CLOSE_REASONS,
  CORRECTED_ANSWER,
  EXTERNAL_PROVIDERS,
  FACTUAL_CORRECTIONS,
  jobDemands,
  noteText,
  OPINION_REQUESTS,
  OWN_QUESTIONS,
  referralReason,
  REJECTION_REASONS,
  reportContent,
  USUAL_QUESTIONS,
  type Theme,
} from './demo-occupational-health-words.ts';

export type Profession = 'nurse' | 'physician' | 'physiotherapist' | 'counsellor';
type Service = 'nurse' | 'physician' | 'physio' | 'counsellor' | 'external';

/** The profession of the OH unit's posts that the demo's clinicians hold. */
export const PROFESSION_OF_POST: Readonly<Record<string, Profession>> = {
  'Occupational Health Nurse Adviser': 'nurse',
  'Force Medical Adviser': 'physician',
  Physiotherapist: 'physiotherapist',
  Counsellor: 'counsellor',
};

const SERVICE_OF: Record<Profession, Service> = {
  nurse: 'nurse',
  physician: 'physician',
  physiotherapist: 'physio',
  counsellor: 'counsellor',
};

/** The days of the service's review window for a report the employee sees first. */
export const DEMO_REVIEW_WORKING_DAYS = 2;

export interface CaseworkOrganisation {
  organisationId: number;
  org: DemoOrganisation;
  absences: readonly DemoAbsence[];
  personIds: ReadonlyMap<string, number>;
  /** The users of the organisation's demo sign-ins, by their holder's employee number. */
  userIds: ReadonlyMap<string, number>;
  /** How many cases to make. */
  cases: number;
}

export interface CaseworkInput {
  asOf: string;
  holidays: ReadonlySet<string>;
  providerId: number;
  sites: readonly { name: string; address: string; postcode: string }[];
  organisations: readonly CaseworkOrganisation[];
  clinicians: readonly { userId: number; profession: Profession }[];
  adminUserId: number;
}

type NoteDraft = Omit<DemoNote, 'sealedText' | 'keyId'> & { text: string };

/** The casework, its rows naming each other by their index in these lists. */
export interface CaseworkPlan {
  servedFrom: string;
  referrals: DemoReferral[];
  sessions: DemoSession[];
  appointments: DemoAppointment[];
  notes: NoteDraft[];
  reports: DemoReport[];
  versions: DemoReportVersion[];
  corrections: DemoCorrection[];
}

// ---------------------------------------------------------------------------------------------
// Working days and times.

function calendar(holidays: ReadonlySet<string>) {
  const isWorkingDay = (d: string) => isoWeekday(d) <= 5 && !holidays.has(d);
  const onOrAfter = (d: string) => {
    let day = d;
    while (!isWorkingDay(day)) day = addDays(day, 1);
    return day;
  };
  const addWorkingDays = (d: string, n: number) => {
    let day = onOrAfter(d);
    for (let i = 0; i < n; i++) day = onOrAfter(addDays(day, 1));
    return day;
  };
  return { isWorkingDay, onOrAfter, addWorkingDays };
}

/** The last Sunday of a month of a year, as YYYY-MM-DD. */
function lastSunday(year: number, month: number): string {
  const last = new Date(Date.UTC(year, month, 0));
  last.setUTCDate(last.getUTCDate() - last.getUTCDay());
  return last.toISOString().slice(0, 10);
}

/** A time on a day in London, as a timestamp with its offset from UTC. */
export function londonTime(date: string, time: string): string {
  const year = Number(date.slice(0, 4));
  const summer = date >= lastSunday(year, 3) && date < lastSunday(year, 10);
  return `${date}T${time}:00${summer ? '+01:00' : '+00:00'}`;
}

function timeAfter(start: string, minutes: number): string {
  const [h, m] = start.split(':').map(Number) as [number, number];
  const total = h * 60 + m + minutes;
  return `${String(Math.floor(total / 60) % 24).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// Clinics.

interface Clinic {
  weekday: number;
  startsAt: string;
  slotMinutes: number;
  slots: number;
  placeKind: 'site' | 'telephone' | 'video';
  /** Which of the provider's sites, for a clinic held at one. */
  site?: number;
}

const CLINICS: Record<Profession, readonly Clinic[]> = {
  nurse: [
    { weekday: 1, startsAt: '09:30', slotMinutes: 60, slots: 6, placeKind: 'site', site: 1 },
    { weekday: 2, startsAt: '09:30', slotMinutes: 60, slots: 6, placeKind: 'site', site: 1 },
    { weekday: 4, startsAt: '10:00', slotMinutes: 60, slots: 5, placeKind: 'site', site: 2 },
    { weekday: 5, startsAt: '09:00', slotMinutes: 30, slots: 8, placeKind: 'telephone' },
  ],
  physician: [
    { weekday: 3, startsAt: '09:30', slotMinutes: 60, slots: 5, placeKind: 'site', site: 1 },
    { weekday: 1, startsAt: '14:00', slotMinutes: 45, slots: 4, placeKind: 'video' },
  ],
  physiotherapist: [
    { weekday: 2, startsAt: '09:00', slotMinutes: 45, slots: 8, placeKind: 'site', site: 1 },
    { weekday: 4, startsAt: '09:00', slotMinutes: 45, slots: 8, placeKind: 'site', site: 1 },
  ],
  counsellor: [
    { weekday: 1, startsAt: '10:00', slotMinutes: 50, slots: 5, placeKind: 'site', site: 1 },
    { weekday: 3, startsAt: '10:00', slotMinutes: 50, slots: 5, placeKind: 'video' },
  ],
};

// ---------------------------------------------------------------------------------------------
// One case, run day by day.

interface Subject {
  o: CaseworkOrganisation;
  person: DemoPerson;
  kind: 'management' | 'self';
  theme: Theme;
  spellStart: string | null;
  referrer: { userId: number | null; relation: 'manager' | 'hr' | 'self' };
}

/** Choices a featured case may fix rather than leave to chance. */
interface Fixed {
  seesFirst?: boolean;
  service?: Service;
  straightThrough?: boolean;
}

interface CaseAppointment extends Omit<DemoAppointment, 'id' | 'referralId' | 'rebookedAsId'> {
  rebookedAs: number | null;
}
interface CaseNote {
  appointment: number | null;
  addendumTo: number | null;
  authorUserId: number;
  writtenAt: string;
  text: string;
}
interface CaseRun {
  referral: Omit<DemoReferral, 'id'>;
  appointments: CaseAppointment[];
  notes: CaseNote[];
  report: Omit<DemoReport, 'id' | 'referralId'> | null;
  version: Omit<DemoReportVersion, 'id' | 'reportId'> | null;
  correction: Omit<DemoCorrection, 'id' | 'reportId'> | null;
}

interface Booking {
  session: number;
  slot: number;
}

function planner(input: CaseworkInput) {
  const { asOf } = input;
  const { isWorkingDay, onOrAfter, addWorkingDays } = calendar(input.holidays);
  const siteWords = (i: number) => {
    const site = input.sites[i] ?? input.sites[0];
    return site ? `${site.name}, ${site.address} ${site.postcode}` : '';
  };

  // The clinics of each clinician from a year and a month ago to five weeks ahead; a few missed
  // for leave and training.
  const sessions: DemoSession[] = [];
  const sessionsOf = new Map<number, number[]>();
  const leave = seededRandom(seedFromText('oh-demo:leave'));
  const first = addDays(asOf, -400);
  for (const clinician of input.clinicians) {
    const mine: number[] = [];
    for (let day = first; day <= addDays(asOf, 35); day = addDays(day, 1)) {
      if (!isWorkingDay(day)) continue;
      for (const clinic of CLINICS[clinician.profession]) {
        if (clinic.weekday !== isoWeekday(day) || leave.chance(0.06)) continue;
        mine.push(sessions.length);
        sessions.push({
          id: sessions.length,
          organisationId: input.providerId,
          clinicianUserId: clinician.userId,
          heldOn: day,
          startsAt: clinic.startsAt,
          slotMinutes: clinic.slotMinutes,
          slots: clinic.slots,
          placeKind: clinic.placeKind,
          place: clinic.placeKind === 'site' ? siteWords(clinic.site ?? 1) : '',
        });
      }
    }
    sessionsOf.set(clinician.userId, mine);
  }
  const taken = new Map<number, Set<number>>();
  const clinicianFor = (service: Service) =>
    input.clinicians.find((c) => SERVICE_OF[c.profession] === service)?.userId ?? null;

  /** A free slot of the clinician on or after a day (within six weeks), not yet taken. */
  const findSlot = (r: SeededRandom, clinician: number, from: string, pending: Booking[]): Booking | null => {
    for (const index of sessionsOf.get(clinician) ?? []) {
      const session = sessions[index];
      if (!session || session.heldOn < from) continue;
      if (session.heldOn > addDays(from, 42)) return null;
      const used = taken.get(index) ?? new Set<number>();
      const free = Array.from({ length: session.slots }, (_, i) => i + 1).filter(
        (slot) => !used.has(slot) && !pending.some((p) => p.session === index && p.slot === slot),
      );
      if (free.length > 0) return { session: index, slot: r.pick(free) };
    }
    return null;
  };

  const sickness = new Map<string, DemoAbsence[]>();
  for (const o of input.organisations)
    for (const a of o.absences)
      if (a.type === 'sickness')
        sickness.set(a.employeeNumber, [...(sickness.get(a.employeeNumber) ?? []), a]);
  const absenceHistory = (s: Subject, on: string) =>
    (sickness.get(s.person.employeeNumber) ?? [])
      .filter((a) => a.startDate <= on && a.startDate >= addDays(on, -365))
      .sort((a, b) => a.startDate.localeCompare(b.startDate))
      .map((a) => {
        const end = a.endDate !== null && a.endDate <= on ? a.endDate : null;
        let workingDays = 0;
        for (let d = a.startDate; d <= (end ?? on); d = addDays(d, 1)) if (isWorkingDay(d)) workingDays++;
        return {
          startDate: a.startDate,
          endDate: end,
          reason: esrReasonDescription(a.reasonCode ?? 'S99') ?? 'Not given',
          workingDays,
        };
      });

  /** The case of a subject started on a day, run until the demo's today. */
  const run = (
    s: Subject,
    created: string,
    fixed: Fixed,
    variant = 0,
  ): { run: CaseRun; bookings: Booking[] } => {
    const r = seededRandom(
      seedFromText(
        `oh-demo:${s.o.org.slug}:${s.person.employeeNumber}:${created}${variant ? `:${variant}` : ''}`,
      ),
    );
    const pending: Booking[] = [];
    const self = s.kind === 'self';
    const questions = self
      ? []
      : [...USUAL_QUESTIONS.filter((_, i) => i < 2 || r.chance(0.6)), r.pick(OWN_QUESTIONS[s.theme])];
    const referral: Omit<DemoReferral, 'id'> = {
      organisationId: s.o.organisationId,
      providerOrganisationId: input.providerId,
      personId: s.o.personIds.get(s.person.employeeNumber) ?? 0,
      kind: s.kind,
      referredByUserId: s.referrer.userId,
      referrerRelation: s.referrer.relation,
      personName: `${s.person.firstName} ${s.person.lastName}`,
      jobTitle: s.person.jobTitle,
      personEmail: s.person.email,
      reason: self
        ? s.theme === 'stress'
          ? 'I have been feeling low and anxious for a while and it is affecting my sleep and my work. I would like to talk to someone.'
          : 'I have pain that is making parts of my job hard, and the NHS wait for physiotherapy is long.'
        : referralReason(s.theme, s.person, s.spellStart),
      questions,
      jobDemands: self ? '' : jobDemands(s.person),
      absenceHistory: self ? [] : absenceHistory(s, created),
      serviceAsked: self ? (s.theme === 'stress' ? 'counsellor' : 'physio') : null,
      status: 'draft',
      consentGivenOn: null,
      consentRecordedBy: null,
      consentWithdrawnOn: null,
      referredOn: null,
      triagedOn: null,
      triagedByUserId: null,
      rejectionReason: null,
      priority: null,
      service: null,
      externalProvider: null,
      clinicianUserId: null,
      closedOn: null,
      closeReason: null,
      createdAt: londonTime(created, '09:15'),
    };
    const result: CaseRun = {
      referral,
      appointments: [],
      notes: [],
      report: null,
      version: null,
      correction: null,
    };
    const done = () => ({ run: result, bookings: pending });
    const close = (on: string, reason: string) => {
      if (on > asOf) return;
      referral.status = 'closed';
      referral.closedOn = on;
      referral.closeReason = reason;
    };

    // Consent: a self-referral has it from the start; a management referral waits for it.
    const straight = fixed.straightThrough === true;
    let consentOn = created;
    if (!self) {
      if (!straight && r.chance(0.05)) {
        close(addWorkingDays(addDays(created, 28), 0), CLOSE_REASONS.noConsent);
        return done();
      }
      const byReferrer = r.chance(0.45);
      consentOn = byReferrer ? created : addWorkingDays(created, r.int(1, 6));
      if (consentOn > asOf) return done();
      referral.consentRecordedBy = byReferrer ? 'referrer' : 'employee';
    } else {
      referral.consentRecordedBy = 'employee';
    }
    referral.status = 'submitted';
    referral.consentGivenOn = consentOn;
    referral.referredOn = consentOn;

    const triageOn = addWorkingDays(consentOn, r.int(1, 4));
    if (!straight && r.chance(self ? 0.03 : 0.05)) {
      const withdrawnOn = addWorkingDays(consentOn, 1);
      if (withdrawnOn <= asOf && withdrawnOn < triageOn) {
        referral.status = 'withdrawn';
        referral.consentWithdrawnOn = withdrawnOn;
        return done();
      }
    }
    if (triageOn > asOf) return done();
    const clinicianTriaging = r.chance(0.3);
    referral.triagedOn = triageOn;
    referral.triagedByUserId = clinicianTriaging
      ? (clinicianFor('nurse') ?? input.adminUserId)
      : input.adminUserId;
    if (!straight && r.chance(self ? 0.04 : 0.07)) {
      referral.status = 'rejected';
      referral.rejectionReason = self
        ? 'You are already having counselling through the NHS talking therapies service for this. Taking up sessions with us as well is not advised; please refer yourself again when that ends if you need more support.'
        : r.pick(REJECTION_REASONS);
      return done();
    }
    referral.status = 'accepted';
    referral.priority =
      s.theme === 'serious'
        ? 'urgent'
        : s.theme === 'stress' && s.spellStart
          ? r.pick(['soon', 'urgent', 'soon'])
          : r.pick(['routine', 'routine', 'soon']);
    const service: Service =
      fixed.service ??
      (self
        ? s.theme === 'stress'
          ? 'counsellor'
          : 'physio'
        : r.chance(0.05)
          ? 'external'
          : s.theme === 'serious'
            ? 'physician'
            : s.theme === 'stress'
              ? r.pick(['nurse', 'nurse', 'physician', 'counsellor'])
              : s.theme === 'back' || s.theme === 'musculoskeletal'
                ? r.pick(['physio', 'nurse', 'nurse', 'physician'])
                : r.pick(['nurse', 'nurse', 'physician']));
    referral.service = service;
    if (service === 'external') {
      referral.externalProvider = r.pick(EXTERNAL_PROVIDERS);
      close(addWorkingDays(triageOn, r.int(5, 15)), CLOSE_REASONS.external);
      return done();
    }
    const clinician = clinicianFor(service);
    if (clinician === null) return done();
    referral.clinicianUserId = clinician;

    // Appointments, from when the admin books the first one.
    const bookedOn = addWorkingDays(triageOn, r.int(0, 2));
    if (bookedOn > asOf) return done();
    const wait =
      referral.priority === 'urgent'
        ? r.int(2, 5)
        : referral.priority === 'soon'
          ? r.int(5, 10)
          : r.int(8, 18);
    const series =
      service === 'physio' ? r.int(3, 6) : service === 'counsellor' ? r.int(4, 6) : r.chance(0.3) ? 2 : 1;
    let target = addWorkingDays(triageOn, wait);
    let bookingDay = bookedOn;
    let attended = 0;
    let missed = 0;
    let firstAttended: string | null = null;
    let lastVisit: string | null = null;
    let stillBooked = false;
    while (attended < series) {
      const booking = findSlot(r, clinician, target, pending);
      if (!booking) break;
      const session = sessions[booking.session];
      if (!session) break;
      pending.push(booking);
      const startsAt = timeAfter(session.startsAt, (booking.slot - 1) * session.slotMinutes);
      const appointment: CaseAppointment = {
        organisationId: s.o.organisationId,
        providerOrganisationId: input.providerId,
        sessionId: booking.session,
        slot: booking.slot,
        clinicianUserId: clinician,
        heldOn: session.heldOn,
        startsAt,
        minutes: session.slotMinutes,
        placeKind: session.placeKind,
        place: session.place ?? '',
        status: 'booked',
        bookedByUserId: r.chance(0.8) ? input.adminUserId : clinician,
        cancelledAt: null,
        cancelledBy: null,
        cancelledByUserId: null,
        rebookedAs: null,
        createdAt: londonTime(bookingDay, '11:30'),
      };
      const index = result.appointments.length;
      result.appointments.push(appointment);
      // Cancelled: late (the afternoon before) or in good time (a few days before), and rebooked.
      if (!straight && r.chance(0.09)) {
        const late = r.chance(0.4);
        const cancelDay = late ? addDays(session.heldOn, -1) : addDays(session.heldOn, -r.int(3, 6));
        if (cancelDay < asOf && cancelDay >= bookingDay) {
          const by = r.pick(
            self
              ? (['employee', 'service'] as const)
              : (['employee', 'employee', 'service', 'referrer'] as const),
          );
          appointment.status = 'cancelled';
          appointment.cancelledAt = londonTime(cancelDay, late ? '16:20' : '11:05');
          appointment.cancelledBy = by;
          appointment.cancelledByUserId =
            by === 'service'
              ? input.adminUserId
              : by === 'referrer'
                ? s.referrer.userId
                : (s.o.userIds.get(s.person.employeeNumber) ?? null);
          // The slot is free again for someone else: only what is not cancelled holds it.
          pending.pop();
          appointment.rebookedAs = result.appointments.length;
          target = addDays(session.heldOn, r.int(2, 7));
          bookingDay = cancelDay;
          continue;
        }
      }
      if (session.heldOn >= asOf) {
        stillBooked = true;
        break;
      }
      const place = session.placeKind === 'site' ? (session.place ?? '') : '';
      const writtenAt = londonTime(session.heldOn, timeAfter(startsAt, session.slotMinutes + 10));
      if (!straight && r.chance(0.06)) {
        appointment.status = 'did_not_attend';
        result.notes.push({
          appointment: index,
          addendumTo: null,
          authorUserId: clinician,
          writtenAt,
          text: noteText('did_not_attend', s.theme, s.person, attended + 1, place),
        });
        missed++;
        if (missed >= 2) {
          close(addWorkingDays(session.heldOn, 5), CLOSE_REASONS.didNotAttend);
          return done();
        }
        target = addWorkingDays(session.heldOn, r.int(3, 8));
        bookingDay = session.heldOn;
        continue;
      }
      appointment.status = 'attended';
      attended++;
      firstAttended ??= session.heldOn;
      lastVisit = session.heldOn;
      const kind =
        service === 'physio'
          ? 'physio'
          : service === 'counsellor'
            ? 'counselling'
            : attended === 1
              ? 'assessment'
              : 'review';
      result.notes.push({
        appointment: index,
        addendumTo: null,
        authorUserId: clinician,
        writtenAt,
        text: noteText(kind, s.theme, s.person, attended, place),
      });
      if (r.chance(0.12)) {
        const on = addWorkingDays(session.heldOn, r.int(2, 10));
        if (on < asOf)
          result.notes.push({
            appointment: null,
            addendumTo: result.notes.length - 1,
            authorUserId: clinician,
            writtenAt: londonTime(on, '15:40'),
            text: r.pick(ADDENDA),
          });
      }
      target = addDays(session.heldOn, service === 'nurse' || service === 'physician' ? r.int(21, 35) : 7);
      bookingDay = session.heldOn;
    }
    // A cancellation whose new appointment could not be found a slot is not rebooked after all.
    for (const a of result.appointments)
      if (a.rebookedAs !== null && a.rebookedAs >= result.appointments.length) a.rebookedAs = null;
    if (firstAttended === null) return done();

    // The report, for a management referral seen by a nurse, physician or physiotherapist.
    const reports = !self && service !== 'counsellor';
    let settledOn: string | null = null;
    let withheld = false;
    if (reports) {
      const writtenOn = addWorkingDays(firstAttended, r.int(1, 4));
      if (writtenOn > asOf && !r.chance(0.6)) return done();
      const pick = r.int(0, 5);
      const content = reportContent(s.theme, s.person, pick);
      const likelyReturnOn =
        content.outcome === 'temporarily_unfit' ? onOrAfter(addDays(firstAttended, r.int(14, 42))) : null;
      const fact = r.pick(FACTUAL_CORRECTIONS);
      const background = (words: string) => `Background: ${s.person.firstName} ${words}. ${content.advice}`;
      const seesFirst = fixed.seesFirst ?? r.chance(0.35);
      const report: Omit<DemoReport, 'id' | 'referralId'> = {
        organisationId: s.o.organisationId,
        authorUserId: clinician,
        outcome: content.outcome,
        likelyReturnOn,
        adjustments: content.adjustments,
        answers: questions.map((question) => ({
          question,
          answer: answerTo(question, content.outcome, likelyReturnOn),
        })),
        disabilityLikely: content.disabilityLikely,
        advice: background(fact.right),
        reviewOn: addDays(firstAttended, r.int(6, 12) * 7),
        employeeSeesFirst: seesFirst,
        status: 'draft',
        sentToEmployeeOn: null,
        reviewEndsOn: null,
        releasedOn: null,
        withheldOn: null,
        adjustmentsAddedOn: null,
        createdAt: londonTime(addWorkingDays(firstAttended, 1), '09:45'),
      };
      result.report = report;
      if (writtenOn > asOf) return done();
      const settle = (on: string, withholding: boolean) => {
        report.status = withholding ? 'withheld' : 'released';
        if (withholding) report.withheldOn = on;
        else report.releasedOn = on;
        withheld = withholding;
        settledOn = on;
      };
      if (!seesFirst) {
        settle(writtenOn, false);
      } else {
        report.status = 'with_employee';
        report.sentToEmployeeOn = writtenOn;
        const path = r.pick([
          'release',
          'release',
          'release',
          'release',
          'withhold',
          'correct',
          'correct',
          'opinion',
        ] as const);
        const asking = path === 'correct' || path === 'opinion';
        // A correction asked for gives the employee longer to review.
        report.reviewEndsOn = addWorkingDays(writtenOn, DEMO_REVIEW_WORKING_DAYS + (asking ? 3 : 0));
        let decisionOn = addWorkingDays(writtenOn, r.int(0, DEMO_REVIEW_WORKING_DAYS));
        if (asking) {
          const askedOn = addWorkingDays(writtenOn, r.int(0, 1));
          const answeredOn = addWorkingDays(askedOn, r.int(1, 3));
          decisionOn = addWorkingDays(answeredOn, r.int(0, 1));
          if (askedOn < asOf) {
            const opinion = path === 'opinion' ? r.pick(OPINION_REQUESTS) : null;
            const answered = answeredOn < asOf;
            result.correction = {
              organisationId: s.o.organisationId,
              askedAt: londonTime(askedOn, '19:12'),
              request: opinion ? opinion.request : fact.request,
              status: answered ? (opinion ? 'declined' : 'corrected') : 'open',
              answer: answered ? (opinion ? opinion.answer : CORRECTED_ANSWER) : null,
              answeredAt: answered ? londonTime(answeredOn, '10:25') : null,
              answeredByUserId: answered ? clinician : null,
            };
            if (!opinion) {
              // Until it is corrected the report says the wrong thing; once corrected, its history does.
              if (answered) {
                result.version = {
                  organisationId: s.o.organisationId,
                  changedByUserId: clinician,
                  changedAt: londonTime(answeredOn, '10:24'),
                  why: `Corrected at the employee’s request: ${fact.request}`,
                  before: {
                    outcome: report.outcome,
                    likelyReturnOn: report.likelyReturnOn,
                    adjustments: report.adjustments,
                    answers: report.answers,
                    disabilityLikely: report.disabilityLikely,
                    advice: background(fact.wrong),
                    reviewOn: report.reviewOn,
                  },
                };
              } else {
                report.advice = background(fact.wrong);
              }
            }
          }
        }
        if (decisionOn <= asOf) settle(decisionOn, path === 'withhold');
      }
      if (
        report.status === 'released' &&
        (report.adjustments ?? []).length > 0 &&
        s.referrer.userId !== null &&
        r.chance(0.5)
      ) {
        const added = addWorkingDays(report.releasedOn ?? asOf, r.int(1, 5));
        if (added <= asOf) report.adjustmentsAddedOn = added;
      }
    }

    // Closed once the work is done: the report settled and no appointment left, or the course finished.
    if (stillBooked || attended < series) return done();
    const end = reports ? settledOn : lastVisit;
    if (end === null || fixed.straightThrough) return done();
    const reason = withheld
      ? CLOSE_REASONS.withheld
      : service === 'physio' && self
        ? CLOSE_REASONS.physio
        : service === 'counsellor'
          ? self
            ? CLOSE_REASONS.counselling
            : CLOSE_REASONS.noReport
          : series > 1
            ? CLOSE_REASONS.reviewed
            : CLOSE_REASONS.advised;
    close(addWorkingDays(end, r.int(3, 20)), reason);
    return done();
  };

  return { sessions, taken, run, onOrAfter, addWorkingDays, isWorkingDay };
}

// ---------------------------------------------------------------------------------------------
// Who is referred, and when.

const THEME_OF_REASON: Readonly<Record<string, Theme>> = {
  S10: 'stress',
  S11: 'back',
  S12: 'musculoskeletal',
  S28: 'musculoskeletal',
  S17: 'serious',
  S19: 'serious',
};

interface Candidate {
  person: DemoPerson;
  theme: Theme;
  spellStart: string | null;
  created: string;
}

/** The demo's casework for its OH service. */
export function demoCasework(input: CaseworkInput): CaseworkPlan {
  const { asOf } = input;
  const p = planner(input);
  const yearAgo = addDays(asOf, -365);
  const referrals: DemoReferral[] = [];
  const appointments: DemoAppointment[] = [];
  const notes: NoteDraft[] = [];
  const reports: DemoReport[] = [];
  const versions: DemoReportVersion[] = [];
  const corrections: DemoCorrection[] = [];

  const commit = (result: { run: CaseRun; bookings: readonly { session: number; slot: number }[] }) => {
    const { run } = result;
    for (const b of result.bookings) {
      const used = p.taken.get(b.session) ?? new Set<number>();
      used.add(b.slot);
      p.taken.set(b.session, used);
    }
    const referralId = referrals.length;
    referrals.push({ ...run.referral, id: referralId });
    const firstAppointment = appointments.length;
    for (const a of run.appointments) {
      const { rebookedAs, ...rest } = a;
      appointments.push({
        ...rest,
        id: appointments.length,
        referralId,
        rebookedAsId: rebookedAs === null ? null : firstAppointment + rebookedAs,
      });
    }
    const firstNote = notes.length;
    for (const n of run.notes) {
      notes.push({
        id: notes.length,
        organisationId: run.referral.organisationId,
        referralId,
        appointmentId: n.appointment === null ? null : firstAppointment + n.appointment,
        addendumTo: n.addendumTo === null ? null : firstNote + n.addendumTo,
        authorUserId: n.authorUserId,
        writtenAt: n.writtenAt,
        text: n.text,
      });
    }
    if (run.report) {
      const reportId = reports.length;
      reports.push({ ...run.report, id: reportId, referralId });
      if (run.version) versions.push({ ...run.version, id: versions.length, reportId });
      if (run.correction) corrections.push({ ...run.correction, id: corrections.length, reportId });
    }
  };

  for (const o of input.organisations) {
    const r = seededRandom(seedFromText(`oh-demo:subjects:${o.org.slug}`));
    const employed = (person: DemoPerson, on: string) =>
      person.startDate <= addDays(on, -30) &&
      person.endDate === null &&
      o.personIds.has(person.employeeNumber);
    const byNumber = new Map(o.org.people.map((person) => [person.employeeNumber, person]));
    const lineManager = o.org.accounts.find((a) => a.roles.includes('line_manager'));
    const hr = o.org.accounts.find((a) => a.roles.includes('hr'));
    const colleague = o.org.accounts.find((a) => a.roles.length === 1 && a.roles[0] === 'employee');
    const referrerOf = (person: DemoPerson, kind: 'management' | 'self'): Subject['referrer'] => {
      if (kind === 'self') return { userId: o.userIds.get(person.employeeNumber) ?? null, relation: 'self' };
      if (lineManager?.employeeNumber && person.managerEmployeeNumber === lineManager.employeeNumber)
        return { userId: o.userIds.get(lineManager.employeeNumber) ?? null, relation: 'manager' };
      if (hr?.employeeNumber && r.chance(0.3))
        return { userId: o.userIds.get(hr.employeeNumber) ?? null, relation: 'hr' };
      return { userId: null, relation: 'manager' };
    };
    const referred = new Set<string>();
    const subject = (c: Candidate, kind: 'management' | 'self'): Subject => ({
      o,
      person: c.person,
      kind,
      theme: c.theme,
      spellStart: c.spellStart,
      referrer: referrerOf(c.person, kind),
    });

    // Featured cases, for the demo sign-ins: the employee's own, and the line manager's team's.
    const featured: {
      person: DemoPerson;
      kind: 'management' | 'self';
      theme: Theme;
      fixed: Fixed;
      want: (run: CaseRun) => boolean;
    }[] = [];
    const team = o.org.people.filter(
      (person) =>
        lineManager?.employeeNumber !== undefined &&
        person.managerEmployeeNumber === lineManager.employeeNumber &&
        person.employeeNumber !== colleague?.employeeNumber &&
        !o.org.accounts.some((a) => a.employeeNumber === person.employeeNumber) &&
        employed(person, yearAgo),
    );
    const colleaguePerson = colleague?.employeeNumber ? byNumber.get(colleague.employeeNumber) : undefined;
    const reportOf = (run: CaseRun) => run.report;
    if (colleaguePerson) {
      const wants: Record<string, (typeof featured)[number]> = {
        'fellshire-police': {
          person: colleaguePerson,
          kind: 'management',
          theme: 'musculoskeletal',
          fixed: { seesFirst: true, service: 'nurse', straightThrough: true },
          want: (run) => reportOf(run)?.status === 'with_employee' && run.correction === null,
        },
        'merrowby-council': {
          person: colleaguePerson,
          kind: 'management',
          theme: 'back',
          fixed: { straightThrough: true },
          want: (run) => run.referral.status === 'draft',
        },
        'merrowby-nhs': {
          person: colleaguePerson,
          kind: 'self',
          theme: 'back',
          fixed: { straightThrough: true },
          want: (run) => run.appointments.some((a) => a.status === 'booked'),
        },
        'riverside-homes': {
          person: colleaguePerson,
          kind: 'management',
          theme: 'adjustments',
          fixed: { seesFirst: false, service: 'nurse' },
          want: (run) => run.referral.status === 'closed' && reportOf(run)?.status === 'released',
        },
      };
      const mine = wants[o.org.slug];
      if (mine) featured.push(mine);
    }
    const teamWants: { theme: Theme; fixed: Fixed; want: (run: CaseRun) => boolean }[] = [
      {
        theme: 'stress',
        fixed: { seesFirst: false, service: 'nurse', straightThrough: true },
        want: (run) =>
          run.referral.status === 'accepted' &&
          reportOf(run)?.status === 'released' &&
          (reportOf(run)?.adjustments ?? []).length > 0 &&
          reportOf(run)?.adjustmentsAddedOn === null,
      },
      {
        theme: 'frequent',
        fixed: { service: 'nurse', straightThrough: true },
        want: (run) =>
          run.referral.status === 'accepted' && run.appointments.some((a) => a.status === 'booked'),
      },
      { theme: 'back', fixed: { straightThrough: true }, want: (run) => run.referral.status === 'submitted' },
      {
        theme: 'musculoskeletal',
        fixed: { seesFirst: true, service: 'physician' },
        want: (run) => reportOf(run)?.status === 'withheld',
      },
    ];
    team.slice(0, teamWants.length).forEach((person, i) => {
      const w = teamWants[i];
      if (w) featured.push({ person, kind: 'management', ...w });
    });
    // People picked at random are never the demo's sign-ins, whose cases are the featured ones.
    const holders = new Set(o.org.accounts.map((a) => a.employeeNumber));
    const anyone = shuffled(
      r,
      o.org.people.filter((person) => employed(person, asOf) && !holders.has(person.employeeNumber)),
    );
    const notTeam = anyone.filter((person) => !team.includes(person));
    // Reports at the stages that pass quickly: being written, and with the employee to review.
    const passing: { theme: Theme; fixed: Fixed; want: (run: CaseRun) => boolean }[] = [
      {
        theme: 'stress',
        fixed: { service: 'nurse', straightThrough: true },
        want: (run) => reportOf(run)?.status === 'draft',
      },
      {
        theme: 'back',
        fixed: { seesFirst: true, service: 'nurse' },
        want: (run) => reportOf(run)?.status === 'with_employee' && run.correction?.status === 'open',
      },
      {
        theme: 'frequent',
        fixed: { seesFirst: true, service: 'nurse', straightThrough: true },
        want: (run) => reportOf(run)?.status === 'with_employee',
      },
      { theme: 'stress', fixed: { straightThrough: true }, want: (run) => run.referral.status === 'draft' },
    ];
    notTeam.slice(0, passing.length).forEach((person, i) => {
      const w = passing[i];
      if (w) featured.push({ person, kind: 'management', ...w });
    });
    let made = 0;
    // Each is started on the latest day, and with the first of a few draws, that gets it there.
    for (const f of featured) {
      search: for (let back = 0; back < 200; back++) {
        const created = p.onOrAfter(addDays(asOf, -back));
        if (created > asOf) continue;
        const s = subject({ person: f.person, theme: f.theme, spellStart: null, created }, f.kind);
        for (let variant = 0; variant < 8; variant++) {
          const result = p.run(s, created, f.fixed, variant);
          if (f.want(result.run)) {
            commit(result);
            referred.add(f.person.employeeNumber);
            made++;
            break search;
          }
        }
      }
    }

    // Management referrals: long spells of sickness, runs of short ones, and adjustments at work.
    const mine = o.absences.filter((a) => a.type === 'sickness');
    const long: Candidate[] = [];
    for (const a of mine) {
      const days = daysInclusive(a.startDate, a.endDate ?? asOf);
      if (days < 21) continue;
      const person = byNumber.get(a.employeeNumber);
      const created = p.onOrAfter(addDays(a.startDate, r.int(10, 20)));
      if (!person || created > asOf || created < yearAgo || !employed(person, created)) continue;
      long.push({
        person,
        theme: THEME_OF_REASON[a.reasonCode ?? ''] ?? 'stress',
        spellStart: a.startDate,
        created,
      });
    }
    const spells = new Map<string, string[]>();
    for (const a of mine) {
      if (a.startDate < yearAgo) continue;
      spells.set(a.employeeNumber, [...(spells.get(a.employeeNumber) ?? []), a.endDate ?? asOf]);
    }
    const frequent: Candidate[] = [];
    for (const [number, ends] of spells) {
      const person = byNumber.get(number);
      const fourth = [...ends].sort()[3];
      if (!person || !fourth) continue;
      const created = p.onOrAfter(addDays(fourth, r.int(5, 15)));
      if (created <= asOf && employed(person, created))
        frequent.push({ person, theme: 'frequent', spellStart: null, created });
    }
    const someone = (theme: Theme): Candidate | null => {
      const person = anyone.find((x) => !referred.has(x.employeeNumber));
      if (!person) return null;
      return { person, theme, spellStart: null, created: p.onOrAfter(addDays(asOf, -r.int(0, 364))) };
    };
    const selfCount = Math.round(o.cases * 0.25);
    const managementCount = o.cases - selfCount - made;
    const pool = [
      ...shuffled(r, long).slice(0, Math.round(managementCount * 0.6)),
      ...shuffled(r, frequent).slice(0, Math.round(managementCount * 0.25)),
    ];
    let managed = 0;
    for (const c of pool) {
      if (referred.has(c.person.employeeNumber) && c.theme !== 'adjustments') continue;
      if (holders.has(c.person.employeeNumber)) continue;
      referred.add(c.person.employeeNumber);
      commit(p.run(subject(c, 'management'), c.created, {}));
      managed++;
    }
    for (; managed < managementCount; managed++) {
      const c = someone('adjustments');
      if (!c) break;
      referred.add(c.person.employeeNumber);
      commit(p.run(subject(c, 'management'), c.created, {}));
    }
    for (let i = 0; i < selfCount; i++) {
      const c = someone(r.chance(0.45) ? 'stress' : r.chance(0.5) ? 'back' : 'musculoskeletal');
      if (!c) break;
      referred.add(c.person.employeeNumber);
      commit(p.run(subject(c, 'self'), c.created, {}));
    }
  }

  // Served from the first of the month about eighteen months ago.
  const servedFrom = `${addDays(asOf, -548).slice(0, 7)}-01`;
  return { servedFrom, referrals, sessions: p.sessions, appointments, notes, reports, versions, corrections };
}
