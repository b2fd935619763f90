/**
 * What the attendance case pages share: who may do casework, stages, outcomes and meetings in
 * words, the case a page is about and the meeting it is about. A case or meeting that is not
 * this person's is not found.
 */
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.ts';
import type { LetterKind } from '../../domain/letters.ts';
import { codeWords } from '../../domain/labels.ts';
import { notFound } from '../../web/access-control.ts';
import { paths } from '../../web/paths.ts';
import { idParam, organisationOf } from '../../web/request-context.ts';
import { attendanceCasesRepository, type StageMeeting } from './attendance-cases-repository.ts';

export const CASEWORK = { kind: 'permission', permission: 'attendance.casework' } as const;
/** Casework is about the person in `:personId`, whose records only HR and their reporting line reach. */
export const CASEWORK_RECORD = { person: 'personId', rule: 'casework' };

export const stageName = (stage: string | null) => codeWords('stage', stage);
export const outcomeName = (outcome: string | null) => codeWords('outcome', outcome);
export const issuedLetter = (letters: readonly { kind: string }[], kind: LetterKind) =>
  letters.find((l) => l.kind === kind) ?? null;

export function meetingStatus(meeting: StageMeeting, onDate: string) {
  if (meeting.heldOn) return { text: 'Held', colour: 'green' };
  if (meeting.meetingDate < onDate) return { text: 'Outcome not recorded', colour: 'red' };
  return { text: 'Arranged', colour: 'blue' };
}

/** The organisation, person and case a case page is about. */
export function caseParams(request: FastifyRequest) {
  return {
    organisation: organisationOf(request),
    personId: idParam(request, 'personId'),
    caseId: idParam(request, 'caseId'),
  };
}

export const caseHref = (org: string, personId: number, caseId: number) =>
  paths.organisation.attendanceCase.build({ org, personId, caseId });

export async function loadCase(db: Db, organisationId: number, personId: number, caseId: number) {
  const found = await attendanceCasesRepository(db, organisationId).find(caseId);
  if (!found || found.personId !== personId) throw notFound();
  return found;
}

/** A meeting of the person's case, with the letters issued for it. */
export async function loadMeeting(
  db: Db,
  request: FastifyRequest,
  personId: number,
  caseId: number,
  meetingId: number,
) {
  const organisation = organisationOf(request);
  const repository = attendanceCasesRepository(db, organisation.id);
  const attendanceCase = await loadCase(db, organisation.id, personId, caseId);
  const meeting = await repository.meeting(caseId, meetingId);
  if (!meeting) throw notFound();
  const letters = (await repository.letters(personId)).filter((l) => l.meetingId === meetingId);
  return { attendanceCase, meeting, letters };
}
