/**
 * The email that tells the employee of their appointment, its move or its cancellation, with an
 * iCalendar file for their calendar. It says when, where and how, and nothing clinical: not the
 * reason for the referral, the service or the clinician.
 */
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { ukDateWithDay } from '../../domain/date-words.ts';
import { londonInstant, PLACE_KIND_WORDS, timeWords, type PlaceKind } from '../../domain/oh-slots.ts';
import type { Services } from '../../services.ts';
import { renderEmail } from '../notifications/email-templates.ts';
import type { Appointment } from './appointments-repository.ts';

const SUMMARY = 'Occupational health appointment';

/** What the employee is told of how to come: in person at the site, or waiting for a call. */
function instructions(placeKind: string): string {
  if (placeKind === 'telephone') return 'The clinician will telephone you at the time of your appointment.';
  if (placeKind === 'video') return 'You will be sent a link to join the video call before your appointment.';
  return 'Please arrive a few minutes before your appointment.';
}

/** When, where and how an appointment is held, in the words the employee reads. */
export function appointmentWords(
  appointment: Pick<Appointment, 'heldOn' | 'startsAt' | 'minutes' | 'placeKind' | 'place'>,
) {
  return {
    date: ukDateWithDay(appointment.heldOn),
    time: timeWords(appointment.startsAt),
    minutes: appointment.minutes,
    how: PLACE_KIND_WORDS[appointment.placeKind as PlaceKind] ?? appointment.placeKind,
    place: appointment.placeKind === 'site' ? appointment.place : '',
    instructions: instructions(appointment.placeKind),
  };
}

/** The appointment's lasting identity in calendars, the same for its booking and its cancellation. */
function uid(appointment: Appointment): string {
  return `oh-appointment-${appointment.organisationId}-${appointment.id}@wellwork`;
}

/** An iCalendar file holding the appointment, or its cancellation. */
export function appointmentCalendar(
  appointment: Appointment,
  organisationName: string,
  cancelled: boolean,
): string {
  const start = londonInstant(appointment.heldOn, appointment.startsAt);
  const calendar = ical({
    name: SUMMARY,
    prodId: { company: 'Wellwork', product: 'Occupational health', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
  });
  calendar.createEvent({
    id: uid(appointment),
    sequence: cancelled ? 1 : 0,
    start,
    end: new Date(start.getTime() + appointment.minutes * 60_000),
    summary: `${SUMMARY} (${organisationName})`,
    description: instructions(appointment.placeKind),
    location:
      appointment.placeKind === 'site'
        ? appointment.place
        : (PLACE_KIND_WORDS[appointment.placeKind as PlaceKind] ?? appointment.placeKind),
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  return calendar.toString();
}

export type AppointmentChange =
  | { change: 'booked'; appointment: Appointment }
  | { change: 'cancelled'; appointment: Appointment }
  | { change: 'rebooked'; appointment: Appointment; was: Appointment };

/**
 * Emails the employee at the address given with the referral; nothing is sent when there is
 * none. A message that cannot be sent leaves the appointment as it is, with a warning.
 */
export async function emailAppointment(
  services: Services,
  to: { name: string; email: string | null },
  organisationName: string,
  /** The employee's own page of the referral, in self-service. */
  link: string,
  what: AppointmentChange,
): Promise<boolean> {
  if (!to.email) return false;
  const { appointment } = what;
  const was = what.change === 'rebooked' ? what.was : what.appointment;
  const subject = {
    booked: `${to.name}, your occupational health appointment`,
    rebooked: `${to.name}, your occupational health appointment has moved`,
    cancelled: `${to.name}, your occupational health appointment is cancelled`,
  }[what.change];
  const files = [
    ...(what.change === 'rebooked'
      ? [
          {
            name: 'cancelled-appointment.ics',
            content: appointmentCalendar(what.was, organisationName, true),
          },
        ]
      : []),
    {
      name: what.change === 'cancelled' ? 'cancelled-appointment.ics' : 'appointment.ics',
      content: appointmentCalendar(appointment, organisationName, what.change === 'cancelled'),
    },
  ];
  try {
    await services.mailer.send({
      to: to.email,
      subject,
      ...renderEmail('oh-appointment', {
        subject,
        name: to.name,
        change: what.change,
        when: appointmentWords(appointment),
        was: appointmentWords(was),
        link,
        organisationName,
      }),
      attachments: files.map((f) => ({
        filename: f.name,
        content: f.content,
        contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
      })),
    });
    return true;
  } catch (error) {
    process.emitWarning(`The appointment email could not be sent: ${(error as Error).message}`);
    return false;
  }
}
