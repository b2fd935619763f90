/**
 * The appointments of a referral, on each page about it. The OH service sees them all, with their
 * status and what can be done; the referrer only the date of the next appointment (or of the one
 * attended); the employee their own appointments: when, where and how.
 */
import { ukDateWithDay } from '../../domain/date-words.ts';
import {
  APPOINTMENT_STATUS_WORDS,
  PLACE_KIND_WORDS,
  timeWords,
  type PlaceKind,
} from '../../domain/oh-slots.ts';
import { appointmentWords } from './appointment-email.ts';
import { appointmentsOfReferral, type Appointment } from './appointments-repository.ts';
import { caseSections, type SectionContext } from './case-sections.ts';
import { ohPaths } from './occupational-health-paths.ts';

/** The next booked appointment from the date on, the earliest first. */
function nextBooked(appointments: readonly Appointment[], date: string): Appointment | undefined {
  return appointments
    .filter((a) => a.status === 'booked' && a.heldOn >= date)
    .sort((a, b) => a.heldOn.localeCompare(b.heldOn) || a.startsAt.localeCompare(b.startsAt))[0];
}

export async function appointmentsSection(context: SectionContext): Promise<Record<string, unknown> | null> {
  const { referral, viewer, date, organisationSlug } = context;
  const appointments = await appointmentsOfReferral(context.db, referral.organisationId, referral.id);
  if (viewer === 'service') {
    const bookable = referral.status === 'accepted' && referral.service !== 'external';
    if (appointments.length === 0 && !bookable) return null;
    return {
      viewer,
      bookHref: bookable
        ? ohPaths.service.book.build({ org: organisationSlug, referralId: referral.id })
        : null,
      appointments: appointments.map((a) => ({
        date: ukDateWithDay(a.heldOn),
        time: timeWords(a.startsAt),
        how: a.placeKind === 'site' ? a.place : PLACE_KIND_WORDS[a.placeKind as PlaceKind],
        status: APPOINTMENT_STATUS_WORDS[a.status as keyof typeof APPOINTMENT_STATUS_WORDS] ?? a.status,
        href: ohPaths.service.appointment.build({ org: organisationSlug, appointmentId: a.id }),
      })),
    };
  }
  if (viewer === 'referrer') {
    // Only the date: never the time, the place, the clinician or the service.
    const next = nextBooked(appointments, date);
    if (next) return { viewer, nextOn: next.heldOn };
    const attended = appointments.find((a) => a.status === 'attended');
    return attended ? { viewer, attendedOn: attended.heldOn } : null;
  }
  const upcoming = appointments
    .filter((a) => a.status === 'booked' && a.heldOn >= date)
    .sort((a, b) => a.heldOn.localeCompare(b.heldOn) || a.startsAt.localeCompare(b.startsAt));
  const past = appointments.filter((a) => a.status === 'attended' || a.status === 'did_not_attend');
  if (upcoming.length === 0 && past.length === 0) return null;
  return {
    viewer,
    upcoming: upcoming.map((a) => appointmentWords(a)),
    past: past.map((a) => ({
      date: ukDateWithDay(a.heldOn),
      attended: a.status === 'attended',
    })),
  };
}

caseSections.push({
  template: 'occupational-health/views/_appointments-section.njk',
  load: appointmentsSection,
});
