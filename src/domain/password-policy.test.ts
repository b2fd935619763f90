import assert from 'node:assert/strict';
import { test } from 'node:test';
import { passwordProblem } from './password-policy.ts';

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
