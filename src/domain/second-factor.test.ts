import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  normaliseAuthenticatorCode,
  normaliseRecoveryCode,
  RECOVERY_ALPHABET,
  recoveryCodeFrom,
} from './second-factor.ts';

test('recovery codes: 16 characters of 32 (80 bits), in four groups, read back however typed', () => {
  const bytes = Uint8Array.from({ length: 16 }, (_, i) => i * 17);
  const code = recoveryCodeFrom(bytes);
  assert.match(code, /^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  assert.equal(RECOVERY_ALPHABET.length, 32, 'each byte picks a character without bias');
  assert.doesNotMatch(code, /[01IO]/);
  const plain = code.replaceAll('-', '');
  assert.equal(normaliseRecoveryCode(code), plain);
  assert.equal(normaliseRecoveryCode(` ${code.toLowerCase().replaceAll('-', ' ')} `), plain);
  assert.equal(normaliseRecoveryCode(plain.slice(1)), null);
  assert.equal(normaliseRecoveryCode(`${plain.slice(1)}0`), null, 'a character no code has');
  assert.throws(() => recoveryCodeFrom(new Uint8Array(15)), RangeError);
});

test('authenticator codes: six digits, spaces allowed', () => {
  assert.equal(normaliseAuthenticatorCode('123 456'), '123456');
  assert.equal(normaliseAuthenticatorCode('12345'), null);
  assert.equal(normaliseAuthenticatorCode('12345a'), null);
  assert.equal(normaliseAuthenticatorCode('１２３４５６'), null, 'full-width digits are not taken as digits');
});
