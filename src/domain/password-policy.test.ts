import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PRODUCT_NAME, passwordProblem } from './password-policy.ts';

test('a long, uncommon password is accepted', () => {
  assert.equal(passwordProblem('orange kettle harbour'), null);
});

test('passwords shorter than 12 characters are refused', () => {
  assert.match(passwordProblem('short pass1') ?? '', /at least 12 characters/);
  assert.equal(passwordProblem('twelve chars'), null);
});

test('common passwords are refused even with digits added', () => {
  assert.match(passwordProblem('passwordpassword') ?? '', /too common/);
  assert.match(passwordProblem('Liverpoolfc2024!') ?? '', /too common/);
  assert.match(passwordProblem('1234567890123') ?? '', /too common|too easy/);
});

test('no composition rules: lower-case words are fine', () => {
  assert.equal(passwordProblem('correct horse battery'), null);
});

test('repeated characters and the email name are refused', () => {
  assert.match(passwordProblem('aaaaaaaaaaaaaa') ?? '', /too easy/);
  assert.match(passwordProblem('jane.smith-rules', { email: 'jane.smith@example.org' }) ?? '', /email/);
});

const merrowby = { email: 'jo.bloggs@merrowby.example', names: ['Merrowby Council', PRODUCT_NAME] };

test('passwords built on the organisation’s or the product’s name are refused', () => {
  assert.match(passwordProblem('Merrowby2026!', merrowby) ?? '', /built on the name Merrowby/);
  assert.match(passwordProblem('Wellwork2026', merrowby) ?? '', /built on the name Wellwork/);
  assert.match(passwordProblem('W3llw0rk-2026!', merrowby) ?? '', /built on the name Wellwork/);
  assert.match(passwordProblem('MerrowbyCouncil1', merrowby) ?? '', /built on the name MerrowbyCouncil/);
  assert.match(passwordProblem('merrowby wellwork', merrowby) ?? '', /built on the name/);
  // A name among words of one's own is fine.
  assert.equal(passwordProblem('merrowby marshes at midnight', merrowby), null);
  // Without the context, the same password is not known to be a name.
  assert.equal(passwordProblem('Merrowby2026!'), null);
});

test('repeated patterns and sequences are refused', () => {
  for (const password of [
    'abcabcabcabc',
    'abcabcabc2026!',
    'xyxyxyxyxyxy',
    'abcdefghijklm',
    'zyxwvutsrqpo',
    'Bob2026!!!!!!!!',
  ]) {
    assert.match(passwordProblem(password) ?? '', /too easy to guess/, password);
  }
});

test('breached passwords are refused however they are dressed up', () => {
  for (const password of [
    'P@ssw0rd2026!',
    '!!Sunshine2026',
    'Summer-Holiday-2026',
    'monkey.monkey.1',
    'Password-1234',
  ]) {
    assert.match(passwordProblem(password) ?? '', /too common|too easy/, password);
  }
});
