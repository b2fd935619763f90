import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { invitationStatus, invitationStatusWords, linkProblem } from './staff-invitations.ts';

const now = new Date('2026-12-07T12:00:00Z');
const sent = {
  sentAt: new Date('2026-12-03T09:30:00Z'),
  expiresAt: new Date('2026-12-10T09:30:00Z'),
  acceptedAt: null,
  revokedAt: null,
};

describe('an invitation’s status', () => {
  it('is said in words, with its dates', () => {
    assert.equal(invitationStatusWords({ ...sent, sentAt: null }, now), 'Waiting to be sent');
    assert.equal(invitationStatusWords(sent, now), 'Sent on 3 December 2026');
    assert.equal(
      invitationStatusWords(sent, new Date('2026-12-11T00:00:00Z')),
      'Expired on 10 December 2026',
    );
    assert.equal(
      invitationStatusWords({ ...sent, acceptedAt: new Date('2026-12-04T10:00:00Z') }, now),
      'Accepted on 4 December 2026',
    );
    assert.equal(
      invitationStatusWords({ ...sent, revokedAt: new Date('2026-12-05T10:00:00Z') }, now),
      'Revoked on 5 December 2026',
    );
  });

  it('expires at the moment its link stops working, and revoked or accepted is for good', () => {
    assert.equal(invitationStatus(sent, new Date('2026-12-10T09:29:59Z')), 'sent');
    assert.equal(invitationStatus(sent, new Date('2026-12-10T09:30:00Z')), 'expired');
    const revokedLate = { ...sent, revokedAt: now };
    assert.equal(invitationStatus(revokedLate, new Date('2027-01-01T00:00:00Z')), 'revoked');
  });

  it('lets a link be used only while sent and current, and says plainly why not', () => {
    assert.equal(linkProblem(sent, now), null);
    assert.match(linkProblem(null, now) ?? '', /does not work/);
    assert.match(linkProblem(sent, new Date('2026-12-11T00:00:00Z')) ?? '', /expired on 10 December 2026/);
    assert.match(linkProblem({ ...sent, acceptedAt: now }, now) ?? '', /already been used/);
    assert.match(linkProblem({ ...sent, revokedAt: now }, now) ?? '', /withdrawn/);
    assert.notEqual(linkProblem({ ...sent, sentAt: null }, now), null, 'a link not yet sent does not exist');
  });
});
