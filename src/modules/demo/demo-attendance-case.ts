import type { Db } from '../../db/database.ts';
import { outcomeInWords, STAGE_NAMES } from '../../domain/attendance-stages.ts';
import { addDays } from '../../domain/dates.ts';
import { DEFAULT_TEMPLATES, fillTemplate } from '../../domain/letters.ts';
import { ukDate } from '../../web/nunjucks.ts';
import { attendanceCasesRepository } from '../attendance-cases/attendance-cases-repository.ts';
import { peopleRepository } from '../people/people-repository.ts';

/**
 * One attendance case in the demo manager's team, so that HR, the manager and the case list have
 * something real to show: an informal stage meeting held three weeks ago with a review period,
 * its invitation and outcome letters. The person is not one of the demo sign-ins.
 */
export async function demoAttendanceCase(
  db: Db,
  organisation: { id: number; name: string },
  manager: { employeeNumber: string; displayName: string },
  accountHolders: ReadonlySet<string>,
  today: string,
): Promise<boolean> {
  const staff = peopleRepository(db, organisation.id);
  const [managerPerson] = await staff.byEmployeeNumbers([manager.employeeNumber]);
  if (!managerPerson) return false;
  const reports = await staff.directReports(managerPerson.id, today);
  const person = reports.find((p) => !accountHolders.has(p.employee_number));
  if (!person) return false;
  const cases = attendanceCasesRepository(db, organisation.id);
  const noticeOn = addDays(today, -30);
  const heldOn = addDays(today, -21);
  const reviewDate = addDays(today, 35);
  const caseId = await cases.open(person.id, noticeOn, null);
  const meeting = {
    stage: 'informal' as const,
    meetingDate: heldOn,
    location: 'The manager’s office',
    noticeGivenOn: noticeOn,
  };
  const meetingId = await cases.arrangeMeeting({
    caseId,
    ...meeting,
    overrideReason: null,
    createdByUserId: null,
  });
  const record = {
    heldOn,
    accompaniment: 'colleague' as const,
    companionName: 'A work colleague of their choosing',
    attendees: `${manager.displayName} (line manager), ${person.first_name} ${person.last_name}, their colleague`,
    discussion:
      'Four short spells of sickness in six months, mostly migraines. We talked about screen breaks, the rota and an occupational health referral.',
    outcome: 'review_period' as const,
    reviewDate,
    rationale:
      'The action plan helped but migraines continue. A review period lets the occupational health advice and a change to early shifts take effect.',
  };
  await cases.recordMeeting(meetingId, record, null);
  const values = {
    personName: `${person.first_name} ${person.last_name}`,
    organisationName: organisation.name,
    stage: STAGE_NAMES.informal,
    location: meeting.location,
    noticeDate: ukDate(noticeOn),
    outcome: outcomeInWords(record.outcome, record.reviewDate),
    rationale: record.rationale,
    reviewDate: ukDate(reviewDate),
    senderName: manager.displayName,
  };
  for (const [kind, issuedOn, meetingDate] of [
    ['invitation', noticeOn, heldOn],
    ['outcome', addDays(heldOn, 1), heldOn],
  ] as const) {
    const letter = fillTemplate(DEFAULT_TEMPLATES[kind], {
      ...values,
      meetingDate: ukDate(meetingDate),
      meetingTime: '10:30am',
    });
    const invitation = kind === 'invitation';
    await cases.issueLetter({
      personId: person.id,
      meetingId,
      kind,
      issuedOn,
      ...letter,
      meetingDate: invitation ? meetingDate : null,
      meetingTime: invitation ? '10:30' : null,
      meetingPlace: invitation ? meeting.location : null,
      issuedByUserId: null,
    });
  }
  return true;
}
