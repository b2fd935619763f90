/**
 * The addresses of the occupational health service. Referrers, HR and employees use them in the
 * employee's organisation; OH staff use the `service` ones in the provider's organisation, where
 * `:referralId` names a case of any organisation the service serves.
 */
import { path } from '../../web/paths.ts';

export const ohPaths = {
  /** The partnership admin marks which organisations each OH service serves. */
  partnership: {
    services: path('/partnership/occupational-health'),
    newClient: path('/partnership/occupational-health/new'),
    endClient: path('/partnership/occupational-health/:org/end'),
  },
  /** A line manager or HR refers someone, and follows their referrals. */
  referrer: {
    newReferral: path('/o/:org/people/:personId/oh-referrals/new'),
    referrals: path('/o/:org/oh-referrals'),
    referral: path('/o/:org/oh-referrals/:referralId'),
    recordConsent: path('/o/:org/oh-referrals/:referralId/consent'),
    addAdjustments: path('/o/:org/oh-referrals/:referralId/adjustments'),
  },
  /** The employee: their referrals, appointments and reports. */
  own: {
    overview: path('/o/:org/my-occupational-health'),
    referral: path('/o/:org/my-occupational-health/referrals/:referralId'),
    consent: path('/o/:org/my-occupational-health/referrals/:referralId/consent'),
    withdraw: path('/o/:org/my-occupational-health/referrals/:referralId/withdraw'),
    selfReferral: path('/o/:org/my-occupational-health/self-referral'),
    report: path('/o/:org/my-occupational-health/reports/:reportId'),
    releaseReport: path('/o/:org/my-occupational-health/reports/:reportId/release'),
    withholdReport: path('/o/:org/my-occupational-health/reports/:reportId/withhold'),
    askCorrection: path('/o/:org/my-occupational-health/reports/:reportId/corrections'),
  },
  /** The OH service's own pages, in the provider's organisation. */
  service: {
    cases: path('/o/:org/oh/cases'),
    case: path('/o/:org/oh/cases/:referralId'),
    triage: path('/o/:org/oh/cases/:referralId/triage'),
    close: path('/o/:org/oh/cases/:referralId/close'),
    book: path('/o/:org/oh/cases/:referralId/appointments/new'),
    appointment: path('/o/:org/oh/appointments/:appointmentId'),
    cancelAppointment: path('/o/:org/oh/appointments/:appointmentId/cancel'),
    rebookAppointment: path('/o/:org/oh/appointments/:appointmentId/rebook'),
    recordAttendance: path('/o/:org/oh/appointments/:appointmentId/attendance'),
    sessions: path('/o/:org/oh/sessions'),
    newSession: path('/o/:org/oh/sessions/new'),
    clinicList: path('/o/:org/oh/clinic-list'),
    clinicians: path('/o/:org/oh/clinicians'),
    settings: path('/o/:org/oh/settings'),
    newNote: path('/o/:org/oh/cases/:referralId/notes/new'),
    note: path('/o/:org/oh/cases/:referralId/notes/:noteId'),
    addendum: path('/o/:org/oh/cases/:referralId/notes/:noteId/addenda'),
    report: path('/o/:org/oh/cases/:referralId/report'),
    sendReport: path('/o/:org/oh/cases/:referralId/report/send'),
    correction: path('/o/:org/oh/cases/:referralId/report/corrections/:correctionId'),
  },
};
