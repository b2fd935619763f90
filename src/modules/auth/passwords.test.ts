import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashPassword, verifyPassword } from './passwords.ts';

test('passwords are hashed with argon2id and verified', async () => {
  const hashed = await hashPassword('orange kettle harbour');
  assert.match(hashed, /^\$argon2id\$/);
  assert.equal(await verifyPassword(hashed, 'orange kettle harbour'), true);
  assert.equal(await verifyPassword(hashed, 'orange kettle harbor'), false);
  assert.equal(await verifyPassword('not a hash', 'anything'), false);
});
